/**
 * The axes of a chart: "nice" value ticks (1, 2, 2.5 or 5 times a power of ten) and calendar
 * ticks for time (hours, days, months, years), as the eye reads them.
 */

/** Maps a domain linearly onto a range; a domain of zero width maps to the range's middle. */
export function linearScale(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): (value: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const factor = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * factor;
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/** The smallest nice step that covers `span` in at most `count` intervals. */
function niceStep(span: number, count: number): number {
  const rough = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const nice = NICE_STEPS.find((step) => step * power >= rough * (1 - 1e-9)) ?? 10;
  return nice * power;
}

/** Digits after the decimal point a step needs (0.25 → 2). */
export function stepDecimals(step: number): number {
  for (let decimals = 0; decimals < 10; decimals++) {
    if (Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) < 1e-6) return decimals;
  }
  return 10;
}

export type ValueTicks = { ticks: number[]; step: number; decimals: number };

/**
 * Ticks from a multiple of a nice step at or below `min` to one at or above `max`, at most
 * `count` intervals (a few more for awkward spans). A single value gets a band around it.
 */
export function niceTicks(min: number, max: number, count = 5): ValueTicks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [], step: 1, decimals: 0 };
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.05;
    [min, max] = [min - pad, max + pad];
  }
  const step = niceStep(max - min, count);
  const decimals = stepDecimals(step);
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  // Rounding each tick to the step's decimals keeps 0.1 + 0.2 from showing as 0.30000000000000004.
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toFixed(decimals)));
  return { ticks, step, decimals };
}

export type TimeUnit = 'hour' | 'day' | 'month' | 'year';
export type TimeTick = { time: number; unit: TimeUnit };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Candidate spacings, finest first; days and longer follow the local calendar. */
const TIME_STEPS: { unit: TimeUnit; every: number; approx: number }[] = [
  ...[1, 2, 3, 6, 12].map((every) => ({ unit: 'hour' as const, every, approx: every * HOUR })),
  ...[1, 2, 7, 14].map((every) => ({ unit: 'day' as const, every, approx: every * DAY })),
  ...[1, 2, 3, 6].map((every) => ({ unit: 'month' as const, every, approx: every * 30.44 * DAY })),
  ...[1, 2, 5, 10, 20, 50, 100].map((every) => ({
    unit: 'year' as const,
    every,
    approx: every * 365.25 * DAY,
  })),
];

/** The first boundary of `unit` (every `every`) at or after `time`, in local time. */
function firstBoundary(time: number, unit: TimeUnit, every: number): Date {
  const at = new Date(time);
  switch (unit) {
    case 'hour': {
      const date = new Date(at.getFullYear(), at.getMonth(), at.getDate(), at.getHours());
      if (date.getTime() < time) date.setHours(date.getHours() + 1);
      while (date.getHours() % every !== 0) date.setHours(date.getHours() + 1);
      return date;
    }
    case 'day': {
      const date = new Date(at.getFullYear(), at.getMonth(), at.getDate());
      if (date.getTime() < time) date.setDate(date.getDate() + 1);
      // Weekly ticks fall on Mondays, as French calendars start the week.
      if (every >= 7) while (date.getDay() !== 1) date.setDate(date.getDate() + 1);
      return date;
    }
    case 'month': {
      const date = new Date(at.getFullYear(), at.getMonth(), 1);
      if (date.getTime() < time) date.setMonth(date.getMonth() + 1);
      while (date.getMonth() % every !== 0) date.setMonth(date.getMonth() + 1);
      return date;
    }
    case 'year': {
      const date = new Date(at.getFullYear(), 0, 1);
      if (date.getTime() < time) date.setFullYear(date.getFullYear() + 1);
      while (date.getFullYear() % every !== 0) date.setFullYear(date.getFullYear() + 1);
      return date;
    }
  }
}

function advance(date: Date, unit: TimeUnit, every: number): void {
  if (unit === 'hour') date.setHours(date.getHours() + every);
  else if (unit === 'day') date.setDate(date.getDate() + every);
  else if (unit === 'month') date.setMonth(date.getMonth() + every);
  else date.setFullYear(date.getFullYear() + every);
}

/**
 * Calendar ticks between `start` and `end` (ms), at most `maxCount`: the finest spacing that
 * fits. Steps are added with the local calendar, so a daylight-saving change does not shift them.
 */
export function timeTicks(start: number, end: number, maxCount = 5): TimeTick[] {
  if (!(end > start) || maxCount < 1) return [];
  const span = end - start;
  const step = TIME_STEPS.find(({ approx }) => span / approx <= maxCount) ?? TIME_STEPS.at(-1)!;
  const ticks: TimeTick[] = [];
  const date = firstBoundary(start, step.unit, step.every);
  while (date.getTime() <= end && ticks.length <= maxCount + 1) {
    ticks.push({ time: date.getTime(), unit: step.unit });
    advance(date, step.unit, step.every);
  }
  return ticks;
}

/** A tick's label: a time, a day and month, a month and year, or a year. */
export function formatTimeTick(tick: TimeTick, locale: string): string {
  const options: Intl.DateTimeFormatOptions =
    tick.unit === 'hour'
      ? { hour: 'numeric', minute: '2-digit' }
      : tick.unit === 'day'
        ? { day: 'numeric', month: 'short' }
        : tick.unit === 'month'
          ? { month: 'short', year: 'numeric' }
          : { year: 'numeric' };
  return new Intl.DateTimeFormat(locale, options).format(tick.time);
}
