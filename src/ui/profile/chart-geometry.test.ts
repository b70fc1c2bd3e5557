import { describe, expect, it } from 'vitest';
import type { Entry } from '../../lib/record';
import { chartGeometry, type ChartOptions } from './chart-geometry';
import { measureData } from './measure-series';

const OPTIONS: ChartOptions = {
  width: 360,
  height: 240,
  locale: 'fr',
  formatValue: (value, decimals) => value.toFixed(decimals),
};

function weights(count: number, start = Date.UTC(2024, 0, 1)): Entry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `w${i}`,
    kind: 'measurement',
    createdAt: i,
    updatedAt: i,
    source: 'patient',
    type: 'weight',
    unit: 'kg',
    value: 70 + Math.sin(i) * 3,
    date: new Date(start + i * 86_400_000).toISOString(),
  }));
}

describe('chart layout', () => {
  it('puts time left to right in proportion and higher values higher', () => {
    const entries = weights(3);
    entries[2]!.date = new Date(Date.UTC(2024, 0, 11)).toISOString(); // 9 days after the 2nd
    const { series, plot } = chartGeometry(measureData(entries, 'weight'), OPTIONS);
    const [a, b, c] = series[0]!.points;
    expect(a!.x).toBeLessThan(b!.x);
    expect((c!.x - b!.x) / (b!.x - a!.x)).toBeCloseTo(9, 0);
    expect(b!.y).toBeLessThan(a!.y); // 72.5 kg above 70 kg
    for (const point of [a!, b!, c!]) {
      expect(point.x).toBeGreaterThanOrEqual(plot.left);
      expect(point.x).toBeLessThanOrEqual(plot.right);
      expect(point.y).toBeGreaterThanOrEqual(plot.top);
      expect(point.y).toBeLessThanOrEqual(plot.bottom);
    }
    expect(series[0]!.path).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/);
  });

  it('frames every value between the lowest and highest y tick', () => {
    const { yTicks, series } = chartGeometry(measureData(weights(30), 'weight'), OPTIONS);
    const ys = series[0]!.points.map((point) => point.y);
    expect(Math.max(...ys)).toBeLessThanOrEqual(yTicks[0]!.y);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(yTicks.at(-1)!.y);
    expect(yTicks.map((tick) => tick.label)).toContain('70');
  });

  it('draws a single reading in the middle of a few days', () => {
    const { series, xTicks, plot } = chartGeometry(measureData(weights(1), 'weight'), OPTIONS);
    const [point] = series[0]!.points;
    expect(point!.x).toBeCloseTo((plot.left + plot.right) / 2, 0);
    expect(xTicks.length).toBeGreaterThan(0);
  });

  it('lays out hundreds of readings with x labels that do not overlap', () => {
    const geometry = chartGeometry(measureData(weights(500), 'weight'), OPTIONS);
    expect(geometry.series[0]!.points).toHaveLength(500);
    const xs = geometry.xTicks.map((tick) => tick.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThan(60);
  });

  it('keeps x labels inside a narrow chart', () => {
    const narrow = { ...OPTIONS, width: 180 };
    const { xTicks } = chartGeometry(measureData(weights(60), 'weight'), narrow);
    for (const tick of xTicks) {
      const room = tick.label.length * 8.5;
      const [from, to] =
        tick.anchor === 'start'
          ? [tick.x, tick.x + room]
          : tick.anchor === 'end'
            ? [tick.x - room, tick.x]
            : [tick.x - room / 2, tick.x + room / 2];
      expect(from, tick.label).toBeGreaterThanOrEqual(0);
      expect(to, tick.label).toBeLessThanOrEqual(180);
    }
  });

  it('still frames an empty chart', () => {
    const geometry = chartGeometry(measureData([], 'weight'), OPTIONS);
    expect(geometry.series[0]!.path).toBe('');
    expect(geometry.yTicks.length).toBeGreaterThan(1);
  });

  it('makes room on the left for the longest value label', () => {
    const narrow = chartGeometry(measureData(weights(3), 'weight'), OPTIONS);
    const wide = chartGeometry(measureData(weights(3), 'weight'), {
      ...OPTIONS,
      formatValue: (value) => `${value.toFixed(3)} units`,
    });
    expect(wide.plot.left).toBeGreaterThan(narrow.plot.left);
  });
});
