import { beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../lib/record';
import { CATALOGUES, format, loadAreas, type MessageKey, type MessageParams } from '../i18n/locale';
import { describeMeasure } from './measure-summary';
import { measureData } from './measure-series';

const fr = (key: MessageKey, params?: MessageParams) => format(CATALOGUES.fr, key, params, 'fr');

beforeAll(() => loadAreas());

let next = 0;
function reading(fields: Record<string, string | number>): Entry {
  next++;
  return {
    id: `r${next}`,
    kind: 'measurement',
    createdAt: next,
    updatedAt: next,
    source: 'patient',
    ...fields,
  };
}

describe('a chart in words', () => {
  it('tells the count, the period, the range and the latest reading as typed', () => {
    const data = measureData(
      [
        reading({ type: 'weight', date: '2024-01-05', unit: 'kg', value: 74 }),
        reading({ type: 'weight', date: '2024-03-01', unit: '[lb_av]', value: 160 }),
        reading({ type: 'weight', date: '2024-02-01', unit: 'kg', value: 72.5 }),
      ],
      'weight',
    );
    expect(describeMeasure(data, fr, 'fr')).toEqual([
      'Poids : 3 mesures, du 5 janvier 2024 au 1 mars 2024. Dernière : 160 lb le 1 mars 2024.',
      'Valeurs de 72,5 à 74 kg.',
    ]);
  });

  it('gives blood pressure a range for each number', () => {
    const data = measureData(
      [
        reading({
          type: 'blood-pressure',
          date: '2024-01-01',
          unit: 'mm[Hg]',
          systolic: 120,
          diastolic: 80,
        }),
        reading({
          type: 'blood-pressure',
          date: '2024-01-02',
          unit: 'mm[Hg]',
          systolic: 135,
          diastolic: 88,
        }),
      ],
      'blood-pressure',
    );
    const [, systolic, diastolic] = describeMeasure(data, fr, 'fr');
    expect(systolic).toBe('Systolique de 120 à 135 mmHg.');
    expect(diastolic).toBe('Diastolique de 80 à 88 mmHg.');
  });

  it('says a single reading in one sentence, and nothing without any', () => {
    const one = measureData(
      [reading({ type: 'spo2', date: '2024-01-01', unit: '%', value: 97 })],
      'spo2',
    );
    expect(describeMeasure(one, fr, 'fr')).toEqual([
      'Saturation en oxygène (SpO2) : une seule mesure, 97 % le 1 janvier 2024.',
    ]);
    expect(describeMeasure(measureData([], 'spo2'), fr, 'fr')).toEqual([]);
  });
});
