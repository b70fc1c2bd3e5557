/**
 * The FHIR import bench's page side (fhir.bench.ts): a generated collection Bundle of realistic
 * resources, previewed and saved into a fresh Y.Doc as the import screen does (no attachments:
 * storing files is attach_write_mib_s's business).
 */
import * as Y from 'yjs';
import { applyFhirImport, previewFhirImport } from '../../../src/lib/interop/fhir-import';
import { prng } from '../../../src/lib/record/sample-record';

export type FhirImportRun = {
  ms: number;
  previewMs: number;
  applyMs: number;
  resources: number;
  entries: number;
  kept: number;
  textBytes: number;
};

export interface FhirBenchApi {
  /** Builds the bundle text once: `resources` resources, the same for the same seed. */
  prepareFhirBundle(options: { resources: number; seed: number }): number;
  fhirImportRun(): Promise<FhirImportRun>;
}

const PATIENT = 'urn:uuid:00000000-0000-4000-8000-000000000000';
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';

let bundleText = '';

/** A Synthea-like mix: mostly vital signs and lab results, then conditions, medicines, claims… */
function resourceAt(i: number, random: () => number): object[] {
  const day = new Date(Date.UTC(2000, 0, 1) + Math.floor(random() * 9000) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const at = `${day}T08:${String(10 + (i % 50)).padStart(2, '0')}:00+01:00`;
  const subject = { reference: PATIENT };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  switch (i % 10) {
    case 0:
    case 1:
      return [
        {
          resourceType: 'Observation',
          status: 'final',
          category: [{ coding: [{ code: 'vital-signs' }] }],
          code: { coding: [{ system: LOINC, code: '29463-7', display: 'Body weight' }] },
          subject,
          effectiveDateTime: at,
          valueQuantity: {
            value: 50 + Math.round(random() * 400) / 10,
            unit: 'kg',
            system: 'http://unitsofmeasure.org',
            code: 'kg',
          },
        },
      ];
    case 2:
      return [
        {
          resourceType: 'Observation',
          status: 'final',
          code: { coding: [{ system: LOINC, code: '85354-9' }] },
          subject,
          effectiveDateTime: at,
          component: [
            {
              code: { coding: [{ system: LOINC, code: '8480-6' }] },
              valueQuantity: { value: 100 + Math.floor(random() * 60), unit: 'mm[Hg]' },
            },
            {
              code: { coding: [{ system: LOINC, code: '8462-4' }] },
              valueQuantity: { value: 60 + Math.floor(random() * 30), unit: 'mm[Hg]' },
            },
          ],
        },
      ];
    case 3:
      return [
        {
          resourceType: 'Observation',
          status: 'final',
          category: [{ coding: [{ code: 'laboratory' }] }],
          code: {
            coding: [
              { system: LOINC, code: '718-7', display: 'Hemoglobin [Mass/volume] in Blood' },
            ],
          },
          subject,
          effectiveDateTime: at,
          valueQuantity: { value: 12 + random() * 4, unit: 'g/dL' },
        },
      ];
    case 4:
      return [
        {
          resourceType: 'Condition',
          clinicalStatus: { coding: [{ code: pick(['active', 'resolved']) }] },
          code: {
            coding: [
              {
                system: SNOMED,
                code: '38341003',
                display: pick([
                  'Hypertension',
                  'Asthma',
                  'Diabetes mellitus type 2',
                  'Acute bronchitis',
                ]),
              },
            ],
          },
          subject,
          onsetDateTime: at,
        },
      ];
    case 5: {
      const medication = `urn:uuid:10000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      return [
        {
          resourceType: 'MedicationStatement',
          status: 'active',
          medicationReference: { reference: medication },
          subject,
          effectivePeriod: { start: day },
          dosage: [{ text: '1 comprimé le matin' }],
        },
        {
          fullUrl: medication,
          resourceType: 'Medication',
          code: {
            coding: [
              {
                system: SNOMED,
                display: pick(['Ramipril 5 mg', 'Amoxicilline 1 g', 'Paracétamol 500 mg']),
              },
            ],
          },
        },
      ];
    }
    case 6:
      return [
        {
          resourceType: 'Immunization',
          status: 'completed',
          vaccineCode: { text: pick(['DTP', 'Influenza', 'Hepatitis B', 'MMR']) },
          patient: subject,
          occurrenceDateTime: at,
          lotNumber: `L${Math.floor(random() * 1e6)}`,
        },
      ];
    case 7:
      return [
        {
          resourceType: 'Encounter',
          status: 'finished',
          class: { code: pick(['AMB', 'AMB', 'IMP']) },
          reasonCode: [{ text: 'Check-up' }],
          subject,
          period: { start: at, end: at },
        },
      ];
    case 8:
      return [
        {
          resourceType: 'Procedure',
          status: 'completed',
          code: { text: pick(['Suture of wound', 'Appendectomy', 'Colonoscopy']) },
          subject,
          performedDateTime: at,
        },
      ];
    default:
      return [
        {
          resourceType: 'Claim',
          status: 'active',
          use: 'claim',
          patient: subject,
          created: at,
          total: { value: Math.round(random() * 50000) / 100, currency: 'EUR' },
        },
      ];
  }
}

export const fhirApi: FhirBenchApi = {
  prepareFhirBundle({ resources, seed }) {
    const random = prng(seed);
    const entry: object[] = [
      {
        fullUrl: PATIENT,
        resource: {
          resourceType: 'Patient',
          name: [{ family: 'Durand', given: ['Camille'] }],
          birthDate: '1984-12-07',
          gender: 'female',
        },
      },
    ];
    for (let i = 0; entry.length < resources; i++) {
      for (const made of resourceAt(i, random)) {
        if (entry.length >= resources) break;
        const { fullUrl, ...resource } = made as { fullUrl?: string };
        entry.push({
          fullUrl:
            fullUrl ?? `urn:uuid:20000000-0000-4000-8000-${String(entry.length).padStart(12, '0')}`,
          resource,
        });
      }
    }
    bundleText = JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry });
    return bundleText.length;
  },

  async fhirImportRun() {
    const start = performance.now();
    const preview = previewFhirImport(bundleText);
    const previewed = performance.now();
    const doc = new Y.Doc();
    const report = await applyFhirImport(doc, preview, {
      storeFile: () => Promise.reject(new Error('no attachments in this bench')),
      sourceName: 'bench.json',
    });
    const end = performance.now();
    doc.destroy();
    return {
      ms: end - start,
      previewMs: previewed - start,
      applyMs: end - previewed,
      resources: preview.resourceCount,
      entries: report.addedCount,
      kept: report.kept,
      textBytes: bundleText.length,
    };
  },
};
