/**
 * Between an entry and the form that edits it. Pure functions: the form holds strings and
 * booleans as typed; these turn them into what lib/record validates, and back.
 */
import type { Entry, EntryKind, FieldValue } from '../../lib/record';
import { ENTRY_FORMS, visibleFields, type FieldSpec, type FormValues } from './entry-fields';

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A day `YYYY-MM-DD` in local time. */
export function localDay(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** What a `datetime-local` input shows for an instant (or a day) stored in the record. */
export function toLocalDateTime(stored: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(stored)) return `${stored}T12:00`;
  const time = Date.parse(stored);
  if (Number.isNaN(time)) return '';
  const date = new Date(time);
  return `${localDay(time)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a `datetime-local` value means here, as the record stores it (UTC). */
export function fromLocalDateTime(local: string): string {
  // "YYYY-MM-DDTHH:mm" without an offset is read as local time (ECMA-262 Date.parse).
  const time = Date.parse(local);
  return Number.isNaN(time) ? local : new Date(time).toISOString();
}

function formValue(field: FieldSpec, value: FieldValue | undefined): string | boolean {
  if (field.input === 'checkbox') return value === true;
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (field.input === 'datetime' && typeof value === 'string') return toLocalDateTime(value);
  return String(value);
}

/** The form's starting values: the entry's, or sensible defaults for a new one. */
export function toFormValues(kind: EntryKind, entry?: Entry, now = Date.now()): FormValues {
  const values: FormValues = {};
  for (const field of ENTRY_FORMS[kind]) values[field.name] = formValue(field, entry?.[field.name]);
  if (entry) return values;
  // A new entry: today for the dates it cannot do without, the first choice of lists that depend
  // on another (a measure's unit).
  for (const field of ENTRY_FORMS[kind]) {
    if (!field.required) continue;
    if (field.input === 'date') values[field.name] = localDay(now);
    if (field.input === 'datetime' && kind === 'measurement') {
      values[field.name] = toLocalDateTime(new Date(now).toISOString());
    }
  }
  if (kind === 'measurement') {
    values.type = 'weight';
    values.unit = 'kg';
  }
  return values;
}

/** A number as typed in French or English ("72,5" or "72.5"); the text itself if it is not one. */
function parseNumber(text: string): number | string {
  const normalized = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return text;
  return Number(normalized);
}

function inputValue(field: FieldSpec, value: string | boolean): FieldValue | undefined {
  if (field.input === 'checkbox') return value === true ? true : undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return undefined;
  switch (field.input) {
    case 'number':
      return parseNumber(text);
    case 'tags':
      return text
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== '');
    case 'datetime':
      return fromLocalDateTime(text);
    case 'select':
      // Reminder choices are minutes, stored as numbers.
      return field.list === 'reminder' ? Number(text) : text;
    default:
      return text;
  }
}

/** The fields of a new entry: what was filled in, of the fields that apply. */
export function toEntryInput(kind: EntryKind, values: FormValues): Record<string, FieldValue> {
  const input: Record<string, FieldValue> = {};
  for (const field of visibleFields(kind, values)) {
    const value = inputValue(field, values[field.name] ?? '');
    if (value !== undefined) input[field.name] = value;
  }
  return input;
}

/**
 * The change to an entry: the fields the user changed (untouched fields stay exactly as stored,
 * even where the form shows them differently), and null for the ones cleared or that no longer
 * apply (a systolic value once the measure is a weight).
 */
export function toEntryPatch(
  kind: EntryKind,
  entry: Entry,
  values: FormValues,
): Record<string, FieldValue> {
  const before = toFormValues(kind, entry);
  const visible = new Set(visibleFields(kind, values).map((field) => field.name));
  const patch: Record<string, FieldValue> = {};
  for (const field of ENTRY_FORMS[kind]) {
    const { name } = field;
    if (!visible.has(name)) {
      if (entry[name] !== undefined) patch[name] = null;
      continue;
    }
    if (values[name] === before[name]) continue;
    patch[name] = inputValue(field, values[name] ?? '') ?? null;
  }
  return patch;
}

/**
 * After a field changes: choices that depend on it and no longer apply are reset (a unit in lb
 * once the measure is a height becomes cm; a tobacco status once the topic is activity is cleared).
 */
export function adjustDependent(kind: EntryKind, values: FormValues): FormValues {
  const next = { ...values };
  for (const field of ENTRY_FORMS[kind]) {
    if (field.input !== 'select') continue;
    const options = field.options(next);
    const value = next[field.name];
    if (value === '' || options.includes(String(value))) continue;
    next[field.name] = field.required ? (options[0] ?? '') : '';
  }
  return next;
}
