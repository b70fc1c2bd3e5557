/**
 * The record's entries over a Y.Doc (DESIGN §2): `entries` is a Y.Map from a random id to a Y.Map
 * of fields. Every entry carries id, kind, createdAt, updatedAt and source. lib/record is handed a
 * Y.Doc and knows nothing of storage.
 */
import * as Y from 'yjs';
import { newId } from '../crypto';
import { mapDate, yearOf } from './dates';
import {
  RESERVED_FIELDS,
  isEntryKind,
  type Entry,
  type EntryKind,
  type EntrySource,
  type FieldValue,
} from './kinds';

export function entriesMap(doc: Y.Doc): Y.Map<Y.Map<FieldValue>> {
  return doc.getMap('entries');
}

/**
 * Adds an entry in one transaction and returns its id, without validating its fields.
 * @deprecated Use createEntry, which validates the fields of each kind.
 */
export function addEntry(
  doc: Y.Doc,
  kind: EntryKind,
  fields: Record<string, FieldValue>,
  source: EntrySource = 'patient',
  now = Date.now(),
): string {
  for (const name of Object.keys(fields)) {
    if (RESERVED_FIELDS.has(name)) {
      throw new Error(`"${name}" is set by the record, not by the caller`);
    }
  }
  return writeNewEntry(doc, kind, fields, source, now);
}

/**
 * The one place a new entry is written: its fields plus the ones the record owns (id, kind,
 * dates, source), in one transaction. Callers check the fields first.
 */
export function writeNewEntry(
  doc: Y.Doc,
  kind: EntryKind,
  fields: Record<string, unknown>,
  source: EntrySource,
  now: number,
): string {
  const id = newId();
  doc.transact(() => {
    const entry = new Y.Map<FieldValue>();
    for (const [name, value] of Object.entries(fields)) entry.set(name, value as FieldValue);
    entry.set('id', id);
    entry.set('kind', kind);
    entry.set('createdAt', now);
    entry.set('updatedAt', now);
    entry.set('source', source);
    entriesMap(doc).set(id, entry);
  });
  return id;
}

export function readEntry(map: Y.Map<FieldValue>): Entry {
  const entry = map.toJSON() as Entry;
  // toJSON hands out the stored arrays themselves: a caller's push must not edit the record.
  for (const [field, value] of Object.entries(entry)) {
    if (Array.isArray(value)) entry[field] = [...value];
  }
  return entry;
}

/** The entry with this id, as stored (in the bin or not: see `deletedAt`), or null. */
export function getEntry(doc: Y.Doc, id: string): Entry | null {
  const map = entriesMap(doc).get(id);
  return map ? readEntry(map) : null;
}

export function isInBin(map: Y.Map<FieldValue>): boolean {
  return typeof map.get('deletedAt') === 'number';
}

export type ListOptions = {
  kind?: EntryKind;
  /** Only entries whose date (entryDate) falls in this year. */
  year?: number;
  /** Include entries in the bin (default: no). */
  includeDeleted?: boolean;
};

/** Entries, most recently updated first; a string argument is the kind. */
export function listEntries(doc: Y.Doc, options: EntryKind | ListOptions = {}): Entry[] {
  const {
    kind,
    year,
    includeDeleted = false,
  } = typeof options === 'string' ? { kind: options } : options;
  const out: Entry[] = [];
  for (const map of entriesMap(doc).values()) {
    if (kind && map.get('kind') !== kind) continue;
    if (!includeDeleted && isInBin(map)) continue;
    if (year !== undefined && yearOf(mapDate(map)) !== year) continue;
    out.push(readEntry(map));
  }
  return out.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Which entry a stored path ("entries/<id>") refers to, for damage reports. */
export function entryIdOfPath(path: string): string | null {
  const match = /^entries\/(.+)$/.exec(path);
  return match ? match[1]! : null;
}

/**
 * The fields that name an entry, by kind, first non-blank wins. Measurements, habits and
 * directives are named by a code (their type or topic), which the UI translates.
 */
const LABEL_FIELDS: Record<EntryKind, readonly string[]> = {
  document: ['title', 'name'],
  medication: ['name'],
  condition: ['name'],
  procedure: ['name'],
  hospitalisation: ['reason', 'place'],
  allergy: ['substance'],
  immunization: ['vaccine'],
  measurement: ['type'],
  lifestyle: ['topic'],
  'family-history': ['condition'],
  appointment: ['reason', 'professional', 'place'],
  contact: ['name'],
  directive: ['type'],
};
/** For entries of a kind this version does not know. */
const ANY_LABEL_FIELDS = ['title', 'substance', 'name', 'nickname'];

export function labelFrom(read: (field: string) => unknown): string | null {
  const kind = read('kind');
  for (const field of isEntryKind(kind) ? LABEL_FIELDS[kind] : ANY_LABEL_FIELDS) {
    const value = read(field);
    if (typeof value === 'string' && value.trim()) return value;
  }
  return null;
}

/** What the user would call an entry: its title, name, substance, vaccine… */
export function labelOf(entry: Entry): string | null {
  return labelFrom((field) => entry[field]);
}

/** What the user would call the entry with this id, or null. */
export function entryLabel(doc: Y.Doc, id: string): string | null {
  const entry = entriesMap(doc).get(id);
  return entry ? labelFrom((field) => entry.get(field)) : null;
}

/** For the vault's damage reports: the label of the entry at a stored path. */
export function labelForPath(path: string, doc: Y.Doc): string | null {
  const id = entryIdOfPath(path);
  return id ? entryLabel(doc, id) : null;
}
