import { describe, expect, it } from 'vitest';
import type { Entry, EntryKind } from '../../lib/record';
import {
  byDateDesc,
  formatIns,
  lifestyleByTopic,
  nextDoseDue,
  sortConditions,
  sortFamilyHistory,
  splitTreatments,
} from './profile-lists';

let next = 0;
function entry(kind: EntryKind, fields: Record<string, string | number>): Entry {
  next++;
  return { id: `e${next}`, kind, createdAt: next, updatedAt: next, source: 'patient', ...fields };
}
const names = (entries: Entry[], field = 'name') => entries.map((e) => e[field]);

const TODAY = '2024-06-15';

describe('treatments', () => {
  it('shows active ones, then planned ones, as current; the rest as past, latest ended first', () => {
    const active = [entry('medication', { name: 'Metformine' })];
    const planned = entry('medication', { name: 'Vitamine D', startDate: '2024-07-01' });
    const stopped = entry('medication', {
      name: 'Ibuprofène',
      status: 'stopped',
      endDate: '2024-01-10',
    });
    const ended = entry('medication', {
      name: 'Amoxicilline',
      startDate: '2024-05-01',
      endDate: '2024-05-08',
    });
    const done = entry('medication', { name: 'Doliprane', status: 'completed' });
    const { current, past } = splitTreatments(
      [...active, planned, stopped, ended, done],
      active,
      TODAY,
    );
    expect(names(current)).toEqual(['Metformine', 'Vitamine D']);
    expect(names(past)).toEqual(['Amoxicilline', 'Ibuprofène', 'Doliprane']);
  });
});

describe('illnesses and history', () => {
  it('lists current illnesses first, then in remission, then cured, newest first', () => {
    const sorted = sortConditions([
      entry('condition', { name: 'Varicelle', status: 'resolved', startDate: '1990-03-01' }),
      entry('condition', { name: 'Asthme', startDate: '2000-01-01' }),
      entry('condition', { name: 'Lymphome', status: 'remission', startDate: '2015-01-01' }),
      entry('condition', { name: 'Diabète', status: 'active', startDate: '2020-01-01' }),
    ]);
    expect(names(sorted)).toEqual(['Diabète', 'Asthme', 'Lymphome', 'Varicelle']);
  });

  it('puts undated events after dated ones', () => {
    const sorted = byDateDesc([
      entry('procedure', { name: 'Sans date' }),
      entry('procedure', { name: 'Ancienne', date: '2001-01-01' }),
      entry('procedure', { name: 'Récente', date: '2021-01-01' }),
    ]);
    expect(names(sorted)).toEqual(['Récente', 'Ancienne', 'Sans date']);
  });
});

describe('family history', () => {
  it('lists the closest relatives first', () => {
    const sorted = sortFamilyHistory([
      entry('family-history', { relationship: 'cousin', condition: 'Asthme' }),
      entry('family-history', { relationship: 'mother', condition: 'Diabète' }),
      entry('family-history', { relationship: 'father', condition: 'Infarctus' }),
      entry('family-history', { relationship: 'mother', condition: 'Cancer du sein' }),
    ]);
    expect(names(sorted, 'condition')).toEqual([
      'Cancer du sein',
      'Diabète',
      'Infarctus',
      'Asthme',
    ]);
  });
});

describe('lifestyle', () => {
  it('gives the latest status of each topic, in a fixed order, and keeps the earlier ones', () => {
    const topics = lifestyleByTopic([
      entry('lifestyle', { topic: 'activity', status: 'active', date: '2024-01-01' }),
      entry('lifestyle', { topic: 'tobacco', status: 'current', date: '2010-01-01' }),
      entry('lifestyle', { topic: 'tobacco', status: 'former', date: '2020-01-01' }),
    ]);
    expect(topics.map((t) => t.topic)).toEqual(['tobacco', 'activity']);
    expect(topics[0]!.latest.status).toBe('former');
    expect(topics[0]!.earlier.map((e) => e.status)).toEqual(['current']);
  });
});

describe('vaccinations', () => {
  it('says when the next dose is due and whether it is late', () => {
    expect(nextDoseDue(entry('immunization', { nextDueDate: '2025-01-01' }), TODAY)).toEqual({
      date: '2025-01-01',
      overdue: false,
    });
    expect(nextDoseDue(entry('immunization', { nextDueDate: '2024-01-01' }), TODAY)).toEqual({
      date: '2024-01-01',
      overdue: true,
    });
    expect(nextDoseDue(entry('immunization', {}), TODAY)).toBeNull();
  });
});

describe('identity', () => {
  it('groups an INS as on a Carte Vitale', () => {
    expect(formatIns('255081416802538')).toBe('2 55 08 14 168 025 38');
    expect(formatIns('184052A12345682')).toBe('1 84 05 2A 123 456 82');
    expect(formatIns('12345')).toBe('12345');
  });
});
