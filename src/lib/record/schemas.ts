/**
 * What each kind of entry holds (DESIGN §2), as valibot schemas. Field names follow the FHIR
 * resource each kind maps to, simplified to what a patient writes. Every kind may carry a note.
 *
 * Validation runs before anything is written: invalid input throws InvalidEntryError with every
 * issue found, and the record is left as it was.
 */
import * as v from 'valibot';
import { ENTRY_KINDS, RESERVED_FIELDS, type EntryCommon, type EntryKind } from './kinds';
import { InvalidEntryError, toIssues, type EntryIssue, type IssueCode } from './errors';
import {
  LONG_TEXT,
  dateOrDateTime,
  dateTime,
  date,
  email,
  flag,
  id,
  integer,
  mime,
  oneOf,
  phone,
  quantity,
  rpps,
  sha256,
  tags,
  text,
} from './field-schemas';
import {
  ALLERGY_CATEGORIES,
  ALLERGY_SEVERITIES,
  ALLERGY_TYPES,
  CONDITION_STATUSES,
  CONTACT_ROLES,
  DIASTOLIC_RANGE,
  DIRECTIVE_TYPES,
  DOCUMENT_TYPE_CODES,
  FAMILY_RELATIONSHIPS,
  LIFESTYLE_STATUSES,
  LIFESTYLE_STATUS_CODES,
  LIFESTYLE_TOPICS,
  MEASUREMENT_TYPE_CODES,
  MEDICATION_STATUSES,
  ORGAN_DONATION_CHOICES,
  SYSTOLIC_RANGE,
  rangeFor,
  type UnitRange,
} from './vocabulary';

const note = v.optional(text(LONG_TEXT));

/** The attached file's fields (DESIGN §2): all of them or none. The bytes live in the vault. */
export const FILE_FIELDS = ['fileId', 'name', 'mime', 'size', 'contentHash'] as const;

const KIND_FIELDS = {
  /** DocumentReference. `confidential`: never shared unless picked one by one (DESIGN §2). */
  document: {
    title: text(),
    type: oneOf(DOCUMENT_TYPE_CODES),
    date: date(),
    author: v.optional(text()),
    tags: v.optional(tags()),
    confidential: v.optional(flag()),
    fileId: v.optional(id()),
    name: v.optional(text(255)),
    mime: v.optional(mime()),
    size: v.optional(integer(0, Number.MAX_SAFE_INTEGER)),
    // Dropbox's content hash of the bytes (lib/vault attachments), 64 hex digits.
    contentHash: v.optional(sha256()),
    note,
  },
  /** MedicationStatement: current and past treatments. */
  medication: {
    name: text(),
    dosage: v.optional(text(500)),
    reason: v.optional(text()),
    prescriber: v.optional(text()),
    startDate: v.optional(date()),
    endDate: v.optional(date()),
    status: v.optional(oneOf(MEDICATION_STATUSES)),
    note,
  },
  /** Condition: illnesses, health topics and past history. */
  condition: {
    name: text(),
    status: v.optional(oneOf(CONDITION_STATUSES)),
    startDate: v.optional(date()),
    endDate: v.optional(date()),
    note,
  },
  /** Procedure: operations and other acts. */
  procedure: {
    name: text(),
    date: date(),
    place: v.optional(text(500)),
    professional: v.optional(text()),
    note,
  },
  /** Encounter: a stay in hospital. */
  hospitalisation: {
    reason: text(),
    place: v.optional(text(500)),
    startDate: date(),
    endDate: v.optional(date()),
    note,
  },
  /** AllergyIntolerance. */
  allergy: {
    substance: text(),
    reaction: v.optional(text(500)),
    severity: v.optional(oneOf(ALLERGY_SEVERITIES)),
    category: v.optional(oneOf(ALLERGY_CATEGORIES)),
    type: v.optional(oneOf(ALLERGY_TYPES)),
    date: v.optional(date()),
    note,
  },
  /** Immunization. `nextDueDate`: when the next dose or booster is due. */
  immunization: {
    vaccine: text(),
    date: date(),
    dose: v.optional(text(100)),
    lotNumber: v.optional(text(100)),
    professional: v.optional(text()),
    nextDueDate: v.optional(date()),
    note,
  },
  /** Observation (vital signs). Blood pressure has systolic + diastolic, the others a value. */
  measurement: {
    type: oneOf(MEASUREMENT_TYPE_CODES),
    date: dateOrDateTime(),
    unit: text(20),
    value: v.optional(quantity()),
    systolic: v.optional(quantity()),
    diastolic: v.optional(quantity()),
    note,
  },
  /** Observation (social history). Which statuses apply depends on the topic. */
  lifestyle: {
    topic: oneOf(LIFESTYLE_TOPICS),
    status: v.optional(oneOf(LIFESTYLE_STATUS_CODES)),
    detail: v.optional(text(500)),
    date: v.optional(date()),
    note,
  },
  /** FamilyMemberHistory. */
  'family-history': {
    relationship: oneOf(FAMILY_RELATIONSHIPS),
    condition: text(),
    onsetAge: v.optional(integer(0, 130)),
    note,
  },
  /** Appointment. `reminderMinutes`: how long before `start` to remind (up to 30 days). */
  appointment: {
    start: dateTime(),
    end: v.optional(dateTime()),
    place: v.optional(text(500)),
    professional: v.optional(text()),
    reason: v.optional(text(500)),
    reminderMinutes: v.optional(integer(0, 30 * 24 * 60)),
    note,
  },
  /** RelatedPerson / Practitioner: the close circle and the care team. */
  contact: {
    name: text(),
    role: oneOf(CONTACT_ROLES),
    emergency: v.optional(flag()),
    relationship: v.optional(text(100)),
    specialty: v.optional(text(100)),
    phone: v.optional(phone()),
    email: v.optional(email()),
    address: v.optional(text(500)),
    rpps: v.optional(rpps()),
    note,
  },
  /** Consent: advance directives (text and/or a document entry) and the organ donation choice. */
  directive: {
    type: oneOf(DIRECTIVE_TYPES),
    text: v.optional(text(LONG_TEXT)),
    documentId: v.optional(id()),
    choice: v.optional(oneOf(ORGAN_DONATION_CHOICES)),
    date: v.optional(date()),
    note,
  },
} satisfies Record<EntryKind, v.ObjectEntries>;

type Fields = Record<string, unknown>;
type Report = (field: string, code: IssueCode) => void;

type Check<T> = (fields: T, report: Report) => void;

/** A kind's fields, then checks across them, run once each field is valid on its own. */
function checked<const E extends v.ObjectEntries>(
  entries: E,
  check: Check<v.InferOutput<v.StrictObjectSchema<E, undefined>>>,
) {
  type T = v.InferOutput<v.StrictObjectSchema<E, undefined>>;
  return v.pipe(
    v.strictObject(entries),
    v.rawCheck<T>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const fields = dataset.value;
      check(fields, (field, issueCode) =>
        addIssue({
          message: issueCode,
          path: [
            {
              type: 'object',
              origin: 'value',
              input: fields as Record<string, unknown>,
              key: field,
              value: (fields as Record<string, unknown>)[field],
            },
          ],
        }),
      );
    }),
  );
}

function endAfterStart(startField: string, endField: string): Check<Fields> {
  return (fields, report) => {
    const [start, end] = [fields[startField], fields[endField]];
    if (typeof start === 'string' && typeof end === 'string' && end < start) {
      report(endField, 'end-before-start');
    }
  };
}

function inRange(value: unknown, range: UnitRange): boolean {
  return typeof value === 'number' && value >= range.min && value <= range.max;
}

type MeasurementFields = v.InferOutput<
  v.StrictObjectSchema<typeof KIND_FIELDS.measurement, undefined>
>;

const measurementChecks: Check<MeasurementFields> = (m, report) => {
  const range = rangeFor(m.type, m.unit);
  if (!range) report('unit', 'unit-not-allowed');
  if (m.type === 'blood-pressure') {
    if (m.value !== undefined) report('value', 'not-applicable');
    if (m.systolic === undefined) report('systolic', 'required');
    else if (!inRange(m.systolic, SYSTOLIC_RANGE)) report('systolic', 'out-of-range');
    if (m.diastolic === undefined) report('diastolic', 'required');
    else if (!inRange(m.diastolic, DIASTOLIC_RANGE)) report('diastolic', 'out-of-range');
    else if (m.systolic !== undefined && m.diastolic >= m.systolic)
      report('diastolic', 'out-of-range');
    return;
  }
  if (m.systolic !== undefined) report('systolic', 'not-applicable');
  if (m.diastolic !== undefined) report('diastolic', 'not-applicable');
  if (m.value === undefined) report('value', 'required');
  else if (range && !inRange(m.value, range)) report('value', 'out-of-range');
};

const ENTRY_SCHEMAS = {
  document: checked(KIND_FIELDS.document, (doc, report) => {
    const present = FILE_FIELDS.filter((field) => doc[field] !== undefined);
    if (present.length === 0 || present.length === FILE_FIELDS.length) return;
    for (const field of FILE_FIELDS) if (doc[field] === undefined) report(field, 'incomplete-file');
  }),
  medication: checked(KIND_FIELDS.medication, endAfterStart('startDate', 'endDate')),
  condition: checked(KIND_FIELDS.condition, endAfterStart('startDate', 'endDate')),
  procedure: v.strictObject(KIND_FIELDS.procedure),
  hospitalisation: checked(KIND_FIELDS.hospitalisation, endAfterStart('startDate', 'endDate')),
  allergy: v.strictObject(KIND_FIELDS.allergy),
  immunization: v.strictObject(KIND_FIELDS.immunization),
  measurement: checked(KIND_FIELDS.measurement, measurementChecks),
  lifestyle: checked(KIND_FIELDS.lifestyle, (habit, report) => {
    const allowed: readonly string[] = LIFESTYLE_STATUSES[habit.topic];
    if (habit.status !== undefined && !allowed.includes(habit.status))
      report('status', 'not-in-list');
  }),
  'family-history': v.strictObject(KIND_FIELDS['family-history']),
  appointment: checked(KIND_FIELDS.appointment, endAfterStart('start', 'end')),
  contact: v.strictObject(KIND_FIELDS.contact),
  directive: checked(KIND_FIELDS.directive, (directive, report) => {
    if (directive.type === 'organ-donation') {
      if (directive.choice === undefined) report('choice', 'required');
    } else {
      if (directive.choice !== undefined) report('choice', 'not-applicable');
      if (directive.text === undefined && directive.documentId === undefined)
        report('text', 'required');
    }
  }),
} satisfies Record<EntryKind, v.GenericSchema>;

/** What a caller passes to createEntry for a kind. */
export type EntryInput<K extends EntryKind> = v.InferInput<(typeof ENTRY_SCHEMAS)[K]>;
/** The fields an entry of a kind holds once validated (besides id, kind, dates and source). */
export type EntryFields<K extends EntryKind> = v.InferOutput<(typeof ENTRY_SCHEMAS)[K]>;
/**
 * An entry of a kind as createEntry/updateEntry write it. Entries that came from elsewhere (an
 * older version, another device, addEntry) may lack fields: readers check what they use.
 */
export type EntryOf<K extends EntryKind> = EntryCommon & { kind: K } & EntryFields<K>;

/** The fields each kind has, for patches and for reading an entry without what it does not know. */
export const ENTRY_FIELDS = ((): Readonly<Record<EntryKind, readonly string[]>> => {
  const names = {} as Record<EntryKind, readonly string[]>;
  for (const kind of ENTRY_KINDS) names[kind] = Object.keys(KIND_FIELDS[kind]);
  return names;
})();

/**
 * Absent, null and blank all mean "no value": a form's empty field never becomes a stored "".
 * An empty list of tags is no tags.
 */
export function withoutBlanks(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[field] = value;
  }
  return out;
}

/**
 * The fields after a patch: a value sets a field, undefined keeps it; null or blank clears it
 * (withoutBlanks drops it before validation).
 */
export function mergePatch(
  current: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const changes = Object.entries(patch).filter(([, value]) => value !== undefined);
  return { ...current, ...Object.fromEntries(changes) };
}

export function isPlainObject(input: unknown): input is Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const proto: unknown = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
}

/** Reserved fields in the input, each as an issue. */
export function reservedIssues(input: Readonly<Record<string, unknown>>): EntryIssue[] {
  return Object.keys(input)
    .filter((field) => RESERVED_FIELDS.has(field))
    .map((field) => ({ field, code: 'reserved-field' }));
}

/**
 * Validates the fields of an entry of `kind` and returns them normalised (trimmed, dates in UTC,
 * no blanks). Throws InvalidEntryError listing every issue.
 */
export function validateFields<K extends EntryKind>(kind: K, input: unknown): EntryFields<K> {
  if (!isPlainObject(input)) throw new InvalidEntryError([{ field: '', code: 'wrong-type' }]);
  const issues = reservedIssues(input);
  const fields = withoutBlanks(
    Object.fromEntries(Object.entries(input).filter(([field]) => !RESERVED_FIELDS.has(field))),
  );
  const schema: v.GenericSchema = ENTRY_SCHEMAS[kind];
  const result = v.safeParse(schema, fields);
  if (!result.success) issues.push(...toIssues(result.issues));
  if (issues.length > 0) throw new InvalidEntryError(issues);
  return withoutBlanks(result.output as Record<string, unknown>) as EntryFields<K>;
}
