import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEntry } from '../record';
import {
  InvalidAuditEventError,
  appendAuditEvent,
  auditArray,
  auditEventHash,
  canonicalAuditEncoding,
  readAuditLog,
  verifyAuditLog,
  type AuditEvent,
  type AuditEventInput,
} from './audit';
import { buildShareDoc } from './scope';
import vectors from './vectors/audit-v1.json';

const NOW = Date.UTC(2025, 2, 1, 12);
const SHARE = 'c2hhcmUtb25lLWlk';
const OTHER_SHARE = 'c2hhcmUtdHdvLWlk';
const ENTRY = 'AAAAAAAAAAAAAAAAAAAAAA';

/** One event of every type, in the order a share would write them, then a second, refused share. */
const STORY: AuditEventInput[] = [
  {
    type: 'share-created',
    shareId: SHARE,
    scope: {
      entries: 3,
      byKind: { allergy: 1, document: 2 },
      files: 2,
      bytes: 4096,
      identity: ['familyName', 'birthDate'],
    },
    expiresAt: NOW + 30 * 60_000,
    rights: { view: true, download: true, deposit: true },
    singleUse: true,
  },
  {
    type: 'hello',
    shareId: SHARE,
    name: 'Dr Zoé Martin',
    profession: 'Médecin',
    rpps: '10101234567',
    code: '123456',
  },
  { type: 'allowed', shareId: SHARE },
  { type: 'document-sent', shareId: SHARE, entryId: ENTRY, title: 'Bilan sanguin' },
  { type: 'document-opened', shareId: SHARE, entryId: ENTRY },
  {
    type: 'document-received',
    shareId: SHARE,
    title: 'Compte rendu',
    author: 'Dr Zoé Martin',
    entryId: 'BBBBBBBBBBBBBBBBBBBBBA',
  },
  {
    type: 'second-hello-refused',
    shareId: SHARE,
    name: 'Inconnu',
    profession: 'Infirmier',
  },
  { type: 'share-ended', shareId: SHARE, reason: 'revoked' },
  {
    type: 'share-created',
    shareId: OTHER_SHARE,
    scope: { entries: 1, byKind: { directive: 1 }, files: 0, bytes: 0, identity: [] },
    expiresAt: NOW + 5 * 60_000,
    rights: { view: true, download: false, deposit: false },
    singleUse: true,
  },
  { type: 'hello', shareId: OTHER_SHARE, name: 'X', profession: 'Y', code: '000001' },
  { type: 'refused', shareId: OTHER_SHARE },
  { type: 'share-ended', shareId: OTHER_SHARE, reason: 'closed' },
];

function storyLog(): { doc: Y.Doc; events: AuditEvent[] } {
  const doc = new Y.Doc();
  const events = STORY.map((input, i) => appendAuditEvent(doc, input, NOW + i * 1000));
  return { doc, events };
}

/** Replaces the stored item at `index`, as someone editing the record's Y.Doc would. */
function replaceAt(doc: Y.Doc, index: number, item: unknown): void {
  const log = auditArray(doc);
  doc.transact(() => {
    log.delete(index, 1);
    log.insert(index, [item]);
  });
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Every way to change one value of an event: each leaf changed, a field added, one removed. */
function mutationsOf(event: AuditEvent): { what: string; event: Record<string, Json> }[] {
  const out: { what: string; event: Record<string, Json> }[] = [];
  const walk = (value: Json, path: (string | number)[]) => {
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
      }
      return;
    }
    const changed =
      typeof value === 'string'
        ? value.length > 0
          ? value.slice(0, -1) + (value.endsWith('1') ? '2' : '1')
          : 'x'
        : typeof value === 'number'
          ? value + 1
          : typeof value === 'boolean'
            ? !value
            : 'x';
    const copy = structuredClone(event) as unknown as Record<string, Json>;
    let node: Json = copy;
    for (const key of path.slice(0, -1)) node = (node as Record<string, Json>)[key]!;
    (node as Record<string, Json>)[path.at(-1)!] = changed;
    out.push({ what: path.join('.'), event: copy });
  };
  walk(event as unknown as Json, []);
  const added = structuredClone(event) as unknown as Record<string, Json>;
  added.note = 'ajouté';
  out.push({ what: '+note', event: added });
  for (const field of Object.keys(event)) {
    const removed = Object.entries(structuredClone(event)).filter(([key]) => key !== field);
    out.push({ what: `-${field}`, event: Object.fromEntries(removed) as Record<string, Json> });
  }
  return out;
}

/** Sends `from`'s changes that `to` lacks. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

describe('an untouched log', () => {
  it('verifies, one event after the other', () => {
    const { doc, events } = storyLog();
    expect(verifyAuditLog(doc)).toEqual({ intact: true, events: STORY.length, heads: 1 });
    expect(events.map((event) => event.seq)).toEqual(STORY.map((_, i) => i + 1));
    expect(events[0]!.prev).toEqual([]);
    for (let i = 1; i < events.length; i++) expect(events[i]!.prev).toEqual([events[i - 1]!.hash]);
  });

  it('reads back as appended, with the time of each append', () => {
    const { doc, events } = storyLog();
    const log = readAuditLog(doc);
    expect(log).toEqual(events);
    expect(log[1]).toMatchObject({ ...STORY[1], at: NOW + 1000 });
  });

  it('is empty, and intact, in a new record', () => {
    expect(readAuditLog(new Y.Doc())).toEqual([]);
    expect(verifyAuditLog(new Y.Doc())).toEqual({ intact: true, events: 0, heads: 0 });
  });

  it('hands out copies: editing what was read changes nothing stored', () => {
    const { doc } = storyLog();
    const [first] = readAuditLog(doc);
    (first as { shareId: string }).shareId = 'changed';
    first!.prev.push('0'.repeat(64));
    const reopened = new Y.Doc();
    Y.applyUpdate(reopened, Y.encodeStateAsUpdate(doc));
    expect(verifyAuditLog(reopened)).toMatchObject({ intact: true });
    expect(readAuditLog(doc)[0]).toMatchObject({ shareId: SHARE, prev: [] });
  });

  it('stays in the record: a share of the record does not carry it', () => {
    const { doc } = storyLog();
    const id = createEntry(doc, 'allergy', { substance: 'Latex' });
    const sent = Buffer.from(Y.encodeStateAsUpdate(buildShareDoc(doc, { entryIds: [id] }, NOW)));
    expect(sent.includes('Latex')).toBe(true);
    expect(sent.includes('Dr Zoé Martin')).toBe(false);
    expect(sent.includes('share-created')).toBe(false);
  });
});

describe('appending', () => {
  it('refuses an event built wrongly, and appends nothing', () => {
    const { doc } = storyLog();
    const wrong: unknown[] = [
      { type: 'hello', shareId: SHARE, name: 'A', profession: 'B', code: '12345' },
      { type: 'hello', shareId: SHARE, name: 'A\u202e', profession: 'B', code: '123456' },
      { type: 'hello', shareId: SHARE, name: 'A', profession: 'B', rpps: '123', code: '123456' },
      { type: 'share-ended', shareId: SHARE, reason: 'bored' },
      { type: 'allowed', shareId: SHARE, note: 'a field no event has' },
      { type: 'allowed', shareId: 'not an id' },
      { type: 'opened', shareId: SHARE },
      { ...STORY[0], scope: { ...(STORY[0] as { scope: object }).scope, titles: ['Bilan'] } },
      { ...STORY[0], scope: { entries: 1, byKind: { note: 1 }, files: 0, bytes: 0, identity: [] } },
      { ...STORY[0], expiresAt: 1.5 },
    ];
    for (const input of wrong) {
      expect(
        () => appendAuditEvent(doc, input as AuditEventInput, NOW),
        JSON.stringify(input),
      ).toThrow(InvalidAuditEventError);
    }
    expect(() => appendAuditEvent(doc, STORY[2]!, NOW + 0.5)).toThrow(InvalidAuditEventError);
    expect(readAuditLog(doc)).toHaveLength(STORY.length);
  });

  it('goes on after a break, which verification keeps reporting', () => {
    const { doc, events } = storyLog();
    replaceAt(doc, 3, { ...events[3], title: 'Autre' });
    appendAuditEvent(doc, { type: 'allowed', shareId: SHARE }, NOW + 99_000);
    expect(verifyAuditLog(doc)).toMatchObject({ intact: false, index: 3, reason: 'hash-mismatch' });
    expect(readAuditLog(doc).at(-1)!.prev).toEqual([events.at(-1)!.hash]);
  });
});

describe('tampering', () => {
  it('editing any field of any event is reported at that event', () => {
    const { events } = storyLog();
    let cases = 0;
    for (const [index, event] of events.entries()) {
      for (const mutation of mutationsOf(event)) {
        const { doc } = storyLog();
        replaceAt(doc, index, mutation.event);
        const verdict = verifyAuditLog(doc);
        expect(verdict, `${index} ${mutation.what}`).toMatchObject({ intact: false, index });
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(200);
  });

  it('an edit whose hash was recomputed is reported at the next event', () => {
    const { doc, events } = storyLog();
    const edited = { ...events[4]!, at: events[4]!.at + 1 };
    replaceAt(doc, 4, { ...edited, hash: auditEventHash(edited) });
    expect(verifyAuditLog(doc)).toEqual({
      intact: false,
      index: 5,
      brokenAt: 6,
      reason: 'missing-prev',
    });
  });

  it('deleting an event is reported at the one that followed it', () => {
    for (const index of [0, 1, 6, STORY.length - 2]) {
      const { doc } = storyLog();
      auditArray(doc).delete(index, 1);
      expect(verifyAuditLog(doc), String(index)).toEqual({
        intact: false,
        index,
        brokenAt: index + 2,
        reason: 'missing-prev',
      });
    }
  });

  it('reordering two events is reported at the first one out of place', () => {
    for (const index of [0, 4, STORY.length - 2]) {
      const { doc, events } = storyLog();
      const log = auditArray(doc);
      doc.transact(() => {
        log.delete(index, 2);
        log.insert(index, [events[index + 1], events[index]]);
      });
      expect(verifyAuditLog(doc), String(index)).toEqual({
        intact: false,
        index,
        brokenAt: index + 2,
        reason: 'out-of-order',
      });
    }
  });

  it('an event slipped in between two linked ones is reported', () => {
    const { events } = storyLog();
    const forged = (fields: Partial<AuditEvent>) => {
      const event = { ...events[2]!, ...fields } as Record<string, unknown>;
      return { ...event, hash: auditEventHash(event) };
    };
    const insertAt = (index: number, ...items: unknown[]) => {
      const { doc } = storyLog();
      auditArray(doc).insert(index, items);
      return verifyAuditLog(doc);
    };
    // A copy with a changed field, its hash left as it was.
    expect(insertAt(3, { ...events[2], shareId: OTHER_SHARE })).toMatchObject({
      index: 3,
      reason: 'hash-mismatch',
    });
    // The same event twice.
    expect(insertAt(3, events[2])).toMatchObject({ index: 3, reason: 'duplicate' });
    // A well-hashed event naming an event the log never held.
    expect(insertAt(3, forged({ prev: ['ab'.repeat(32)] }))).toMatchObject({
      index: 3,
      reason: 'missing-prev',
    });
    // A well-hashed event whose seq does not follow from what it names.
    expect(insertAt(3, forged({ seq: 7 }))).toMatchObject({ index: 3, reason: 'seq-mismatch' });
    // Something that is not an event at all.
    expect(insertAt(3, 'not an event')).toMatchObject({ index: 3, reason: 'malformed' });
    expect(insertAt(3, { ...events[2], v: 2 })).toMatchObject({
      index: 3,
      reason: 'unknown-version',
    });
    // Spliced into the chain: the next event must be made to name it, which changes that event.
    const spliced = forged({ at: NOW + 2500, seq: 4, prev: [events[2]!.hash] });
    const { doc } = storyLog();
    auditArray(doc).insert(3, [spliced]);
    replaceAt(doc, 4, { ...events[3], prev: [spliced.hash] });
    expect(verifyAuditLog(doc)).toMatchObject({ index: 4, reason: 'hash-mismatch' });
  });

  it('cannot tell a rewritten latest event or a forged branch from honest ones (no key)', () => {
    // What the chain does not prove, pinned so that a change of design shows up here.
    const { doc, events } = storyLog();
    const last = { ...events.at(-1)!, reason: 'expired' } as Record<string, unknown>;
    replaceAt(doc, events.length - 1, { ...last, hash: auditEventHash(last) });
    expect(verifyAuditLog(doc)).toMatchObject({ intact: true });
    const branch = { ...events[3]!, title: 'Forgé' } as Record<string, unknown>;
    auditArray(doc).insert(4, [{ ...branch, hash: auditEventHash(branch) }]);
    expect(verifyAuditLog(doc)).toMatchObject({ intact: true, heads: 2 });
  });
});

describe('the canonical encoding (vectors/audit-v1.json)', () => {
  it('matches the pinned bytes and hashes, recomputed with node:crypto', () => {
    for (const vector of vectors.events) {
      const event = vector.event as unknown as AuditEvent;
      const canonical = Buffer.from(canonicalAuditEncoding(event)).toString('utf8');
      expect(canonical, vector.name).toBe(vector.canonical);
      const expected = createHash('sha256').update(vector.canonical, 'utf8').digest('hex');
      expect(event.hash).toBe(expected);
      expect(auditEventHash(event)).toBe(expected);
    }
  });

  it('is what appending the same events at the same times writes', () => {
    const doc = new Y.Doc();
    for (const vector of vectors.events) {
      const event = appendAuditEvent(doc, vector.input as AuditEventInput, vector.now);
      expect(event, vector.name).toEqual(vector.event);
    }
    expect(verifyAuditLog(doc)).toEqual({ intact: true, events: 3, heads: 1 });
  });

  it('does not depend on the order fields were written in', () => {
    const event = vectors.events[0]!.event as unknown as AuditEvent;
    const reversed = Object.fromEntries(Object.entries(event).reverse());
    expect(auditEventHash(reversed)).toBe(event.hash);
  });

  it('refuses values JSON would write lossily', () => {
    const event = vectors.events[2]!.event;
    for (const bad of [
      0.5,
      Number.MAX_SAFE_INTEGER + 1,
      undefined,
      new Date(0),
      new Uint8Array(1),
    ]) {
      expect(() => auditEventHash({ ...event, at: bad })).toThrow();
    }
  });
});

describe('two devices appending at the same time', () => {
  // Both orders of clientID, because Yjs orders concurrent inserts by clientID.
  for (const [a, b] of [
    [1, 2],
    [2, 1],
  ] as const) {
    it(`keep both events, then merge them (clients ${a}, ${b})`, () => {
      const phone = docWithClient(a);
      const laptop = docWithClient(b);
      appendAuditEvent(phone, STORY[0]!, NOW);
      appendAuditEvent(phone, STORY[1]!, NOW + 1000);
      sync(phone, laptop);
      const allowed = appendAuditEvent(phone, STORY[2]!, NOW + 2000);
      const ended = appendAuditEvent(laptop, STORY[7]!, NOW + 2000);
      expect(allowed.prev).toEqual(ended.prev);
      expect([allowed.seq, ended.seq]).toEqual([3, 3]);

      sync(phone, laptop);
      sync(laptop, phone);
      expect(readAuditLog(laptop)).toEqual(readAuditLog(phone));
      for (const doc of [phone, laptop]) {
        expect(verifyAuditLog(doc)).toEqual({ intact: true, events: 4, heads: 2 });
      }

      const merged = appendAuditEvent(laptop, STORY[3]!, NOW + 3000);
      expect(merged.prev).toEqual([allowed.hash, ended.hash].sort());
      expect(merged.seq).toBe(4);
      sync(laptop, phone);
      expect(verifyAuditLog(phone)).toEqual({ intact: true, events: 5, heads: 1 });

      // Once merged, deleting either branch is reported.
      for (const hash of [allowed.hash, ended.hash]) {
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(phone));
        const index = readAuditLog(copy).findIndex((event) => event.hash === hash);
        auditArray(copy).delete(index, 1);
        expect(verifyAuditLog(copy)).toMatchObject({ intact: false, reason: 'missing-prev' });
      }
    });
  }

  it('may both start a log, and the next event joins the two', () => {
    const phone = docWithClient(7);
    const laptop = docWithClient(3);
    appendAuditEvent(phone, STORY[0]!, NOW);
    appendAuditEvent(laptop, STORY[8]!, NOW);
    sync(phone, laptop);
    sync(laptop, phone);
    expect(verifyAuditLog(phone)).toEqual({ intact: true, events: 2, heads: 2 });
    expect(appendAuditEvent(phone, STORY[2]!, NOW + 1).prev).toHaveLength(2);
    expect(verifyAuditLog(phone)).toEqual({ intact: true, events: 3, heads: 1 });
  });

  it('verify after any interleaving of appends and syncs between three devices', () => {
    const command = fc.oneof(
      fc.record({ append: fc.nat(2), event: fc.nat(STORY.length - 1) }),
      fc.record({ from: fc.nat(2), to: fc.nat(2) }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), fc.nat(1000), (commands, seed) => {
        const devices = [0, 1, 2].map((i) => docWithClient(seed * 3 + i + 1));
        let clock = NOW;
        for (const step of commands) {
          if ('append' in step)
            appendAuditEvent(devices[step.append]!, STORY[step.event]!, clock++);
          else sync(devices[step.from]!, devices[step.to]!);
          for (const doc of devices) expect(verifyAuditLog(doc).intact).toBe(true);
        }
        for (const from of devices) for (const to of devices) sync(from, to);
        const [first, ...others] = devices.map((doc) => readAuditLog(doc));
        for (const log of others) expect(log).toEqual(first);
        appendAuditEvent(devices[0]!, STORY[2]!, clock);
        expect(verifyAuditLog(devices[0]!)).toMatchObject({ intact: true, heads: 1 });
      }),
      { numRuns: 60 },
    );
  });
});
