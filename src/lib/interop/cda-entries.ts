/**
 * The structured entries of a CDA body that become entries of the record: results whose LOINC
 * code is one of Carnet's measures (vital signs, glycaemia) and vaccinations. Every other entry
 * stays in the document's narrative and is reported with the reason it was not taken.
 * Templates: IHE PCC Immunizations 1.3.6.1.4.1.19376.1.5.3.1.4.12 and CI-SIS FR-Vaccination
 * 1.2.250.1.213.1.1.3.45; results are any LOINC observation with a PQ value (IHE PALM, CI-SIS
 * FR-Resultat-examens-de-biologie, FR-Signe-vital-observe).
 */
import type { Element } from '@xmldom/xmldom';
import {
  InvalidEntryError,
  MEASUREMENT_TYPES,
  MEASUREMENT_TYPE_CODES,
  type EntryFields,
  type EntryIssue,
  type MeasurementType,
} from '../record';
import { validateFields } from '../record/schemas';
import { attr, child, children, descendants, isHl7, textOf, xsiType } from './cda-dom';

export const LOINC = '2.16.840.1.113883.6.1';
const VACCINATION_TEMPLATES = new Set(['1.3.6.1.4.1.19376.1.5.3.1.4.12', '1.2.250.1.213.1.1.3.45']);
/** "Historique des vaccinations" / "Immunizations" section. */
const VACCINATION_SECTION = '11369-6';
/** "Rang de la vaccination" (dose number). */
const DOSE_NUMBER = '30973-2';
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';
/** The clinical statements an `entry` may hold (CDA R2 §4.3.6). */
const STATEMENTS = new Set([
  'observation',
  'regionOfInterest',
  'observationMedia',
  'substanceAdministration',
  'supply',
  'procedure',
  'encounter',
  'organizer',
  'act',
]);
/** UCUM as some senders write it → UCUM as Carnet's measures spell it. */
const UNIT_SPELLINGS: Record<string, string> = {
  mmHg: 'mm[Hg]',
  'mm Hg': 'mm[Hg]',
  'g/l': 'g/L',
  'mmol/l': 'mmol/L',
  'mg/dl': 'mg/dL',
  '°C': 'Cel',
  '{beats}/min': '/min',
  '{beat}/min': '/min',
};

/** Why a structured entry, a body or part of the narrative was not taken into the record. */
export type CdaUnmappedReason =
  /** A LOINC result with no such measure in Carnet (TSH, cholesterol…): it stays in the narrative. */
  | 'measure-not-in-carnet'
  /** One of Carnet's measures, with a value or unit Carnet refuses (see `issues`). */
  | 'invalid-measure'
  | 'vaccination-without-date'
  /** A vaccination recorded as not given, or planned rather than done. */
  | 'vaccination-not-given'
  /** A vaccination Carnet cannot record (no vaccine name…; see `issues`). */
  | 'invalid-vaccination'
  /** Treatments, procedures, stays, comments…: kept in the narrative, not added as entries. */
  | 'not-imported'
  /** A nonXMLBody that is not a PDF (or not a readable one): the original XML is kept instead. */
  | 'embedded-file-not-pdf'
  /** A nonXMLBody that points to a file elsewhere: never fetched. */
  | 'external-file'
  /** An image or attached file inside the narrative (renderMultiMedia): not shown. */
  | 'multimedia'
  /** Markup that is not CDA narrative (a script…): dropped. */
  | 'foreign-element';

export type CdaUnmapped = {
  /** Title of the section it is in, if any. */
  section: string | null;
  /** The CDA element: observation, substanceAdministration, act, nonXMLBody… */
  element: string;
  /** Its code (a LOINC code for results) and what the document calls it. */
  code: string | null;
  label: string | null;
  reason: CdaUnmappedReason;
  issues?: readonly EntryIssue[];
};

export type ProposedMeasurement = {
  kind: 'measurement';
  fields: EntryFields<'measurement'>;
  /** What the document calls it ("Poids (mesuré)"), for the preview. */
  label: string | null;
};
export type ProposedImmunization = {
  kind: 'immunization';
  fields: EntryFields<'immunization'>;
  /** The document gives only a year or a month: the date is its first day. */
  approximateDate: boolean;
};

export type StructuredEntries = {
  measurements: ProposedMeasurement[];
  immunizations: ProposedImmunization[];
  unmapped: CdaUnmapped[];
};

/** An HL7 TS ("20210108111700+0100", "197503", "1975") as the record's date fields want it. */
export type CdaTime = {
  /** YYYY-MM-DD; the first day of the year or month when the time is less precise. */
  date: string;
  /** ISO 8601 with its offset, when the time gives hours and an offset. */
  dateTime: string | null;
  precision: 'year' | 'month' | 'day';
};

const TS = /^(\d{4})(\d{2})?(\d{2})?(?:(\d{2})(\d{2})?(\d{2})?(?:\.\d+)?)?([+-])?(\d{2})?(\d{2})?$/;

export function readTime(value: string | null): CdaTime | null {
  const match = value ? TS.exec(value) : null;
  if (!match) return null;
  const [, year, month, day, hour, minute, second, sign, offsetH, offsetM] = match;
  const date = `${year}-${month ?? '01'}-${day ?? '01'}`;
  const precision = day ? 'day' : month ? 'month' : 'year';
  const dateTime =
    day && hour && sign && offsetH
      ? `${date}T${hour}:${minute ?? '00'}:${second ?? '00'}${sign}${offsetH}:${offsetM ?? '00'}`
      : null;
  return { date, dateTime, precision };
}

/** The time of an act: its effectiveTime's value, or the start of its interval. */
function effectiveTime(statement: Element): CdaTime | null {
  const time = child(statement, 'effectiveTime');
  return readTime(attr(time, 'value') ?? attr(child(time, 'low'), 'value'));
}

function templates(element: Element): Set<string> {
  return new Set(children(element, 'templateId').map((id) => attr(id, 'root') ?? ''));
}

/** A person's name as written: given names then family name ("Charles MULLER"). */
export function personName(name: Element | null): string | null {
  if (!name) return null;
  const parts = [...children(name, 'given'), ...children(name, 'family')].map(textOf);
  const joined = parts.filter(Boolean).join(' ');
  return joined || textOf(name);
}

/** Text cut to what a field holds, marked as cut. */
export function clip(text: string | null, max: number): string | null {
  if (text === null) return null;
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function describe(
  statement: Element,
  section: string | null,
  reason: CdaUnmappedReason,
  issues?: readonly EntryIssue[],
): CdaUnmapped {
  const code = child(statement, 'code');
  // A medicine or a device is named by its product ("PLAVIX 75 mg"), its code says only "DRUG".
  const label =
    textOf(child(statement, 'consumable/manufacturedProduct/manufacturedMaterial/name')) ??
    textOf(child(statement, 'product/manufacturedProduct/manufacturedMaterial/name')) ??
    attr(code, 'displayName');
  return {
    section,
    element: statement.localName ?? 'entry',
    code: attr(code, 'code'),
    label,
    reason,
    ...(issues ? { issues } : {}),
  };
}

function validated<K extends 'measurement' | 'immunization'>(
  kind: K,
  fields: Record<string, unknown>,
): EntryFields<K> | readonly EntryIssue[] {
  try {
    return validateFields(kind, fields);
  } catch (error) {
    if (error instanceof InvalidEntryError) return error.issues;
    throw error;
  }
}

function readVaccination(statement: Element, section: string | null, out: StructuredEntries): void {
  if (
    attr(statement, 'negationInd') === 'true' ||
    (attr(statement, 'moodCode') ?? 'EVN') !== 'EVN'
  ) {
    out.unmapped.push(describe(statement, section, 'vaccination-not-given'));
    return;
  }
  const time = effectiveTime(statement);
  if (!time) {
    out.unmapped.push(describe(statement, section, 'vaccination-without-date'));
    return;
  }
  const material = child(statement, 'consumable/manufacturedProduct/manufacturedMaterial');
  const code = child(material, 'code');
  const dose = descendants(statement, 'observation').find(
    (observation) => attr(child(observation, 'code'), 'code') === DOSE_NUMBER,
  );
  const performer = child(statement, 'performer/assignedEntity');
  const fields = validated('immunization', {
    vaccine: clip(textOf(child(material, 'name')) ?? attr(code, 'displayName'), 200),
    date: time.date,
    dose: clip(attr(child(dose, 'value'), 'value'), 100),
    lotNumber: clip(textOf(child(material, 'lotNumberText')), 100),
    professional: clip(
      personName(child(performer, 'assignedPerson/name')) ??
        textOf(child(performer, 'representedOrganization/name')),
      200,
    ),
  });
  if (Array.isArray(fields)) {
    out.unmapped.push(describe(statement, section, 'invalid-vaccination', fields));
  } else {
    out.immunizations.push({
      kind: 'immunization',
      fields: fields as EntryFields<'immunization'>,
      approximateDate: time.precision !== 'day',
    });
  }
}

const TYPE_OF_LOINC = new Map<string, MeasurementType>(
  MEASUREMENT_TYPE_CODES.map((type) => [MEASUREMENT_TYPES[type].loinc, type]),
);

type Result = { observation: Element; loinc: string; value: number; unit: string };

function readResult(observation: Element): Result | null {
  const code = child(observation, 'code');
  const value = child(observation, 'value');
  if (attr(code, 'codeSystem') !== LOINC || !value || xsiType(value) !== 'PQ') return null;
  const unit = attr(value, 'unit') ?? '1';
  return {
    observation,
    loinc: attr(code, 'code') ?? '',
    value: Number(attr(value, 'value')),
    unit: UNIT_SPELLINGS[unit] ?? unit,
  };
}

function measurementDate(observation: Element, documentDate: string): string {
  const time = effectiveTime(observation);
  return time?.dateTime ?? time?.date ?? documentDate;
}

function proposeMeasurement(
  fields: Record<string, unknown>,
  result: Result,
  section: string | null,
  out: StructuredEntries,
): void {
  const checked = validated('measurement', fields);
  if (Array.isArray(checked)) {
    out.unmapped.push(describe(result.observation, section, 'invalid-measure', checked));
  } else {
    out.measurements.push({
      kind: 'measurement',
      fields: checked as EntryFields<'measurement'>,
      label: attr(child(result.observation, 'code'), 'displayName'),
    });
  }
}

/** Results of one entry: Carnet's measures become measurements, the others are reported. */
function readResults(
  results: Result[],
  section: string | null,
  documentDate: string,
  out: StructuredEntries,
): void {
  // A systolic and a diastolic pressure in the same entry are one blood-pressure reading.
  const systolic = results.find((result) => result.loinc === SYSTOLIC);
  const diastolic = results.find((result) => result.loinc === DIASTOLIC);
  if (systolic && diastolic) {
    proposeMeasurement(
      {
        type: 'blood-pressure',
        date: measurementDate(systolic.observation, documentDate),
        unit: systolic.unit,
        systolic: systolic.value,
        diastolic: diastolic.unit === systolic.unit ? diastolic.value : NaN,
      },
      systolic,
      section,
      out,
    );
  }
  for (const result of results) {
    if ((result === systolic || result === diastolic) && systolic && diastolic) continue;
    const type = TYPE_OF_LOINC.get(result.loinc);
    if (!type || type === 'blood-pressure') {
      out.unmapped.push(describe(result.observation, section, 'measure-not-in-carnet'));
      continue;
    }
    proposeMeasurement(
      {
        type,
        date: measurementDate(result.observation, documentDate),
        unit: result.unit,
        value: result.value,
      },
      result,
      section,
      out,
    );
  }
}

function isVaccination(statement: Element, sectionCode: string | null): boolean {
  if (statement.localName !== 'substanceAdministration') return false;
  if (sectionCode === VACCINATION_SECTION) return true;
  return [...templates(statement)].some((root) => VACCINATION_TEMPLATES.has(root));
}

/** Reads every section's entries, subsections included, in document order. */
export function readStructuredEntries(
  structuredBody: Element,
  documentDate: string,
): StructuredEntries {
  const out: StructuredEntries = { measurements: [], immunizations: [], unmapped: [] };
  const visit = (parent: Element, parentTitle: string | null) => {
    for (const section of children(parent, 'component').flatMap((c) => children(c, 'section'))) {
      // An untitled subsection (a lab report's) is reported under its chapter's title.
      const title = textOf(child(section, 'title')) ?? parentTitle;
      const sectionCode = attr(child(section, 'code'), 'code');
      for (const entry of children(section, 'entry')) {
        const statement = children(entry).find((element) => STATEMENTS.has(element.localName!));
        if (!statement) continue;
        if (isVaccination(statement, sectionCode)) {
          readVaccination(statement, title, out);
          continue;
        }
        const observations = [
          ...(isHl7(statement, 'observation') ? [statement] : []),
          ...descendants(statement, 'observation'),
        ];
        const results = observations.map(readResult).filter((r): r is Result => r !== null);
        if (results.length > 0) readResults(results, title, documentDate, out);
        else out.unmapped.push(describe(statement, title, 'not-imported'));
      }
      visit(section, title);
    }
  };
  visit(structuredBody, null);
  return out;
}
