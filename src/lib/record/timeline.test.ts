import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteEntry } from './bin';
import { entryDate } from './dates';
import { createEntry } from './editing';
import { addEntry, listEntries, readEntry, entriesMap } from './entries';
import { fillSampleRecord } from './sample-record';
import { TIMELINE_KINDS, timeline, type TimelineItem } from './timeline';

describe('placing entries in time', () => {
  it('uses the date that means "when" for each kind', () => {
    const doc = new Y.Doc();
    const dateOf = (id: string) => entryDate(readEntry(entriesMap(doc).get(id)!));
    const visit = createEntry(doc, 'appointment', { start: '2025-03-04T09:30+01:00' });
    const pill = createEntry(doc, 'medication', { name: 'Ramipril', startDate: '2023-01-10' });
    const shot = createEntry(doc, 'immunization', { vaccine: 'ROR', date: '1990-06-01' });
    const weight = createEntry(doc, 'measurement', {
      type: 'weight',
      date: '2024-05-12T07:00:00Z',
      value: 70,
      unit: 'kg',
    });
    const sister = createEntry(doc, 'contact', { name: 'Claire', role: 'family' });
    const pen = createEntry(doc, 'allergy', { substance: 'Pénicilline' });
    expect(dateOf(visit)).toBe('2025-03-04T08:30:00.000Z');
    expect(dateOf(pill)).toBe('2023-01-10');
    expect(dateOf(shot)).toBe('1990-06-01');
    expect(dateOf(weight)).toBe('2024-05-12T07:00:00.000Z');
    expect(dateOf(sister)).toBeNull();
    expect(dateOf(pen)).toBeNull();
  });

  it('places a document added without a date on the day it was added', () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, 'document', { title: 'Scan' }, 'patient', Date.UTC(2024, 1, 3, 12));
    expect(entryDate(readEntry(entriesMap(doc).get(id)!))).toBe('2024-02-03');
  });
});

describe('my health story', () => {
  function story() {
    const doc = new Y.Doc();
    const ids = {
      old: createEntry(doc, 'immunization', { vaccine: 'BCG', date: '1980-01-01' }),
      report: createEntry(doc, 'document', { title: 'CR', type: 'report', date: '2024-05-12' }),
      morning: createEntry(doc, 'measurement', {
        type: 'heart-rate',
        date: '2024-05-12T07:00:00Z',
        value: 62,
        unit: '/min',
      }),
      visit: createEntry(doc, 'appointment', { start: '2025-03-04T09:30:00Z' }),
      undated: createEntry(doc, 'allergy', { substance: 'Latex' }),
    };
    return { doc, ids };
  }
  const idsOf = (items: TimelineItem[]) => items.map((item) => item.entry.id);

  it('lists every dated entry, newest first, with its date', () => {
    const { doc, ids } = story();
    const page = timeline(doc);
    expect(idsOf(page.items)).toEqual([ids.visit, ids.morning, ids.report, ids.old]);
    expect(page.items[1]!.date).toBe('2024-05-12T07:00:00.000Z');
    expect(page.items[1]!.entry).toMatchObject({ kind: 'measurement', value: 62 });
    expect(page.next).toBeNull();
  });

  it('filters by kind and leaves out the bin', () => {
    const { doc, ids } = story();
    expect(idsOf(timeline(doc, { kinds: ['document', 'immunization'] }).items)).toEqual([
      ids.report,
      ids.old,
    ]);
    deleteEntry(doc, ids.report);
    expect(idsOf(timeline(doc, { kinds: ['document', 'immunization'] }).items)).toEqual([ids.old]);
  });

  it('pages through entries sharing a date without skipping or repeating one', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let i = 0; i < 23; i++) {
        createEntry(doc, 'immunization', { vaccine: `Dose ${i}`, date: `2024-0${1 + (i % 3)}-01` });
      }
    });
    const seen: TimelineItem[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page = timeline(doc, { limit: 5, before });
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items);
      before = page.next;
      pages++;
    } while (before);
    expect(pages).toBe(5);
    expect(new Set(idsOf(seen)).size).toBe(23);
    expect(seen.map((item) => item.date)).toEqual(
      seen
        .map((item) => item.date)
        .sort()
        .reverse(),
    );
  });

  it('gives the same first page as reading and sorting the whole record', () => {
    const doc = new Y.Doc();
    fillSampleRecord(doc, 600, 7);
    const expected = listEntries(doc)
      .map((entry) => ({ id: entry.id, date: entryDate(entry) }))
      .filter((item) => item.date !== null)
      .sort((a, b) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date! < b.date! ? 1 : -1))
      .slice(0, 40)
      .map((item) => item.id);
    expect(idsOf(timeline(doc, { limit: 40 }).items)).toEqual(expected);
  });

  it('offers as filters the kinds that are events, and only those', () => {
    expect(TIMELINE_KINDS).not.toContain('contact');
    expect(TIMELINE_KINDS).not.toContain('family-history');
    expect(TIMELINE_KINDS).toEqual(
      expect.arrayContaining(['document', 'appointment', 'immunization', 'measurement']),
    );
    // A contact or a family illness never shows, whatever it holds.
    const doc = new Y.Doc();
    createEntry(doc, 'contact', { name: 'Claire', role: 'family' });
    createEntry(doc, 'family-history', { relationship: 'mother', condition: 'Diabète' });
    const vaccine = createEntry(doc, 'immunization', { vaccine: 'ROR', date: '1990-06-01' });
    expect(idsOf(timeline(doc).items)).toEqual([vaccine]);
  });
});
