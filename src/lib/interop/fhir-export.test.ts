import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ENTRY_KINDS,
  createEntry,
  deleteEntry,
  listEntries,
  readIdentity,
  updateIdentity,
  type Entry,
} from '../record';
import { exportCollectionBundle, exportIpsBundle } from './fhir-export';
import { applyFhirImport, previewFhirImport, type StoredFileFields } from './fhir-import';
import { listImported } from './import-keys';
import { FakeFileStore, sharedSample } from './test-support';

const NOW = Date.UTC(2025, 5, 1, 12);

/** A record with every kind of entry, most fields filled, an attachment and a kept resource. */
async function fullRecord(files: FakeFileStore): Promise<Y.Doc> {
  const doc = new Y.Doc();
  updateIdentity(doc, {
    familyName: 'Durand',
    givenNames: 'Camille Marie',
    birthDate: '1984-12-07',
    sex: 'female',
    bloodGroup: 'O-',
    ins: '284127645108993',
  });
  const pdf = new TextEncoder().encode('%PDF-1.7 compte rendu');
  const stored: StoredFileFields = await files.storeFile(pdf, 'cr.pdf', 'application/pdf');
  const documentId = createEntry(doc, 'document', {
    title: 'Compte rendu opératoire',
    type: 'report',
    date: '2024-02-10',
    author: 'Dr Lefèvre',
    tags: ['chirurgie', 'genou'],
    confidential: true,
    ...stored,
    note: 'À montrer au kiné',
  });
  createEntry(doc, 'document', {
    title: 'Ordonnance sans fichier',
    type: 'prescription',
    date: '2024-03-01',
  });
  createEntry(doc, 'medication', {
    name: 'Ramipril 5 mg',
    dosage: '1 comprimé le matin',
    reason: 'Hypertension',
    prescriber: 'Dr Benali',
    startDate: '2023-01-01',
    status: 'active',
  });
  createEntry(doc, 'medication', {
    name: 'Amoxicilline',
    startDate: '2022-01-01',
    endDate: '2022-01-08',
    status: 'completed',
  });
  createEntry(doc, 'condition', {
    name: 'Hypertension artérielle',
    status: 'active',
    startDate: '2022-12-01',
  });
  createEntry(doc, 'condition', {
    name: 'Appendicite',
    status: 'resolved',
    startDate: '2001-05-01',
    endDate: '2001-05-10',
  });
  createEntry(doc, 'procedure', {
    name: 'Arthroscopie du genou',
    date: '2024-02-09',
    place: 'Clinique du Parc',
    professional: 'Dr Lefèvre',
  });
  createEntry(doc, 'hospitalisation', {
    reason: 'Arthroscopie',
    place: 'Clinique du Parc',
    startDate: '2024-02-09',
    endDate: '2024-02-11',
  });
  createEntry(doc, 'allergy', {
    substance: 'Pénicilline',
    reaction: 'Urticaire',
    severity: 'severe',
    category: 'medication',
    type: 'allergy',
    date: '1999-01-01',
  });
  createEntry(doc, 'allergy', { substance: 'Pollen', severity: 'mild' });
  createEntry(doc, 'immunization', {
    vaccine: 'DTP',
    date: '2020-06-01',
    dose: '3',
    lotNumber: 'AB123',
    professional: 'Dr Moreau',
    nextDueDate: '2040-06-01',
  });
  createEntry(doc, 'measurement', { type: 'weight', date: '2024-01-02', value: 64.5, unit: 'kg' });
  createEntry(doc, 'measurement', {
    type: 'blood-pressure',
    date: '2024-01-02T08:00:00+01:00',
    systolic: 128,
    diastolic: 81,
    unit: 'mm[Hg]',
    note: 'au réveil',
  });
  createEntry(doc, 'measurement', {
    type: 'glucose',
    date: '2024-01-03',
    value: 0.95,
    unit: 'g/L',
  });
  createEntry(doc, 'lifestyle', { topic: 'tobacco', status: 'former', date: '2015-01-01' });
  createEntry(doc, 'lifestyle', {
    topic: 'alcohol',
    status: 'current',
    detail: 'un verre le week-end',
  });
  createEntry(doc, 'family-history', {
    relationship: 'aunt-uncle',
    condition: 'Diabète de type 2',
    onsetAge: 50,
  });
  createEntry(doc, 'appointment', {
    start: '2025-09-01T09:30:00+02:00',
    end: '2025-09-01T10:00:00+02:00',
    place: 'Cabinet',
    professional: 'Dr Benali',
    reason: 'Suivi',
    reminderMinutes: 60,
  });
  createEntry(doc, 'contact', {
    name: 'Paul Durand',
    role: 'trusted-person',
    emergency: true,
    relationship: 'frère',
    phone: '+33 6 12 34 56 78',
    email: 'paul@example.org',
  });
  createEntry(doc, 'contact', {
    name: 'Dr Karim Benali',
    role: 'gp',
    specialty: 'Médecine générale',
    rpps: '10001234567',
    address: '4 place de la République, Valence',
  });
  createEntry(doc, 'directive', {
    type: 'advance-directive',
    text: 'Pas d’acharnement thérapeutique.',
    documentId,
    date: '2023-04-01',
  });
  createEntry(doc, 'directive', {
    type: 'organ-donation',
    choice: 'refuses-partly',
    note: 'Pas les cornées',
  });
  const binned = createEntry(doc, 'condition', { name: 'Erreur de saisie' });
  deleteEntry(doc, binned);
  // A resource an earlier import kept as it came.
  const flag = previewFhirImport(sharedSample('fhir/ips/NZ_Peter_Jordan_AAA1234.json'));
  await applyFhirImport(
    doc,
    {
      ...flag,
      entries: [],
      identity: null,
      unmapped: flag.unmapped.filter((u) => u.resourceType === 'Flag'),
    },
    files,
  );
  return doc;
}

const OWN_FIELDS = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'source',
  'deletedAt',
  'fileId',
  'documentId',
]);

/** An entry's fields that must survive the round trip (ids and dates of writing are new). */
function comparable(entry: Entry): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry).filter(([field]) => !OWN_FIELDS.has(field)));
}

function byKind(doc: Y.Doc) {
  return Object.fromEntries(
    ENTRY_KINDS.map((kind) => [
      kind,
      listEntries(doc, kind)
        .map(comparable)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ]),
  );
}

describe('the collection export', () => {
  it('imports into an empty record as the same record: entries, fields, identity, files, kept resources', async () => {
    const files = new FakeFileStore();
    const original = await fullRecord(files);
    const bundle = await exportCollectionBundle(original, { readFile: files.readFile, now: NOW });
    const text = JSON.stringify(bundle);

    const copy = new Y.Doc();
    const copyFiles = new FakeFileStore();
    const preview = previewFhirImport(text);
    expect(preview.unmapped).toEqual([expect.objectContaining({ resourceType: 'Flag' })]);
    const report = await applyFhirImport(copy, preview, {
      ...copyFiles,
      sourceName: 'export.json',
      now: NOW,
    });
    expect(report.addedCount).toBe(listEntries(original).length);

    expect(byKind(copy)).toEqual(byKind(original));
    expect(readIdentity(copy)).toEqual(readIdentity(original));
    const [document] = listEntries(copy, 'document').filter((d) => d.fileId);
    expect(new TextDecoder().decode(await copyFiles.readFile(String(document!.fileId)))).toBe(
      '%PDF-1.7 compte rendu',
    );
    const directive = listEntries(copy, 'directive').find((d) => d.type === 'advance-directive')!;
    expect(directive.documentId).toBe(document!.id);
    expect(listImported(copy).map((r) => JSON.parse(r.json) as unknown)).toEqual(
      listImported(original).map((r) => JSON.parse(r.json) as unknown),
    );

    // Importing it again, into either record, adds nothing.
    for (const doc of [copy, original]) {
      const again = await applyFhirImport(doc, previewFhirImport(text), copyFiles);
      expect(again.addedCount).toBe(0);
      expect(again.kept).toBe(0);
    }
  });

  it("maps to standard FHIR well enough that, without Carnet's marks, every entry comes back as its kind", async () => {
    const files = new FakeFileStore();
    const original = await fullRecord(files);
    const bundle = await exportCollectionBundle(original, { readFile: files.readFile, now: NOW });
    const stripped = JSON.parse(JSON.stringify(bundle), (key, value: unknown) => {
      if (key === 'extension') return undefined;
      if (key !== 'identifier' || !Array.isArray(value)) return value;
      const others = value.filter((i: { system?: string }) => i.system !== 'urn:carnet:entry-id');
      return others.length > 0 ? others : undefined;
    }) as unknown;
    const preview = previewFhirImport(JSON.stringify(stripped));
    const counts = Object.fromEntries(
      ENTRY_KINDS.map((kind) => [kind, listEntries(original, kind).length]),
    );
    // An organ donation choice has no standard FHIR code: only Carnet's mark carries it.
    expect(preview.counts).toEqual({ ...counts, directive: counts.directive! - 1 });
    expect(preview.identity).toEqual(readIdentity(original));
  });
});

describe('the IPS export', () => {
  it('is a document Bundle whose Composition has the IPS sections, required ones even when empty', () => {
    const bundle = exportIpsBundle(new Y.Doc(), NOW) as {
      type: string;
      entry: {
        resource: {
          resourceType: string;
          section?: {
            code: { coding: { code: string }[] };
            emptyReason?: unknown;
            entry?: unknown;
          }[];
        };
      }[];
    };
    expect(bundle.type).toBe('document');
    const composition = bundle.entry[0]!.resource;
    expect(composition.resourceType).toBe('Composition');
    const sections = composition.section!.map((s) => [
      s.code.coding[0]!.code,
      s.emptyReason !== undefined,
    ]);
    expect(sections).toEqual([
      ['11450-4', true],
      ['48765-2', true],
      ['10160-0', true],
    ]);
  });

  it('lists what the record holds, section by section, and reads back as a summary', async () => {
    const original = await fullRecord(new FakeFileStore());
    const bundle = exportIpsBundle(original, NOW);
    const text = JSON.stringify(bundle);
    const composition = (
      bundle.entry as {
        resource: { section: { code: { coding: { code: string }[] }; entry?: unknown[] }[] };
      }[]
    )[0]!.resource;
    const sizes = Object.fromEntries(
      composition.section.map((s) => [s.code.coding[0]!.code, s.entry?.length ?? 0]),
    );
    expect(sizes).toEqual({
      '11450-4': 1, // the active condition
      '48765-2': 2,
      '10160-0': 1, // the current medication
      '11369-6': 1,
      '47519-4': 1,
      '8716-3': 3,
      '11348-0': 1, // the resolved condition
      '29762-2': 2,
      '42348-3': 2,
      '30954-2': 1, // blood group
    });
    // Every section reference resolves inside the bundle.
    const urls = new Set((bundle.entry as { fullUrl: string }[]).map((e) => e.fullUrl));
    for (const section of composition.section) {
      for (const ref of (section.entry ?? []) as { reference: string }[])
        expect(urls.has(ref.reference)).toBe(true);
    }
    const preview = previewFhirImport(text);
    expect(preview.bundleType).toBe('document');
    expect(preview.counts.allergy).toBe(2);
    expect(preview.identity?.bloodGroup).toBe('O-');
  });
});
