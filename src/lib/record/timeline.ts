/**
 * "My health story": every dated entry, newest first, one page at a time. Only the entries of
 * the page are read whole; the others are looked at for their kind and date alone, which keeps a
 * 10,000-entry record's first page fast.
 */
import type * as Y from 'yjs';
import { dateFrom, mapDate } from './dates';
import { entriesMap, isInBin, readEntry } from './entries';
import { ENTRY_KINDS, type Entry, type EntryKind, type FieldValue } from './kinds';

export type TimelineItem = { date: string; entry: Entry };
/** `next`: pass it as `before` for the following page; null on the last page. */
export type TimelinePage = { items: TimelineItem[]; next: string | null };
export type TimelineOptions = {
  kinds?: readonly EntryKind[];
  /** Items per page (default 50). */
  limit?: number;
  /** The `next` of the previous page. */
  before?: string | null;
};

/**
 * The kinds the timeline can show: those a date places in time, i.e. not contacts or family
 * history. Asked of dates.ts with a pretend entry whose every field holds a date.
 */
export const TIMELINE_KINDS: readonly EntryKind[] = ENTRY_KINDS.filter(
  (kind) => dateFrom((field) => (field === 'kind' ? kind : '2000-01-01')) !== null,
);

type Placed = { date: string; id: string; map: Y.Map<FieldValue> };

/**
 * Newest first: negative when (dateA, idA) comes before (dateB, idB). Entries of the same date are
 * ordered by id, so that pages never skip or repeat one.
 */
function compare(dateA: string, idA: string, dateB: string, idB: string): number {
  if (dateA !== dateB) return dateA < dateB ? 1 : -1;
  return idA < idB ? 1 : idA > idB ? -1 : 0;
}

const SEPARATOR = '/';

function parseCursor(cursor: string): { date: string; id: string } {
  const at = cursor.lastIndexOf(SEPARATOR);
  if (at <= 0) throw new Error('not a timeline cursor');
  return { date: cursor.slice(0, at), id: cursor.slice(at + 1) };
}

/**
 * One page of the timeline. Only the page is kept while scanning (a bounded, sorted list), so a
 * page costs one pass over the record's kinds and dates, not a sort of the whole record.
 */
export function timeline(doc: Y.Doc, options: TimelineOptions = {}): TimelinePage {
  const { kinds, before } = options;
  const limit = Math.max(1, Math.floor(options.limit ?? 50));
  const wanted = kinds ? new Set<unknown>(kinds) : null;
  const cursor = before ? parseCursor(before) : null;
  const page: Placed[] = [];
  let matching = 0;
  entriesMap(doc).forEach((map, id) => {
    if (wanted && !wanted.has(map.get('kind'))) return;
    if (isInBin(map)) return;
    const date = mapDate(map);
    if (date === null) return;
    if (cursor && compare(date, id, cursor.date, cursor.id) <= 0) return;
    matching++;
    const worst = page[limit - 1];
    if (worst && compare(date, id, worst.date, worst.id) >= 0) return;
    page.splice(insertionPoint(page, date, id), 0, { date, id, map });
    if (page.length > limit) page.pop();
  });
  const last = page.at(-1);
  return {
    items: page.map(({ date, map }) => ({ date, entry: readEntry(map) })),
    next: last && matching > limit ? `${last.date}${SEPARATOR}${last.id}` : null,
  };
}

/** Where (date, id) goes in a list sorted newest first. */
function insertionPoint(page: Placed[], date: string, id: string): number {
  let [low, high] = [0, page.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(date, id, page[mid]!.date, page[mid]!.id) > 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
