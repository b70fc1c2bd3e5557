/**
 * "My health story" as the screen shows it: the first pages of the timeline, read one after the
 * other with lib/record's cursor, then grouped under years and months.
 */
import type * as Y from 'yjs';
import { timeline, type EntryKind, type TimelineItem } from '../../lib/record';

export type StoryRead = { items: TimelineItem[]; next: string | null };

/**
 * The first `pages` pages of `limit` items of the timeline, of `kinds` (every kind when empty).
 * Each page follows the previous one's `next`, read afresh, so a change to the record never
 * leaves a gap or a repeat between pages.
 */
export function readStory(
  doc: Y.Doc,
  kinds: readonly EntryKind[],
  pages: number,
  limit: number,
): StoryRead {
  const items: TimelineItem[] = [];
  let next: string | null = null;
  for (let page = 0; page < pages; page++) {
    const read = timeline(doc, {
      kinds: kinds.length > 0 ? kinds : undefined,
      limit,
      before: next,
    });
    items.push(...read.items);
    next = read.next;
    if (next === null) break;
  }
  return { items, next };
}

export type StoryMonth = { key: string; year: number; month: number; items: TimelineItem[] };
export type StoryYear = { year: number; months: StoryMonth[] };

const DAY = /^(\d{4})-(\d{2})/;

/** The year and month (1–12) of a stored date: a day as written, an instant in local time. */
export function yearMonthOf(date: string): { year: number; month: number } {
  if (date.length === 10) {
    const day = DAY.exec(date);
    if (day) return { year: Number(day[1]), month: Number(day[2]) };
  }
  const at = new Date(date);
  return { year: at.getFullYear(), month: at.getMonth() + 1 };
}

/**
 * Items (newest first) under their year and month, newest first. An instant shown in local time
 * may fall in another month than its neighbours: it joins that month's group all the same.
 */
export function groupStory(items: readonly TimelineItem[]): StoryYear[] {
  const months = new Map<string, StoryMonth>();
  for (const item of items) {
    const { year, month } = yearMonthOf(item.date);
    const key = `${year}-${String(month).padStart(2, '0')}`;
    const group = months.get(key);
    if (group) group.items.push(item);
    else months.set(key, { key, year, month, items: [item] });
  }
  const years: StoryYear[] = [];
  for (const group of [...months.values()].sort((a, b) => (a.key < b.key ? 1 : -1))) {
    const last = years.at(-1);
    if (last?.year === group.year) last.months.push(group);
    else years.push({ year: group.year, months: [group] });
  }
  return years;
}
