import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WrongPassphraseError, concat, newId } from '../crypto';
import { createEntry, listEntries } from '../record';
import { appendAuditEvent, readAuditLog, verifyAuditLog } from '../share';
import {
  RecordStore,
  fileInfo,
  listFiles,
  listProfiles,
  readFileBlob,
  readHeader,
  unlockProfile,
  updateProfileSettings,
  writeFile,
  type UnlockedProfile,
} from '../vault';
import { bytes, freshIndexedDb, rawValues, streamOf, testProfile } from '../vault/test-support';
import {
  ProfileExistsError,
  createBackup,
  isBackupDue,
  lastBackupAt,
  markBackedUp,
  restoreBackup,
  verifyBackup,
} from './backup';
import {
  CorruptBackupError,
  NotABackupError,
  TruncatedBackupError,
  UnsupportedBackupVersionError,
} from './backup-format';

const PASSPHRASE = 'correct horse battery staple';
const CREATED_AT = Date.UTC(2025, 2, 14, 9, 30);

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

const join = (parts: Uint8Array[]): Uint8Array => concat(...parts);

async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

type Made = {
  profile: UnlockedProfile;
  entries: unknown;
  audit: unknown;
  files: Map<string, Uint8Array>;
};

/**
 * A record as a patient would have it: entries, an audit log of a share, and attachments — one
 * over several 256 KiB pieces, one of exactly one piece, one empty.
 */
async function makeRecord(): Promise<Made> {
  const profile = await testProfile(PASSPHRASE);
  await updateProfileSettings(profile.profileId, { autoLockMinutes: 5, publicLabel: 'Moi' });
  const files = new Map<string, Uint8Array>();
  const hashes = new Map<string, string>();
  for (const content of [bytes(600_000, 7), bytes(256 * 1024, 8), new Uint8Array(0)]) {
    const stored = await writeFile(profile, streamOf(content));
    files.set(stored.fileId, content);
    hashes.set(stored.fileId, stored.contentHash);
  }
  const doc = new Y.Doc();
  const store = await RecordStore.open(profile, doc);
  createEntry(doc, 'allergy', { substance: 'Pénicilline', reaction: 'urticaire' });
  createEntry(doc, 'medication', { name: 'Ramipril 5 mg' });
  for (const [fileId, content] of files) {
    createEntry(doc, 'document', {
      title: `Compte rendu ${content.length}`,
      type: 'report',
      date: '2025-01-02',
      fileId,
      name: 'compte-rendu.pdf',
      mime: 'application/pdf',
      size: content.length,
      contentHash: hashes.get(fileId)!,
    });
  }
  const shareId = newId();
  appendAuditEvent(doc, { type: 'allowed', shareId });
  appendAuditEvent(doc, { type: 'refused', shareId });
  await store.close({ compact: true });
  const made = {
    profile,
    entries: doc.getMap('entries').toJSON(),
    audit: readAuditLog(doc),
    files,
  };
  doc.destroy();
  return made;
}

async function backupBytes(profile: UnlockedProfile): Promise<Uint8Array> {
  return join(await collect(createBackup(profile, { createdAt: CREATED_AT })));
}

/** Where each part of a backup file starts: header end, then each record's [start, end). */
function recordSpans(file: Uint8Array): { headerEnd: number; records: [number, number][] } {
  const view = new DataView(file.buffer, file.byteOffset);
  const headerLength = view.getUint32(14);
  const headerEnd = 18 + headerLength + 32;
  const records: [number, number][] = [];
  for (let at = headerEnd; at < file.length;) {
    const end = at + 6 + view.getUint32(at + 1);
    records.push([at, end]);
    at = end;
  }
  return { headerEnd, records };
}

async function expectNothingStored(): Promise<void> {
  expect(await listProfiles()).toEqual([]);
  expect(await rawValues()).toEqual([]);
}

async function restoreOnNewDevice(file: Uint8Array, passphrase = PASSPHRASE) {
  freshIndexedDb();
  return restoreBackup(streamOf(file), passphrase);
}

describe('a backup restored on another browser', { timeout: 60_000 }, () => {
  let made: Made;
  let file: Uint8Array;

  beforeEach(async () => {
    freshIndexedDb();
    made = await makeRecord();
    file = await backupBytes(made.profile);
  });

  it('opens with the passphrase and gives back the record, its audit log and its files', async () => {
    const restored = await restoreOnNewDevice(file);
    expect(restored).toMatchObject({ profileId: made.profile.profileId, files: 3 });

    expect(await listProfiles()).toEqual([
      expect.objectContaining({ profileId: made.profile.profileId, label: 'Moi' }),
    ]);
    expect((await readHeader(made.profile.profileId)).autoLockMinutes).toBe(5);
    const profile = await unlockProfile(made.profile.profileId, PASSPHRASE);
    const doc = new Y.Doc();
    const store = await RecordStore.open(profile, doc);
    expect(store.damage).toEqual([]);
    expect(doc.getMap('entries').toJSON()).toEqual(made.entries);
    expect(readAuditLog(doc)).toEqual(made.audit);
    expect(verifyAuditLog(doc).intact).toBe(true);
    expect(listEntries(doc, 'allergy').map((entry) => entry.substance)).toEqual(['Pénicilline']);
    expect(lastBackupAt(doc)).toBe(CREATED_AT);
    await store.close();

    expect((await listFiles(profile)).sort()).toEqual([...made.files.keys()].sort());
    for (const [fileId, content] of made.files) {
      expect(await blobBytes(await readFileBlob(profile, fileId))).toEqual(content);
    }
  });

  it("restores however the file is cut into pieces, keeping each file's size and content hash", async () => {
    const stored = new Map<string, unknown>();
    for (const fileId of made.files.keys())
      stored.set(fileId, await fileInfo(made.profile, fileId));
    // One piece (as a small file's Blob stream), pieces larger than a record (a large file's:
    // records are then views into them), and pieces that cut every record.
    for (const piece of [file.length, 2 * 1024 * 1024, 300_001, 4_099]) {
      freshIndexedDb();
      await restoreBackup(streamOf(file, piece), PASSPHRASE);
      const profile = await unlockProfile(made.profile.profileId, PASSPHRASE);
      for (const [fileId, content] of made.files) {
        expect(await fileInfo(profile, fileId), `pieces of ${piece}`).toEqual(stored.get(fileId));
        expect(await blobBytes(await readFileBlob(profile, fileId))).toEqual(content);
      }
    }
  });

  it('is made a piece at a time: no part of the stream is larger than one sealed piece', async () => {
    const big = bytes(3 * 1024 * 1024 + 5, 3);
    await writeFile(made.profile, streamOf(big));
    const parts = await collect(createBackup(made.profile));
    expect(Math.max(...parts.map((part) => part.length))).toBeLessThan(256 * 1024 + 64);
    const restored = await restoreOnNewDevice(join(parts));
    expect(restored.fileBytes).toBe(600_000 + 256 * 1024 + big.length);
  });

  it('refuses a wrong passphrase and writes nothing', async () => {
    await expect(restoreOnNewDevice(file, 'wrong horse battery staple')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    await expectNothingStored();
  });

  it('refuses a profile already on this device, and replaces it only when asked', async () => {
    await expect(restoreBackup(streamOf(file), PASSPHRASE)).rejects.toBeInstanceOf(
      ProfileExistsError,
    );
    expect(await listProfiles()).toHaveLength(1);
    const restored = await restoreBackup(streamOf(file), PASSPHRASE, { replace: true });
    expect(restored.profileId).toBe(made.profile.profileId);
    expect(await listProfiles()).toHaveLength(1);
    const profile = await unlockProfile(made.profile.profileId, PASSPHRASE);
    expect((await listFiles(profile)).length).toBe(3);
  });

  it('is verified whole before it replaces a record: a damaged copy costs nothing', async () => {
    const before = await rawValues();
    expect((await verifyBackup(streamOf(file), PASSPHRASE)).files).toBe(3);
    const { records } = recordSpans(file);
    const [start, end] = records.at(-2)!;
    const changed = file.slice();
    changed[(start + end) >> 1]! ^= 0x01;
    await expect(verifyBackup(streamOf(changed), PASSPHRASE)).rejects.toBeInstanceOf(
      CorruptBackupError,
    );
    await expect(verifyBackup(streamOf(file.slice(0, end)), PASSPHRASE)).rejects.toBeInstanceOf(
      TruncatedBackupError,
    );
    await expect(verifyBackup(streamOf(file), 'wrong horse battery staple')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    // Verifying wrote nothing: the record on this device is exactly as it was.
    expect(await rawValues()).toEqual(before);
  });

  it('says so for a file that is not a backup, and for a newer format', async () => {
    for (const other of [new Uint8Array(0), bytes(5000), new TextEncoder().encode('%PDF-1.4\n')]) {
      await expect(restoreOnNewDevice(other)).rejects.toBeInstanceOf(NotABackupError);
    }
    const newer = file.slice();
    newer[13] = 2;
    await expect(restoreOnNewDevice(newer)).rejects.toBeInstanceOf(UnsupportedBackupVersionError);
    await expectNothingStored();
  });

  it('reports a cut file as truncated, wherever it was cut, and writes nothing', async () => {
    const { headerEnd, records } = recordSpans(file);
    const cuts = [20, headerEnd - 1, headerEnd];
    for (const [start, end] of records) cuts.push(start + 3, start + 6 + 40, end);
    cuts.pop(); // the whole file
    for (const cut of cuts) {
      await expect(restoreOnNewDevice(file.slice(0, cut)), `cut at ${cut}`).rejects.toBeInstanceOf(
        TruncatedBackupError,
      );
      await expectNothingStored();
    }
  });

  it('reports a changed byte anywhere as corrupt, and writes nothing', async () => {
    const { headerEnd, records } = recordSpans(file);
    const headerLength = headerEnd - 18 - 32;
    // Header: its length, its JSON (start, middle, end) and its hash.
    const positions = [16, 17, 18, 18 + (headerLength >> 1), headerEnd - 33, headerEnd - 1];
    for (const [start, end] of records) {
      // Frame type, length, check byte; then version, nonce, ciphertext and tag of the seal.
      positions.push(start, start + 4, start + 5, start + 6, start + 10, (start + end) >> 1);
      positions.push(end - 1);
    }
    for (const position of positions) {
      const changed = file.slice();
      changed[position]! ^= 0x01;
      await expect(restoreOnNewDevice(changed), `byte ${position}`).rejects.toBeInstanceOf(
        CorruptBackupError,
      );
      await expectNothingStored();
    }
  });

  it('reports reordered, dropped, added or borrowed records as corrupt', async () => {
    const { headerEnd, records } = recordSpans(file);
    const part = (i: number) => file.slice(records[i]![0], records[i]![1]);
    const header = file.slice(0, headerEnd);
    const all = records.map((_, i) => part(i));
    const swapped = [...all];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    const dropped = all.filter((_, i) => i !== 3);
    const other = recordSpans(await backupBytes(made.profile));
    const borrowedFile = await backupBytes(made.profile);
    const borrowed = [...all];
    borrowed[3] = borrowedFile.slice(other.records[3]![0], other.records[3]![1]);
    for (const [name, body] of [
      ['swapped', swapped],
      ['dropped', dropped],
      ['borrowed', borrowed],
      ['extra bytes after the end', [...all, new Uint8Array([1, 2, 3])]],
    ] as const) {
      await expect(restoreOnNewDevice(join([header, ...body])), name).rejects.toBeInstanceOf(
        CorruptBackupError,
      );
      await expectNothingStored();
    }
  });
});

describe('the backup reminder', () => {
  it('is due when the record was never backed up, or not for 30 days', () => {
    const doc = new Y.Doc();
    const now = Date.UTC(2025, 5, 1);
    expect(lastBackupAt(doc)).toBeNull();
    expect(isBackupDue(doc, now)).toBe(true);
    markBackedUp(doc, now - 29 * 86_400_000);
    expect(isBackupDue(doc, now)).toBe(false);
    markBackedUp(doc, now - 31 * 86_400_000);
    expect(isBackupDue(doc, now)).toBe(true);
  });
});
