/**
 * The record's entries over a Y.Doc (DESIGN §2): `entries` is a Y.Map from a random id to a Y.Map
 * of fields. Every entry carries id, kind, createdAt, updatedAt and source. lib/record is handed a
 * Y.Doc and knows nothing of storage.
 */
import * as Y from 'yjs';
import { newId } from '../crypto';

export const ENTRY_KINDS = [
  'document',
  'medication',
  'condition',
  'procedure',
  'hospitalisation',
  'allergy',
  'immunization',
  'measurement',
  'lifestyle',
  'family-history',
  'appointment',
  'contact',
  'directive',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type EntrySource = 'patient' | `professional:${string}` | `import:${string}`;

export type FieldValue = string | number | boolean | null;

export type Entry = {
  id: string;
  kind: EntryKind;
  createdAt: number;
  updatedAt: number;
  source: EntrySource;
  [field: string]: FieldValue;
};

const RESERVED = new Set(['id', 'kind', 'createdAt', 'updatedAt', 'source']);

export function entriesMap(doc: Y.Doc): Y.Map<Y.Map<FieldValue>> {
  return doc.getMap('entries');
}

/** Adds an entry in one transaction and returns its id. */
export function addEntry(
  doc: Y.Doc,
  kind: EntryKind,
  fields: Record<string, FieldValue>,
  source: EntrySource = 'patient',
  now = Date.now(),
): string {
  const id = newId();
  doc.transact(() => {
    const entry = new Y.Map<FieldValue>();
    for (const [name, value] of Object.entries(fields)) {
      if (RESERVED.has(name)) throw new Error(`"${name}" is set by the record, not by the caller`);
      entry.set(name, value);
    }
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
  return map.toJSON() as Entry;
}

/** Every entry, most recently updated first. */
export function listEntries(doc: Y.Doc, kind?: EntryKind): Entry[] {
  const out: Entry[] = [];
  for (const map of entriesMap(doc).values()) {
    if (kind && map.get('kind') !== kind) continue;
    out.push(readEntry(map));
  }
  return out.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Which entry a stored path ("entries/<id>") refers to, for damage reports. */
export function entryIdOfPath(path: string): string | null {
  const match = /^entries\/(.+)$/.exec(path);
  return match ? match[1]! : null;
}

/** What the user would call an entry: its title, substance or name, in that order. */
export function entryLabel(doc: Y.Doc, id: string): string | null {
  const entry = entriesMap(doc).get(id);
  if (!entry) return null;
  for (const field of ['title', 'substance', 'name', 'nickname']) {
    const value = entry.get(field);
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

/** For the vault's damage reports: the label of the entry at a stored path. */
export function labelForPath(path: string, doc: Y.Doc): string | null {
  const id = entryIdOfPath(path);
  return id ? entryLabel(doc, id) : null;
}
