import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEntry, updateEntry, type EntryPatch } from './editing';
import { entriesMap, listEntries } from './entries';
import { deleteEntry } from './bin';
import { EntryNotFoundError, InvalidEntryError } from './errors';
import type { EntryInput } from './schemas';

/** Counts the doc's transactions that changed something (each is one update for the vault). */
function countUpdates(doc: Y.Doc): { readonly count: number } {
  const counter = { count: 0 };
  doc.on('update', () => counter.count++);
  return counter;
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('creating an entry', () => {
  it('stores the validated fields with id, kind, dates and source, in one update', () => {
    const doc = new Y.Doc();
    const updates = countUpdates(doc);
    const id = createEntry(
      doc,
      'medication',
      { name: ' Paracétamol 500 mg ', dosage: '1 g x 3 / jour', startDate: '2024-05-01' },
      'professional:Dr Martin',
      1000,
    );
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(listEntries(doc)).toEqual([
      {
        id,
        kind: 'medication',
        name: 'Paracétamol 500 mg',
        dosage: '1 g x 3 / jour',
        startDate: '2024-05-01',
        createdAt: 1000,
        updatedAt: 1000,
        source: 'professional:Dr Martin',
      },
    ]);
    expect(updates.count).toBe(1);
  });

  it('writes nothing when the input is invalid, and says why', () => {
    const doc = new Y.Doc();
    const updates = countUpdates(doc);
    const error = thrown(() =>
      createEntry(doc, 'allergy', { substance: '', severity: 'deadly' } as never),
    );
    expect(error).toBeInstanceOf(InvalidEntryError);
    expect((error as InvalidEntryError).issues).toEqual([
      { field: 'substance', code: 'required' },
      { field: 'severity', code: 'not-in-list' },
    ]);
    expect(entriesMap(doc).size).toBe(0);
    expect(updates.count).toBe(0);
  });

  it('refuses a source that is not patient, professional:<name> or import:<file>', () => {
    const doc = new Y.Doc();
    for (const source of ['doctor', 'professional:', 'import: ']) {
      const error = thrown(() =>
        createEntry(doc, 'allergy', { substance: 'Latex' }, source as never),
      ) as InvalidEntryError;
      expect(error.issues).toEqual([{ field: 'source', code: 'invalid-format' }]);
    }
    expect(entriesMap(doc).size).toBe(0);
    createEntry(doc, 'allergy', { substance: 'Latex' }, 'import:synthea.json');
    expect(listEntries(doc)[0]!.source).toBe('import:synthea.json');
  });

  it('refuses a kind the record does not have', () => {
    const doc = new Y.Doc();
    const error = thrown(() => createEntry(doc, 'recipe' as never, {} as never));
    expect((error as InvalidEntryError).issues).toEqual([{ field: 'kind', code: 'not-in-list' }]);
  });

  it('refuses to let the caller set the fields the record owns', () => {
    const doc = new Y.Doc();
    const input = { substance: 'Latex', createdAt: 1 } as EntryInput<'allergy'>;
    const error = thrown(() => createEntry(doc, 'allergy', input)) as InvalidEntryError;
    expect(error.issues).toEqual([{ field: 'createdAt', code: 'reserved-field' }]);
    expect(entriesMap(doc).size).toBe(0);
  });
});

describe('editing an entry', () => {
  function withMedication() {
    const doc = new Y.Doc();
    const id = createEntry(
      doc,
      'medication',
      { name: 'Ramipril 5 mg', dosage: '1 comprimé le matin', reason: 'Hypertension' },
      'patient',
      1000,
    );
    return { doc, id, entry: entriesMap(doc).get(id)! };
  }

  it('writes only the fields that change, and updatedAt, in one update', () => {
    const { doc, id, entry } = withMedication();
    const updates = countUpdates(doc);
    const changed: string[][] = [];
    entry.observe((event) => changed.push([...event.keysChanged].sort()));
    expect(
      updateEntry(doc, id, { name: 'Ramipril 5 mg', dosage: '2 comprimés le matin' }, 2000),
    ).toBe(true);
    expect(changed).toEqual([['dosage', 'updatedAt']]);
    expect(updates.count).toBe(1);
    expect(entry.toJSON()).toMatchObject({
      dosage: '2 comprimés le matin',
      createdAt: 1000,
      updatedAt: 2000,
    });
  });

  it('clears a field given null or a blank, keeps one left out or undefined', () => {
    const { doc, id, entry } = withMedication();
    updateEntry(doc, id, { reason: null, dosage: undefined });
    expect(entry.has('reason')).toBe(false);
    expect(entry.get('dosage')).toBe('1 comprimé le matin');
    updateEntry(doc, id, { dosage: '  ' });
    expect(entry.has('dosage')).toBe(false);
  });

  it('validates the entry as it would be, and changes nothing if it would be invalid', () => {
    const { doc, id, entry } = withMedication();
    const before = entry.toJSON();
    const updates = countUpdates(doc);
    const error = thrown(() => updateEntry(doc, id, { name: null, endDate: '2024-13-01' }));
    expect((error as InvalidEntryError).issues).toEqual([
      { field: 'name', code: 'required' },
      { field: 'endDate', code: 'invalid-date' },
    ]);
    expect(entry.toJSON()).toEqual(before);
    expect(updates.count).toBe(0);
  });

  it('checks the fields together: a new unit must suit the stored value', () => {
    const doc = new Y.Doc();
    const id = createEntry(doc, 'measurement', {
      type: 'weight',
      date: '2024-05-12',
      value: 600,
      unit: '[lb_av]',
    });
    // 600 lb is a heavy person; 600 kg is a typing slip.
    expect(() => updateEntry<'measurement'>(doc, id, { unit: 'kg' })).toThrow(InvalidEntryError);
    expect(updateEntry<'measurement'>(doc, id, { unit: 'kg', value: 72.5 })).toBe(true);
    expect(entriesMap(doc).get(id)!.get('value')).toBe(72.5);
  });

  it('writes nothing when nothing changes', () => {
    const { doc, id, entry } = withMedication();
    const updates = countUpdates(doc);
    expect(updateEntry(doc, id, { name: ' Ramipril 5 mg ' }, 5000)).toBe(false);
    expect(updates.count).toBe(0);
    expect(entry.get('updatedAt')).toBe(1000);
  });

  it('keeps fields written by a newer version it does not know', () => {
    const { doc, id, entry } = withMedication();
    entry.set('atcCode', 'C09AA05');
    updateEntry(doc, id, { dosage: '2 comprimés' });
    expect(entry.get('atcCode')).toBe('C09AA05');
    expect(entry.get('dosage')).toBe('2 comprimés');
  });

  it('refuses fields the kind does not have and fields the record owns', () => {
    const { doc, id } = withMedication();
    const unknown = thrown(() => updateEntry(doc, id, { colour: 'red' } as EntryPatch));
    expect((unknown as InvalidEntryError).issues).toEqual([
      { field: 'colour', code: 'unknown-field' },
    ]);
    const reserved = thrown(() => updateEntry(doc, id, { createdAt: 5 } as EntryPatch));
    expect((reserved as InvalidEntryError).issues).toEqual([
      { field: 'createdAt', code: 'reserved-field' },
    ]);
  });

  it('cannot edit an entry that does not exist or is in the bin', () => {
    const { doc, id } = withMedication();
    expect(() => updateEntry(doc, 'missing', { dosage: 'x' })).toThrow(EntryNotFoundError);
    deleteEntry(doc, id);
    expect(() => updateEntry(doc, id, { dosage: 'x' })).toThrow(EntryNotFoundError);
  });
});
