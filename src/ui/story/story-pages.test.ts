import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEntry, type Entry, type TimelineItem } from '../../lib/record';
import { groupStory, readStory, yearMonthOf } from './story-pages';

function record(count: number): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const day = `20${String(10 + (i % 10))}-0${1 + (i % 9)}-1${i % 10}`;
      createEntry(doc, 'immunization', { vaccine: `Dose ${i}`, date: day });
      if (i % 4 === 0) createEntry(doc, 'procedure', { name: `Acte ${i}`, date: day });
    }
  });
  return doc;
}

const item = (date: string, id: string): TimelineItem => ({
  date,
  entry: { id, kind: 'immunization' } as unknown as Entry,
});

describe('reading the story page by page', () => {
  it('reads the first pages one after the other, then says whether there is more', () => {
    const doc = record(120);
    const two = readStory(doc, [], 2, 50);
    expect(two.items).toHaveLength(100);
    expect(two.next).not.toBeNull();
    const all = readStory(doc, [], 4, 50);
    expect(all.items).toHaveLength(150);
    expect(all.next).toBeNull();
    expect(all.items.slice(0, 100)).toEqual(two.items);
    expect(new Set(all.items.map((i) => i.entry.id)).size).toBe(150);
    const dates = all.items.map((i) => i.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('keeps to the kinds asked for', () => {
    const doc = record(40);
    const procedures = readStory(doc, ['procedure'], 1, 50);
    expect(procedures.items).toHaveLength(10);
    expect(procedures.items.every((i) => i.entry.kind === 'procedure')).toBe(true);
  });
});

describe('years and months', () => {
  it('places a day as written and an instant in local time', () => {
    expect(yearMonthOf('2024-05-01')).toEqual({ year: 2024, month: 5 });
    const instant = new Date(2023, 11, 31, 23, 30).toISOString();
    expect(yearMonthOf(instant)).toEqual({ year: 2023, month: 12 });
  });

  it('groups items under years and months, newest first', () => {
    const groups = groupStory([
      item('2025-03-04', 'a'),
      item('2025-03-01', 'b'),
      item('2025-01-20', 'c'),
      item('2023-12-24', 'd'),
    ]);
    expect(
      groups.map((y) => [y.year, y.months.map((m) => [m.key, m.items.map((i) => i.entry.id)])]),
    ).toEqual([
      [
        2025,
        [
          ['2025-03', ['a', 'b']],
          ['2025-01', ['c']],
        ],
      ],
      [2023, [['2023-12', ['d']]]],
    ]);
  });

  it('never gives a month twice, even when an instant falls in another month locally', () => {
    const lateInApril = new Date(2024, 3, 30, 23, 0);
    const groups = groupStory([
      item('2024-05-02', 'a'),
      item(new Date(2024, 4, 1, 12).toISOString(), 'b'),
      item('2024-05-01', 'c'),
      item(lateInApril.toISOString(), 'd'),
      item('2024-04-30', 'e'),
    ]);
    const keys = groups.flatMap((y) => y.months.map((m) => m.key));
    expect(keys).toEqual(['2024-05', '2024-04']);
    expect(groups[0]!.months[1]!.items.map((i) => i.entry.id)).toEqual(['d', 'e']);
  });
});
