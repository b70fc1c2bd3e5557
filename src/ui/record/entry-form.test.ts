import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ENTRY_KINDS, createEntry, getEntry, updateEntry } from '../../lib/record';
import { en } from '../i18n/messages';
import { ENTRY_FORMS, REMINDER_MINUTES, unitsOf } from './entry-fields';
import { fieldKey, optionKey } from './entry-display';
import {
  adjustDependent,
  fromLocalDateTime,
  toEntryInput,
  toEntryPatch,
  toFormValues,
  toLocalDateTime,
} from './entry-form';

const NOW = Date.UTC(2026, 10, 23, 9, 30);

describe('entry forms', () => {
  it('label every field and every choice of every kind', () => {
    const keys = new Set(Object.keys(en));
    for (const kind of ENTRY_KINDS) {
      for (const field of ENTRY_FORMS[kind]) {
        expect(keys.has(fieldKey(kind, field.name)), fieldKey(kind, field.name)).toBe(true);
        if (field.input !== 'select') continue;
        const all = new Set<string>(field.options({}));
        if (field.list === 'unit')
          ['weight', 'glucose', 'temperature'].forEach((type) =>
            unitsOf(type).forEach((u) => all.add(u)),
          );
        if (field.list === 'lifestyleStatus') {
          for (const topic of ['tobacco', 'activity'])
            field.options({ topic }).forEach((s) => all.add(s));
        }
        for (const code of all) expect(keys.has(optionKey(field.list, code)), code).toBe(true);
      }
    }
    for (const minutes of REMINDER_MINUTES)
      expect(keys.has(optionKey('reminder', minutes))).toBe(true);
  });

  it('every field the form offers is one the record accepts', () => {
    const doc = new Y.Doc();
    const values = toFormValues('contact');
    Object.assign(values, {
      name: 'Dr Martin',
      role: 'gp',
      emergency: true,
      relationship: 'Médecin',
      specialty: 'Généraliste',
      phone: '01 23 45 67 89',
      email: 'martin@example.fr',
      address: '1 rue de la Paix',
      rpps: '10001234567',
      note: 'Le mardi',
    });
    const id = createEntry(doc, 'contact', toEntryInput('contact', values) as never);
    expect(getEntry(doc, id)).toMatchObject({ name: 'Dr Martin', emergency: true, role: 'gp' });
  });
});

describe('form values', () => {
  it('start a new entry with today for its required dates', () => {
    const values = toFormValues('immunization', undefined, NOW);
    expect(values.date).toMatch(/^2026-11-2[34]$/);
    expect(values.vaccine).toBe('');
    expect(toFormValues('measurement', undefined, NOW)).toMatchObject({
      type: 'weight',
      unit: 'kg',
    });
  });

  it('read decimal commas and dots, and leave words for validation to refuse', () => {
    const values = { ...toFormValues('measurement', undefined, NOW), value: ' 72,5 ' };
    expect(toEntryInput('measurement', values)).toMatchObject({ value: 72.5, unit: 'kg' });
    expect(toEntryInput('measurement', { ...values, value: '72.5' }).value).toBe(72.5);
    expect(toEntryInput('measurement', { ...values, value: 'beaucoup' }).value).toBe('beaucoup');
  });

  it('leave out blank fields and fields that do not apply', () => {
    const values = {
      ...toFormValues('measurement', undefined, NOW),
      type: 'blood-pressure',
      unit: 'mm[Hg]',
      value: '80',
      systolic: '130',
      diastolic: '85',
    };
    const input = toEntryInput('measurement', values);
    expect(input).toMatchObject({ systolic: 130, diastolic: 85 });
    expect(input).not.toHaveProperty('value');
    expect(input).not.toHaveProperty('note');
  });

  it('split tags on commas and store reminder minutes as numbers', () => {
    expect(toEntryInput('document', { title: 'x', tags: 'sang, , bilan ' }).tags).toEqual([
      'sang',
      'bilan',
    ]);
    expect(toEntryInput('appointment', { reminderMinutes: '1440' }).reminderMinutes).toBe(1440);
  });

  it('turn local date-times into UTC instants and back', () => {
    const stored = fromLocalDateTime('2026-07-14T14:05');
    expect(stored).toMatch(/Z$/);
    expect(Date.parse(stored)).toBe(new Date(2026, 6, 14, 14, 5).getTime());
    expect(toLocalDateTime(fromLocalDateTime('2026-07-14T14:05'))).toBe('2026-07-14T14:05');
    expect(toLocalDateTime('2026-07-14')).toBe('2026-07-14T12:00');
    expect(toLocalDateTime('pas une date')).toBe('');
  });

  it('reset choices that depend on a changed field', () => {
    const weight = toFormValues('measurement', undefined, NOW);
    expect(
      adjustDependent('measurement', { ...weight, unit: '[lb_av]', type: 'height' }).unit,
    ).toBe('cm');
    expect(adjustDependent('measurement', { ...weight, unit: '[lb_av]' }).unit).toBe('[lb_av]');
    expect(adjustDependent('lifestyle', { topic: 'activity', status: 'former' }).status).toBe('');
  });
});

describe('edits', () => {
  it('change only what the user changed, and clear what no longer applies', () => {
    const doc = new Y.Doc();
    const id = createEntry(doc, 'measurement', {
      type: 'blood-pressure',
      date: '2026-11-20',
      unit: 'mm[Hg]',
      systolic: 130,
      diastolic: 85,
    });
    const entry = getEntry(doc, id)!;
    const values = toFormValues('measurement', entry);
    // The stored day is shown with a time; untouched, it stays a day.
    expect(toEntryPatch('measurement', entry, { ...values, note: 'au repos' })).toEqual({
      note: 'au repos',
    });
    const patch = toEntryPatch(
      'measurement',
      entry,
      adjustDependent('measurement', { ...values, type: 'weight', value: '70' }),
    );
    expect(patch).toEqual({
      type: 'weight',
      unit: 'kg',
      value: 70,
      systolic: null,
      diastolic: null,
    });
    updateEntry(doc, id, patch);
    expect(getEntry(doc, id)).toMatchObject({ type: 'weight', value: 70, date: '2026-11-20' });
    expect(getEntry(doc, id)).not.toHaveProperty('systolic');
  });

  it('clear a field emptied or unticked', () => {
    const doc = new Y.Doc();
    const id = createEntry(doc, 'contact', {
      name: 'Léa',
      role: 'family',
      emergency: true,
      phone: '0601020304',
    });
    const entry = getEntry(doc, id)!;
    const values = { ...toFormValues('contact', entry), emergency: false, phone: '' };
    expect(toEntryPatch('contact', entry, values)).toEqual({ emergency: null, phone: null });
  });
});
