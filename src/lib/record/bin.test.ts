import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BIN_RETENTION_MS, deleteEntry, listBin, purgeBin, restoreEntry } from './bin';
import { createEntry } from './editing';
import { entriesMap, listEntries } from './entries';
import { EntryNotFoundError } from './errors';
import { timeline } from './timeline';

const DAY = 24 * 60 * 60 * 1000;

function recordWithTwoAllergies() {
  const doc = new Y.Doc();
  const latex = createEntry(
    doc,
    'allergy',
    { substance: 'Latex', date: '2020-01-01' },
    'patient',
    1,
  );
  const pollen = createEntry(
    doc,
    'allergy',
    { substance: 'Pollen', date: '2021-01-01' },
    'patient',
    2,
  );
  return { doc, latex, pollen };
}

describe('the bin', () => {
  it('hides a deleted entry from lists and the timeline, and shows it in the bin', () => {
    const { doc, latex, pollen } = recordWithTwoAllergies();
    deleteEntry(doc, latex, 10_000);
    expect(listEntries(doc).map((entry) => entry.id)).toEqual([pollen]);
    expect(timeline(doc).items.map((item) => item.entry.id)).toEqual([pollen]);
    expect(listBin(doc)).toEqual([expect.objectContaining({ id: latex, deletedAt: 10_000 })]);
    expect(listEntries(doc, { includeDeleted: true })).toHaveLength(2);
  });

  it('restores an entry as it was', () => {
    const { doc, latex } = recordWithTwoAllergies();
    const before = entriesMap(doc).get(latex)!.toJSON();
    deleteEntry(doc, latex, 10_000);
    restoreEntry(doc, latex);
    expect(entriesMap(doc).get(latex)!.toJSON()).toEqual(before);
    expect(listBin(doc)).toEqual([]);
  });

  it('keeps the first deletion time when deleted twice', () => {
    const { doc, latex } = recordWithTwoAllergies();
    deleteEntry(doc, latex, 10_000);
    deleteEntry(doc, latex, 20_000);
    expect(listBin(doc)[0]!.deletedAt).toBe(10_000);
  });

  it('lists the most recently deleted first', () => {
    const { doc, latex, pollen } = recordWithTwoAllergies();
    deleteEntry(doc, latex, 10_000);
    deleteEntry(doc, pollen, 20_000);
    expect(listBin(doc).map((entry) => entry.id)).toEqual([pollen, latex]);
  });

  it('purges entries deleted more than 30 days ago, and only those', () => {
    const { doc, latex, pollen } = recordWithTwoAllergies();
    const now = Date.UTC(2025, 5, 1);
    deleteEntry(doc, latex, now - 31 * DAY);
    deleteEntry(doc, pollen, now - 29 * DAY);
    const kept = createEntry(doc, 'allergy', { substance: 'Arachide' });
    expect(purgeBin(doc, now)).toEqual([latex]);
    expect(entriesMap(doc).has(latex)).toBe(false);
    expect(listBin(doc).map((entry) => entry.id)).toEqual([pollen]);
    expect(listEntries(doc).map((entry) => entry.id)).toEqual([kept]);
    expect(() => restoreEntry(doc, latex)).toThrow(EntryNotFoundError);
  });

  it('keeps an entry deleted exactly 30 days ago', () => {
    const { doc, latex } = recordWithTwoAllergies();
    deleteEntry(doc, latex, 0);
    expect(purgeBin(doc, BIN_RETENTION_MS)).toEqual([]);
    expect(purgeBin(doc, BIN_RETENTION_MS + 1)).toEqual([latex]);
  });

  it('purges in one update, and not at all when nothing is due', () => {
    const { doc, latex, pollen } = recordWithTwoAllergies();
    deleteEntry(doc, latex, 0);
    deleteEntry(doc, pollen, 0);
    let updates = 0;
    doc.on('update', () => updates++);
    purgeBin(doc, 1);
    expect(updates).toBe(0);
    purgeBin(doc, 100 * DAY);
    expect(updates).toBe(1);
    expect(entriesMap(doc).size).toBe(0);
  });

  it('says so for an unknown entry', () => {
    const doc = new Y.Doc();
    expect(() => deleteEntry(doc, 'missing')).toThrow(EntryNotFoundError);
    expect(() => restoreEntry(doc, 'missing')).toThrow(EntryNotFoundError);
  });
});
