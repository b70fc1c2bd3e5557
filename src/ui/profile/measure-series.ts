/**
 * A measure's readings over time, ready to plot: one series per number the measure has (blood
 * pressure has two), every reading in the type's plot unit, oldest first.
 */
import type { Entry, MeasurementType } from '../../lib/record';
import { plotUnit, toPlotUnit } from './measure-units';

export type SeriesKey = 'value' | 'systolic' | 'diastolic';
export type MeasurePoint = { id: string; time: number; value: number };
export type MeasureSeries = { key: SeriesKey; points: MeasurePoint[] };

export type MeasureData = {
  type: MeasurementType;
  /** The unit every point is in. */
  unit: string;
  series: MeasureSeries[];
  /** The readings plotted, oldest first (a reading of blood pressure counts once). */
  readings: Entry[];
};

/**
 * When a reading was taken, in ms: a day alone ("2024-05-12") counts as noon local time, so it
 * sits in the middle of its day; null for what is not a date.
 */
export function measurementTime(date: unknown): number | null {
  if (typeof date !== 'string') return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12).getTime();
  const time = Date.parse(date);
  return Number.isNaN(time) ? null : time;
}

export function seriesKeys(type: MeasurementType): SeriesKey[] {
  return type === 'blood-pressure' ? ['systolic', 'diastolic'] : ['value'];
}

/**
 * The readings of `type` among `entries`, oldest first. A reading without a date, a number or a
 * known unit is left off: a chart must not place a point it cannot place right.
 */
export function measureData(entries: readonly Entry[], type: MeasurementType): MeasureData {
  const keys = seriesKeys(type);
  const plotted: { entry: Entry; time: number; values: number[] }[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'measurement' || entry.type !== type) continue;
    const time = measurementTime(entry.date);
    if (time === null || typeof entry.unit !== 'string') continue;
    const values = keys.map((key) => {
      const raw = entry[key];
      return typeof raw === 'number' ? toPlotUnit(type, entry.unit as string, raw) : null;
    });
    if (values.some((value) => value === null)) continue;
    plotted.push({ entry, time, values: values as number[] });
  }
  plotted.sort((a, b) => a.time - b.time || a.entry.createdAt - b.entry.createdAt);
  return {
    type,
    unit: plotUnit(type),
    series: keys.map((key, i) => ({
      key,
      points: plotted.map(({ entry, time, values }) => ({ id: entry.id, time, value: values[i]! })),
    })),
    readings: plotted.map(({ entry }) => entry),
  };
}

export type SeriesRange = { key: SeriesKey; min: number; max: number };

/** The lowest and highest value of each series; none for a measure without readings. */
export function seriesRanges(data: MeasureData): SeriesRange[] {
  return data.series
    .filter((series) => series.points.length > 0)
    .map(({ key, points }) => {
      // A loop, not Math.min(...values): years of readings would overflow the argument list.
      let [min, max] = [Infinity, -Infinity];
      for (const { value } of points) [min, max] = [Math.min(min, value), Math.max(max, value)];
      return { key, min, max };
    });
}

/** The latest reading of each measure type that has one: what the profile's tiles show. */
export function latestByType(entries: readonly Entry[]): Map<MeasurementType, Entry> {
  const latest = new Map<MeasurementType, { entry: Entry; time: number }>();
  for (const entry of entries) {
    if (entry.kind !== 'measurement' || typeof entry.type !== 'string') continue;
    const time = measurementTime(entry.date);
    if (time === null) continue;
    const type = entry.type as MeasurementType;
    const current = latest.get(type);
    if (!current || time > current.time) latest.set(type, { entry, time });
  }
  return new Map([...latest].map(([type, { entry }]) => [type, entry]));
}
