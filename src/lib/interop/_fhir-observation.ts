/**
 * Observations (FHIR R4 Observation, vital-signs profile https://hl7.org/fhir/R4/observation-vitalsigns.html):
 * a measure ours knows by its LOINC code becomes a measurement, converted to a unit our schema
 * allows; smoking, alcohol and activity become habits; a blood group goes to the identity. The
 * rest (most lab results) is kept as it came.
 */
import type { MeasurementType } from '../record';
import {
  LOINC,
  SNOMED,
  UCUM,
  asObject,
  asObjects,
  asText,
  codeOf,
  codings,
  conceptText,
  fhirDayOrInstant,
  fhirDay,
  type FhirObject,
} from './_fhir-json';
import { entry, unmapped, type Mapped } from './_fhir-mapped';

/** LOINC codes of our measures, the main one first (MEASUREMENT_TYPES) then common variants. */
const MEASURE_OF_LOINC: Record<string, MeasurementType> = {
  '29463-7': 'weight',
  '3141-9': 'weight', // Body weight Measured
  '8302-2': 'height',
  '8306-3': 'height', // Body height lying
  '8308-9': 'height', // Body height standing
  '8867-4': 'heart-rate',
  '2339-0': 'glucose',
  '2345-7': 'glucose', // Glucose in Serum or Plasma
  '41653-7': 'glucose', // Glucose in Capillary blood by Glucometer
  '15074-8': 'glucose', // Glucose [Moles/volume] in Blood
  '8310-5': 'temperature',
  '8331-1': 'temperature', // Oral temperature
  '59408-5': 'spo2',
  '2708-6': 'spo2', // Oxygen saturation in Arterial blood
};
export const BLOOD_PRESSURE_PANELS = new Set(['85354-9', '55284-4']);
export const SYSTOLIC = '8480-6';
export const DIASTOLIC = '8462-4';

type Conversion = { unit: string; factor: number };
const same = (unit: string): Conversion => ({ unit, factor: 1 });

/** UCUM codes and the spellings seen in the wild → a unit MEASUREMENT_TYPES allows. */
const UNITS: Record<MeasurementType | 'pressure', Record<string, Conversion>> = {
  weight: {
    kg: same('kg'),
    g: { unit: 'kg', factor: 0.001 },
    '[lb_av]': same('[lb_av]'),
    lb: same('[lb_av]'),
    lbs: same('[lb_av]'),
  },
  height: {
    cm: same('cm'),
    m: { unit: 'cm', factor: 100 },
    mm: { unit: 'cm', factor: 0.1 },
    '[in_i]': same('[in_i]'),
    in: same('[in_i]'),
    '[ft_i]': { unit: '[in_i]', factor: 12 },
  },
  'heart-rate': {
    '/min': same('/min'),
    '{beats}/min': same('/min'),
    'beats/min': same('/min'),
    bpm: same('/min'),
    '1/min': same('/min'),
  },
  glucose: {
    'g/L': same('g/L'),
    'mmol/L': same('mmol/L'),
    'mg/dL': same('mg/dL'),
    'mg/L': { unit: 'g/L', factor: 0.001 },
  },
  temperature: {
    Cel: same('Cel'),
    '°C': same('Cel'),
    C: same('Cel'),
    degC: same('Cel'),
    '[degF]': same('[degF]'),
    '°F': same('[degF]'),
    F: same('[degF]'),
  },
  spo2: { '%': same('%') },
  'blood-pressure': { 'mm[Hg]': same('mm[Hg]'), mmHg: same('mm[Hg]') },
  // 1 kPa = 7.50062 mmHg.
  pressure: { kPa: { unit: 'mm[Hg]', factor: 7.50062 } },
};

/** A Quantity in one of our units, or undefined. Rounded so that 72.5 lb × 1 stays 72.5. */
export function quantityIn(
  quantity: unknown,
  type: MeasurementType,
): { value: number; unit: string } | undefined {
  const q = asObject(quantity);
  const value = q?.value;
  if (!q || typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const code = asText(q.system) === UCUM || !asText(q.unit) ? asText(q.code) : undefined;
  const spelled = code ?? asText(q.unit) ?? asText(q.code);
  if (!spelled) return undefined;
  const table = { ...UNITS[type], ...(type === 'blood-pressure' ? UNITS.pressure : {}) };
  const conversion = Object.hasOwn(table, spelled) ? table[spelled] : undefined;
  if (!conversion) return undefined;
  return { value: Math.round(value * conversion.factor * 1000) / 1000, unit: conversion.unit };
}

/** When it was observed: effective[x], else when it was issued. */
export function observedAt(observation: FhirObject): string | undefined {
  return (
    fhirDayOrInstant(observation.effectiveDateTime) ??
    fhirDayOrInstant(observation.effectiveInstant) ??
    fhirDayOrInstant(asObject(observation.effectivePeriod)?.start) ??
    fhirDayOrInstant(observation.issued)
  );
}

const TOBACCO_CODES = new Set(['72166-2', '11367-0']);
const ALCOHOL_CODES = new Set(['11331-6', '74013-4', '68518-0']);
const ACTIVITY_CODES = new Set(['68516-4', '89574-8', '55411-3', '73985-4']);
/** Smoking status answers (LOINC answer list LL2201-3 and the SNOMED codes US Core uses). */
const TOBACCO_STATUS: Record<string, 'never' | 'former' | 'current'> = {
  '266919005': 'never',
  'LA18978-9': 'never',
  '8517006': 'former',
  'LA15920-4': 'former',
  '77176002': 'current',
  '449868002': 'current',
  '428041000124106': 'current',
  '428061000124105': 'current',
  '428071000124103': 'current',
  'LA18976-3': 'current',
  'LA18977-1': 'current',
  'LA18981-3': 'current',
  'LA18982-1': 'current',
};

/** SNOMED CT blood group findings (ABO with RhD). */
export const BLOOD_GROUP_OF_SNOMED: Record<string, string> = {
  '278149003': 'A+',
  '278152006': 'A-',
  '278150003': 'B+',
  '278153001': 'B-',
  '278151004': 'AB+',
  '278154007': 'AB-',
  '278147001': 'O+',
  '278148006': 'O-',
};

/** The value of an observation as a person would read it, for a habit's detail. */
function valueText(observation: FhirObject): string | undefined {
  const q = asObject(observation.valueQuantity);
  if (q && typeof q.value === 'number') {
    return [String(q.value), asText(q.unit) ?? asText(q.code)].filter(Boolean).join(' ');
  }
  return conceptText(observation.valueCodeableConcept) ?? asText(observation.valueString);
}

function habit(observation: FhirObject, topic: 'alcohol' | 'activity'): Mapped {
  const detail = valueText(observation);
  const date = fhirDay(observedAt(observation));
  if (!detail) return unmapped('unknown-observation', 'no-value');
  return entry('lifestyle', { topic, detail, date });
}

function tobacco(observation: FhirObject): Mapped {
  const answer = codings(observation.valueCodeableConcept).find(
    (c) => c.code && Object.hasOwn(TOBACCO_STATUS, c.code),
  );
  const status = answer ? TOBACCO_STATUS[answer.code!] : undefined;
  const date = fhirDay(observedAt(observation));
  if (!status) {
    const detail = valueText(observation);
    return detail
      ? entry('lifestyle', { topic: 'tobacco', detail, date })
      : unmapped('unknown-observation', 'no-value');
  }
  return entry('lifestyle', { topic: 'tobacco', status, date });
}

/** A measurement of `type` from a single-valued Observation. */
function measurement(observation: FhirObject, type: MeasurementType): Mapped {
  const date = observedAt(observation);
  if (!date) return unmapped('missing-date');
  const quantity = quantityIn(observation.valueQuantity, type);
  if (!quantity) return unmapped('unit-not-convertible', unitOf(observation.valueQuantity));
  return entry('measurement', { type, date, ...quantity, note: noteOf(observation) });
}

function unitOf(quantity: unknown): string | undefined {
  const q = asObject(quantity);
  return asText(q?.code) ?? asText(q?.unit);
}

export function noteOf(resource: FhirObject): string | undefined {
  const notes = asObjects(resource.note).flatMap((n) => asText(n.text) ?? []);
  return notes.length > 0 ? notes.join('\n') : undefined;
}

/** A blood pressure panel: systolic and diastolic components (vital-signs profile). */
function bloodPressure(observation: FhirObject): Mapped {
  const date = observedAt(observation);
  if (!date) return unmapped('missing-date');
  const component = (loinc: string) =>
    quantityIn(
      asObjects(observation.component).find((c) => codeOf(c.code, LOINC) === loinc)?.valueQuantity,
      'blood-pressure',
    );
  const systolic = component(SYSTOLIC);
  const diastolic = component(DIASTOLIC);
  if (!systolic || !diastolic) return unmapped('unit-not-convertible');
  return entry('measurement', {
    type: 'blood-pressure',
    date,
    unit: 'mm[Hg]',
    systolic: systolic.value,
    diastolic: diastolic.value,
    note: noteOf(observation),
  });
}

const ERRONEOUS = new Set(['entered-in-error', 'cancelled']);

/**
 * One Observation's mapping. A lone systolic or diastolic value (an Observation of its own, as
 * some summaries write them) answers `'component'`: the caller pairs it with its other half.
 */
export function mapObservation(observation: FhirObject): Mapped | 'component' {
  if (ERRONEOUS.has(String(observation.status))) return unmapped('entered-in-error');
  const loinc = codings(observation.code)
    .filter((c) => c.system === LOINC && c.code)
    .map((c) => c.code!);
  for (const code of loinc) {
    const type = Object.hasOwn(MEASURE_OF_LOINC, code) ? MEASURE_OF_LOINC[code] : undefined;
    if (type) return measurement(observation, type);
    if (BLOOD_PRESSURE_PANELS.has(code)) return bloodPressure(observation);
    if (code === SYSTOLIC || code === DIASTOLIC) return 'component';
    if (TOBACCO_CODES.has(code)) return tobacco(observation);
    if (ALCOHOL_CODES.has(code)) return habit(observation, 'alcohol');
    if (ACTIVITY_CODES.has(code)) return habit(observation, 'activity');
    if (code === '882-1') {
      const group = codings(observation.valueCodeableConcept).find(
        (c) => c.system === SNOMED && c.code && Object.hasOwn(BLOOD_GROUP_OF_SNOMED, c.code),
      );
      if (group)
        return { type: 'identity', fields: { bloodGroup: BLOOD_GROUP_OF_SNOMED[group.code!] } };
    }
  }
  return unmapped('unknown-observation', conceptText(observation.code));
}
