/**
 * Creating and editing entries. Each operation validates first and then writes in one
 * `doc.transact`: an entry is never half-written, and each change is one sealed update in the
 * vault.
 */
import * as Y from 'yjs';
import { entriesMap, isInBin, writeNewEntry } from './entries';
import { EntryNotFoundError, InvalidEntryError, type EntryIssue } from './errors';
import {
  isEntryKind,
  isEntrySource,
  type EntryKind,
  type EntrySource,
  type FieldValue,
} from './kinds';
import {
  ENTRY_FIELDS,
  isPlainObject,
  mergePatch,
  reservedIssues,
  validateFields,
  type EntryInput,
} from './schemas';

/**
 * A change to an entry's fields: a value sets the field, null or "" clears it, undefined (or
 * leaving it out) keeps it.
 */
export type EntryPatch<K extends EntryKind = EntryKind> = K extends EntryKind
  ? { [F in keyof EntryInput<K>]?: EntryInput<K>[F] | null }
  : never;

/** Validates `input` as an entry of `kind`, adds it in one transaction and returns its id. */
export function createEntry<K extends EntryKind>(
  doc: Y.Doc,
  kind: K,
  input: EntryInput<K>,
  source: EntrySource = 'patient',
  now = Date.now(),
): string {
  if (!isEntryKind(kind)) throw new InvalidEntryError([{ field: 'kind', code: 'not-in-list' }]);
  const issues: EntryIssue[] = isEntrySource(source)
    ? []
    : [{ field: 'source', code: 'invalid-format' }];
  let fields: Record<string, unknown> = {};
  try {
    fields = validateFields(kind, input);
  } catch (error) {
    if (!(error instanceof InvalidEntryError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0) throw new InvalidEntryError(issues);

  return writeNewEntry(doc, kind, fields, source, now);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => item === b[i]);
  }
  return a === b;
}

/**
 * Applies `patch` to the entry: the entry as it would be after the patch is validated whole, then
 * only the fields that change are written, with updatedAt, in one transaction. Fields this
 * version does not know (written by a newer one on another device) are kept as they are.
 * Returns false, writing nothing, when the patch changes nothing.
 *
 * Throws EntryNotFoundError for an unknown id or an entry in the bin, InvalidEntryError if the
 * result would not be valid.
 */
export function updateEntry<K extends EntryKind = EntryKind>(
  doc: Y.Doc,
  id: string,
  patch: EntryPatch<K>,
  now = Date.now(),
): boolean {
  const entry = entriesMap(doc).get(id);
  if (!entry || isInBin(entry)) throw new EntryNotFoundError(id);
  const kind = entry.get('kind');
  if (!isEntryKind(kind)) throw new InvalidEntryError([{ field: 'kind', code: 'not-in-list' }]);
  if (!isPlainObject(patch)) throw new InvalidEntryError([{ field: '', code: 'wrong-type' }]);
  const reserved = reservedIssues(patch);
  if (reserved.length > 0) throw new InvalidEntryError(reserved);

  const known = ENTRY_FIELDS[kind];
  const current: Record<string, unknown> = {};
  for (const field of known) {
    const value = entry.get(field);
    if (value !== undefined) current[field] = value;
  }
  const merged = mergePatch(current, patch);
  const fields: Record<string, unknown> = validateFields(kind, merged);

  const changes = known.filter((field) => !sameValue(fields[field], entry.get(field)));
  if (changes.length === 0) return false;
  doc.transact(() => {
    for (const field of changes) {
      if (fields[field] === undefined) entry.delete(field);
      else entry.set(field, fields[field] as FieldValue);
    }
    entry.set('updatedAt', now);
  });
  return true;
}
