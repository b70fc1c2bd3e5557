import { describe, expect, it } from 'vitest';
import { MEASUREMENT_TYPE_CODES, MEASUREMENT_TYPES, rangeFor } from '../../lib/record';
import { plotUnit, toPlotUnit } from './measure-units';

describe('plotting readings typed in different units', () => {
  it('draws each measure in the unit France uses', () => {
    expect(plotUnit('weight')).toBe('kg');
    expect(plotUnit('height')).toBe('cm');
    expect(plotUnit('glucose')).toBe('g/L');
    expect(plotUnit('temperature')).toBe('Cel');
    expect(plotUnit('blood-pressure')).toBe('mm[Hg]');
  });

  it('converts pounds, inches, mmol/L, mg/dL and °F', () => {
    expect(toPlotUnit('weight', '[lb_av]', 100)).toBeCloseTo(45.359237, 9);
    expect(toPlotUnit('height', '[in_i]', 70)).toBeCloseTo(177.8, 9);
    expect(toPlotUnit('glucose', 'mmol/L', 5.5)).toBeCloseTo(0.99088, 5);
    expect(toPlotUnit('glucose', 'mg/dL', 110)).toBeCloseTo(1.1, 9);
    expect(toPlotUnit('temperature', '[degF]', 98.6)).toBeCloseTo(37, 9);
    expect(toPlotUnit('temperature', '[degF]', 32)).toBeCloseTo(0, 9);
  });

  it('keeps a reading already in the plot unit as it is', () => {
    expect(toPlotUnit('weight', 'kg', 72.5)).toBe(72.5);
    expect(toPlotUnit('spo2', '%', 97)).toBe(97);
  });

  it('leaves off a reading in a unit its measure does not have', () => {
    expect(toPlotUnit('weight', 'cm', 70)).toBeNull();
    expect(toPlotUnit('weight', 'stone', 11)).toBeNull();
    expect(toPlotUnit('weight', 'kg', Number.NaN)).toBeNull();
  });

  it('knows how to convert every unit a measure allows', () => {
    for (const type of MEASUREMENT_TYPE_CODES) {
      for (const [unit, range] of Object.entries(MEASUREMENT_TYPES[type].units)) {
        const low = toPlotUnit(type, unit, range.min)!;
        const high = toPlotUnit(type, unit, range.max)!;
        // The ranges allowed in each unit describe the same bodies: converted, they roughly agree.
        const base = rangeFor(type, plotUnit(type))!;
        expect(high, `${type} ${unit}`).toBeGreaterThan(low);
        expect(high / base.max, `${type} ${unit}`).toBeGreaterThan(0.5);
        expect(high / base.max, `${type} ${unit}`).toBeLessThan(2);
      }
    }
  });
});
