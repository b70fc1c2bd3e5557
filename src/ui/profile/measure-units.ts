/**
 * Putting a measure's readings on one scale: a chart plots every reading of a type in the type's
 * first unit (the one France uses: kg, cm, g/L, °C), whatever unit each was typed in.
 */
import { MEASUREMENT_TYPES, rangeFor, type MeasurementType } from '../../lib/record';

/** value in the plot unit = value × scale + offset. */
type Conversion = { scale: number; offset: number };

const SAME: Conversion = { scale: 1, offset: 0 };

/**
 * To each type's first unit. The pound and the inch are exact by definition (international
 * yard and pound agreement, 1959); glucose's molar mass is 180.16 g/mol, so 1 mmol/L = 0.18016 g/L.
 */
const CONVERSIONS: Readonly<Record<string, Conversion>> = {
  '[lb_av]': { scale: 0.45359237, offset: 0 },
  '[in_i]': { scale: 2.54, offset: 0 },
  'mmol/L': { scale: 0.18016, offset: 0 },
  'mg/dL': { scale: 0.01, offset: 0 },
  '[degF]': { scale: 5 / 9, offset: (-32 * 5) / 9 },
};

/** The unit a chart of this type is drawn in. */
export function plotUnit(type: MeasurementType): string {
  return Object.keys(MEASUREMENT_TYPES[type].units)[0]!;
}

/**
 * A reading of `type` typed in `unit`, in the type's plot unit; null when the unit is not one of
 * the type's (an entry from a newer version or a damaged one: better left off than misplotted).
 */
export function toPlotUnit(type: MeasurementType, unit: string, value: number): number | null {
  if (!Number.isFinite(value) || !rangeFor(type, unit)) return null;
  const { scale, offset } = unit === plotUnit(type) ? SAME : (CONVERSIONS[unit] ?? SAME);
  return value * scale + offset;
}
