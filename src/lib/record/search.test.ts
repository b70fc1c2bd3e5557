import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteEntry, purgeBin, restoreEntry } from './bin';
import { createEntry, updateEntry } from './editing';
import { entriesMap } from './entries';
import { RecordSearchIndex, normalizeTerm } from './search';

function searchable() {
  const doc = new Y.Doc();
  const ids = {
    flu: createEntry(doc, 'immunization', {
      vaccine: 'Vaccination antigrippale',
      date: '2024-10-15',
    }),
    paracetamol: createEntry(doc, 'medication', {
      name: 'Paracétamol 500 mg',
      dosage: '1 comprimé si douleur',
    }),
    penicillin: createEntry(doc, 'allergy', { substance: 'pénicilline', reaction: 'Œdème' }),
    prescription: createEntry(
      doc,
      'document',
      {
        title: 'Ordonnance du 3 mars',
        type: 'prescription',
        date: '2025-03-03',
        author: 'Dr Sophie Lefèvre',
        tags: ['cardiologie'],
        fileId: 'AAAAAAAAAAAAAAAAAAAAAA',
        name: 'scan-ordo.pdf',
        mime: 'application/pdf',
        size: 1000,
        contentHash: 'b'.repeat(64),
      },
      'professional:Dr Karim Benali',
    ),
    pressure: createEntry(doc, 'measurement', {
      type: 'blood-pressure',
      date: '2025-03-03',
      systolic: 130,
      diastolic: 85,
      unit: 'mm[Hg]',
    }),
    sister: createEntry(doc, 'contact', {
      name: 'Claire Dupont',
      role: 'trusted-person',
      emergency: true,
    }),
  };
  return { doc, ids, index: new RecordSearchIndex(doc) };
}

const idsOf = (hits: { id: string }[]) => hits.map((hit) => hit.id);

describe('normalising search terms', () => {
  it('folds case, accents and ligatures, and drops stop words', () => {
    expect(normalizeTerm('PÉNICILLINE')).toBe('penicilline');
    expect(normalizeTerm('Œdème')).toBe('oedeme');
    expect(normalizeTerm('cœur')).toBe('coeur');
    expect(normalizeTerm('de')).toBeNull();
  });
});

describe('searching the record', () => {
  it('finds a word by its beginning: "vaccin" finds "Vaccination"', () => {
    const { ids, index } = searchable();
    expect(index.search('vaccin')).toEqual([
      {
        id: ids.flu,
        kind: 'immunization',
        label: 'Vaccination antigrippale',
        score: expect.any(Number),
      },
    ]);
  });

  it('ignores accents and case both ways', () => {
    const { ids, index } = searchable();
    expect(idsOf(index.search('paracetamol'))).toEqual([ids.paracetamol]);
    expect(idsOf(index.search('PÉNICILLINE'))).toEqual([ids.penicillin]);
    expect(idsOf(index.search('oedeme'))).toEqual([ids.penicillin]);
  });

  it('forgives one typo in a longer word', () => {
    const { ids, index } = searchable();
    expect(idsOf(index.search('paracetamoll'))).toEqual([ids.paracetamol]);
    expect(idsOf(index.search('parx'))).toEqual([]);
  });

  it('searches the documents’ metadata: author, tags, file name, type and who sent it', () => {
    const { ids, index } = searchable();
    for (const query of [
      'lefevre',
      'cardiologie',
      'scan-ordo',
      'ordonnance',
      'prescription',
      'benali',
    ]) {
      expect(idsOf(index.search(query)), query).toEqual([ids.prescription]);
    }
  });

  it('finds coded values by their words in French and English', () => {
    const { ids, index } = searchable();
    expect(idsOf(index.search('tension'))).toEqual([ids.pressure]);
    expect(idsOf(index.search('blood pressure'))).toEqual([ids.pressure]);
    expect(idsOf(index.search('personne de confiance'))).toEqual([ids.sister]);
    expect(idsOf(index.search('urgence'))).toEqual([ids.sister]);
  });

  it('wants every word of the query', () => {
    const { ids, index } = searchable();
    expect(idsOf(index.search('ordonnance mars'))).toEqual([ids.prescription]);
    expect(idsOf(index.search('ordonnance avril'))).toEqual([]);
  });

  it('ranks a match in the name above a match elsewhere', () => {
    const { doc, index } = searchable();
    const inNote = createEntry(doc, 'condition', {
      name: 'Migraine',
      note: 'Soulagée par le paracétamol',
    });
    const hits = idsOf(index.search('paracetamol'));
    expect(hits).toHaveLength(2);
    expect(hits[1]).toBe(inNote);
  });

  it('can keep to some kinds', () => {
    const { doc, ids, index } = searchable();
    const report = createEntry(doc, 'document', {
      title: 'Paracétamol : notice',
      type: 'other',
      date: '2024-01-01',
    });
    expect(idsOf(index.search('paracetamol', { kinds: ['medication'] }))).toEqual([
      ids.paracetamol,
    ]);
    expect(idsOf(index.search('paracetamol', { kinds: ['document'] }))).toEqual([report]);
  });
});

describe('keeping the search index current', () => {
  it('finds an edit right after it, and no longer finds what was replaced', () => {
    const { doc, ids, index } = searchable();
    updateEntry(doc, ids.paracetamol, { name: 'Doliprane 1000 mg' });
    expect(idsOf(index.search('doliprane'))).toEqual([ids.paracetamol]);
    expect(idsOf(index.search('paracetamol'))).toEqual([]);
  });

  it('finds a new entry, forgets a deleted one, finds it again once restored', () => {
    const { doc, ids, index } = searchable();
    const added = createEntry(doc, 'condition', { name: 'Asthme' });
    expect(idsOf(index.search('asthme'))).toEqual([added]);
    deleteEntry(doc, ids.penicillin);
    expect(index.search('penicilline')).toEqual([]);
    restoreEntry(doc, ids.penicillin);
    expect(idsOf(index.search('penicilline'))).toEqual([ids.penicillin]);
    deleteEntry(doc, ids.penicillin, 0);
    purgeBin(doc, Date.now());
    expect(index.search('penicilline')).toEqual([]);
    expect(index.size).toBe(6);
  });

  it('indexes changes that arrive from another device', () => {
    const { doc, index } = searchable();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const remote = createEntry(other, 'condition', { name: 'Hypothyroïdie' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    expect(idsOf(index.search('hypothyroidie'))).toEqual([remote]);
  });

  it('re-indexes only the entries a change touched', () => {
    const { doc, ids, index } = searchable();
    // An edit made straight on the Y.Map (as a sync would) is picked up too.
    entriesMap(doc).get(ids.sister)!.set('name', 'Claire Martin');
    expect(idsOf(index.search('martin'))).toEqual([ids.sister]);
    expect(index.size).toBe(6);
  });

  it('stops following the record once destroyed', () => {
    const { doc, index } = searchable();
    index.destroy();
    createEntry(doc, 'condition', { name: 'Asthme' });
    expect(index.search('asthme')).toEqual([]);
  });

  it('can be built a slice at a time, following changes made meanwhile', async () => {
    const doc = new Y.Doc();
    const ids = Array.from({ length: 12 }, (_, i) =>
      createEntry(doc, 'condition', { name: `Asthme ${i}` }),
    );
    const building = RecordSearchIndex.build(doc, 5);
    const added = createEntry(doc, 'condition', { name: 'Asthme tardif' });
    updateEntry(doc, ids[11]!, { name: 'Eczéma' });
    deleteEntry(doc, ids[0]!);
    const index = await building;
    expect(index.size).toBe(12);
    expect(idsOf(index.search('asthme tardif'))).toEqual([added]);
    expect(idsOf(index.search('eczema'))).toEqual([ids[11]]);
    expect(idsOf(index.search('asthme'))).toHaveLength(11);
    expect(idsOf(index.search('asthme'))).not.toContain(ids[0]);
  });
});
