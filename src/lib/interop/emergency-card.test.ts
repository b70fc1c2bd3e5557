import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEntry, deleteEntry, updateIdentity } from '../record';
import {
  EMERGENCY_CARD_MAX_BYTES,
  EMERGENCY_FIELDS,
  chooseEmergencyFields,
  emergencyCardText,
  readEmergencyFields,
  type EmergencyCardLabels,
} from './emergency-card';

const NOW = new Date(2025, 2, 1, 12).getTime(); // 1 March 2025, midday on the device.

const LABELS: EmergencyCardLabels = {
  title: 'EMERGENCY CARD / CARTE D’URGENCE',
  headings: {
    'blood-group': 'Blood group',
    allergies: 'Allergies',
    treatments: 'Current treatments',
    conditions: 'Conditions',
    'emergency-contacts': 'Call',
    'trusted-person': 'Trusted person',
    directives: 'Advance directives',
    'organ-donation': 'Organ donation',
  },
  colon: ': ',
  birthDate: 'Born',
  severity: { mild: 'mild', moderate: 'moderate', severe: 'SEVERE' },
  organDonation: { consents: 'agrees', refuses: 'refuses', 'refuses-partly': 'refuses in part' },
  directiveInDocument: 'signed document in my Carnet',
  updated: 'Updated',
  date: (day) => day.split('-').reverse().join('/'),
};

/** A record with something in every field the card can show, and things it must not show. */
function fullRecord(): Y.Doc {
  const doc = new Y.Doc();
  updateIdentity(doc, {
    givenNames: 'Marie',
    familyName: 'Dupont',
    birthDate: '1980-03-12',
    bloodGroup: 'O-',
  });
  createEntry(doc, 'allergy', { substance: 'Arachide', severity: 'moderate' });
  createEntry(doc, 'allergy', { substance: 'Pénicilline', severity: 'severe', reaction: 'Œdème' });
  createEntry(doc, 'medication', { name: 'Lévothyrox', dosage: '75 µg le matin' });
  createEntry(doc, 'medication', { name: 'Amoxicilline', status: 'completed' });
  createEntry(doc, 'condition', { name: 'Hypothyroïdie' });
  createEntry(doc, 'condition', { name: 'Varicelle', status: 'resolved' });
  createEntry(doc, 'contact', {
    name: 'Zoé Dupont',
    role: 'family',
    relationship: 'fille',
    phone: '06 12 34 56 78',
    emergency: true,
  });
  createEntry(doc, 'contact', { name: 'Dr Lefèvre', role: 'gp', phone: '01 23 45 67 89' });
  createEntry(doc, 'contact', { name: 'Jeanne Martin', role: 'trusted-person', phone: '07 00' });
  createEntry(
    doc,
    'directive',
    { type: 'advance-directive', text: 'Old text', date: '2019-01-01' },
    'patient',
    1,
  );
  createEntry(doc, 'directive', {
    type: 'advance-directive',
    text: 'No artificial ventilation\nfor long.',
    date: '2023-06-01',
  });
  createEntry(doc, 'directive', { type: 'organ-donation', choice: 'consents', date: '2018-01-01' });
  createEntry(doc, 'directive', {
    type: 'organ-donation',
    choice: 'refuses-partly',
    note: 'not the corneas',
    date: '2024-02-10',
  });
  return doc;
}

function qrVersion(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: 'M' }).version;
}

describe('the emergency card', () => {
  it('shows every chosen field, plainly, one per line', () => {
    const card = emergencyCardText(fullRecord(), EMERGENCY_FIELDS, LABELS, NOW);
    expect(card.text).toBe(
      [
        'EMERGENCY CARD / CARTE D’URGENCE',
        'Marie Dupont',
        'Born: 12/03/1980',
        'Blood group: O-',
        'Allergies:',
        '- Pénicilline (SEVERE): Œdème',
        '- Arachide (moderate)',
        'Current treatments:',
        '- Lévothyrox, 75 µg le matin',
        'Conditions:',
        '- Hypothyroïdie',
        'Call:',
        '- Zoé Dupont (fille) 06 12 34 56 78',
        'Trusted person:',
        '- Jeanne Martin 07 00',
        'Advance directives:',
        '- 01/06/2023: No artificial ventilation for long.',
        'Organ donation: refuses in part (not the corneas)',
        'Updated: 01/03/2025',
      ].join('\n'),
    );
    expect(card.empty).toEqual([]);
    expect(card.cut).toEqual([]);
  });

  it('shows only the fields chosen, in the card’s order whatever the order given', () => {
    const card = emergencyCardText(fullRecord(), ['allergies', 'blood-group'], LABELS, NOW);
    expect(card.text.split('\n')).toEqual([
      'EMERGENCY CARD / CARTE D’URGENCE',
      'Blood group: O-',
      'Allergies:',
      '- Pénicilline (SEVERE): Œdème',
      '- Arachide (moderate)',
      'Updated: 01/03/2025',
    ]);
    expect(card.text).not.toContain('Dupont');
  });

  it('leaves out chosen fields the record has nothing for, and says which', () => {
    const doc = new Y.Doc();
    createEntry(doc, 'allergy', { substance: 'Latex' });
    const card = emergencyCardText(doc, EMERGENCY_FIELDS, LABELS, NOW);
    expect(card.text).toBe(
      ['EMERGENCY CARD / CARTE D’URGENCE', 'Allergies:', '- Latex', 'Updated: 01/03/2025'].join(
        '\n',
      ),
    );
    expect(card.empty).toEqual(EMERGENCY_FIELDS.filter((field) => field !== 'allergies'));
  });

  it('never shows what is in the bin', () => {
    const doc = fullRecord();
    const binned = createEntry(doc, 'allergy', { substance: 'Iode', severity: 'severe' });
    deleteEntry(doc, binned);
    expect(emergencyCardText(doc, ['allergies'], LABELS, NOW).text).not.toContain('Iode');
  });

  it('points to the signed document when the directives are not written out', () => {
    const doc = new Y.Doc();
    const file = createEntry(doc, 'document', { title: 'DA', type: 'other', date: '2024-01-01' });
    createEntry(doc, 'directive', { type: 'advance-directive', documentId: file });
    expect(emergencyCardText(doc, ['directives'], LABELS, NOW).text).toContain(
      'Advance directives:\n- signed document in my Carnet',
    );
  });

  it('fits a QR code of version 25 or less at error correction M', () => {
    const text = emergencyCardText(fullRecord(), EMERGENCY_FIELDS, LABELS, NOW).text;
    expect(qrVersion(text)).toBeLessThanOrEqual(25);
  });

  it('when the record holds too much, leaves out conditions first and says how many', () => {
    const doc = fullRecord();
    for (let i = 0; i < 60; i++) createEntry(doc, 'condition', { name: `Condition n°${i}` });
    for (let i = 0; i < 5; i++) createEntry(doc, 'medication', { name: `Traitement ${i}` });
    const card = emergencyCardText(doc, EMERGENCY_FIELDS, LABELS, NOW);
    expect(new TextEncoder().encode(card.text).length).toBeLessThanOrEqual(
      EMERGENCY_CARD_MAX_BYTES,
    );
    const [conditions] = card.cut;
    expect(card.cut).toHaveLength(1);
    expect(conditions!.field).toBe('conditions');
    expect(card.text).toContain(`- … (+${conditions!.omitted})`);
    // Everything more important is whole.
    expect(card.text).toContain('- Traitement 4');
    expect(card.text).toContain('- Arachide (moderate)');
    expect(card.text).toContain('Organ donation: refuses in part');
  });

  it('keeps the most severe allergy when even allergies must give way', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 80; i++) {
      createEntry(doc, 'allergy', { substance: `Substance ${i}`, severity: 'mild' });
    }
    createEntry(doc, 'allergy', { substance: 'Pénicilline', severity: 'severe' });
    const card = emergencyCardText(doc, ['allergies'], LABELS, NOW);
    expect(card.text).toContain('- Pénicilline (SEVERE)\n');
    expect(card.cut[0]!.field).toBe('allergies');
    expect(qrVersion(card.text)).toBeLessThanOrEqual(25);
  });

  it('shortens an overlong line and never breaks a character in two', () => {
    const doc = new Y.Doc();
    createEntry(doc, 'allergy', { substance: 'Arachide', reaction: '😷'.repeat(200) });
    const line = emergencyCardText(doc, ['allergies'], LABELS, NOW).text.split('\n')[2]!;
    expect(Array.from(line)).toHaveLength(120);
    expect(line.endsWith('😷…')).toBe(true);
  });

  it('always fits the code, whatever the record holds', () => {
    const words = fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' });
    const filled = words.filter((word) => word.trim() !== '');
    fc.assert(
      fc.property(
        fc.array(filled, { maxLength: 30 }),
        fc.array(filled, { maxLength: 30 }),
        fc.array(filled, { maxLength: 10 }),
        filled,
        (allergies, treatments, contacts, name) => {
          const doc = new Y.Doc();
          updateIdentity(doc, { givenNames: name, familyName: name, bloodGroup: 'AB+' });
          for (const substance of allergies) {
            createEntry(doc, 'allergy', { substance, reaction: substance, severity: 'severe' });
          }
          for (const medication of treatments) {
            createEntry(doc, 'medication', { name: medication, dosage: medication });
            createEntry(doc, 'condition', { name: medication });
          }
          for (const contact of contacts) {
            const fields = { name: contact, relationship: contact.slice(0, 100), emergency: true };
            createEntry(doc, 'contact', { ...fields, role: 'trusted-person' });
          }
          createEntry(doc, 'directive', { type: 'advance-directive', text: name.repeat(50) });
          const { text } = emergencyCardText(doc, EMERGENCY_FIELDS, LABELS, NOW);
          expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(
            EMERGENCY_CARD_MAX_BYTES,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the largest card still makes a QR code of version 25', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 200; i++) createEntry(doc, 'allergy', { substance: `Éléments ${i} ß` });
    expect(qrVersion(emergencyCardText(doc, ['allergies'], LABELS, NOW).text)).toBe(25);
  });
});

describe('the fields chosen for the card', () => {
  it('are none until the patient chooses, then remembered in the record', () => {
    const doc = new Y.Doc();
    expect(readEmergencyFields(doc)).toBeNull();
    chooseEmergencyFields(doc, ['organ-donation', 'allergies']);
    expect(readEmergencyFields(doc)).toEqual(['allergies', 'organ-donation']);
    chooseEmergencyFields(doc, []);
    expect(readEmergencyFields(doc)).toEqual([]);
  });

  it('travel with the record to another device', () => {
    const doc = new Y.Doc();
    chooseEmergencyFields(doc, ['blood-group']);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readEmergencyFields(copy)).toEqual(['blood-group']);
  });

  it('ignore fields a newer version stored that this one does not know', () => {
    const doc = new Y.Doc();
    doc.getMap('settings').set('emergencyFields', ['allergies', 'implants']);
    expect(readEmergencyFields(doc)).toEqual(['allergies']);
  });

  it('choosing the same fields again writes nothing', () => {
    const doc = new Y.Doc();
    chooseEmergencyFields(doc, ['allergies']);
    let updates = 0;
    doc.on('update', () => updates++);
    chooseEmergencyFields(doc, ['allergies']);
    expect(updates).toBe(0);
  });
});
