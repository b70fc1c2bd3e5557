import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEntry, entryIdOfPath, listEntries } from './entries';

describe('record entries', () => {
  it('adds an entry with its id, kind, dates and source', () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, 'allergy', { substance: 'Pénicilline' }, 'patient', 1000);
    expect(listEntries(doc)).toEqual([
      {
        id,
        kind: 'allergy',
        substance: 'Pénicilline',
        createdAt: 1000,
        updatedAt: 1000,
        source: 'patient',
      },
    ]);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('lists by kind, most recently updated first', () => {
    const doc = new Y.Doc();
    addEntry(doc, 'allergy', { substance: 'A' }, 'patient', 1);
    addEntry(doc, 'document', { title: 'D' }, 'patient', 2);
    addEntry(doc, 'allergy', { substance: 'B' }, 'patient', 3);
    expect(listEntries(doc, 'allergy').map((e) => e.substance)).toEqual(['B', 'A']);
  });

  it('refuses to let a caller overwrite the fields the record owns', () => {
    const doc = new Y.Doc();
    expect(() => addEntry(doc, 'allergy', { id: 'forged' })).toThrow(/set by the record/);
    expect(listEntries(doc)).toEqual([]);
  });

  it('maps a stored path back to its entry', () => {
    expect(entryIdOfPath('entries/abc')).toBe('abc');
    expect(entryIdOfPath('profile/name')).toBeNull();
  });
});
