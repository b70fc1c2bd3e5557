/**
 * What a share contains (DESIGN §4.1). The patient picks entries one by one, whole kinds, a
 * period, presets, and which identity fields go along; `resolveShareScope` turns that into a list
 * of entries and files, and `buildShareDoc` copies them into a fresh Y.Doc. The share syncs that
 * doc and nothing else, so no other entry, and no history of one, can reach the professional.
 *
 * Two rules hold whatever the scope says: an entry in the bin is never shared, and an entry marked
 * `confidential` is shared only when picked one by one (DESIGN §2) — never by kind, period, preset,
 * or as the document of a shared directive.
 */
import * as Y from 'yjs';
import {
  IDENTITY_FIELD_NAMES,
  activeMedications,
  entriesMap,
  entryDate,
  isEntryKind,
  readEntry,
  readIdentity,
  type Entry,
  type EntryKind,
  type FieldValue,
  type Identity,
} from '../record';
import { localDay } from '../record/dates';
import { isCalendarDate } from '../record/field-schemas';
import { activeConditions } from '../record/queries';
import { ShareError } from './errors';

export const SHARE_PRESETS = ['emergency-summary', 'last-12-months', 'everything'] as const;
export type SharePreset = (typeof SHARE_PRESETS)[number];

export type IdentityField = keyof Identity;

const ALL_IDENTITY = IDENTITY_FIELD_NAMES;

/** Days YYYY-MM-DD, both included, compared with each entry's day (entryDate). */
export type SharePeriod = { from?: string; to?: string };

/**
 * What the patient picked. Each part adds entries (a union), except `kinds` and `period`, which
 * filter together: `{ kinds: ['document'], period: { from: '2024-01-01' } }` is "documents since
 * 2024". With neither, that filter adds nothing — an empty scope shares nothing, never everything.
 * An entry without a date (a contact, a family history) is in no period.
 */
export type ShareScope = {
  presets?: readonly SharePreset[];
  /** Entries picked one by one: the only way a confidential document is shared. */
  entryIds?: readonly string[];
  kinds?: readonly EntryKind[];
  period?: SharePeriod;
  /** Identity fields to share besides those the presets bring. */
  identity?: readonly IdentityField[];
};

/** The entries (sorted ids), the attachments they hold, and the identity fields with values. */
export type ResolvedShare = {
  entryIds: string[];
  fileIds: string[];
  identity: Partial<Identity>;
};

/** What the share screen and the audit log say about a share: counts, never texts. */
export type ShareSummary = {
  entries: number;
  byKind: Partial<Record<EntryKind, number>>;
  files: number;
  bytes: number;
  /** The identity fields shared (names of fields, not their values). */
  identity: IdentityField[];
};

export type ShareScopeIssue =
  'unknown-preset' | 'unknown-kind' | 'unknown-identity-field' | 'invalid-period';

/** A scope the UI should never build: a programming error, reported by code. */
export class ShareScopeError extends ShareError {
  override readonly name = 'ShareScopeError';
  constructor(readonly code: ShareScopeIssue) {
    super(`invalid share scope: ${code}`);
  }
}

type Preset = (
  entries: readonly Entry[],
  doc: Y.Doc,
  now: number,
) => {
  entries: Iterable<Entry>;
  identity: readonly IdentityField[];
};

/** Who the patient is, for a professional to file what they receive under the right person. */
const IDENTIFICATION: readonly IdentityField[] = ['familyName', 'givenNames', 'birthDate'];

/** Contacts an emergency team calls: those marked for emergencies, the trusted person, the GP. */
const EMERGENCY_ROLES = new Set<FieldValue>(['trusted-person', 'gp']);

const PRESETS: Record<SharePreset, Preset> = {
  /**
   * What a doctor meeting the patient for the first time in an emergency needs before anything
   * else, following DESIGN §4's emergency card: who the patient is (name, birth date; sex, which
   * changes drug doses and what to rule out; blood group), what must not be given (allergies,
   * whatever their date), what is being taken (interactions), what the patient has (active
   * conditions; history in remission is left to the other presets), whom to call (emergency
   * contacts, the personne de confiance, and the médecin traitant who knows the history), and
   * what the patient wants (advance directives, organ donation) with the directive's document.
   */
  'emergency-summary': (entries, doc, now) => {
    const medications = new Set(activeMedications(doc, now).map((entry) => entry.id));
    const conditions = new Set(activeConditions(doc, now).map((entry) => entry.id));
    return {
      identity: [...IDENTIFICATION, 'sex', 'bloodGroup'],
      entries: entries.filter((entry) => {
        switch (entry.kind) {
          case 'allergy':
          case 'directive':
            return true;
          case 'medication':
            return medications.has(entry.id);
          case 'condition':
            return conditions.has(entry.id);
          case 'contact':
            return entry.emergency === true || EMERGENCY_ROLES.has(entry.role ?? null);
          default:
            return false;
        }
      }),
    };
  },
  /** Entries dated from the same calendar day a year ago up to today; undated ones are left out. */
  'last-12-months': (entries, _doc, now) => {
    const today = localDay(now);
    const inPeriod = periodFilter({ from: sameDayAYearBefore(today), to: today });
    return { identity: IDENTIFICATION, entries: entries.filter(inPeriod) };
  },
  /** Every entry (confidential documents excepted, as everywhere) and the whole identity. */
  everything: (entries) => ({ identity: ALL_IDENTITY, entries }),
};

/** Which entries and files a scope shares in the record as it is at `now`. */
export function resolveShareScope(doc: Y.Doc, scope: ShareScope, now = Date.now()): ResolvedShare {
  checkScope(scope);
  const live = liveEntries(doc);
  const picked = new Set(scope.entryIds ?? []);
  const chosen = new Set<string>();
  const identity = new Set<IdentityField>(scope.identity ?? []);
  const offer = (entry: Entry) => {
    if (entry.confidential !== true || picked.has(entry.id)) chosen.add(entry.id);
  };

  for (const id of picked) if (live.has(id)) chosen.add(id);
  const filter = kindAndPeriodFilter(scope);
  if (filter) for (const entry of live.values()) if (filter(entry)) offer(entry);
  const entries = [...live.values()];
  for (const name of new Set(scope.presets ?? [])) {
    const preset = PRESETS[name](entries, doc, now);
    for (const entry of preset.entries) offer(entry);
    for (const field of preset.identity) identity.add(field);
  }
  // A directive may hold its text as a document entry: it travels with the directive.
  for (const id of [...chosen]) {
    const directive = live.get(id)!;
    const documentId = directive.kind === 'directive' ? directive.documentId : null;
    const document = typeof documentId === 'string' ? live.get(documentId) : undefined;
    if (document) offer(document);
  }

  const entryIds = [...chosen].sort();
  const fileIds = new Set<string>();
  for (const id of entryIds) {
    const fileId = live.get(id)!.fileId;
    if (typeof fileId === 'string') fileIds.add(fileId);
  }
  const stored = readIdentity(doc);
  const sharedIdentity: Record<string, unknown> = {};
  for (const field of ALL_IDENTITY) {
    if (identity.has(field) && stored[field] !== undefined) sharedIdentity[field] = stored[field];
  }
  return { entryIds, fileIds: [...fileIds].sort(), identity: sharedIdentity as Partial<Identity> };
}

/**
 * A new Y.Doc holding only the resolved entries (root map `entries`, same ids and fields as the
 * record) and the shared identity fields (root map `profile`). It is a copy made now: later edits
 * of the record do not reach it. Call it in the same synchronous step as resolveShareScope, so
 * that no sync update lands in between; an entry binned since is left out all the same.
 */
export function shareDocOf(doc: Y.Doc, resolved: ResolvedShare): Y.Doc {
  const share = new Y.Doc();
  const source = entriesMap(doc);
  share.transact(() => {
    const entries = share.getMap<Y.Map<FieldValue>>('entries');
    for (const id of resolved.entryIds) {
      const map = source.get(id);
      if (!map || typeof map.get('deletedAt') === 'number') continue;
      const copy = new Y.Map<FieldValue>();
      for (const [field, value] of Object.entries(readEntry(map))) copy.set(field, value);
      entries.set(id, copy);
    }
    const profile = share.getMap<unknown>('profile');
    for (const [field, value] of Object.entries(resolved.identity)) {
      if (value !== undefined) profile.set(field, value);
    }
  });
  return share;
}

/** resolveShareScope then shareDocOf: the Y.Doc a share of `scope` syncs. */
export function buildShareDoc(doc: Y.Doc, scope: ShareScope, now = Date.now()): Y.Doc {
  return shareDocOf(doc, resolveShareScope(doc, scope, now));
}

/** Counts per kind, files and their total size, identity fields: for the screen and the log. */
export function summarizeShare(doc: Y.Doc, resolved: ResolvedShare): ShareSummary {
  const byKind: Partial<Record<EntryKind, number>> = {};
  const sizes = new Map<string, number>();
  const source = entriesMap(doc);
  let entries = 0;
  for (const id of resolved.entryIds) {
    const map = source.get(id);
    if (!map) continue;
    entries++;
    const kind = map.get('kind');
    if (isEntryKind(kind)) byKind[kind] = (byKind[kind] ?? 0) + 1;
    const [fileId, size] = [map.get('fileId'), map.get('size')];
    if (typeof fileId === 'string') sizes.set(fileId, typeof size === 'number' ? size : 0);
  }
  let bytes = 0;
  for (const size of sizes.values()) bytes += size;
  const identity = ALL_IDENTITY.filter((field) => resolved.identity[field] !== undefined);
  return { entries, byKind, files: sizes.size, bytes, identity };
}

function checkScope(scope: ShareScope): void {
  const presets: readonly string[] = SHARE_PRESETS;
  if (scope.presets?.some((preset) => !presets.includes(preset))) {
    throw new ShareScopeError('unknown-preset');
  }
  if (scope.kinds?.some((kind) => !isEntryKind(kind))) throw new ShareScopeError('unknown-kind');
  if (scope.identity?.some((field) => !ALL_IDENTITY.includes(field))) {
    throw new ShareScopeError('unknown-identity-field');
  }
  const { from, to } = scope.period ?? {};
  for (const day of [from, to]) {
    if (day !== undefined && !isCalendarDate(day)) throw new ShareScopeError('invalid-period');
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw new ShareScopeError('invalid-period');
  }
}

/** The entries not in the bin, by id. */
function liveEntries(doc: Y.Doc): Map<string, Entry> {
  const live = new Map<string, Entry>();
  for (const [id, map] of entriesMap(doc)) {
    if (typeof map.get('deletedAt') !== 'number') live.set(id, readEntry(map));
  }
  return live;
}

function kindAndPeriodFilter(scope: ShareScope): ((entry: Entry) => boolean) | null {
  const kinds = scope.kinds && scope.kinds.length > 0 ? new Set(scope.kinds) : null;
  const period = scope.period ?? {};
  const inPeriod =
    period.from !== undefined || period.to !== undefined ? periodFilter(period) : null;
  if (!kinds && !inPeriod) return null;
  return (entry) => (!kinds || kinds.has(entry.kind)) && (!inPeriod || inPeriod(entry));
}

function periodFilter({ from, to }: SharePeriod): (entry: Entry) => boolean {
  return (entry) => {
    const day = dayOf(entryDate(entry));
    return day !== null && (from === undefined || day >= from) && (to === undefined || day <= to);
  };
}

/** An entry's day: a stored day as is, an instant (UTC) as the device's calendar day. */
function dayOf(date: string | null): string | null {
  if (date === null || date.length === 10) return date;
  const at = Date.parse(date);
  return Number.isFinite(at) ? localDay(at) : null;
}

/** 2025-03-01 → 2024-03-01; a 29 February gives the 1 March of the year before. */
function sameDayAYearBefore(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year - 1, month - 1, date)).toISOString().slice(0, 10);
}
