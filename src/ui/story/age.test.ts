import { describe, expect, it } from 'vitest';
import { ageOn, today } from './age';

describe('age on the summary', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1980-06-15', '2025-06-14')).toEqual({ unit: 'years', count: 44 });
    expect(ageOn('1980-06-15', '2025-06-15')).toEqual({ unit: 'years', count: 45 });
  });

  it('counts a child under two in months', () => {
    expect(ageOn('2025-01-20', '2025-08-19')).toEqual({ unit: 'months', count: 6 });
    expect(ageOn('2025-01-20', '2025-08-20')).toEqual({ unit: 'months', count: 7 });
    expect(ageOn('2023-03-01', '2025-02-28')).toEqual({ unit: 'months', count: 23 });
    expect(ageOn('2023-03-01', '2025-03-01')).toEqual({ unit: 'years', count: 2 });
  });

  it('gives nothing for a birth date in the future or not a day', () => {
    expect(ageOn('2030-01-01', '2025-01-01')).toBeNull();
    expect(ageOn('1980', '2025-01-01')).toBeNull();
  });

  it('reads today on the device calendar', () => {
    expect(today(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});
