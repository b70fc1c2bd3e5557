/**
 * The patient's audit log of shares (DESIGN §4.7): an append-only, hash-linked list of events in
 * the record's root Y.Array `audit`, so it is sealed at rest and backed up with the record.
 *
 * Each event is stored as a plain object `{ v: 1, seq, at, type, ...fields, prev, hash }`:
 * - canonical encoding: the event without `hash`, as JSON with object keys sorted (by UTF-16 code
 *   units, recursively), no spaces, UTF-8. Values are strings, booleans, null, safe integers,
 *   arrays and plain objects, so the JSON text is unique. `v` is the format version.
 * - `hash` = hex SHA-256 of that encoding.
 * - `prev` = the sorted hashes of every *head* (event no other event names in its `prev`) of the
 *   log as the appending device saw it; `[]` for a first event. `seq` = 1 + the largest `seq`
 *   among them.
 *
 * Why a list in `prev`, not one hash: two devices of the patient may append while apart. Their
 * events then name the same predecessor (a fork), and both stay. The next event appended on a
 * device that has seen both names both, merging the fork — as a git merge commit does. Every event
 * but the latest ones is thus named by a later one, so deleting or rewriting any of them breaks a
 * link. One chain per device was the alternative, but a Y.Doc gets a new clientID each session, so
 * chains would multiply and a whole chain could vanish unnoticed.
 *
 * The order of the Y.Array is causal: Yjs places an appended item after every item its device had
 * when it appended, so an honest log lists each event after all the events it names. Verification
 * walks the array once and demands that.
 *
 * What the chain proves, and what not: any change to an event, a deletion, a reordering or an
 * event slipped in between two linked ones is reported with its place. It carries no key: whoever
 * holds the record key can rewrite the log from some event to its end, drop the latest events, or
 * add a fork that looks like a concurrent append. It makes tampering evident, not impossible.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import * as v from 'valibot';
import type * as Y from 'yjs';
import { toHex, utf8 } from '../crypto';
import { ENTRY_KINDS, IDENTITY_FIELD_NAMES, type EntryKind } from '../record';
import { ShareError } from './errors';
import { ProfessionalIdentitySchema } from './handshake';
import type { ShareRights } from './link';
import type { ShareSummary } from './scope';

/** The format version in every event's `v`; verification refuses others. */
export const AUDIT_VERSION = 1;

export const SHARE_END_REASONS = ['expired', 'revoked', 'closed', 'error'] as const;
export type ShareEndReason = (typeof SHARE_END_REASONS)[number];

/** The fields of each type of event, besides v, seq, at, type, prev and hash. */
export type AuditFields = {
  /** `scope`: counts and kinds, never a text of the record. */
  'share-created': {
    shareId: string;
    scope: ShareSummary;
    expiresAt: number;
    rights: ShareRights;
    singleUse: boolean;
  };
  /** The identity the professional declared (never verified) and the code both screens showed. */
  hello: { shareId: string; name: string; profession: string; rpps?: string; code: string };
  allowed: { shareId: string };
  refused: { shareId: string };
  /** A hello after the first on a single-use share, refused without asking the patient. */
  'second-hello-refused': {
    shareId: string;
    name: string;
    profession: string;
    rpps?: string;
    code?: string;
  };
  /** `title`: what the entry was called when sent (it may be renamed later). */
  'document-sent': { shareId: string; entryId: string; title: string };
  /** Reported by the professional's page. */
  'document-opened': { shareId: string; entryId: string };
  /** A deposit; `entryId` once the patient accepted it into the record. */
  'document-received': { shareId: string; title: string; author: string; entryId?: string };
  'share-ended': { shareId: string; reason: ShareEndReason };
};
export type AuditEventType = keyof AuditFields;

/** What a caller appends. */
export type AuditEventInput = {
  [T in AuditEventType]: { type: T } & AuditFields[T];
}[AuditEventType];

/** An event as stored. */
export type AuditEvent = AuditEventInput & {
  v: typeof AUDIT_VERSION;
  seq: number;
  /** Milliseconds since the epoch, by the appending device's clock. */
  at: number;
  prev: string[];
  hash: string;
};

export type AuditBreak =
  /** Not an event at all: a field missing or of the wrong type. */
  | 'malformed'
  /** A format version this build does not know. */
  | 'unknown-version'
  /** The event's content no longer matches its hash: it was edited. */
  | 'hash-mismatch'
  /** The same event twice. */
  | 'duplicate'
  /** It names an event the log does not hold: that one was deleted or rewritten. */
  | 'missing-prev'
  /** It names an event listed after it: the log was reordered. */
  | 'out-of-order'
  /** Its seq does not follow from the events it names. */
  | 'seq-mismatch';

export type AuditVerdict =
  | {
      intact: true;
      events: number;
      /** Latest events, 1 unless devices appended concurrently and no event merged them yet. */
      heads: number;
    }
  | {
      intact: false;
      /**
       * Position of the first event at fault in the stored array — and in readAuditLog's list,
       * which leaves out only items that are not objects, each of which is itself a fault.
       */
      index: number;
      /** Its seq, when it has a readable one. */
      brokenAt: number | null;
      reason: AuditBreak;
    };

export type AuditEventIssue = 'invalid-event' | 'invalid-time';

/** An event the caller built wrongly; nothing was appended. */
export class InvalidAuditEventError extends ShareError {
  override readonly name = 'InvalidAuditEventError';
  constructor(
    readonly code: AuditEventIssue,
    readonly issues: readonly string[] = [],
  ) {
    super(`audit event refused: ${code}${issues.length > 0 ? ` (${issues.join(', ')})` : ''}`);
  }
}

/** The root Y.Array of the record that holds the log (DESIGN §2). */
export function auditArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray('audit');
}

/**
 * The events as stored, oldest first, as copies; check verifyAuditLog before trusting them. Items
 * that are not objects (only tampering writes them) are left out; verifyAuditLog reports them.
 */
export function readAuditLog(doc: Y.Doc): AuditEvent[] {
  // Yjs hands out the stored objects themselves: a caller's edit would change what it encodes.
  return auditArray(doc)
    .toArray()
    .filter(isPlainObject)
    .map((item) => structuredClone(item) as AuditEvent);
}

/**
 * Appends an event after every head of the log, in one transaction, and returns it as stored.
 * Appends even to a broken log: the log keeps recording, and verification keeps reporting the
 * break. Throws InvalidAuditEventError.
 */
export function appendAuditEvent(doc: Y.Doc, input: AuditEventInput, now = Date.now()): AuditEvent {
  if (!Number.isSafeInteger(now) || now < 0) throw new InvalidAuditEventError('invalid-time');
  const checked = v.safeParse(InputSchema, input);
  if (!checked.success) {
    const issues = checked.issues.map((issue) => v.getDotPath(issue) ?? 'type');
    throw new InvalidAuditEventError('invalid-event', [...new Set(issues)]);
  }
  const log = auditArray(doc);
  const heads = headsOf(log.toArray());
  const seq = 1 + Math.max(0, ...heads.map((head) => head.seq));
  const unsealed = {
    ...withoutUndefined(checked.output),
    v: AUDIT_VERSION,
    seq,
    at: now,
    prev: heads.map((head) => head.hash).sort(),
  };
  const event = { ...unsealed, hash: auditEventHash(unsealed) } as AuditEvent;
  doc.transact(() => log.push([event]));
  return structuredClone(event);
}

/** Walks the log once and reports the first event at fault, or that the chain is intact. */
export function verifyAuditLog(doc: Y.Doc): AuditVerdict {
  const items = auditArray(doc).toArray();
  const stored = new Set<string>();
  for (const item of items) if (isPlainObject(item) && isHash(item.hash)) stored.add(item.hash);
  const seqOf = new Map<string, number>();
  const named = new Set<string>();
  for (const [index, item] of items.entries()) {
    const fault = (reason: AuditBreak): AuditVerdict => {
      const seq = isPlainObject(item) && Number.isSafeInteger(item.seq) ? Number(item.seq) : null;
      return { intact: false, index, brokenAt: seq, reason };
    };
    if (!isPlainObject(item)) return fault('malformed');
    if (item.v !== AUDIT_VERSION)
      return fault(item.v === undefined ? 'malformed' : 'unknown-version');
    const envelope = v.safeParse(EnvelopeSchema, item);
    if (!envelope.success) return fault('malformed');
    const { seq, prev, hash } = envelope.output;
    let computed: string;
    try {
      computed = auditEventHash(item);
    } catch {
      return fault('malformed');
    }
    if (computed !== hash) return fault('hash-mismatch');
    if (seqOf.has(hash)) return fault('duplicate');
    for (const parent of prev) {
      if (!seqOf.has(parent)) return fault(stored.has(parent) ? 'out-of-order' : 'missing-prev');
    }
    const expected = 1 + Math.max(0, ...prev.map((parent) => seqOf.get(parent)!));
    if (seq !== expected) return fault('seq-mismatch');
    seqOf.set(hash, seq);
    for (const parent of prev) named.add(parent);
  }
  return { intact: true, events: items.length, heads: seqOf.size - named.size };
}

/** The canonical encoding of an event: everything but `hash`, as sorted-keys JSON, UTF-8. */
export function canonicalAuditEncoding(event: Readonly<Record<string, unknown>>): Uint8Array {
  const { hash: _hash, ...content } = event;
  return utf8(canonicalJson(content));
}

/** Hex SHA-256 of the canonical encoding: the event's `hash`, and what later events name. */
export function auditEventHash(event: Readonly<Record<string, unknown>>): string {
  return toHex(sha256(canonicalAuditEncoding(event)));
}

/**
 * JSON with sorted keys and nothing left to choice. Refuses what JSON would write ambiguously or
 * lossily: non-integer and unsafe numbers, undefined, and anything not a plain object or array.
 */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError('audit numbers are safe integers');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  throw new TypeError(`audit events hold JSON values, not ${typeof value}`);
}

/** The events no other event names, well-formed enough to be built on. */
function headsOf(items: readonly unknown[]): { seq: number; hash: string }[] {
  const events: { seq: number; hash: string }[] = [];
  const named = new Set<string>();
  for (const item of items) {
    if (!isPlainObject(item) || !isHash(item.hash) || !Number.isSafeInteger(item.seq)) continue;
    events.push({ seq: Number(item.seq), hash: item.hash });
    if (Array.isArray(item.prev)) for (const parent of item.prev) named.add(String(parent));
  }
  const heads = new Map<string, { seq: number; hash: string }>();
  for (const event of events) if (!named.has(event.hash)) heads.set(event.hash, event);
  return [...heads.values()];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const HASH = /^[0-9a-f]{64}$/;
function isHash(value: unknown): value is string {
  return typeof value === 'string' && HASH.test(value);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

const hashString = v.pipe(v.string(), v.regex(HASH));

/** What every stored event has. Type-specific fields are checked on append, not on verify, so a
 * log holding event types of a newer Carnet still verifies. */
const EnvelopeSchema = v.looseObject({
  v: v.literal(AUDIT_VERSION),
  seq: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  at: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  type: v.pipe(v.string(), v.nonEmpty()),
  prev: v.pipe(
    v.array(hashString),
    v.check((prev) => prev.every((hash, i) => i === 0 || prev[i - 1]! < hash)),
  ),
  hash: hashString,
});

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));
const label = v.pipe(v.string(), v.maxLength(500));
const shareId = { shareId: id };
const KINDS = new Set<string>(ENTRY_KINDS);

const ScopeSchema = v.strictObject({
  entries: count,
  byKind: v.pipe(
    v.record(v.string(), count),
    v.check((byKind) => Object.keys(byKind).every((kind) => KINDS.has(kind))),
    v.transform((byKind) => byKind as Partial<Record<EntryKind, number>>),
  ),
  files: count,
  bytes: count,
  identity: v.array(v.picklist(IDENTITY_FIELD_NAMES)),
});

const declared = {
  ...shareId,
  ...ProfessionalIdentitySchema.entries,
};

const InputSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('share-created'),
    ...shareId,
    scope: ScopeSchema,
    expiresAt: count,
    rights: v.strictObject({ view: v.boolean(), download: v.boolean(), deposit: v.boolean() }),
    singleUse: v.boolean(),
  }),
  v.strictObject({
    type: v.literal('hello'),
    ...declared,
    code: v.pipe(v.string(), v.regex(/^\d{6}$/)),
  }),
  v.strictObject({ type: v.literal('allowed'), ...shareId }),
  v.strictObject({ type: v.literal('refused'), ...shareId }),
  v.strictObject({
    type: v.literal('second-hello-refused'),
    ...declared,
    code: v.optional(v.pipe(v.string(), v.regex(/^\d{6}$/))),
  }),
  v.strictObject({ type: v.literal('document-sent'), ...shareId, entryId: id, title: label }),
  v.strictObject({ type: v.literal('document-opened'), ...shareId, entryId: id }),
  v.strictObject({
    type: v.literal('document-received'),
    ...shareId,
    title: label,
    author: label,
    entryId: v.optional(id),
  }),
  v.strictObject({
    type: v.literal('share-ended'),
    ...shareId,
    reason: v.picklist(SHARE_END_REASONS),
  }),
]);
