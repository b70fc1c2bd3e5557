import { describe, expect, it } from 'vitest';
import { formatTimeTick, linearScale, niceTicks, stepDecimals, timeTicks } from './chart-scales';

const local = (...parts: [number, number, number, number?]) =>
  new Date(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0).getTime();

describe('value axis', () => {
  it('ticks weights at round numbers that cover every reading', () => {
    const { ticks, step } = niceTicks(70.2, 73.4, 5);
    expect(step).toBe(1);
    expect(ticks).toEqual([70, 71, 72, 73, 74]);
  });

  it('uses 2.5 and 5 steps where they fit better', () => {
    expect(niceTicks(0, 10, 4).ticks).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(60, 140, 4).ticks).toEqual([60, 80, 100, 120, 140]);
  });

  it('keeps decimal ticks exact', () => {
    const { ticks, decimals } = niceTicks(0.9, 1.3, 4);
    expect(ticks).toEqual([0.9, 1, 1.1, 1.2, 1.3]);
    expect(decimals).toBe(1);
  });

  it('gives a single reading a band around it', () => {
    const { ticks } = niceTicks(72, 72, 5);
    expect(ticks[0]).toBeLessThan(72);
    expect(ticks.at(-1)).toBeGreaterThan(72);
    expect(niceTicks(0, 0).ticks).toContain(0);
  });

  it('counts the decimals a step needs', () => {
    expect(stepDecimals(5)).toBe(0);
    expect(stepDecimals(0.25)).toBe(2);
    expect(stepDecimals(0.1)).toBe(1);
  });

  it('maps values onto pixels, upside down for the y axis', () => {
    const y = linearScale([60, 80], [200, 0]);
    expect(y(60)).toBe(200);
    expect(y(80)).toBe(0);
    expect(y(70)).toBe(100);
    expect(linearScale([5, 5], [0, 100])(5)).toBe(50);
  });
});

describe('time axis', () => {
  it('ticks a few months of weighing at month starts', () => {
    const ticks = timeTicks(local(2024, 1, 10), local(2024, 5, 20), 6);
    expect(ticks.every((tick) => tick.unit === 'month')).toBe(true);
    expect(ticks.map((tick) => new Date(tick.time).getDate())).toEqual([1, 1, 1, 1]);
    expect(ticks.map((tick) => new Date(tick.time).getMonth())).toEqual([1, 2, 3, 4]);
  });

  it('ticks a week of readings by day, and a fever day by hours', () => {
    const days = timeTicks(local(2024, 3, 1, 8), local(2024, 3, 5, 20), 6);
    expect(days.map((tick) => tick.unit)).toEqual(['day', 'day', 'day', 'day']);
    expect(days.map((tick) => new Date(tick.time).getDate())).toEqual([2, 3, 4, 5]);
    const hours = timeTicks(local(2024, 3, 1, 7), local(2024, 3, 1, 19), 5);
    expect(hours.every((tick) => tick.unit === 'hour')).toBe(true);
    expect(hours.length).toBeLessThanOrEqual(5);
  });

  it('ticks decades of records by years', () => {
    const ticks = timeTicks(local(1990, 6, 1), local(2024, 6, 1), 5);
    expect(ticks.every((tick) => tick.unit === 'year')).toBe(true);
    expect(ticks.map((tick) => new Date(tick.time).getFullYear())).toEqual([2000, 2010, 2020]);
  });

  it('never gives more ticks than asked (plus the one at the edge)', () => {
    for (const days of [0.2, 1, 3, 40, 400, 4000]) {
      const ticks = timeTicks(local(2020, 1, 1), local(2020, 1, 1) + days * 86_400_000, 4);
      expect(ticks.length, `${days} days`).toBeLessThanOrEqual(5);
      expect(ticks.length, `${days} days`).toBeGreaterThan(0);
    }
    expect(timeTicks(5, 5)).toEqual([]);
  });

  it('labels ticks in the user’s language', () => {
    const time = local(2024, 5, 12);
    expect(formatTimeTick({ time, unit: 'year' }, 'fr')).toBe('2024');
    expect(formatTimeTick({ time, unit: 'day' }, 'fr')).toBe('12 mai');
    expect(formatTimeTick({ time, unit: 'month' }, 'en')).toBe('May 2024');
  });
});
