import { describe, expect, it } from 'vitest';
import { InvalidEntryError, type EntryIssue } from './errors';
import type { EntryKind } from './kinds';
import { ENTRY_FIELDS, validateFields } from './schemas';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_CODES, documentTypeOfLoinc } from './vocabulary';

/** The issues validation reports for this input, or [] if it is valid. */
function issuesOf(kind: EntryKind, input: unknown): readonly EntryIssue[] {
  try {
    validateFields(kind, input);
    return [];
  } catch (error) {
    if (error instanceof InvalidEntryError) return error.issues;
    throw error;
  }
}

const FILE = {
  fileId: 'AAAAAAAAAAAAAAAAAAAAAA',
  name: 'ordonnance.pdf',
  mime: 'application/pdf',
  size: 12_345,
  contentHash: 'a'.repeat(64),
};

/** One complete, valid entry of every kind. */
const VALID: Record<EntryKind, Record<string, unknown>> = {
  document: {
    title: 'Ordonnance du Dr Martin',
    type: 'prescription',
    date: '2024-05-12',
    author: 'Dr Martin',
    tags: ['cardiologie'],
    confidential: true,
    ...FILE,
  },
  medication: {
    name: 'Ramipril 5 mg',
    dosage: '1 comprimé le matin',
    startDate: '2023-01-10',
    endDate: '2024-01-10',
    status: 'completed',
  },
  condition: { name: 'Hypertension artérielle', status: 'active', startDate: '2020-03-01' },
  procedure: { name: 'Appendicectomie', date: '1998-07-14', place: 'CHU de Lyon' },
  hospitalisation: { reason: 'Pneumopathie', startDate: '2021-02-01', endDate: '2021-02-09' },
  allergy: {
    substance: 'Pénicilline',
    reaction: 'Urticaire',
    severity: 'severe',
    category: 'medication',
  },
  immunization: {
    vaccine: 'Rappel DTP',
    date: '2022-10-03',
    lotNumber: 'X123',
    nextDueDate: '2042-10-03',
  },
  measurement: { type: 'weight', date: '2024-05-12T08:00:00+02:00', value: 72.5, unit: 'kg' },
  lifestyle: { topic: 'tobacco', status: 'former', detail: '10 cigarettes par jour jusqu’en 2015' },
  'family-history': { relationship: 'mother', condition: 'Diabète de type 2', onsetAge: 55 },
  appointment: {
    start: '2025-03-04T09:30:00+01:00',
    end: '2025-03-04T10:00:00+01:00',
    place: '4 place de la République, Valence',
    professional: 'Dr Benali',
    reason: 'Bilan annuel',
    reminderMinutes: 60,
  },
  contact: {
    name: 'Claire Dupont',
    role: 'trusted-person',
    emergency: true,
    relationship: 'sœur',
    phone: '+33 6 12 34 56 78',
    email: 'claire@example.org',
    address: '12 rue des Lilas, 69003 Lyon',
  },
  directive: {
    type: 'advance-directive',
    text: 'Je refuse tout acharnement thérapeutique.',
    date: '2023-06-01',
  },
};

describe('validating entries', () => {
  it.each(Object.entries(VALID))('accepts a complete %s', (kind, input) => {
    expect(issuesOf(kind as EntryKind, input)).toEqual([]);
  });

  it('declares every field each valid example uses', () => {
    for (const [kind, input] of Object.entries(VALID)) {
      expect(ENTRY_FIELDS[kind as EntryKind]).toEqual(expect.arrayContaining(Object.keys(input)));
    }
  });

  it('names each missing required field', () => {
    expect(issuesOf('document', {})).toEqual([
      { field: 'title', code: 'required' },
      { field: 'type', code: 'required' },
      { field: 'date', code: 'required' },
    ]);
  });

  it('treats a blank or null field as missing', () => {
    expect(issuesOf('allergy', { substance: '   ' })).toEqual([
      { field: 'substance', code: 'required' },
    ]);
    expect(issuesOf('allergy', { substance: null })).toEqual([
      { field: 'substance', code: 'required' },
    ]);
  });

  it('reports every problem at once, as codes', () => {
    expect(
      issuesOf('allergy', { substance: 42, severity: 'fatal', colour: 'red', id: 'forged' }),
    ).toEqual([
      { field: 'id', code: 'reserved-field' },
      { field: 'substance', code: 'wrong-type' },
      { field: 'severity', code: 'not-in-list' },
      { field: 'colour', code: 'unknown-field' },
    ]);
  });

  it('refuses input that is not a plain object', () => {
    for (const input of [null, 'Pénicilline', ['Pénicilline'], new Date()]) {
      expect(issuesOf('allergy', input)).toEqual([{ field: '', code: 'wrong-type' }]);
    }
  });

  it('trims text, drops blanks and de-duplicates tags', () => {
    const fields = validateFields('document', {
      title: '  Bilan sanguin ',
      type: 'lab-result',
      date: '2024-05-12',
      author: ' ',
      tags: [' bilan', 'bilan ', '', 'lipides'],
    });
    expect(fields).toEqual({
      title: 'Bilan sanguin',
      type: 'lab-result',
      date: '2024-05-12',
      tags: ['bilan', 'lipides'],
    });
  });

  it('refuses text that is too long', () => {
    expect(issuesOf('allergy', { substance: 'x'.repeat(201) })).toEqual([
      { field: 'substance', code: 'too-long' },
    ]);
  });

  it('refuses dates that are not real calendar days written YYYY-MM-DD', () => {
    for (const date of [
      '2024-02-30',
      '12/05/2024',
      '2024-5-12',
      '2024-05-12T10:00:00Z',
      '1700-01-01',
    ]) {
      expect(issuesOf('immunization', { vaccine: 'ROR', date })).toEqual([
        { field: 'date', code: 'invalid-date' },
      ]);
    }
    expect(issuesOf('immunization', { vaccine: 'ROR', date: '2024-02-29' })).toEqual([]);
  });

  it('wants appointment times with their UTC offset and stores them in UTC', () => {
    expect(issuesOf('appointment', { start: '2025-03-04T09:30' })).toEqual([
      { field: 'start', code: 'invalid-datetime' },
    ]);
    expect(issuesOf('appointment', { start: '2025-03-04' })).toEqual([
      { field: 'start', code: 'invalid-datetime' },
    ]);
    expect(validateFields('appointment', { start: '2025-03-04T09:30+01:00' })).toEqual({
      start: '2025-03-04T08:30:00.000Z',
    });
  });

  it('refuses an end before the start', () => {
    expect(
      issuesOf('hospitalisation', {
        reason: 'Fracture',
        startDate: '2021-02-09',
        endDate: '2021-02-01',
      }),
    ).toEqual([{ field: 'endDate', code: 'end-before-start' }]);
    expect(
      issuesOf('appointment', { start: '2025-03-04T10:00:00Z', end: '2025-03-04T09:00:00Z' }),
    ).toEqual([{ field: 'end', code: 'end-before-start' }]);
  });

  it('wants all of an attached file’s fields or none', () => {
    const { contentHash: _contentHash, size: _size, ...partial } = FILE;
    expect(
      issuesOf('document', { title: 'Scan', type: 'imaging', date: '2024-01-02', ...partial }),
    ).toEqual([
      { field: 'size', code: 'incomplete-file' },
      { field: 'contentHash', code: 'incomplete-file' },
    ]);
    expect(
      issuesOf('document', {
        title: 'Scan',
        type: 'imaging',
        date: '2024-01-02',
        ...FILE,
        contentHash: 'xyz',
      }),
    ).toEqual([{ field: 'contentHash', code: 'invalid-format' }]);
  });

  it('checks contact details', () => {
    expect(issuesOf('contact', { name: 'A', role: 'gp', phone: 'call me', email: 'nope' })).toEqual(
      [
        { field: 'phone', code: 'invalid-format' },
        { field: 'email', code: 'invalid-format' },
      ],
    );
    expect(issuesOf('contact', { name: 'A', role: 'gp', rpps: '10003456789' })).toEqual([]);
  });

  it('allows only the statuses a habit’s topic has', () => {
    expect(issuesOf('lifestyle', { topic: 'activity', status: 'moderate' })).toEqual([]);
    expect(issuesOf('lifestyle', { topic: 'tobacco', status: 'moderate' })).toEqual([
      { field: 'status', code: 'not-in-list' },
    ]);
  });

  it('wants an advance directive’s text or document, and an organ donation choice', () => {
    expect(issuesOf('directive', { type: 'advance-directive' })).toEqual([
      { field: 'text', code: 'required' },
    ]);
    expect(
      issuesOf('directive', { type: 'advance-directive', documentId: 'AAAAAAAAAAAAAAAAAAAAAA' }),
    ).toEqual([]);
    expect(issuesOf('directive', { type: 'organ-donation' })).toEqual([
      { field: 'choice', code: 'required' },
    ]);
    expect(
      issuesOf('directive', { type: 'advance-directive', text: 'x', choice: 'refuses' }),
    ).toEqual([{ field: 'choice', code: 'not-applicable' }]);
  });

  it('rejects integers that are not', () => {
    expect(
      issuesOf('family-history', {
        relationship: 'father',
        condition: 'Infarctus',
        onsetAge: 52.5,
      }),
    ).toEqual([{ field: 'onsetAge', code: 'not-an-integer' }]);
  });
});

describe('validating measurements', () => {
  const weight = { type: 'weight', date: '2024-05-12', unit: 'kg' };

  it('accepts each type in each of its units', () => {
    expect(issuesOf('measurement', { ...weight, value: 160, unit: '[lb_av]' })).toEqual([]);
    expect(
      issuesOf('measurement', { type: 'glucose', date: '2024-05-12', value: 0.95, unit: 'g/L' }),
    ).toEqual([]);
    expect(
      issuesOf('measurement', { type: 'glucose', date: '2024-05-12', value: 5.3, unit: 'mmol/L' }),
    ).toEqual([]);
    expect(
      issuesOf('measurement', { type: 'spo2', date: '2024-05-12', value: 97, unit: '%' }),
    ).toEqual([]);
    expect(
      issuesOf('measurement', {
        type: 'temperature',
        date: '2024-05-12',
        value: 38.2,
        unit: 'Cel',
      }),
    ).toEqual([]);
  });

  it('refuses a unit the type does not use', () => {
    expect(issuesOf('measurement', { ...weight, value: 70, unit: 'mm[Hg]' })).toEqual([
      { field: 'unit', code: 'unit-not-allowed' },
    ]);
  });

  it('refuses values no body shows, in the unit given', () => {
    expect(issuesOf('measurement', { ...weight, value: 720 })).toEqual([
      { field: 'value', code: 'out-of-range' },
    ]);
    // 37 is a temperature in °C, not in °F.
    expect(
      issuesOf('measurement', {
        type: 'temperature',
        date: '2024-05-12',
        value: 37,
        unit: '[degF]',
      }),
    ).toEqual([{ field: 'value', code: 'out-of-range' }]);
    expect(issuesOf('measurement', { ...weight, value: Number.NaN })).toEqual([
      { field: 'value', code: 'wrong-type' },
    ]);
  });

  it('wants a value, except for blood pressure which wants systolic over diastolic', () => {
    expect(issuesOf('measurement', weight)).toEqual([{ field: 'value', code: 'required' }]);
    const pressure = { type: 'blood-pressure', date: '2024-05-12T08:00:00Z', unit: 'mm[Hg]' };
    expect(issuesOf('measurement', { ...pressure, systolic: 128, diastolic: 82 })).toEqual([]);
    expect(issuesOf('measurement', { ...pressure, value: 128 })).toEqual([
      { field: 'value', code: 'not-applicable' },
      { field: 'systolic', code: 'required' },
      { field: 'diastolic', code: 'required' },
    ]);
    expect(issuesOf('measurement', { ...pressure, systolic: 80, diastolic: 120 })).toEqual([
      { field: 'diastolic', code: 'out-of-range' },
    ]);
    expect(issuesOf('measurement', { ...weight, value: 70, systolic: 120 })).toEqual([
      { field: 'systolic', code: 'not-applicable' },
    ]);
  });
});

describe('document types', () => {
  it('each has its own LOINC code, which leads back to it', () => {
    const codes = DOCUMENT_TYPE_CODES.map((type) => DOCUMENT_TYPES[type].loinc);
    expect(new Set(codes).size).toBe(DOCUMENT_TYPE_CODES.length);
    for (const type of DOCUMENT_TYPE_CODES) {
      expect(documentTypeOfLoinc(DOCUMENT_TYPES[type].loinc)).toBe(type);
    }
    expect(DOCUMENT_TYPES.prescription.loinc).toBe('57833-6');
    expect(documentTypeOfLoinc('11502-2')).toBe('lab-result');
    expect(documentTypeOfLoinc('0000-0')).toBeNull();
  });
});
