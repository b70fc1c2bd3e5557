/**
 * Encrypted backup of one profile to a `.carnet` file, and its restore on any browser with the
 * profile's passphrase (DESIGN §6). The file format is described in backup-format.ts.
 *
 * - `createBackup` streams the file: the record (as saved, read from storage) is one Yjs update in
 *   memory, as when the record is open; attachments are read one file at a time, 256 KiB at a time,
 *   so a 1 GiB record never needs a 1 GiB buffer.
 * - `restoreBackup` checks every record as it arrives and writes the profile under its own id,
 *   with the same master key (so a parent's family link to it still opens). The header goes last:
 *   until then the profile is not listed; on any failure everything written is deleted.
 * - When the record was last backed up is kept in the record itself (root map `backup`, key
 *   `lastAt`): it follows the record to the user's other devices, and a restored record counts as
 *   backed up at the time of the backup it came from.
 */
import * as Y from 'yjs';
import {
  concat,
  deriveKekOffThread,
  fromBase64Url,
  newId,
  toBase64Url,
  unwrapMasterKey,
  utf8,
} from '../crypto';
import {
  ProfileNotFoundError,
  RecordStore,
  UnlockedProfile,
  deleteProfile,
  fileInfo,
  listFiles,
  readFile,
  readHeader as readProfileHeader,
  restoreProfileHeader,
  writeFile,
  type HeaderRecord,
  type StoredFile,
} from '../vault';
import { rechunk } from '../vault/attachments';
import {
  BACKUP_PIECE_BYTES,
  ByteReader,
  CorruptBackupError,
  RecordOpener,
  RecordSealer,
  RecordType,
  backupRecordKey,
  encodeHeader,
  parseBody,
  readHeader,
  type BackupCounts,
  type BackupHeader,
  type EndRecordBody,
  type FileRecordBody,
  type OpenedRecord,
  type SettingsRecordBody,
} from './backup-format';

export {
  CorruptBackupError,
  NotABackupError,
  TruncatedBackupError,
  UnsupportedBackupVersionError,
} from './backup-format';

/** A backup older than this (or none) shows a reminder. */
export const BACKUP_REMINDER_MS = 30 * 24 * 60 * 60 * 1000;

/** The backup's profile is already on this device; restore with `{ replace: true }` to replace it. */
export class ProfileExistsError extends Error {
  override readonly name = 'ProfileExistsError';
  readonly code = 'profile-exists';
  constructor(readonly profileId: string) {
    super(`profile ${profileId} is already on this device`);
  }
}

export type CreateBackupOptions = {
  /** When the backup is made (default now); also what `markBackedUp` should record. */
  createdAt?: number;
};

export type RestoredBackup = {
  profileId: string;
  createdAt: number;
  files: number;
  fileBytes: number;
};

export type RestoreBackupOptions = {
  /**
   * Replace the profile if it is already on this device. It is deleted once the passphrase has
   * opened the backup, before the records are read: if the backup then turns out damaged, the
   * device keeps neither. The screen asks before passing this.
   */
  replace?: boolean;
};

// ── When the record was last backed up ───────────────────────────────────────────────────────────

function backupMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('backup');
}

export function lastBackupAt(doc: Y.Doc): number | null {
  const at = backupMap(doc).get('lastAt');
  return typeof at === 'number' ? at : null;
}

export function markBackedUp(doc: Y.Doc, at: number): void {
  backupMap(doc).set('lastAt', at);
}

/** Whether to remind the user: never backed up, or not for BACKUP_REMINDER_MS. */
export function isBackupDue(doc: Y.Doc, now = Date.now()): boolean {
  const last = lastBackupAt(doc);
  return last === null || now - last > BACKUP_REMINDER_MS;
}

/** A suggested file name: `carnet-2025-01-31.carnet` (local date). */
export function backupFileName(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `carnet-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.carnet`;
}

// ── Making a backup ──────────────────────────────────────────────────────────────────────────────

/** The file has one piece more than whole pieces, as the vault stores it (its last may be empty). */
function pieceCount(size: number): number {
  return Math.floor(size / BACKUP_PIECE_BYTES) + 1;
}

async function savedDocState(profile: UnlockedProfile): Promise<Uint8Array> {
  const doc = new Y.Doc();
  const store = await RecordStore.open(profile, doc, {
    compactThreshold: Number.MAX_SAFE_INTEGER,
  });
  try {
    return Y.encodeStateAsUpdate(doc);
  } finally {
    await store.close();
    doc.destroy();
  }
}

/**
 * The `.carnet` file of `profile`'s record as it is saved (call it after the open record's
 * `whenSaved()`), as a stream made as it is read. Errors (a damaged attachment: DamagedFileError)
 * error the stream.
 */
export function createBackup(
  profile: UnlockedProfile,
  options: CreateBackupOptions = {},
): ReadableStream<Uint8Array> {
  const parts = backupParts(profile, options.createdAt ?? Date.now());
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await parts.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel() {
        await parts.return(undefined);
      },
    },
    // A few pieces ahead, so reading and sealing overlap the consumer's writing.
    { highWaterMark: 4 },
  );
}

async function* backupParts(
  profile: UnlockedProfile,
  createdAt: number,
): AsyncGenerator<Uint8Array> {
  const { profileId } = profile;
  const stored = await readProfileHeader(profileId);
  const docState = await savedDocState(profile);
  const files: StoredFile[] = [];
  for (const fileId of await listFiles(profile)) files.push(await fileInfo(profile, fileId));
  const docPieces = Math.max(1, Math.ceil(docState.length / BACKUP_PIECE_BYTES));
  const counts: BackupCounts = {
    records: 1 + docPieces + files.reduce((sum, file) => sum + 1 + pieceCount(file.size), 0) + 1,
    docBytes: docState.length,
    files: files.length,
    fileBytes: files.reduce((sum, file) => sum + file.size, 0),
  };
  const backupId = newId();
  const header: BackupHeader = {
    backupId,
    profileId,
    profileCreatedAt: stored.createdAt,
    createdAt,
    kdf: {
      algorithm: 'argon2id',
      memoryKiB: stored.kdf.memoryKiB,
      iterations: stored.kdf.iterations,
      parallelism: stored.kdf.parallelism,
      salt: toBase64Url(stored.kdf.salt),
    },
    wrappedMasterKey: toBase64Url(stored.wrappedMasterKey),
    counts,
  };
  const { bytes, headerHash } = await encodeHeader(header);
  yield bytes;

  const sealer = new RecordSealer(
    await backupRecordKey(profile.backupKey, backupId),
    backupId,
    headerHash,
  );
  const settings: SettingsRecordBody = {
    autoLockMinutes: stored.autoLockMinutes,
    ...(stored.publicLabel ? { publicLabel: stored.publicLabel } : {}),
  };
  yield await sealer.seal(RecordType.settings, json(settings));
  for (let offset = 0; offset < Math.max(1, docState.length); offset += BACKUP_PIECE_BYTES) {
    yield await sealer.seal(RecordType.doc, docState.subarray(offset, offset + BACKUP_PIECE_BYTES));
  }
  for (const file of files) {
    const body: FileRecordBody = { ...file, chunkCount: pieceCount(file.size) };
    yield await sealer.seal(RecordType.file, json(body));
    let pieces = 0;
    let size = 0;
    for await (const piece of rechunk(readFile(profile, file.fileId))) {
      yield await sealer.seal(RecordType.fileChunk, piece);
      pieces++;
      size += piece.length;
    }
    if (pieces !== body.chunkCount || size !== file.size) {
      throw new Error(`file ${file.fileId} changed while it was backed up`);
    }
  }
  const end: EndRecordBody = { ...counts, chain: sealer.chain };
  yield await sealer.seal(RecordType.end, json(end));
}

function json(value: unknown): Uint8Array {
  return utf8(JSON.stringify(value));
}

// ── Restoring ────────────────────────────────────────────────────────────────────────────────────

async function profileExists(profileId: string): Promise<boolean> {
  try {
    await readProfileHeader(profileId);
    return true;
  } catch (error) {
    if (error instanceof ProfileNotFoundError) return false;
    throw error;
  }
}

function decodeBase64Url(text: string): Uint8Array {
  try {
    return fromBase64Url(text);
  } catch {
    throw new CorruptBackupError('header');
  }
}

/** Reads the header and opens the master key with the passphrase. */
async function openBackup(reader: ByteReader, passphrase: string) {
  const { header, headerHash } = await readHeader(reader);
  const { profileId } = header;
  const kdf = { ...header.kdf, salt: decodeBase64Url(header.kdf.salt) };
  const wrappedMasterKey = decodeBase64Url(header.wrappedMasterKey);
  const kek = await deriveKekOffThread(passphrase, kdf);
  let masterKey: Uint8Array;
  try {
    masterKey = unwrapMasterKey(kek, wrappedMasterKey, profileId);
  } finally {
    kek.fill(0);
  }
  const profile = new UnlockedProfile(profileId, masterKey);
  const opener = async () =>
    new RecordOpener(
      reader,
      await backupRecordKey(profile.backupKey, header.backupId),
      header.backupId,
      headerHash,
    );
  return { header, kdf, wrappedMasterKey, profile, opener };
}

/**
 * Reads a whole `.carnet` file and checks every record with the passphrase, writing nothing.
 * Throws as restoreBackup does (never ProfileExistsError). The restore screen runs it before a
 * restore that replaces a record already on this device, so a damaged file never costs the
 * record it was to replace.
 */
export async function verifyBackup(
  source: ReadableStream<Uint8Array>,
  passphrase: string,
): Promise<RestoredBackup> {
  const reader = new ByteReader(source);
  try {
    const { header, profile, opener } = await openBackup(reader, passphrase);
    try {
      const checked = await readRecords(await opener(), reader, checkingSink, header);
      return {
        profileId: header.profileId,
        createdAt: header.createdAt,
        files: checked.files,
        fileBytes: checked.fileBytes,
      };
    } finally {
      profile.lock();
    }
  } catch (error) {
    await reader.cancel();
    throw error;
  }
}

/**
 * Restores a `.carnet` file read from `source` as a new profile of this device. Throws
 * NotABackupError, UnsupportedBackupVersionError, ProfileExistsError, WrongPassphraseError (from
 * lib/crypto, as the unlock screen), TruncatedBackupError, CorruptBackupError, or StorageFullError;
 * nothing of the profile stays written then. With `replace`, the record already on this device is
 * deleted before the backup's records are read: run verifyBackup on the same file first.
 */
export async function restoreBackup(
  source: ReadableStream<Uint8Array>,
  passphrase: string,
  options: RestoreBackupOptions = {},
): Promise<RestoredBackup> {
  const reader = new ByteReader(source);
  try {
    const { header, kdf, wrappedMasterKey, profile, opener } = await openBackup(reader, passphrase);
    const { profileId } = header;
    try {
      if ((await profileExists(profileId)) && !options.replace) {
        throw new ProfileExistsError(profileId);
      }
      try {
        // Also clears what an interrupted restore of this profile may have left.
        await deleteProfile(profileId);
        const restored = await readRecords(
          await opener(),
          reader,
          vaultSink(profile, header),
          header,
        );
        await restoreProfileHeader({
          v: 1,
          profileId,
          createdAt: header.profileCreatedAt,
          kdf,
          wrappedMasterKey,
          autoLockMinutes: restored.settings.autoLockMinutes,
          ...(restored.settings.publicLabel ? { publicLabel: restored.settings.publicLabel } : {}),
        } satisfies HeaderRecord);
        return {
          profileId,
          createdAt: header.createdAt,
          files: restored.files,
          fileBytes: restored.fileBytes,
        };
      } catch (error) {
        await deleteProfile(profileId).catch(() => undefined);
        throw error;
      }
    } finally {
      profile.lock();
    }
  } catch (error) {
    await reader.cancel();
    throw error;
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const HASH = /^[0-9a-f]{64}$/;

/** Where the records of a backup go: the vault (restore), or nowhere (verification). */
type RecordSink = {
  doc(pieces: Uint8Array[]): Promise<void>;
  /** Consumes the file's bytes; resolves with how many there were. */
  file(meta: FileRecordBody, bytes: ReadableStream<Uint8Array>): Promise<number>;
};

function vaultSink(profile: UnlockedProfile, header: BackupHeader): RecordSink {
  return {
    doc: (pieces) => restoreDoc(profile, pieces, header.createdAt),
    async file(meta, bytes) {
      // The record's contentHash is not recomputed: it and every byte of the file come from the
      // backup's sealed records (their order bound by the end record's chain), so a hash taken
      // again could only disagree with a writer's bug — and would cost a fifth of the restore.
      const stored = await writeFile(profile, bytes, {
        fileId: meta.fileId,
        contentHash: meta.contentHash,
      });
      return stored.size;
    },
  };
}

/** Reads every byte and checks every record, writing nothing. */
const checkingSink: RecordSink = {
  async doc(pieces) {
    try {
      Y.applyUpdate(new Y.Doc(), pieces.length === 1 ? pieces[0]! : concat(...pieces));
    } catch {
      throw new CorruptBackupError('record');
    }
  },
  async file(_meta, bytes) {
    let size = 0;
    const reader = bytes.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return size;
      size += value.length;
    }
  },
};

async function readRecords(
  opener: RecordOpener,
  reader: ByteReader,
  sink: RecordSink,
  header: BackupHeader,
): Promise<{ settings: SettingsRecordBody; files: number; fileBytes: number }> {
  const expect = (record: OpenedRecord, type: RecordType) => {
    if (record.type !== type) throw new CorruptBackupError(`record ${record.index} out of place`);
  };

  const first = await opener.next();
  expect(first, RecordType.settings);
  const settings = parseBody<SettingsRecordBody>(first.plaintext, 'settings');
  if (!Number.isSafeInteger(settings.autoLockMinutes) || settings.autoLockMinutes <= 0) {
    throw new CorruptBackupError('settings');
  }

  const docPieces: Uint8Array[] = [];
  let docBytes = 0;
  let record = await opener.next();
  while (record.type === RecordType.doc) {
    docPieces.push(record.plaintext);
    docBytes += record.plaintext.length;
    record = await opener.next();
  }
  if (docPieces.length === 0 || docBytes !== header.counts.docBytes) {
    throw new CorruptBackupError('record');
  }
  await sink.doc(docPieces);
  docPieces.length = 0;

  let files = 0;
  let fileBytes = 0;
  while (record.type === RecordType.file) {
    const meta = parseBody<FileRecordBody>(record.plaintext, `record ${record.index}`);
    if (
      typeof meta.fileId !== 'string' ||
      !ID.test(meta.fileId) ||
      typeof meta.contentHash !== 'string' ||
      !HASH.test(meta.contentHash) ||
      !Number.isSafeInteger(meta.size) ||
      meta.chunkCount !== pieceCount(meta.size)
    ) {
      throw new CorruptBackupError(`record ${record.index}`);
    }
    let pieces = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const chunk = await opener.next();
          expect(chunk, RecordType.fileChunk);
          controller.enqueue(chunk.plaintext);
          if (++pieces === meta.chunkCount) controller.close();
        },
      },
      // Records are read and opened a few ahead, while writeFile seals and stores.
      { highWaterMark: 4 },
    );
    const size = await sink.file(meta, stream);
    if (size !== meta.size) {
      throw new CorruptBackupError(`file ${meta.fileId}`);
    }
    files++;
    fileBytes += size;
    record = await opener.next();
  }

  expect(record, RecordType.end);
  const end = parseBody<EndRecordBody>(record.plaintext, 'end');
  const { counts } = header;
  if (
    end.chain !== opener.chainBeforeLast ||
    end.records !== opener.count ||
    counts.records !== opener.count ||
    end.docBytes !== docBytes ||
    end.files !== files ||
    counts.files !== files ||
    end.fileBytes !== fileBytes ||
    counts.fileBytes !== fileBytes
  ) {
    throw new CorruptBackupError('end');
  }
  if (!(await reader.atEnd())) throw new CorruptBackupError('after the end');
  return { settings, files, fileBytes };
}

/** Writes the record through a RecordStore, folded into a snapshot. */
async function restoreDoc(
  profile: UnlockedProfile,
  pieces: Uint8Array[],
  backedUpAt: number,
): Promise<void> {
  const update = pieces.length === 1 ? pieces[0]! : concat(...pieces);
  const doc = new Y.Doc();
  const store = await RecordStore.open(profile, doc, {
    compactThreshold: Number.MAX_SAFE_INTEGER,
  });
  let refused = false;
  try {
    try {
      Y.applyUpdate(doc, update);
    } catch {
      throw new CorruptBackupError('record');
    }
    // Apart: Yjs marks a transaction that applies an update as remote, and would take this
    // device's own write in it for another client using the same id.
    markBackedUp(doc, backedUpAt);
    try {
      await savedOrFailed(store);
    } catch (error) {
      refused = true;
      throw error;
    }
    await store.compact();
  } finally {
    // A store still retrying a refused write would wait for it before closing: let it go.
    if (refused) void store.close();
    else await store.close();
    doc.destroy();
  }
}

/** RecordStore keeps retrying a refused write; a restore gives up at the first refusal instead. */
function savedOrFailed(store: RecordStore): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (store.state === 'retrying') {
        unsubscribe();
        reject(store.lastError);
      }
    };
    const unsubscribe = store.subscribe(check);
    store.whenSaved().then(() => {
      unsubscribe();
      resolve();
    }, reject);
    check();
  });
}
