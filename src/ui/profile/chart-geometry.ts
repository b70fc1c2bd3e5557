/**
 * Where everything of a measure's chart goes, in pixels of an SVG as wide as its box: axes with
 * their ticks and labels, and each series as a line through its points. Time is proportional on
 * x, so irregular readings keep their real spacing.
 */
import { formatTimeTick, linearScale, niceTicks, timeTicks, type TimeTick } from './chart-scales';
import type { MeasureData, SeriesKey } from './measure-series';

export type ChartBox = { left: number; top: number; right: number; bottom: number };
/** `anchor`: which end of its label sits on the tick, so edge labels stay inside the chart. */
export type XTick = {
  x: number;
  label: string;
  time: number;
  anchor: 'start' | 'middle' | 'end';
};
export type YTick = { y: number; label: string; value: number };
export type PlacedPoint = { x: number; y: number; id: string; time: number; value: number };
export type PlacedSeries = { key: SeriesKey; path: string; points: PlacedPoint[] };

export type ChartGeometry = {
  width: number;
  height: number;
  plot: ChartBox;
  xTicks: XTick[];
  yTicks: YTick[];
  series: PlacedSeries[];
};

export type ChartOptions = {
  width: number;
  height: number;
  locale: string;
  /** A value as the y axis shows it, with the decimals its tick step needs. */
  formatValue: (value: number, decimals: number) => string;
};

const DAY = 86_400_000;
/** Room for one character of an axis label at the chart's font size (0.8rem of 18px, rounded up). */
const CHAR_WIDTH = 8.5;
/** The widest x label ("sept. 2024") and the gap beside it. */
const X_LABEL_ROOM = 96;
/** Keeps the first and last points off the axes. */
const INSET = 10;

const round = (value: number) => Math.round(value * 10) / 10;

/** Lays a measure's readings out in a `width` × `height` chart. */
export function chartGeometry(data: MeasureData, options: ChartOptions): ChartGeometry {
  const { width, height, locale, formatValue } = options;
  const points = data.series.flatMap((series) => series.points);
  const values = points.map((point) => point.value);
  const times = points.map((point) => point.time);

  // Without readings the axes still frame an empty chart; one reading gets a day each side.
  let [start, end] = times.length
    ? [times.reduce((a, b) => Math.min(a, b)), times.reduce((a, b) => Math.max(a, b))]
    : [Date.now() - DAY, Date.now()];
  if (end - start < 2 * 3_600_000) [start, end] = [start - DAY, end + DAY];

  const yAxis = values.length
    ? niceTicks(
        values.reduce((a, b) => Math.min(a, b)),
        values.reduce((a, b) => Math.max(a, b)),
        height >= 240 ? 5 : 4,
      )
    : niceTicks(0, 1, 4);
  const yLabels = yAxis.ticks.map((value) => formatValue(value, yAxis.decimals));
  const longest = yLabels.reduce((n, label) => Math.max(n, label.length), 1);

  const plot: ChartBox = {
    left: Math.ceil(longest * CHAR_WIDTH) + 12,
    top: 30,
    right: width - 16,
    bottom: height - 36,
  };
  const maxXTicks = Math.max(1, Math.floor((plot.right - plot.left) / X_LABEL_ROOM));
  const x = linearScale([start, end], [plot.left + INSET, plot.right - INSET]);
  const y = linearScale([yAxis.ticks[0]!, yAxis.ticks.at(-1)!], [plot.bottom, plot.top]);

  const xTicks = timeTicks(start, end, maxXTicks).map((tick: TimeTick): XTick => {
    const at = round(x(tick.time));
    const label = formatTimeTick(tick, locale);
    const half = (label.length * CHAR_WIDTH) / 2;
    const anchor = at - half < 0 ? 'start' : at + half > width ? 'end' : 'middle';
    return { x: at, label, time: tick.time, anchor };
  });
  const yTicks = yAxis.ticks.map((value, i) => ({ y: round(y(value)), label: yLabels[i]!, value }));

  const series = data.series.map(({ key, points }) => {
    const placed = points.map((point) => ({
      ...point,
      x: round(x(point.time)),
      y: round(y(point.value)),
    }));
    const path = placed.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
    return { key, path, points: placed };
  });

  return { width, height, plot, xTicks, yTicks, series };
}
