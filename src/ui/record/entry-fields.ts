/**
 * How each kind of entry is edited: the form's fields, in order, with the input each one needs.
 * The rules live in lib/record's schemas; this only says how a person types them. Labels are the
 * messages `field.<kind>.<name>`, choices `option.<list>.<code>` (a unit test checks they exist).
 */
import {
  ALLERGY_CATEGORIES,
  ALLERGY_SEVERITIES,
  ALLERGY_TYPES,
  CONDITION_STATUSES,
  CONTACT_ROLES,
  DIRECTIVE_TYPES,
  DOCUMENT_TYPE_CODES,
  FAMILY_RELATIONSHIPS,
  LIFESTYLE_STATUSES,
  LIFESTYLE_TOPICS,
  MEASUREMENT_TYPES,
  MEASUREMENT_TYPE_CODES,
  MEDICATION_STATUSES,
  ORGAN_DONATION_CHOICES,
  type EntryKind,
  type LifestyleTopic,
  type MeasurementType,
} from '../../lib/record';

/** What the form holds for a field while it is being typed. */
export type FormValue = string | boolean;
export type FormValues = Record<string, FormValue>;

/** The lists whose codes the UI translates, as `option.<list>.<code>`. */
export type OptionList =
  | 'doctype'
  | 'severity'
  | 'allergyCategory'
  | 'allergyType'
  | 'medicationStatus'
  | 'conditionStatus'
  | 'measure'
  | 'unit'
  | 'lifestyleTopic'
  | 'lifestyleStatus'
  | 'relationship'
  | 'contactRole'
  | 'directiveType'
  | 'donation'
  | 'reminder';

type Common = {
  name: string;
  required?: boolean;
  /** Shown only when this holds (a systolic value only for blood pressure…). */
  when?: (values: FormValues) => boolean;
};

export type FieldSpec = Common &
  (
    | { input: 'text' | 'textarea' | 'tel' | 'email' | 'tags' }
    /** A calendar day, stored `YYYY-MM-DD`. */
    | { input: 'date' }
    /** A day and time, typed in local time and stored as a UTC instant. */
    | { input: 'datetime' }
    | { input: 'number'; integer?: boolean }
    | { input: 'checkbox' }
    /** A closed list; its choices may depend on other fields. */
    | {
        input: 'select';
        list: OptionList;
        options: (values: FormValues) => readonly string[];
      }
    /** One of the record's documents (directives point to the signed document). */
    | { input: 'document' }
  );

const fixed = (options: readonly string[]) => () => options;
const note: FieldSpec = { name: 'note', input: 'textarea' };

const isPressure = (values: FormValues) => values.type === 'blood-pressure';

/** The units a measure may be written in, its usual French unit first. */
export function unitsOf(type: unknown): readonly string[] {
  return MEASUREMENT_TYPE_CODES.includes(type as MeasurementType)
    ? Object.keys(MEASUREMENT_TYPES[type as MeasurementType].units)
    : [];
}

function statusesOf(topic: unknown): readonly string[] {
  return LIFESTYLE_TOPICS.includes(topic as LifestyleTopic)
    ? LIFESTYLE_STATUSES[topic as LifestyleTopic]
    : [];
}

/** Reminder choices, in minutes before the appointment. */
export const REMINDER_MINUTES = ['0', '15', '60', '180', '1440', '2880', '10080'] as const;

export const ENTRY_FORMS: Record<EntryKind, readonly FieldSpec[]> = {
  document: [
    { name: 'title', input: 'text', required: true },
    {
      name: 'type',
      input: 'select',
      list: 'doctype',
      options: fixed(DOCUMENT_TYPE_CODES),
      required: true,
    },
    { name: 'date', input: 'date', required: true },
    { name: 'author', input: 'text' },
    { name: 'tags', input: 'tags' },
    { name: 'confidential', input: 'checkbox' },
    note,
  ],
  medication: [
    { name: 'name', input: 'text', required: true },
    { name: 'dosage', input: 'text' },
    { name: 'reason', input: 'text' },
    { name: 'prescriber', input: 'text' },
    { name: 'startDate', input: 'date' },
    { name: 'endDate', input: 'date' },
    {
      name: 'status',
      input: 'select',
      list: 'medicationStatus',
      options: fixed(MEDICATION_STATUSES),
    },
    note,
  ],
  condition: [
    { name: 'name', input: 'text', required: true },
    {
      name: 'status',
      input: 'select',
      list: 'conditionStatus',
      options: fixed(CONDITION_STATUSES),
    },
    { name: 'startDate', input: 'date' },
    { name: 'endDate', input: 'date' },
    note,
  ],
  procedure: [
    { name: 'name', input: 'text', required: true },
    { name: 'date', input: 'date', required: true },
    { name: 'place', input: 'text' },
    { name: 'professional', input: 'text' },
    note,
  ],
  hospitalisation: [
    { name: 'reason', input: 'text', required: true },
    { name: 'place', input: 'text' },
    { name: 'startDate', input: 'date', required: true },
    { name: 'endDate', input: 'date' },
    note,
  ],
  allergy: [
    { name: 'substance', input: 'text', required: true },
    { name: 'reaction', input: 'text' },
    { name: 'severity', input: 'select', list: 'severity', options: fixed(ALLERGY_SEVERITIES) },
    {
      name: 'category',
      input: 'select',
      list: 'allergyCategory',
      options: fixed(ALLERGY_CATEGORIES),
    },
    { name: 'type', input: 'select', list: 'allergyType', options: fixed(ALLERGY_TYPES) },
    { name: 'date', input: 'date' },
    note,
  ],
  immunization: [
    { name: 'vaccine', input: 'text', required: true },
    { name: 'date', input: 'date', required: true },
    { name: 'dose', input: 'text' },
    { name: 'lotNumber', input: 'text' },
    { name: 'professional', input: 'text' },
    { name: 'nextDueDate', input: 'date' },
    note,
  ],
  measurement: [
    {
      name: 'type',
      input: 'select',
      list: 'measure',
      options: fixed(MEASUREMENT_TYPE_CODES),
      required: true,
    },
    { name: 'date', input: 'datetime', required: true },
    { name: 'value', input: 'number', required: true, when: (values) => !isPressure(values) },
    { name: 'systolic', input: 'number', required: true, when: isPressure },
    { name: 'diastolic', input: 'number', required: true, when: isPressure },
    {
      name: 'unit',
      input: 'select',
      list: 'unit',
      options: (values) => unitsOf(values.type),
      required: true,
    },
    note,
  ],
  lifestyle: [
    {
      name: 'topic',
      input: 'select',
      list: 'lifestyleTopic',
      options: fixed(LIFESTYLE_TOPICS),
      required: true,
    },
    {
      name: 'status',
      input: 'select',
      list: 'lifestyleStatus',
      options: (values) => statusesOf(values.topic),
    },
    { name: 'detail', input: 'text' },
    { name: 'date', input: 'date' },
    note,
  ],
  'family-history': [
    {
      name: 'relationship',
      input: 'select',
      list: 'relationship',
      options: fixed(FAMILY_RELATIONSHIPS),
      required: true,
    },
    { name: 'condition', input: 'text', required: true },
    { name: 'onsetAge', input: 'number', integer: true },
    note,
  ],
  appointment: [
    { name: 'start', input: 'datetime', required: true },
    { name: 'end', input: 'datetime' },
    { name: 'professional', input: 'text' },
    { name: 'place', input: 'text' },
    { name: 'reason', input: 'text' },
    {
      name: 'reminderMinutes',
      input: 'select',
      list: 'reminder',
      options: fixed(REMINDER_MINUTES),
    },
    note,
  ],
  contact: [
    { name: 'name', input: 'text', required: true },
    {
      name: 'role',
      input: 'select',
      list: 'contactRole',
      options: fixed(CONTACT_ROLES),
      required: true,
    },
    { name: 'emergency', input: 'checkbox' },
    { name: 'relationship', input: 'text' },
    { name: 'specialty', input: 'text' },
    { name: 'phone', input: 'tel' },
    { name: 'email', input: 'email' },
    { name: 'address', input: 'textarea' },
    { name: 'rpps', input: 'text' },
    note,
  ],
  directive: [
    {
      name: 'type',
      input: 'select',
      list: 'directiveType',
      options: fixed(DIRECTIVE_TYPES),
      required: true,
    },
    {
      name: 'choice',
      input: 'select',
      list: 'donation',
      options: fixed(ORGAN_DONATION_CHOICES),
      required: true,
      when: (values) => values.type === 'organ-donation',
    },
    { name: 'text', input: 'textarea', when: (values) => values.type !== 'organ-donation' },
    { name: 'documentId', input: 'document', when: (values) => values.type !== 'organ-donation' },
    { name: 'date', input: 'date' },
    note,
  ],
};

/** The fields of a kind that apply with these values. */
export function visibleFields(kind: EntryKind, values: FormValues): FieldSpec[] {
  return ENTRY_FORMS[kind].filter((field) => !field.when || field.when(values));
}
