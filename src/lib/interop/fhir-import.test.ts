import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listEntries, readIdentity, type EntryKind } from '../record';
import {
  MAX_FHIR_IMPORT_CHARS,
  NotFhirError,
  TooLargeError,
  applyFhirImport,
  pendingImport,
  previewFhirImport,
  type FhirImportPreview,
} from './fhir-import';
import { listImported } from './import-keys';
import { FakeFileStore, sharedSample, sharedSamples } from './test-support';

/** Non-zero counts only, to compare with the hand-made tables below. */
function countsOf(preview: FhirImportPreview): Partial<Record<EntryKind, number>> {
  return Object.fromEntries(Object.entries(preview.counts).filter(([, count]) => count > 0));
}

function reasonsOf(preview: FhirImportPreview): Record<string, number> {
  const reasons: Record<string, number> = {};
  for (const { resourceType, reason } of preview.unmapped) {
    const key = `${resourceType}:${reason}`;
    reasons[key] = (reasons[key] ?? 0) + 1;
  }
  return reasons;
}

/**
 * What each sample should give, checked by hand: resource types tallied per file (a Python
 * one-liner over `entry[].resource.resourceType`, matching ../shared/data/README.md), then each
 * Observation's LOINC code, each Patient.contact and each "no known …" code read in the files.
 */
const EXPECTED: Record<
  string,
  { counts: Partial<Record<EntryKind, number>>; unmapped: Record<string, number> }
> = {
  // 180 resources. 7 MedicationStatements, each naming one of the 7 Medications (used, not kept);
  // of 77 Observations: 2 heart rates (8867-4) and 2 systolic/diastolic pairs (8480-6 + 8462-4,
  // same effective[x]) make 4 measurements; the other 71 are lab results with no measure of ours.
  'AT_ELGA_GmbH_01.json': {
    counts: { medication: 7, condition: 5, allergy: 1, immunization: 3, measurement: 4 },
    unmapped: {
      'Composition:summary-structure': 1,
      'Device:unsupported-resource': 1,
      'Organization:unsupported-resource': 77,
      'Observation:unknown-observation': 71,
    },
  },
  // 7 resources: the Practitioner and the Patient's 2 contacts (next of kin, emergency friend);
  // the DNR Consent is an advance directive.
  'DE_no_info_with_Advance_Directive.json': {
    counts: { contact: 3, directive: 1 },
    unmapped: {
      'Composition:summary-structure': 1,
      'Organization:unsupported-resource': 2,
      'PractitionerRole:unsupported-resource': 1,
    },
  },
  // 20 resources. One of the 2 allergies is "No known food allergy" (429625007). Of 7
  // Observations, the ABO/Rh one (882-1, A Rh+) fills the blood group; 6 are lab results.
  'IPS_IG-bundle-01.json': {
    counts: { medication: 2, condition: 2, allergy: 1, contact: 2 },
    unmapped: {
      'Composition:summary-structure': 1,
      'Organization:unsupported-resource': 2,
      'Observation:unknown-observation': 6,
      'AllergyIntolerance:states-absence': 1,
    },
  },
  // 8 resources: one each; contacts are the Practitioner and the Patient's mother.
  'IPS_IG_bundle-minimal.json': {
    counts: { medication: 1, condition: 1, allergy: 1, contact: 2 },
    unmapped: {
      'Composition:summary-structure': 1,
      'Organization:unsupported-resource': 1,
    },
  },
  // 8 resources: 2 Immunizations; contacts: the Practitioner and the Patient's 2 contacts.
  'IPS_IG_bundle-no-info-required-sections.json': {
    counts: { immunization: 2, contact: 3 },
    unmapped: {
      'Composition:summary-structure': 1,
      'Organization:unsupported-resource': 2,
      'PractitionerRole:unsupported-resource': 1,
    },
  },
  // 15 resources: MedicationRequests name their Medications by urn:oid fullUrls. The 3
  // Observations use a Dutch code system (no LOINC).
  'NL_Curavista_01.json': {
    counts: { medication: 2, condition: 3, allergy: 2 },
    unmapped: {
      'Composition:summary-structure': 1,
      'Organization:unsupported-resource': 1,
      'Observation:unknown-observation': 3,
    },
  },
  // 12 resources: the allergy, condition and medication sections each say "none known".
  'NZ_Peter_Jordan_AAA1234.json': {
    counts: { immunization: 2, contact: 3 },
    unmapped: {
      'Composition:summary-structure': 1,
      'Organization:unsupported-resource': 2,
      'PractitionerRole:unsupported-resource': 1,
      'AllergyIntolerance:states-absence': 1,
      'Condition:states-absence': 1,
      'MedicationStatement:states-absence': 1,
      'Flag:unsupported-resource': 1,
    },
  },
  // 24 resources: the Observation is a smoking status (72166-2, former smoker).
  'US_Washington_GDHP.json': {
    counts: { medication: 1, condition: 3, immunization: 16, lifestyle: 1 },
    unmapped: {
      'Composition:summary-structure': 1,
      'Organization:unsupported-resource': 1,
    },
  },
  'US_ePatientDave_medRequest_with_Narrative.json': {
    counts: { medication: 13, condition: 37 },
    unmapped: {
      'Composition:summary-structure': 1,
      'Organization:unsupported-resource': 1,
    },
  },
  'US_ePatientDave_medStatements_with_Narrative.json': {
    counts: { medication: 29, condition: 37 },
    unmapped: {
      'Composition:summary-structure': 1,
      'Organization:unsupported-resource': 1,
    },
  },
  // 196 resources. Of 88 Observations: 9 weights, 9 heights and 12 blood pressure panels
  // (55284-4) are measurements, 9 smoking statuses are habits; 9 BMI, 9 BMI percentiles, 9 pain
  // scores and 22 blood counts are not ours. The 19 Encounters are 18 ambulatory and 1 emergency
  // visit, none a stay.
  'Tania553_Harris789.json': {
    counts: {
      medication: 8,
      condition: 5,
      procedure: 2,
      immunization: 15,
      measurement: 30,
      lifestyle: 9,
      contact: 2,
    },
    unmapped: {
      'Organization:unsupported-resource': 2,
      'Encounter:not-a-stay': 19,
      'Observation:unknown-observation': 49,
      'DiagnosticReport:unsupported-resource': 2,
      'Claim:unsupported-resource': 27,
      'ExplanationOfBenefit:unsupported-resource': 19,
      'CareTeam:unsupported-resource': 2,
      'CarePlan:unsupported-resource': 2,
      'Goal:unsupported-resource': 2,
    },
  },
};

const samples = [...sharedSamples('fhir/ips'), ...sharedSamples('fhir/synthea')];

describe('the sample FHIR files', () => {
  it('are all checked here', () => {
    expect(samples.map((s) => s.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const { name, text } of samples) {
    it(`${name} previews the entries counted by hand and keeps the rest with a reason`, () => {
      const preview = previewFhirImport(text);
      expect(countsOf(preview)).toEqual(EXPECTED[name]!.counts);
      expect(reasonsOf(preview)).toEqual(EXPECTED[name]!.unmapped);
      expect(preview.identity?.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const kept of preview.unmapped) expect(JSON.parse(kept.json)).toBeTypeOf('object');
      const keys = [...preview.entries, ...preview.unmapped].map((item) => item.importKey);
      expect(new Set(keys).size).toBe(keys.length);
    });
  }

  it('reads a Patient into identity fields, and a blood group from ABO/Rh', () => {
    const preview = previewFhirImport(sharedSample('fhir/ips/IPS_IG-bundle-01.json'));
    expect(preview.identity).toEqual({
      familyName: 'DeLarosa',
      givenNames: 'Martha',
      birthDate: '1972-05-01',
      sex: 'female',
      bloodGroup: 'A+',
    });
    expect(preview.bundleType).toBe('document');
  });

  it('names medicines from the Medication a statement refers to', () => {
    const preview = previewFhirImport(sharedSample('fhir/ips/AT_ELGA_GmbH_01.json'));
    const names = preview.entries.filter((e) => e.kind === 'medication').map((e) => e.fields);
    expect(names).toContainEqual(expect.objectContaining({ name: 'ASPIRIN TBL 500MG' }));
  });

  it('saves every sample into one record, and a second import adds nothing', async () => {
    const doc = new Y.Doc();
    const files = new FakeFileStore();
    let total = 0;
    for (const { name, text } of samples) {
      const preview = previewFhirImport(text);
      // Some samples share resources (the same IPS examples' Patient, Practitioner, Condition…):
      // those the record holds already are not added again.
      const pending = pendingImport(doc, preview).entries.length;
      const report = await applyFhirImport(doc, preview, { ...files, sourceName: name });
      expect(report.addedCount).toBe(pending);
      total += report.addedCount;
    }
    expect(listEntries(doc)).toHaveLength(total);
    const kept = listImported(doc).length;
    expect(kept).toBeGreaterThan(300);
    // The first file's identity fills the blank record; the others differ and change nothing.
    expect(readIdentity(doc).familyName).toBe('Musterfrau');

    for (const { name, text } of samples) {
      const preview = previewFhirImport(text);
      expect(pendingImport(doc, preview).entries).toEqual([]);
      const report = await applyFhirImport(doc, preview, { ...files, sourceName: name });
      expect(report.addedCount).toBe(0);
      expect(report.kept).toBe(0);
      expect(report.alreadyThere).toBe(preview.entries.length);
    }
    expect(listEntries(doc)).toHaveLength(total);
    expect(listImported(doc)).toHaveLength(kept);
  });

  it('marks each entry with the import it came from', async () => {
    const doc = new Y.Doc();
    const preview = previewFhirImport(sharedSample('fhir/ips/IPS_IG_bundle-minimal.json'));
    await applyFhirImport(doc, preview, { ...new FakeFileStore(), sourceName: 'resume.json' });
    expect(listEntries(doc).every((e) => e.source === 'import:resume.json')).toBe(true);
    const doc2 = new Y.Doc();
    await applyFhirImport(doc2, preview, new FakeFileStore());
    expect(listEntries(doc2)[0]!.source).toBe('import:28b95815-76ce-457b-b7ae-a972e527db40');
  });
});

const PATIENT = { resourceType: 'Patient', id: 'p', birthDate: '1980-02-03' };

function bundle(...resources: object[]): string {
  return JSON.stringify({
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: '2024-05-06T10:00:00+02:00',
    entry: resources.map((resource, i) => ({
      fullUrl: `urn:uuid:00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      resource,
    })),
  });
}

const base64 = (text: string) => btoa(text);

describe('attachments', () => {
  const documentReference = (content: object[], extra: object = {}) => ({
    resourceType: 'DocumentReference',
    id: 'doc',
    status: 'current',
    type: { coding: [{ system: 'http://loinc.org', code: '11502-2' }] },
    description: 'Bilan sanguin',
    date: '2024-03-01T09:00:00+01:00',
    content,
    ...extra,
  });

  it('decodes inline data and a Binary of the bundle into files to store; an external URL is reported, not fetched', async () => {
    const text = JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-1111-1111-1111-111111111111',
          resource: documentReference([
            {
              attachment: {
                contentType: 'application/pdf',
                data: base64('%PDF-1.4 inline'),
                title: 'bilan.pdf',
              },
            },
          ]),
        },
        {
          fullUrl: 'urn:uuid:22222222-2222-2222-2222-222222222222',
          resource: documentReference(
            [{ attachment: { contentType: 'text/plain; charset=utf-8', url: 'Binary/b1' } }],
            { id: 'doc2', description: 'Lettre' },
          ),
        },
        {
          fullUrl: 'urn:uuid:33333333-3333-3333-3333-333333333333',
          resource: {
            resourceType: 'Binary',
            id: 'b1',
            contentType: 'text/plain',
            data: base64('bonjour'),
          },
        },
        {
          fullUrl: 'urn:uuid:44444444-4444-4444-4444-444444444444',
          resource: documentReference(
            [
              {
                attachment: {
                  contentType: 'application/pdf',
                  url: 'https://example.org/report.pdf',
                },
              },
            ],
            { id: 'doc3', description: 'Externe' },
          ),
        },
      ],
    });
    const preview = previewFhirImport(text);
    expect(preview.counts.document).toBe(3);
    expect(preview.unmapped).toEqual([]);
    expect(preview.warnings).toEqual([
      expect.objectContaining({
        code: 'external-attachment',
        detail: 'https://example.org/report.pdf',
      }),
    ]);
    const [inline, fromBinary, external] = preview.entries;
    expect(new TextDecoder().decode(inline!.file!.bytes)).toBe('%PDF-1.4 inline');
    expect(inline!.file).toMatchObject({ name: 'bilan.pdf', mime: 'application/pdf' });
    expect(fromBinary!.file).toMatchObject({ name: 'Lettre.txt', mime: 'text/plain' });
    expect(external!.file).toBeUndefined();

    const doc = new Y.Doc();
    const files = new FakeFileStore();
    await applyFhirImport(doc, preview, { ...files, sourceName: 'x.json' });
    const documents = listEntries(doc, 'document');
    expect(documents.filter((d) => d.fileId)).toHaveLength(2);
    expect(files.files.size).toBe(2);
    const letter = documents.find((d) => d.title === 'Lettre')!;
    expect(new TextDecoder().decode(files.files.get(String(letter.fileId))!.bytes)).toBe('bonjour');
    expect(letter).toMatchObject({
      type: 'lab-result',
      date: '2024-03-01',
      mime: 'text/plain',
      size: 7,
    });
    // The resource whose attachment stayed behind is kept whole, URL and all.
    expect(listImported(doc).map((r) => r.resourceType)).toEqual(['DocumentReference']);
  });

  it('refuses attachment data that is not base64, keeping the resource', () => {
    const preview = previewFhirImport(
      bundle(
        documentReference([
          { attachment: { contentType: 'application/pdf', data: '!!not base64!!' } },
        ]),
      ),
    );
    expect(preview.counts.document).toBe(0);
    expect(reasonsOf(preview)).toEqual({ 'DocumentReference:invalid-attachment': 1 });
  });

  it('links an advance directive to its document', async () => {
    const preview = previewFhirImport(
      bundle(
        documentReference(
          [{ attachment: { contentType: 'application/pdf', data: base64('%PDF') } }],
          {
            id: 'ad',
            type: { text: 'Directives anticipées' },
          },
        ),
        {
          resourceType: 'Consent',
          id: 'c',
          status: 'active',
          scope: { coding: [{ code: 'adr' }] },
          category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
          dateTime: '2023-01-02',
          sourceReference: { reference: 'DocumentReference/ad' },
        },
      ),
    );
    expect(countsOf(preview)).toEqual({ document: 1, directive: 1 });
    const doc = new Y.Doc();
    await applyFhirImport(doc, preview, new FakeFileStore());
    const [document] = listEntries(doc, 'document');
    const [directive] = listEntries(doc, 'directive');
    expect(directive).toMatchObject({
      type: 'advance-directive',
      documentId: document!.id,
      date: '2023-01-02',
    });
  });

  it('stores nothing when a file cannot be stored', async () => {
    const preview = previewFhirImport(
      bundle(
        documentReference([
          { attachment: { contentType: 'application/pdf', data: base64('one') } },
        ]),
        documentReference(
          [{ attachment: { contentType: 'application/pdf', data: base64('two') } }],
          { id: 'd2' },
        ),
      ),
    );
    const files = new FakeFileStore();
    let calls = 0;
    const failing = (bytes: Uint8Array, name: string, mime: string) => {
      if (++calls === 2) return Promise.reject(new Error('disk full'));
      return files.storeFile(bytes, name, mime);
    };
    const doc = new Y.Doc();
    await expect(
      applyFhirImport(doc, preview, { storeFile: failing, discardFile: files.discardFile }),
    ).rejects.toThrow('disk full');
    expect(listEntries(doc)).toEqual([]);
    expect(files.files.size).toBe(0);
    expect(doc.getMap('importKeys').size).toBe(0);
  });
});

describe('mapping details', () => {
  const observation = (code: string, valueQuantity: object, extra: object = {}) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code }] },
    effectiveDateTime: '2024-01-02T08:00:00+01:00',
    valueQuantity,
    ...extra,
  });

  it('converts units to the ones the record allows, and keeps what cannot be converted', () => {
    const preview = previewFhirImport(
      bundle(
        observation('29463-7', {
          value: 72500,
          unit: 'g',
          system: 'http://unitsofmeasure.org',
          code: 'g',
        }),
        observation('8302-2', { value: 1.72, unit: 'm' }),
        observation('8310-5', { value: 98.6, unit: '°F' }),
        observation('2345-7', { value: 95, unit: 'mg/dL' }),
        observation('8867-4', { value: 3, unit: 'Hz' }),
      ),
    );
    expect(preview.entries.map((e) => e.fields)).toEqual([
      { type: 'weight', date: '2024-01-02T07:00:00.000Z', value: 72.5, unit: 'kg' },
      { type: 'height', date: '2024-01-02T07:00:00.000Z', value: 172, unit: 'cm' },
      { type: 'temperature', date: '2024-01-02T07:00:00.000Z', value: 98.6, unit: '[degF]' },
      { type: 'glucose', date: '2024-01-02T07:00:00.000Z', value: 95, unit: 'mg/dL' },
    ]);
    expect(reasonsOf(preview)).toEqual({ 'Observation:unit-not-convertible': 1 });
  });

  it('keeps a measure the record would refuse, with the issues', () => {
    const preview = previewFhirImport(bundle(observation('29463-7', { value: 7000, unit: 'kg' })));
    expect(preview.unmapped[0]).toMatchObject({
      reason: 'invalid',
      issues: [{ field: 'value', code: 'out-of-range' }],
    });
  });

  it('drops a field the record refuses when the entry stands without it', () => {
    const preview = previewFhirImport(
      bundle({
        resourceType: 'Practitioner',
        name: [{ family: 'Martin', given: ['Claire'] }],
        telecom: [{ system: 'phone', value: 'call the desk' }],
      }),
    );
    expect(preview.entries[0]).toMatchObject({
      kind: 'contact',
      fields: { name: 'Claire Martin', role: 'other-professional' },
      dropped: ['phone'],
    });
  });

  it('takes an INS only from the INS identifier system', () => {
    const withIns = (system: string) =>
      previewFhirImport(
        bundle({
          ...PATIENT,
          identifier: [{ system, value: '2 55 08 75 123 456 86' }],
        }),
      ).identity;
    // 255087512345686: key 97 − (2550875123456 mod 97) = 86.
    expect(withIns('urn:oid:1.2.250.1.213.1.4.8')?.ins).toBe('255087512345686');
    expect(withIns('urn:oid:1.2.250.1.213.1.4.10')?.ins).toBe('255087512345686');
    expect(withIns('http://hl7.org/fhir/sid/us-ssn')?.ins).toBeUndefined();
  });

  it('makes a stay of an inpatient Encounter and an appointment of a planned one', () => {
    const preview = previewFhirImport(
      bundle(
        {
          resourceType: 'Encounter',
          status: 'finished',
          class: { code: 'IMP' },
          reasonCode: [{ text: 'Appendicite' }],
          period: { start: '2020-04-01T10:00:00+02:00', end: '2020-04-04T10:00:00+02:00' },
          serviceProvider: { display: 'CH Valence' },
        },
        {
          resourceType: 'Encounter',
          status: 'planned',
          class: { code: 'AMB' },
          type: [{ text: 'Consultation' }],
          period: { start: '2030-04-01T10:00:00+02:00' },
        },
      ),
    );
    expect(preview.entries.map((e) => [e.kind, e.fields])).toEqual([
      [
        'hospitalisation',
        {
          reason: 'Appendicite',
          place: 'CH Valence',
          startDate: '2020-04-01',
          endDate: '2020-04-04',
        },
      ],
      ['appointment', { start: '2030-04-01T08:00:00.000Z', reason: 'Consultation' }],
    ]);
  });

  it('reads a single resource given alone (an Apple Health clinical record)', () => {
    const preview = previewFhirImport(
      JSON.stringify({
        resourceType: 'Immunization',
        id: 'apple-1',
        status: 'completed',
        vaccineCode: { text: 'Tetanus' },
        occurrenceDateTime: '2019-05-01',
      }),
    );
    expect(preview.bundleType).toBeNull();
    expect(preview.entries[0]).toMatchObject({
      kind: 'immunization',
      fields: { vaccine: 'Tetanus', date: '2019-05-01' },
    });
  });

  it('maps family history, one entry per condition', () => {
    const preview = previewFhirImport(
      bundle({
        resourceType: 'FamilyMemberHistory',
        status: 'completed',
        relationship: { coding: [{ code: 'MTH' }] },
        condition: [
          { code: { text: 'Diabète' }, onsetAge: { value: 52 } },
          { code: { text: 'Asthme' } },
        ],
      }),
    );
    expect(preview.entries.map((e) => e.fields)).toEqual([
      { relationship: 'mother', condition: 'Diabète', onsetAge: 52 },
      { relationship: 'mother', condition: 'Asthme' },
    ]);
    expect(new Set(preview.entries.map((e) => e.importKey)).size).toBe(2);
  });
});

describe('what is not FHIR', () => {
  it.each([
    ['', 'not-json'],
    ['{"resourceType":', 'not-json'],
    ['[1,2]', 'not-fhir'],
    ['{"hello":"world"}', 'not-fhir'],
    ['{"resourceType":"Bundle","type":"message","entry":[]}', 'unsupported-bundle-type'],
    ['{"resourceType":"Claim"}', 'unsupported-resource'],
  ])('%j is refused as %s', (text, code) => {
    expect(() => previewFhirImport(text)).toThrow(NotFhirError);
    try {
      previewFhirImport(text);
    } catch (error) {
      expect((error as NotFhirError).code).toBe(code);
    }
  });

  it('refuses a file over the size limit before reading it', () => {
    const huge = ' '.repeat(MAX_FHIR_IMPORT_CHARS + 1);
    expect(() => previewFhirImport(huge)).toThrow(TooLargeError);
  });

  it('any text either previews or throws one of the typed errors', () => {
    const resourceTypes = fc.constantFrom(
      'Bundle',
      'Patient',
      'Observation',
      'Condition',
      'DocumentReference',
      'Binary',
      'Consent',
      'Encounter',
      'MedicationStatement',
      'FamilyMemberHistory',
      'Appointment',
      'Practitioner',
    );
    const resource = fc
      .record({ resourceType: resourceTypes }, { requiredKeys: [] })
      .chain((head) =>
        fc
          .dictionary(
            fc.constantFrom(
              'id',
              'type',
              'entry',
              'code',
              'status',
              'name',
              'content',
              'valueQuantity',
              'effectiveDateTime',
              'identifier',
              'relationship',
              'condition',
              'period',
              'class',
              'resource',
              'data',
              'contained',
              '__proto__',
              'medicationReference',
              'component',
            ),
            fc.jsonValue({ maxDepth: 3 }),
          )
          .map((rest) => ({ ...rest, ...head })),
      );
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      resource.map((r) => JSON.stringify(r)),
      fc.array(resource, { maxLength: 4 }).map((entries) =>
        JSON.stringify({
          resourceType: 'Bundle',
          type: 'collection',
          entry: entries.map((r) => ({ resource: r })),
        }),
      ),
    );
    fc.assert(
      fc.property(text, (input) => {
        try {
          previewFhirImport(input);
        } catch (error) {
          if (!(error instanceof NotFhirError) && !(error instanceof TooLargeError)) throw error;
        }
      }),
      { numRuns: 1500 },
    );
  });
});
