/**
 * The IndexedDB schema (DESIGN §3). Names say nothing about anyone: one database, four stores, keys
 * made of random ids and counters. Every value that carries health data, a name, a title or a file
 * name is sealed.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { VaultUnavailableError } from './errors';

export const DB_NAME = 'carnet-vault';
const DB_VERSION = 2;

export type StoredKdf = {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  salt: Uint8Array;
};

/** One profile's header: what unlocking needs, and nothing else in clear but an opt-in label. */
export type HeaderRecord = {
  v: 1;
  profileId: string;
  createdAt: number;
  kdf: StoredKdf;
  wrappedMasterKey: Uint8Array;
  /** The nickname in clear, only when the user chose to show it on the unlock screen. */
  publicLabel?: string;
  /** Minutes of inactivity before the record locks itself (not health data). */
  autoLockMinutes: number;
};

/** A sealed Yjs update; `meta` (sealed apart) names the entries it touched, for damage reports. */
export type UpdateRecord = {
  body: Uint8Array;
  meta: Uint8Array;
  /** 0 until compaction folds it into snapshot generation `folded`. */
  folded: number;
};

/**
 * The whole record at one generation: `body` sealed with AES-256-GCM (WebCrypto: ~8× faster than
 * XChaCha on these multi-megabyte values, and it is on the unlock path) under a random key of its
 * own, itself sealed in `key` under the profile's doc key.
 */
export type SnapshotRecord = { key: Uint8Array; body: Uint8Array };

/** A file's manifest: sealed { key, size, chunkCount, contentHash }. Written after its last chunk. */
export type FileRecord = { body: Uint8Array };

export interface VaultSchema extends DBSchema {
  headers: { key: string; value: HeaderRecord };
  updates: { key: [string, string]; value: UpdateRecord };
  folded: { key: [string, string]; value: UpdateRecord };
  snapshots: { key: [string, number]; value: SnapshotRecord };
  files: { key: [string, string]; value: FileRecord };
  chunks: { key: [string, string, number]; value: Uint8Array };
}

export type VaultDb = IDBPDatabase<VaultSchema>;

let opening: Promise<VaultDb> | null = null;

/** Opens (once per page) the vault database, or explains why this browser cannot keep one. */
export function openVaultDb(): Promise<VaultDb> {
  opening ??= (async () => {
    if (typeof indexedDB === 'undefined') throw new VaultUnavailableError('no IndexedDB');
    try {
      return await openDB<VaultSchema>(DB_NAME, DB_VERSION, {
        upgrade(db, oldVersion) {
          if (oldVersion < 1) {
            db.createObjectStore('headers');
            db.createObjectStore('updates');
            db.createObjectStore('snapshots');
            db.createObjectStore('files');
            db.createObjectStore('chunks');
          }
          // v2: updates already folded into a snapshot move here, so that opening a record never
          // reads them (they matter only if the newest snapshot is damaged).
          if (oldVersion < 2) db.createObjectStore('folded');
        },
        blocking(_current, _next, event) {
          // A newer Carnet in another tab needs the schema: step aside so it can upgrade.
          (event.target as IDBDatabase | null)?.close();
          opening = null;
        },
      });
    } catch (error) {
      opening = null;
      throw new VaultUnavailableError(error instanceof Error ? error.message : String(error));
    }
  })();
  return opening;
}

/** Forgets the cached connection (tests, and after a deleted database). */
export function resetVaultDbForTests(): void {
  opening = null;
}

/** Key range of every key that starts with `[profileId, …]`. */
export function profileRange(profileId: string): IDBKeyRange {
  return IDBKeyRange.bound([profileId], [profileId, []]);
}
