/**
 * Placing entries in time. Dates are stored as ISO strings: a day ("2024-05-12") or, where the
 * time matters, an instant in UTC ("2024-05-12T08:30:00.000Z"). Both sort correctly as strings,
 * a day before the instants of the same day.
 */
import type * as Y from 'yjs';
import { isEntryKind, type Entry, type EntryKind, type FieldValue } from './kinds';

/** The field that places each kind in time; null for kinds that are not events. */
const DATE_FIELD: Record<EntryKind, string | null> = {
  document: 'date',
  medication: 'startDate',
  condition: 'startDate',
  procedure: 'date',
  hospitalisation: 'startDate',
  allergy: 'date',
  immunization: 'date',
  measurement: 'date',
  lifestyle: 'date',
  'family-history': null,
  appointment: 'start',
  contact: null,
  directive: 'date',
};

/** Reads a field; lets the same code serve entries read whole and Y.Maps read field by field. */
type Read = (field: string) => unknown;

export function dateFrom(read: Read): string | null {
  const kind = read('kind');
  if (!isEntryKind(kind)) return null;
  const field = DATE_FIELD[kind];
  if (!field) return null;
  const value = read(field);
  if (typeof value === 'string' && value !== '') return value;
  // Documents added before they had a date (the first UI) are placed on the day they were added.
  const createdAt = read('createdAt');
  if (kind === 'document' && typeof createdAt === 'number' && Number.isFinite(createdAt)) {
    return new Date(createdAt).toISOString().slice(0, 10);
  }
  return null;
}

/**
 * The date that places an entry in time: a document's date, an appointment's start, when a
 * measurement was taken, a vaccination's date, when a treatment or a stay began… Null for entries
 * that are not events (contacts, family history) or that hold no date.
 */
export function entryDate(entry: Entry): string | null {
  return dateFrom((field) => entry[field]);
}

/** entryDate without reading the whole entry. */
export function mapDate(map: Y.Map<FieldValue>): string | null {
  return dateFrom((field) => map.get(field));
}

export function yearOf(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}

/** The device's calendar day at `now` (YYYY-MM-DD): "today" for dates the patient typed. */
export function localDay(now: number): string {
  const at = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
