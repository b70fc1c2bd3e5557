/**
 * The bin: a deleted entry stays restorable for 30 days, hidden from lists, search and the
 * timeline, then purgeBin removes it from the record for good.
 */
import type * as Y from 'yjs';
import { entriesMap, isInBin, readEntry } from './entries';
import { EntryNotFoundError } from './errors';
import type { Entry } from './kinds';

export const BIN_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Moves the entry to the bin. Deleting an entry already in the bin changes nothing. */
export function deleteEntry(doc: Y.Doc, id: string, now = Date.now()): void {
  const entry = entriesMap(doc).get(id);
  if (!entry) throw new EntryNotFoundError(id);
  if (isInBin(entry)) return;
  doc.transact(() => entry.set('deletedAt', now));
}

/** Takes the entry out of the bin, as it was. */
export function restoreEntry(doc: Y.Doc, id: string): void {
  const entry = entriesMap(doc).get(id);
  if (!entry) throw new EntryNotFoundError(id);
  if (!isInBin(entry)) return;
  doc.transact(() => entry.delete('deletedAt'));
}

/** Entries in the bin, most recently deleted first. Each purges at deletedAt + BIN_RETENTION_MS. */
export function listBin(doc: Y.Doc): Entry[] {
  const out: Entry[] = [];
  for (const map of entriesMap(doc).values()) if (isInBin(map)) out.push(readEntry(map));
  return out.sort((a, b) => Number(b.deletedAt) - Number(a.deletedAt));
}

/**
 * Removes, in one transaction, the entries deleted more than 30 days before `now`, and returns
 * their ids. With Yjs garbage collection on (the default), their content leaves the Y.Doc; it
 * leaves storage when the vault's compaction drops the updates and snapshot that held it (it
 * keeps one generation back).
 */
export function purgeBin(doc: Y.Doc, now = Date.now()): string[] {
  const entries = entriesMap(doc);
  const expired: string[] = [];
  for (const [id, map] of entries) {
    const deletedAt = map.get('deletedAt');
    if (typeof deletedAt === 'number' && now - deletedAt > BIN_RETENTION_MS) expired.push(id);
  }
  if (expired.length > 0) doc.transact(() => expired.forEach((id) => entries.delete(id)));
  return expired;
}
