/**
 * A share's record reaches the other side whole, however large, and the session stays live:
 * later edits keep arriving. The patient's side can refuse whatever the other side writes.
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createEntry, getEntry, listEntries } from '../record';
import { fillSampleRecord } from '../record/sample-record';
import { MAX_FRAME_BYTES, MESSAGE_KINDS } from './framed-channel';
import { SyncError, syncDoc } from './sync';
import { createFramedPair } from './test-channel';

async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const sameState = (a: Y.Doc, b: Y.Doc) =>
  Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));

describe('sync over the framed channel', () => {
  test('a 10,000-entry record syncs whole in ≤ 64 KiB frames, and edits keep flowing both ways', async () => {
    const patient = new Y.Doc();
    fillSampleRecord(patient, 10_000);
    const copy = new Y.Doc();
    const { host, guest, link } = createFramedPair();
    const atHost = syncDoc(host, patient);
    const atGuest = syncDoc(guest, copy);
    await Promise.all([atHost.synced, atGuest.synced]);

    expect(sameState(patient, copy)).toBe(true);
    expect(copy.getMap('entries').toJSON()).toEqual(patient.getMap('entries').toJSON());
    expect(listEntries(copy).length).toBe(10_000);
    // The first sync is one message of several MB: it went out as many small frames.
    expect(link.a.stats.bytes).toBeGreaterThan(3_000_000);
    expect(link.a.stats.largestMessage).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(link.a.stats.refused + link.b.stats.refused).toBe(0);

    // The session stays live: an edit on either side arrives on the other.
    const fromPatient = createEntry(patient, 'allergy', { substance: 'Pénicilline' });
    await until(() => getEntry(copy, fromPatient) !== null, 'the patient edit');
    const fromCopy = createEntry(copy, 'measurement', {
      type: 'weight',
      value: 72.5,
      unit: 'kg',
      date: '2024-03-01',
    });
    await until(() => getEntry(patient, fromCopy) !== null, 'the other edit');
    expect(sameState(patient, copy)).toBe(true);
  });

  test('the patient side ignores what the other side writes; the other side still gets everything', async () => {
    const share = new Y.Doc();
    const shared = createEntry(share, 'allergy', { substance: 'Arachide' });
    const professional = new Y.Doc();
    const { host, guest } = createFramedPair();
    const patientSide = syncDoc(host, share, { mode: 'send-only' });
    const professionalSide = syncDoc(guest, professional, { mode: 'receive-only' });
    await Promise.all([patientSide.synced, professionalSide.synced]);
    expect(getEntry(professional, shared)?.substance).toBe('Arachide');

    // A later edit on the patient's side still arrives.
    const later = createEntry(share, 'condition', { name: 'Asthme' });
    await until(() => getEntry(professional, later) !== null, 'the later edit');

    // What the professional writes stays on the professional's side.
    const written = createEntry(professional, 'allergy', { substance: 'Latex' });
    // Even if a misbehaving peer pushes it anyway, the patient side refuses it.
    await guest.send(
      MESSAGE_KINDS.sync,
      Uint8Array.of(2, ...lengthPrefixed(Y.encodeStateAsUpdate(professional))),
    );
    await until(() => patientSide.ignoredUpdates === 1, 'the pushed update');
    expect(getEntry(share, written)).toBeNull();
    expect(listEntries(share).length).toBe(2);
  });

  test('a sync message that does not decode ends the share', async () => {
    const { host, guest } = createFramedPair();
    const atHost = syncDoc(host, new Y.Doc());
    await guest.send(MESSAGE_KINDS.sync, Uint8Array.of(2, 50, 1, 2, 3));
    await expect(atHost.synced).rejects.toBeInstanceOf(SyncError);
    await expect(atHost.synced).rejects.toMatchObject({ code: 'malformed-sync-message' });
    expect(await guest.ended).toEqual({ by: 'peer', reason: 'protocol-error' });
  });

  test('a channel closed before the first sync rejects it; stop() detaches from the doc', async () => {
    const { host, guest } = createFramedPair();
    const doc = new Y.Doc();
    const sync = syncDoc(host, doc);
    guest.close('expired');
    await expect(sync.synced).rejects.toMatchObject({ code: 'sync-stopped' });
    // No listener left behind: editing after the end sends nothing and throws nothing.
    createEntry(doc, 'allergy', { substance: 'Pollen' });
  });
});

/** lib0 varUint length prefix, written by hand so the test does not lean on lib0. */
function lengthPrefixed(bytes: Uint8Array): number[] {
  const prefix: number[] = [];
  let length = bytes.length;
  while (length > 0x7f) {
    prefix.push((length & 0x7f) | 0x80);
    length >>>= 7;
  }
  prefix.push(length);
  return [...prefix, ...bytes];
}
