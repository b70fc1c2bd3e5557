/**
 * The questions the screens ask of the record: documents by type and year, what is coming up,
 * what is being taken, and the home screen's summary. Entries in the bin never appear.
 */
import type * as Y from 'yjs';
import { localDay, mapDate, yearOf } from './dates';
import { entriesMap, isInBin, readEntry } from './entries';
import type { EntryKind, FieldValue } from './kinds';
import type { EntryOf } from './schemas';
import { ALLERGY_SEVERITIES, type DocumentType } from './vocabulary';

/** The live (not binned) entries of a kind, as Y.Maps: read whole only those that are kept. */
function* live(doc: Y.Doc, kind: EntryKind): Generator<Y.Map<FieldValue>> {
  for (const map of entriesMap(doc).values()) {
    if (map.get('kind') === kind && !isInBin(map)) yield map;
  }
}

/** Typed as the kind's fields: see EntryOf for what that promises. */
const read = <K extends EntryKind>(map: Y.Map<FieldValue>) =>
  readEntry(map) as unknown as EntryOf<K>;

/** One collator for all comparisons: localeCompare with options builds one per call. */
const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
const byLabel = (a: { label: string }, b: { label: string }) => collator.compare(a.label, b.label);

export type DocumentFilter = { type?: DocumentType; year?: number };

/** Document maps, newest date first (then newest added first): sorted before any is read. */
function documentMaps(doc: Y.Doc, filter: DocumentFilter): Y.Map<FieldValue>[] {
  const found: { date: string; createdAt: number; map: Y.Map<FieldValue> }[] = [];
  for (const map of live(doc, 'document')) {
    if (filter.type !== undefined && map.get('type') !== filter.type) continue;
    const date = mapDate(map) ?? '';
    if (filter.year !== undefined && yearOf(date) !== filter.year) continue;
    found.push({ date, createdAt: Number(map.get('createdAt')) || 0, map });
  }
  found.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.createdAt - a.createdAt,
  );
  return found.map(({ map }) => map);
}

/** Documents, newest date first (then newest added first), optionally of one type and year. */
export function listDocuments(doc: Y.Doc, filter: DocumentFilter = {}): EntryOf<'document'>[] {
  return documentMaps(doc, filter).map(read<'document'>);
}

/** Appointments not yet over at `now` (started ones count until their end), soonest first. */
export function upcomingAppointments(doc: Y.Doc, now = Date.now()): EntryOf<'appointment'>[] {
  const at = new Date(now).toISOString();
  const found: { start: string; map: Y.Map<FieldValue> }[] = [];
  for (const map of live(doc, 'appointment')) {
    const start = map.get('start');
    if (typeof start !== 'string') continue;
    const end = map.get('end');
    if ((typeof end === 'string' ? end : start) >= at) found.push({ start, map });
  }
  found.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return found.map(({ map }) => read<'appointment'>(map));
}

/**
 * Entries of a kind in force on the device's day at `now`: status active (or none), begun by that
 * day (or no start) and not ended before it. By name.
 */
function inForce<K extends 'medication' | 'condition'>(
  doc: Y.Doc,
  kind: K,
  now: number,
): EntryOf<K>[] {
  const today = localDay(now);
  const found: { label: string; map: Y.Map<FieldValue> }[] = [];
  for (const map of live(doc, kind)) {
    const status = map.get('status') ?? 'active';
    const end = map.get('endDate');
    if (status !== 'active' || (typeof end === 'string' && end < today)) continue;
    const start = map.get('startDate');
    if (typeof start === 'string' && start > today) continue;
    found.push({ label: String(map.get('name') ?? ''), map });
  }
  return found.sort(byLabel).map(({ map }) => read<K>(map));
}

/** Treatments being taken today (see inForce). */
export function activeMedications(doc: Y.Doc, now = Date.now()): EntryOf<'medication'>[] {
  return inForce(doc, 'medication', now);
}

/** Conditions the patient has today; remission and resolved ones are history (see inForce). */
export function activeConditions(doc: Y.Doc, now = Date.now()): EntryOf<'condition'>[] {
  return inForce(doc, 'condition', now);
}

const SEVERITY_RANK = new Map<unknown, number>(ALLERGY_SEVERITIES.map((s, i) => [s, i]));

/** Allergies, most severe first (unknown severity last), then by substance. */
export function listAllergies(doc: Y.Doc): EntryOf<'allergy'>[] {
  const found = [...live(doc, 'allergy')].map((map) => ({
    rank: SEVERITY_RANK.get(map.get('severity')) ?? -1,
    label: String(map.get('substance') ?? ''),
    map,
  }));
  found.sort((a, b) => b.rank - a.rank || byLabel(a, b));
  return found.map(({ map }) => read<'allergy'>(map));
}

export type HomeSummary = {
  nextAppointment: EntryOf<'appointment'> | null;
  /** The 5 most recent documents by date. */
  recentDocuments: EntryOf<'document'>[];
  activeMedications: EntryOf<'medication'>[];
  allergies: EntryOf<'allergy'>[];
};

export function homeSummary(doc: Y.Doc, now = Date.now()): HomeSummary {
  return {
    nextAppointment: upcomingAppointments(doc, now)[0] ?? null,
    recentDocuments: documentMaps(doc, {})
      .slice(0, 5)
      .map(read<'document'>),
    activeMedications: activeMedications(doc, now),
    allergies: listAllergies(doc),
  };
}
