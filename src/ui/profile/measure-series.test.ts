import { describe, expect, it } from 'vitest';
import type { Entry } from '../../lib/record';
import { latestByType, measureData, measurementTime, seriesRanges } from './measure-series';

let next = 0;
function reading(fields: Record<string, string | number>): Entry {
  next++;
  return {
    id: `m${next}`,
    kind: 'measurement',
    createdAt: next,
    updatedAt: next,
    source: 'patient',
    ...fields,
  };
}

describe('a measure’s readings over time', () => {
  it('places a day at noon and an instant where it is', () => {
    expect(measurementTime('2024-05-12')).toBe(new Date(2024, 4, 12, 12).getTime());
    expect(measurementTime('2024-05-12T08:30:00.000Z')).toBe(Date.UTC(2024, 4, 12, 8, 30));
    expect(measurementTime('soon')).toBeNull();
    expect(measurementTime(undefined)).toBeNull();
  });

  it('plots weights oldest first, pounds converted to kilograms', () => {
    const data = measureData(
      [
        reading({ type: 'weight', date: '2024-03-01', unit: 'kg', value: 72 }),
        reading({ type: 'weight', date: '2024-01-01', unit: '[lb_av]', value: 154 }),
        reading({ type: 'height', date: '2024-02-01', unit: 'cm', value: 170 }),
        reading({ type: 'weight', date: '2024-02-01T09:00:00Z', unit: 'kg', value: 71 }),
      ],
      'weight',
    );
    expect(data.unit).toBe('kg');
    expect(data.series).toHaveLength(1);
    const values = data.series[0]!.points.map((point) => point.value);
    expect(values[0]).toBeCloseTo(69.853, 3);
    expect(values.slice(1)).toEqual([71, 72]);
    expect(data.readings.map((entry) => entry.value)).toEqual([154, 71, 72]);
  });

  it('plots blood pressure as two series, systolic and diastolic', () => {
    const data = measureData(
      [
        reading({
          type: 'blood-pressure',
          date: '2024-01-02',
          unit: 'mm[Hg]',
          systolic: 130,
          diastolic: 85,
        }),
        reading({
          type: 'blood-pressure',
          date: '2024-01-01',
          unit: 'mm[Hg]',
          systolic: 125,
          diastolic: 80,
        }),
      ],
      'blood-pressure',
    );
    expect(data.series.map((series) => series.key)).toEqual(['systolic', 'diastolic']);
    expect(data.series[0]!.points.map((point) => point.value)).toEqual([125, 130]);
    expect(data.series[1]!.points.map((point) => point.value)).toEqual([80, 85]);
    expect(seriesRanges(data)).toEqual([
      { key: 'systolic', min: 125, max: 130 },
      { key: 'diastolic', min: 80, max: 85 },
    ]);
  });

  it('leaves off readings it cannot place: no date, no number, a foreign unit', () => {
    const data = measureData(
      [
        reading({ type: 'weight', unit: 'kg', value: 70 }),
        reading({ type: 'weight', date: '2024-01-01', unit: 'kg' }),
        reading({ type: 'weight', date: '2024-01-01', unit: 'stone', value: 11 }),
        reading({ type: 'blood-pressure', date: '2024-01-01', unit: 'mm[Hg]', systolic: 120 }),
        reading({ type: 'weight', date: '2024-01-01', unit: 'kg', value: 70 }),
      ],
      'weight',
    );
    expect(data.readings).toHaveLength(1);
    expect(measureData([], 'spo2').series[0]!.points).toEqual([]);
    expect(seriesRanges(measureData([], 'spo2'))).toEqual([]);
  });

  it('finds the latest reading of each measure', () => {
    const latest = latestByType([
      reading({ type: 'weight', date: '2024-01-01', unit: 'kg', value: 70 }),
      reading({ type: 'weight', date: '2024-03-01', unit: 'kg', value: 72 }),
      reading({ type: 'weight', date: '2024-02-01', unit: 'kg', value: 71 }),
      reading({ type: 'spo2', date: '2024-02-01T10:00:00Z', unit: '%', value: 97 }),
    ]);
    expect([...latest.keys()].sort()).toEqual(['spo2', 'weight']);
    expect(latest.get('weight')!.value).toBe(72);
  });
});
