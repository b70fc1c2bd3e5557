import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openVaultDb } from './db';
import { unlockProfile, type UnlockedProfile } from './profiles';
import { RecordStore } from './record-store';
import { contains, freshIndexedDb, rawValues, testProfile } from './test-support';

let profile: UnlockedProfile;
const open: RecordStore[] = [];

beforeEach(async () => {
  freshIndexedDb();
  profile = await testProfile('passphrase for the record');
});

afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  vi.restoreAllMocks();
});

async function openRecord(p = profile, options = {}): Promise<{ doc: Y.Doc; store: RecordStore }> {
  const doc = new Y.Doc();
  const store = await RecordStore.open(p, doc, options);
  open.push(store);
  return { doc, store };
}

function addEntry(doc: Y.Doc, id: string, fields: Record<string, string>): void {
  doc.transact(() => {
    const entry = new Y.Map<string>();
    for (const [key, value] of Object.entries(fields)) entry.set(key, value);
    doc.getMap('entries').set(id, entry);
  });
}

function entries(doc: Y.Doc): Record<string, unknown> {
  return doc.getMap('entries').toJSON();
}

describe('the encrypted record store', () => {
  it('saves every edit and reopens the record as it was', async () => {
    const { doc, store } = await openRecord();
    addEntry(doc, 'a1', { kind: 'allergy', substance: 'Pénicilline' });
    addEntry(doc, 'm1', { kind: 'medication', name: 'Paracétamol' });
    expect(store.state).toBe('saving');
    await store.whenSaved();
    expect(store.state).toBe('saved');

    const again = await openRecord(
      await unlockProfile(profile.profileId, 'passphrase for the record'),
    );
    expect(entries(again.doc)).toEqual(entries(doc));
    expect(again.store.damage).toEqual([]);
  });

  it('keeps no health text in clear in storage', async () => {
    const { doc, store } = await openRecord();
    addEntry(doc, 'a1', { kind: 'allergy', substance: 'MARKER-ARACHIDE' });
    await store.whenSaved();
    await store.compact();
    addEntry(doc, 'a2', { kind: 'allergy', substance: 'MARKER-LATEX' });
    await store.whenSaved();
    const marker = new TextEncoder().encode('MARKER');
    for (const value of await rawValues()) expect(contains(value, marker)).toBe(false);
  });

  it('compacts into a snapshot and still reopens everything, edits after it included', async () => {
    const { doc, store } = await openRecord();
    for (let i = 0; i < 20; i++)
      addEntry(doc, `e${i}`, { kind: 'condition', name: `Condition ${i}` });
    await store.whenSaved();
    await store.compact();
    addEntry(doc, 'late', { kind: 'condition', name: 'After compaction' });
    await store.whenSaved();
    await store.compact();

    const db = await openVaultDb();
    expect((await db.getAllKeys('snapshots')).map(([, g]) => g)).toEqual([1, 2]);
    // Updates already inside the kept snapshot 1 are gone; the one folded into 2 stays, as the
    // fallback's complement. None counts as unfolded, so opening applies nothing twice.
    expect(await db.count('updates')).toBe(0);
    expect((await db.getAll('folded')).map((u) => u.folded)).toEqual([2]);
    const again = await openRecord();
    expect(entries(again.doc)).toEqual(entries(doc));
  });

  it('compacts when closed if asked, so the next opening reads one snapshot', async () => {
    const { doc, store } = await openRecord();
    addEntry(doc, 'e', { kind: 'note', text: 'x' });
    await store.close({ compact: true });
    const db = await openVaultDb();
    expect(await db.getAllKeys('snapshots')).toEqual([[profile.profileId, 1]]);
    expect(await db.count('updates')).toBe(0);
    expect((await db.getAll('folded')).every((u) => u.folded === 1)).toBe(true);
  });

  it('compacts by itself once enough updates pile up', async () => {
    const { doc, store } = await openRecord(profile, { compactThreshold: 10 });
    for (let i = 0; i < 12; i++) {
      addEntry(doc, `e${i}`, { kind: 'note', text: String(i) });
      await store.whenSaved();
    }
    const db = await openVaultDb();
    await expect.poll(async () => (await db.getAllKeys('snapshots')).length).toBeGreaterThan(0);
  });

  it('reports a damaged update with the entries it touched, and opens the rest', async () => {
    const { doc, store } = await openRecord();
    const db = await openVaultDb();
    const keysNow = async () => (await db.getAllKeys('updates')).map(([, id]) => id);
    addEntry(doc, 'good', { kind: 'allergy', substance: 'Latex' });
    await store.whenSaved();
    const before = await keysNow();
    addEntry(doc, 'victim', { kind: 'allergy', substance: 'Arachide' });
    await store.whenSaved();
    const victimId = (await keysNow()).find((id) => !before.includes(id))!;
    addEntry(doc, 'later', { kind: 'allergy', substance: 'Pollen' });
    await store.whenSaved();
    const victimKey: [string, string] = [profile.profileId, victimId];
    const record = (await db.get('updates', victimKey))!;
    record.body[40]! ^= 0x01;
    await db.put('updates', record, victimKey);

    const again = await openRecord();
    expect(Object.keys(entries(again.doc)).sort()).toEqual(['good', 'later']);
    expect(again.store.damage).toEqual([
      { kind: 'update', key: victimKey[1], touched: ['entries/victim'], labels: [] },
    ]);
  });

  it('names a damaged entry by what the user called it, even when no other copy remains', async () => {
    const labelFor = (path: string, doc: Y.Doc) => {
      const entry = doc.getMap<Y.Map<string>>('entries').get(path.replace('entries/', ''));
      return entry?.get('substance') ?? null;
    };
    const { doc, store } = await openRecord(profile, { labelFor });
    addEntry(doc, 'victim', { kind: 'allergy', substance: 'Arachide' });
    await store.whenSaved();
    const db = await openVaultDb();
    const [key] = await db.getAllKeys('updates');
    const record = (await db.get('updates', key!))!;
    record.body[30]! ^= 0x10;
    await db.put('updates', record, key!);
    const again = await openRecord(profile, { labelFor });
    expect(again.store.damage).toEqual([
      { kind: 'update', key: key![1], touched: ['entries/victim'], labels: ['Arachide'] },
    ]);
  });

  it('opens from the previous snapshot when the newest is damaged, losing nothing', async () => {
    const { doc, store } = await openRecord();
    addEntry(doc, 'first', { kind: 'note', text: 'one' });
    await store.whenSaved();
    await store.compact();
    addEntry(doc, 'second', { kind: 'note', text: 'two' });
    await store.whenSaved();
    await store.compact();

    const db = await openVaultDb();
    const snapshot = (await db.get('snapshots', [profile.profileId, 2]))!;
    snapshot.body[snapshot.body.length - 1]! ^= 0x80;
    await db.put('snapshots', snapshot, [profile.profileId, 2]);

    const again = await openRecord();
    expect(entries(again.doc)).toEqual(entries(doc));
    expect(again.store.damage).toEqual([{ kind: 'snapshot', generation: 2, recovered: true }]);
  });

  it('refuses a record moved into another slot', async () => {
    const { doc, store } = await openRecord();
    addEntry(doc, 'x', { kind: 'note', text: 'x' });
    await store.whenSaved();
    addEntry(doc, 'y', { kind: 'note', text: 'y' });
    await store.whenSaved();
    const db = await openVaultDb();
    const [k1, k2] = await db.getAllKeys('updates');
    const r1 = (await db.get('updates', k1!))!;
    await db.put('updates', r1, k2!); // the first update copied over the second's slot
    const again = await openRecord();
    expect(again.store.damage.map((d) => d.kind)).toEqual(['update']);
  });

  it('two tabs editing the same profile converge', async () => {
    const tabA = await openRecord();
    const tabB = await openRecord(
      await unlockProfile(profile.profileId, 'passphrase for the record'),
    );
    addEntry(tabA.doc, 'fromA', { kind: 'note', text: 'A' });
    addEntry(tabB.doc, 'fromB', { kind: 'note', text: 'B' });
    await Promise.all([tabA.store.whenSaved(), tabB.store.whenSaved()]);
    await expect.poll(() => Object.keys(entries(tabA.doc)).sort()).toEqual(['fromA', 'fromB']);
    await expect.poll(() => Object.keys(entries(tabB.doc)).sort()).toEqual(['fromA', 'fromB']);
    // What came from the other tab is not written a second time.
    const db = await openVaultDb();
    expect(await db.count('updates')).toBe(2);
  });

  it('a tab catches up on edits another tab compacted away', async () => {
    const tabA = await openRecord();
    const tabB = await openRecord();
    tabB.store.subscribe(() => undefined);
    addEntry(tabA.doc, 'e1', { kind: 'note', text: '1' });
    await tabA.store.whenSaved();
    await tabA.store.compact();
    addEntry(tabA.doc, 'e2', { kind: 'note', text: '2' });
    await tabA.store.whenSaved();
    await tabA.store.compact();
    await tabA.store.compact();
    await tabB.store.refresh();
    expect(Object.keys(entries(tabB.doc)).sort()).toEqual(['e1', 'e2']);
  });

  it('when the disk is full, keeps the edit in memory, says so, and saves it on retry', async () => {
    const { doc, store } = await openRecord(profile, { retryDelayMs: 60_000 });
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const states: string[] = [];
    store.subscribe(() => states.push(store.state));
    addEntry(doc, 'precious', { kind: 'note', text: 'do not lose me' });
    await expect.poll(() => store.state).toBe('retrying');
    expect((store.lastError as DOMException).name).toBe('QuotaExceededError');
    put.mockRestore();
    store.retryNow();
    await store.whenSaved();
    expect(states).toEqual(['saving', 'retrying', 'saved']);
    const again = await openRecord();
    expect(entries(again.doc)).toEqual({ precious: { kind: 'note', text: 'do not lose me' } });
  });
});
