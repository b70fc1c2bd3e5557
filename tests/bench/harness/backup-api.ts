/**
 * The harness functions of backup.bench.ts: a record with 200 MiB of attachments in the vault, a
 * backup of it made as the Settings screen makes it (createBackup's stream gathered into a Blob),
 * and its restore from that Blob, as the unlock screen restores a chosen file.
 */
import * as Y from 'yjs';
import { createBackup, restoreBackup } from '../../../src/lib/interop/backup';
import { createEntry } from '../../../src/lib/record';
import {
  RecordStore,
  createProfile,
  deleteProfile,
  readFile,
  writeFile,
  type UnlockedProfile,
} from '../../../src/lib/vault';

/** Small Argon2id parameters: the restore's key derivation is the kdf bench's business. */
const SETUP_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 };
const PASSPHRASE = 'backup bench passphrase';
const now = () => performance.now();

export type BackupRun = { ms: number; fileBytes: number; backupBytes: number };
export type BackupBenchApi = {
  prepareBackupRecord(options: {
    files: number;
    mib: number;
  }): Promise<{ fileBytes: number; setupMs: number }>;
  backupRun(): Promise<BackupRun>;
  /** Deletes the profile (untimed), then restores it from the last backup. */
  restoreRun(): Promise<BackupRun>;
  /** Whether every file reads back with the bytes it was written with. */
  verifyBackupRecord(): Promise<boolean>;
};

let profile: UnlockedProfile | null = null;
let originals = new Map<string, Uint8Array>();
let backup: Blob | null = null;

async function sameBytes(stream: ReadableStream<Uint8Array>, expected: Uint8Array) {
  let offset = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return offset === expected.length;
    for (let i = 0; i < value.length; i++) if (value[i] !== expected[offset + i]) return false;
    offset += value.length;
  }
}

export const backupApi: BackupBenchApi = {
  async prepareBackupRecord({ files, mib }) {
    const start = now();
    profile = await createProfile({ passphrase: PASSPHRASE, kdf: SETUP_KDF });
    originals = new Map();
    const doc = new Y.Doc();
    const store = await RecordStore.open(profile, doc);
    for (let i = 0; i < files; i++) {
      // Random-looking bytes, like compressed PDFs and photos.
      const bytes = new Uint8Array(mib * 1024 * 1024);
      for (let at = 0; at < bytes.length; at += 65536) {
        crypto.getRandomValues(bytes.subarray(at, at + 65536));
      }
      const stored = await writeFile(profile, new Blob([bytes]));
      originals.set(stored.fileId, bytes);
      createEntry(doc, 'document', {
        title: `Compte rendu ${i + 1}`,
        type: 'report',
        date: '2025-01-02',
        fileId: stored.fileId,
        name: `compte-rendu-${i + 1}.pdf`,
        mime: 'application/pdf',
        size: stored.size,
        contentHash: stored.contentHash,
      });
    }
    await store.close({ compact: true });
    doc.destroy();
    return { fileBytes: files * mib * 1024 * 1024, setupMs: now() - start };
  },

  async backupRun() {
    const start = now();
    // As BackupSettings.svelte: the stream's pieces gathered, the Blob grown every 16 pieces.
    let blob = new Blob([]);
    let pending: Uint8Array[] = [];
    const reader = createBackup(profile!).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (value) pending.push(value);
      if (done || pending.length >= 16) {
        blob = new Blob([blob, ...(pending as BlobPart[])]);
        pending = [];
      }
      if (done) break;
    }
    const ms = now() - start;
    backup = blob;
    return { ms, fileBytes: fileBytes(), backupBytes: blob.size };
  },

  async restoreRun() {
    await deleteProfile(profile!.profileId);
    const start = now();
    const restored = await restoreBackup(backup!.stream(), PASSPHRASE);
    const ms = now() - start;
    if (restored.fileBytes !== fileBytes()) throw new Error('restore lost bytes');
    return { ms, fileBytes: restored.fileBytes, backupBytes: backup!.size };
  },

  async verifyBackupRecord() {
    for (const [fileId, bytes] of originals) {
      if (!(await sameBytes(readFile(profile!, fileId), bytes))) return false;
    }
    return originals.size > 0;
  },
};

function fileBytes(): number {
  let total = 0;
  for (const bytes of originals.values()) total += bytes.length;
  return total;
}
