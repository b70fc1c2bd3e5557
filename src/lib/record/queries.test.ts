import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteEntry } from './bin';
import { createEntry } from './editing';
import { listEntries } from './entries';
import {
  activeConditions,
  activeMedications,
  homeSummary,
  listAllergies,
  listDocuments,
  upcomingAppointments,
} from './queries';

const NOW = Date.UTC(2025, 2, 1, 12); // 1 March 2025, midday UTC.

function addDocument(doc: Y.Doc, title: string, type: 'prescription' | 'lab-result', date: string) {
  return createEntry(doc, 'document', { title, type, date });
}

describe('listing entries', () => {
  it('by kind, given as an option or as a string', () => {
    const doc = new Y.Doc();
    createEntry(doc, 'allergy', { substance: 'Latex' }, 'patient', 1);
    const report = addDocument(doc, 'Bilan', 'lab-result', '2024-01-01');
    expect(listEntries(doc, 'document').map((entry) => entry.id)).toEqual([report]);
    expect(listEntries(doc, { kind: 'document' }).map((entry) => entry.id)).toEqual([report]);
  });

  it('by the year of their date', () => {
    const doc = new Y.Doc();
    const in2023 = addDocument(doc, 'A', 'lab-result', '2023-12-31');
    addDocument(doc, 'B', 'lab-result', '2024-01-01');
    createEntry(doc, 'allergy', { substance: 'Latex' });
    expect(listEntries(doc, { year: 2023 }).map((entry) => entry.id)).toEqual([in2023]);
  });
});

describe('documents', () => {
  it('are filtered by type and year, newest date first', () => {
    const doc = new Y.Doc();
    const march = addDocument(doc, 'Ordonnance de mars', 'prescription', '2024-03-02');
    addDocument(doc, 'Bilan', 'lab-result', '2024-06-01');
    const june = addDocument(doc, 'Ordonnance de juin', 'prescription', '2024-06-15');
    addDocument(doc, 'Ordonnance ancienne', 'prescription', '2019-06-15');
    const binned = addDocument(doc, 'Ordonnance jetée', 'prescription', '2024-07-01');
    deleteEntry(doc, binned);
    const titles = listDocuments(doc, { type: 'prescription', year: 2024 }).map((d) => d.title);
    expect(titles).toEqual(['Ordonnance de juin', 'Ordonnance de mars']);
    expect(listDocuments(doc, { year: 2024 }).map((d) => d.id)).toEqual([
      june,
      expect.any(String),
      march,
    ]);
    expect(listDocuments(doc)).toHaveLength(4);
  });
});

describe('what is coming up', () => {
  it('lists appointments not yet over, soonest first', () => {
    const doc = new Y.Doc();
    createEntry(doc, 'appointment', { start: '2025-02-28T09:00:00Z', reason: 'Passé' });
    const ongoing = createEntry(doc, 'appointment', {
      start: '2025-03-01T11:30:00Z',
      end: '2025-03-01T12:30:00Z',
    });
    const later = createEntry(doc, 'appointment', { start: '2025-04-01T09:00:00Z' });
    const soon = createEntry(doc, 'appointment', { start: '2025-03-02T09:00:00Z' });
    const cancelled = createEntry(doc, 'appointment', { start: '2025-03-03T09:00:00Z' });
    deleteEntry(doc, cancelled);
    expect(upcomingAppointments(doc, NOW).map((a) => a.id)).toEqual([ongoing, soon, later]);
  });

  it('lists the treatments being taken today, by name', () => {
    const doc = new Y.Doc();
    createEntry(doc, 'medication', { name: 'Ramipril', startDate: '2023-01-01' });
    createEntry(doc, 'medication', { name: 'amoxicilline', endDate: '2025-03-10' });
    createEntry(doc, 'medication', { name: 'Ibuprofène', endDate: '2025-02-01' });
    createEntry(doc, 'medication', { name: 'Vitamine D', status: 'stopped' });
    createEntry(doc, 'medication', { name: 'Futur', startDate: '2025-06-01' });
    expect(activeMedications(doc, NOW).map((m) => m.name)).toEqual(['amoxicilline', 'Ramipril']);
  });

  it('lists the conditions the patient has today, by name', () => {
    const doc = new Y.Doc();
    createEntry(doc, 'condition', { name: 'Hypertension', startDate: '2020-01-01' });
    createEntry(doc, 'condition', { name: 'asthme', status: 'active' });
    createEntry(doc, 'condition', { name: 'Entorse', endDate: '2025-02-28' });
    createEntry(doc, 'condition', { name: 'Sciatique', endDate: '2025-03-01' });
    createEntry(doc, 'condition', { name: 'Cancer', status: 'remission' });
    createEntry(doc, 'condition', { name: 'Varicelle', status: 'resolved' });
    createEntry(doc, 'condition', { name: 'Futur', startDate: '2025-03-02' });
    deleteEntry(doc, createEntry(doc, 'condition', { name: 'Effacée' }));
    expect(activeConditions(doc, NOW).map((c) => c.name)).toEqual([
      'asthme',
      'Hypertension',
      'Sciatique',
    ]);
  });

  it('lists allergies most severe first', () => {
    const doc = new Y.Doc();
    createEntry(doc, 'allergy', { substance: 'Pollen' });
    createEntry(doc, 'allergy', { substance: 'Latex', severity: 'mild' });
    createEntry(doc, 'allergy', { substance: 'Pénicilline', severity: 'severe' });
    createEntry(doc, 'allergy', { substance: 'Arachide', severity: 'severe' });
    expect(listAllergies(doc).map((a) => a.substance)).toEqual([
      'Arachide',
      'Pénicilline',
      'Latex',
      'Pollen',
    ]);
  });
});

describe('the home screen', () => {
  it('shows the next appointment, five recent documents, treatments and allergies', () => {
    const doc = new Y.Doc();
    const next = createEntry(doc, 'appointment', { start: '2025-03-05T09:00:00Z' });
    createEntry(doc, 'appointment', { start: '2025-03-09T09:00:00Z' });
    for (let month = 1; month <= 7; month++) {
      addDocument(doc, `Bilan ${month}`, 'lab-result', `2024-0${month}-01`);
    }
    createEntry(doc, 'medication', { name: 'Ramipril' });
    createEntry(doc, 'allergy', { substance: 'Latex' });
    const summary = homeSummary(doc, NOW);
    expect(summary.nextAppointment?.id).toBe(next);
    expect(summary.recentDocuments.map((d) => d.title)).toEqual([
      'Bilan 7',
      'Bilan 6',
      'Bilan 5',
      'Bilan 4',
      'Bilan 3',
    ]);
    expect(summary.activeMedications.map((m) => m.name)).toEqual(['Ramipril']);
    expect(summary.allergies.map((a) => a.substance)).toEqual(['Latex']);
  });

  it('has no next appointment in an empty record', () => {
    expect(homeSummary(new Y.Doc(), NOW)).toEqual({
      nextAppointment: null,
      recentDocuments: [],
      activeMedications: [],
      allergies: [],
    });
  });
});
