/**
 * A deterministic, realistic record of any size, for tests and timings: every entry goes through
 * createEntry, so it is valid. Not part of the public surface.
 */
import type * as Y from 'yjs';
import { createEntry } from './editing';
import type { EntryKind } from './kinds';
import type { EntryInput } from './schemas';

/** mulberry32: small, seeded, good enough to spread sample data. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOCTORS = ['Dr Sophie Lefèvre', 'Dr Karim Benali', 'Dr Anne-Marie Dubois', 'Dr Jean Moreau'];
const PLACES = [
  'Cabinet médical, 4 place de la République, 26000 Valence',
  'Centre hospitalier de Valence, service de cardiologie',
  'Laboratoire Biomed, 18 avenue Jean Jaurès, 38000 Grenoble',
];
const TITLES = [
  'Compte rendu de consultation',
  'Résultats de prise de sang (bilan lipidique, glycémie à jeun)',
  'Ordonnance',
  'Compte rendu d’échographie abdominale',
  'Lettre de liaison à la sortie d’hospitalisation',
  'Radiographie thoracique de face',
];
const TYPES = ['report', 'lab-result', 'prescription', 'imaging', 'letter', 'imaging'] as const;
const MEDICATIONS = [
  ['Amoxicilline 1 g', '1 comprimé matin et soir pendant 7 jours'],
  ['Paracétamol 500 mg', '1 à 2 comprimés toutes les 6 heures si douleur'],
  ['Ramipril 5 mg', '1 comprimé le matin'],
  ['Lévothyroxine 75 µg', '1 comprimé le matin à jeun'],
] as const;
const CONDITIONS = ['Hypertension artérielle', 'Asthme', 'Diabète de type 2', 'Hypothyroïdie'];
const VACCINES = ['Vaccination antigrippale', 'Rappel DTP', 'Vaccin hépatite B', 'Vaccin ROR'];
const SUBSTANCES = ['Pénicilline', 'Arachide', 'Pollen de bouleau', 'Latex', 'Aspirine'];

type Sample = { [K in EntryKind]: { kind: K; input: EntryInput<K> } }[EntryKind];

/** Adds `count` entries to `doc` in one transaction; the same seed gives the same record. */
export function fillSampleRecord(doc: Y.Doc, count: number, seed = 1): void {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const day = () => {
    const at = Date.UTC(2005, 0, 1) + Math.floor(random() * 20 * 365) * 86_400_000;
    return new Date(at).toISOString().slice(0, 10);
  };
  const samples: (() => Sample)[] = [
    () => {
      const i = Math.floor(random() * TITLES.length);
      return {
        kind: 'document',
        input: {
          title: TITLES[i]!,
          type: TYPES[i]!,
          date: day(),
          author: pick(DOCTORS),
          tags: ['suivi'],
        },
      };
    },
    () => {
      const [name, dosage] = pick(MEDICATIONS);
      const startDate = day();
      // Most treatments are courses that ended; a few are taken for good.
      const ended = random() < 0.95;
      const endDate = new Date(Date.parse(startDate) + 14 * 86_400_000).toISOString().slice(0, 10);
      return {
        kind: 'medication',
        input: ended
          ? { name, dosage, startDate, endDate, status: 'completed', prescriber: pick(DOCTORS) }
          : { name, dosage, startDate, prescriber: pick(DOCTORS) },
      };
    },
    () => ({
      kind: 'measurement',
      input: {
        type: 'weight',
        date: day(),
        value: 50 + Math.round(random() * 400) / 10,
        unit: 'kg',
      },
    }),
    () => ({
      kind: 'measurement',
      input: {
        type: 'blood-pressure',
        date: `${day()}T08:00:00Z`,
        systolic: 100 + Math.floor(random() * 60),
        diastolic: 60 + Math.floor(random() * 30),
        unit: 'mm[Hg]',
      },
    }),
    () => ({
      kind: 'appointment',
      input: {
        start: `${day()}T09:30:00+01:00`,
        place: pick(PLACES),
        professional: pick(DOCTORS),
        reason: 'Consultation de suivi',
      },
    }),
    () => ({ kind: 'condition', input: { name: pick(CONDITIONS), startDate: day() } }),
    () => ({
      kind: 'immunization',
      input: { vaccine: pick(VACCINES), date: day(), professional: pick(DOCTORS) },
    }),
    () => ({
      kind: 'allergy',
      input: { substance: pick(SUBSTANCES), reaction: 'Urticaire', severity: 'moderate' },
    }),
  ];
  // How often each sample comes up: mostly documents and measurements, few allergies.
  const weights = [30, 6, 20, 20, 12, 4, 7, 1];
  const weighted = samples.flatMap((sample, i) => Array<() => Sample>(weights[i]!).fill(sample));
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const { kind, input } = pick(weighted)();
      createEntry(doc, kind, input, 'patient', Date.UTC(2025, 0, 1) + i * 1000);
    }
  });
}
