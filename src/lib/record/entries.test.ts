import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEntry } from './editing';
import {
  addEntry,
  entriesMap,
  entryIdOfPath,
  entryLabel,
  labelForPath,
  listEntries,
  readEntry,
} from './entries';

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

  it('names each kind of entry the way the patient would', () => {
    const doc = new Y.Doc();
    const ids = [
      createEntry(doc, 'immunization', { vaccine: 'Rappel DTP', date: '2020-01-01' }),
      createEntry(doc, 'appointment', { start: '2025-01-01T10:00:00Z', professional: 'Dr Benali' }),
      createEntry(doc, 'family-history', { relationship: 'father', condition: 'Infarctus' }),
      createEntry(doc, 'measurement', { type: 'spo2', date: '2025-01-01', value: 97, unit: '%' }),
    ];
    expect(ids.map((id) => entryLabel(doc, id))).toEqual([
      'Rappel DTP',
      'Dr Benali',
      'Infarctus',
      'spo2',
    ]);
    expect(labelForPath(`entries/${ids[0]}`, doc)).toBe('Rappel DTP');
    expect(entryLabel(doc, 'missing')).toBeNull();
  });

  it('hands out copies: changing a read entry’s tags leaves the record alone', () => {
    const doc = new Y.Doc();
    const id = createEntry(doc, 'document', {
      title: 'Bilan',
      type: 'lab-result',
      date: '2024-01-01',
      tags: ['sang'],
    });
    const entry = readEntry(entriesMap(doc).get(id)!);
    (entry.tags as string[]).push('forged');
    expect(entriesMap(doc).get(id)!.get('tags')).toEqual(['sang']);
  });
});
