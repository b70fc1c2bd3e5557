/**
 * The two ends of a share over an in-memory data channel pair: handshake, the patient's decision,
 * the shared entries and files, deposits, single use, expiry and revocation — and the audit log.
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createEntry } from '../record';
import { fillSampleRecord } from '../record/sample-record';
import type { AuditEventInput } from './audit';
import { GuestSession, type GuestSessionOptions } from './guest-session';
import { HostSession, authorOf, filesOf, type AccessRequest, type Deposit } from './host-session';
import { buildShareDoc } from './scope';
import { TestLink, streamOf } from './test-channel';

async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const identity = {
  name: 'Dr Claire Martin',
  profession: 'Médecin généraliste',
  rpps: '10001234567',
};
const secret = () => crypto.getRandomValues(new Uint8Array(32));
const bytesOf = (size: number, seed = 1) =>
  Uint8Array.from({ length: size }, (_, i) => (i * seed) % 251);

type Setup = {
  doc?: Y.Doc;
  files?: Map<string, Uint8Array>;
  decide?: (request: AccessRequest) => Promise<boolean>;
  terms?: Partial<{ expiresAt: number; singleUse: boolean; deposit: boolean }>;
  now?: () => number;
};

function patient(setup: Setup = {}) {
  const key = secret();
  const audit: AuditEventInput[] = [];
  const requests: AccessRequest[] = [];
  const deposits: Deposit[] = [];
  const doc = setup.doc ?? new Y.Doc();
  const host = new HostSession({
    shareId: 'share-1',
    secret: key,
    terms: {
      expiresAt: setup.terms?.expiresAt ?? Date.now() + 30 * 60_000,
      rights: { view: true, download: false, deposit: setup.terms?.deposit ?? true },
      singleUse: setup.terms?.singleUse ?? true,
    },
    doc,
    readFile: (fileId) => streamOf(setup.files?.get(fileId) ?? new Uint8Array()),
    audit: (event) => audit.push(event),
    ask: (request) => {
      requests.push(request);
      return setup.decide?.(request) ?? Promise.resolve(true);
    },
    onDeposit: (deposit) => deposits.push(deposit),
    now: setup.now,
  });
  const connect = (options: Partial<GuestSessionOptions> = {}) => {
    const link = new TestLink();
    host.accept(link.a);
    const guest = new GuestSession(link.b, { secret: key, identity, ...options });
    return { guest, link };
  };
  return { host, audit, requests, deposits, connect, key };
}

function documentDoc(files: Map<string, Uint8Array>) {
  const record = new Y.Doc();
  const ids: string[] = [];
  for (const [index, [fileId, bytes]] of [...files].entries()) {
    ids.push(
      createEntry(record, 'document', {
        title: `Compte rendu ${index + 1}`,
        date: `2024-0${index + 1}-15`,
        type: 'lab-result',
        fileId,
        name: `cr-${index + 1}.pdf`,
        mime: 'application/pdf',
        size: bytes.length,
        contentHash: 'ab'.repeat(32),
      }),
    );
  }
  return { record, ids };
}

// Generous: these machines are shared, and a 10,000-entry sync is several MB.
describe('a share session between the patient and a professional', { timeout: 30_000 }, () => {
  test('both see the same code; once allowed the entries and files arrive, and the log tells it all', async () => {
    const files = new Map([
      ['AAAAAAAAAAAAAAAAAAAAAA', bytesOf(300_000, 3)],
      ['BBBBBBBBBBBBBBBBBBBBBB', bytesOf(70_000, 7)],
    ]);
    const { record, ids } = documentDoc(files);
    const allergy = createEntry(record, 'allergy', { substance: 'Pénicilline' });
    const doc = buildShareDoc(record, { entryIds: [...ids, allergy] });
    const { requests, audit, connect } = patient({ doc, files });
    const { guest } = connect();

    await until(() => requests.length === 1, 'the request');
    expect(requests[0]!.identity).toEqual(identity);
    expect(requests[0]!.code).toMatch(/^\d{6}$/);
    expect(guest.code).toBe(requests[0]!.code);
    await guest.synced;
    expect(guest.phase).toBe('live');
    expect(guest.doc.getMap('entries').size).toBe(3);
    await until(() => [...guest.files.values()].filter((f) => f.bytes).length === 2, 'the files');
    for (const [fileId, bytes] of files) {
      const received = guest.files.get(fileId)!;
      expect(Buffer.concat(received.bytes!)).toEqual(Buffer.from(bytes));
    }
    guest.opened(ids[0]!);
    guest.opened(ids[0]!);
    await until(() => audit.some((e) => e.type === 'document-opened'), 'the opened event');
    expect(audit.map((e) => e.type)).toEqual([
      'hello',
      'allowed',
      'document-sent',
      'document-sent',
      'document-opened',
    ]);
    expect(audit[0]).toMatchObject({ ...identity, code: guest.code });
    // Newest first.
    expect(audit.slice(2, 4).map((e) => (e as { entryId: string }).entryId)).toEqual([
      ids[1],
      ids[0],
    ]);
  });

  test('refused: nothing of the record is sent and the professional is told', async () => {
    const record = new Y.Doc();
    const entry = createEntry(record, 'allergy', { substance: 'Arachide' });
    const doc = buildShareDoc(record, { entryIds: [entry] });
    const { audit, connect } = patient({ doc, decide: async () => false });
    const { guest, link } = connect();
    await until(() => guest.phase === 'ended', 'the end');
    expect(guest.endReason).toBe('refused');
    expect(guest.doc.getMap('entries').size).toBe(0);
    expect(audit.map((e) => e.type)).toEqual(['hello', 'refused']);
    // Only handshake, decision and close went to the professional: a few hundred bytes.
    expect(link.a.stats.bytes).toBeLessThan(1000);
  });

  test('single use: a second professional is turned away and logged, the first stays live', async () => {
    const record = new Y.Doc();
    const doc = buildShareDoc(record, {
      entryIds: [createEntry(record, 'allergy', { substance: 'Latex' })],
    });
    const { audit, connect, requests } = patient({ doc });
    const first = connect().guest;
    await first.synced;
    const second = connect({ identity: { name: 'Someone Else', profession: 'Inconnu' } }).guest;
    await until(() => second.phase === 'ended', 'the refusal');
    expect(second.endReason).toBe('already-used');
    expect(second.code).toBeNull();
    expect(requests).toHaveLength(1);
    expect(audit.find((e) => e.type === 'second-hello-refused')).toMatchObject({
      name: 'Someone Else',
      profession: 'Inconnu',
    });
    expect(first.phase).toBe('live');
  });

  test('several professionals on a reusable share are each asked', async () => {
    const { connect, requests } = patient({ terms: { singleUse: false } });
    const a = connect().guest;
    const b = connect().guest;
    await Promise.all([a.synced, b.synced]);
    expect(requests).toHaveLength(2);
    expect(requests[0]!.code).not.toBe(requests[1]!.code);
  });

  test('revocation in the middle of a large file stops it and ends the professional side', async () => {
    const big = bytesOf(8_000_000, 5);
    const files = new Map([['CCCCCCCCCCCCCCCCCCCCCC', big]]);
    const { record, ids } = documentDoc(files);
    const { host, connect } = patient({ doc: buildShareDoc(record, { entryIds: ids }), files });
    const { guest, link } = connect();
    link.bytesPerTick = 64 * 1024;
    await until(
      () => (guest.files.get('CCCCCCCCCCCCCCCCCCCCCC')?.received ?? 0) > 500_000,
      'bytes flowing',
    );
    host.end('revoked');
    await until(() => guest.phase === 'ended', 'the end');
    expect(guest.endReason).toBe('revoked');
    const file = guest.files.get('CCCCCCCCCCCCCCCCCCCCCC')!;
    expect(file.bytes).toBeNull();
    expect(file.received).toBeLessThan(big.length);
    expect(host.guests[0]!.filesSent).toBe(0);
    guest.wipe();
    expect(guest.files.size).toBe(0);
  });

  test('expiry ends both sides by their own clocks', async () => {
    const { connect, host } = patient({
      terms: { expiresAt: Math.ceil((Date.now() + 3000) / 1000) * 1000 },
    });
    const { guest } = connect();
    await guest.synced;
    await until(() => guest.phase === 'ended', 'expiry');
    expect(guest.endReason).toBe('expired');
    await until(() => host.guests[0]!.status === 'gone', 'the patient side');
    expect(host.ended).toBe(true);
  });

  test('a hello after expiry (by the patient device clock) is turned away', async () => {
    const { connect, requests } = patient({ now: () => Date.now() + 3_600_000 });
    const { guest } = connect();
    await until(() => guest.phase === 'ended', 'the refusal');
    expect(guest.endReason).toBe('expired');
    expect(requests).toHaveLength(0);
  });

  test('a deposit reaches the patient, who accepts it; the professional learns it, the log has its author', async () => {
    const { connect, deposits, audit } = patient({ terms: { deposit: true } });
    const { guest } = connect();
    await guest.synced;
    const bytes = bytesOf(200_000, 11);
    await guest.deposit(new File([bytes], 'ordonnance.pdf', { type: 'application/pdf' }));
    await until(() => deposits.length === 1, 'the deposit');
    const deposit = deposits[0]!;
    expect(deposit.author).toBe(authorOf(identity));
    expect(Buffer.concat(await deposit.file.chunks())).toEqual(Buffer.from(bytes));
    deposit.accepted('NEWENTRYNEWENTRYNEWENT');
    await until(() => [...guest.deposits.values()][0]?.outcome === 'accepted', 'the outcome');
    expect(audit.at(-1)).toMatchObject({
      type: 'document-received',
      title: 'ordonnance.pdf',
      author: 'Dr Claire Martin, Médecin généraliste (RPPS 10001234567)',
      entryId: 'NEWENTRYNEWENTRYNEWENT',
    });
  });

  test('without the deposit right, a deposit is refused at the source and a forced one ends the session', async () => {
    const { connect } = patient({ terms: { deposit: false } });
    const { guest } = connect();
    await guest.synced;
    await expect(guest.deposit(new File(['x'], 'x.txt'))).rejects.toThrow();
  });

  test('a link for another share cannot even start a handshake', async () => {
    const { host } = patient();
    const link = new TestLink();
    host.accept(link.a);
    const guest = new GuestSession(link.b, { secret: secret(), identity });
    await until(() => guest.phase === 'ended', 'the end');
    expect(guest.endReason).toBe('patient-gone');
    expect(guest.code).toBeNull();
  });

  test('a 10,000-entry share completes and stays live: a later deposit still arrives', async () => {
    const record = new Y.Doc();
    fillSampleRecord(record, 10_000);
    const doc = buildShareDoc(record, { presets: ['everything'] });
    const { connect, deposits } = patient({ doc, terms: { deposit: true } });
    const { guest } = connect();
    await guest.synced;
    expect(doc.getMap('entries').size).toBeGreaterThan(9_000);
    expect(guest.doc.getMap('entries').size).toBe(doc.getMap('entries').size);
    expect(filesOf(doc).length).toBe(0);
    await guest.deposit(new File(['later'], 'suite.txt', { type: 'text/plain' }));
    await until(() => deposits.length === 1, 'the deposit');
  });
});
