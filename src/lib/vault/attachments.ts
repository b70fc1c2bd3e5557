/**
 * Attachments (PDFs, photos, CDA files), streamed in and out in chunks so a large file never sits
 * whole in memory (DESIGN §3). Each chunk is sealed with AES-256-GCM under the file's own random
 * key, its AAD naming the file, the chunk's index and whether it is the last; the file key lives in
 * the file's manifest, sealed (XChaCha20-Poly1305) under the profile's blob key and written after
 * the last chunk, so a file interrupted half-way never appears.
 */
import {
  aad,
  concat,
  fromBase64Url,
  fromUtf8,
  importFileKey,
  newId,
  open,
  openChunk,
  randomBytes,
  seal,
  sealChunk,
  toBase64Url,
  toHex,
  utf8,
} from '../crypto';
import { openVaultDb, profileRange, type VaultDb } from './db';
import { DamagedFileError, FileNotFoundError, StorageFullError, isQuotaError } from './errors';
import type { UnlockedProfile } from './profiles';

/** 256 KiB: WebCrypto AES-GCM's fastest size here (RECIPES.md), well under DESIGN's 1 MiB cap. */
export const CHUNK_BYTES = 256 * 1024;
/** Chunks written per IndexedDB transaction: one transaction per chunk halves throughput. */
const CHUNKS_PER_TRANSACTION = 16;
/** Dropbox's content-hash block size; also exactly one transaction's worth of chunks. */
export const CONTENT_HASH_BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * `contentHash`: Dropbox's documented content hash — SHA-256 of the concatenated SHA-256 digests
 * of each 4 MiB block — in hex. It identifies a file's bytes (re-importing a file adds nothing
 * twice) like a plain SHA-256 would, but each block is hashed by WebCrypto off the main thread
 * while the next is read and sealed: a whole-file SHA-256 must run in order on the main thread and
 * held writes to ~30 MiB/s here. Integrity itself comes from each chunk's AES-GCM tag.
 */
export type StoredFile = { fileId: string; size: number; contentHash: string };

type Manifest = { key: string; size: number; chunkCount: number; contentHash: string };

/** Hashes a stream block by block, as Dropbox's content hash defines (see StoredFile). */
class ContentHasher {
  #blocks: Promise<ArrayBuffer>[] = [];
  #block = new Uint8Array(CONTENT_HASH_BLOCK_BYTES);
  #filled = 0;

  update(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      const take = Math.min(CONTENT_HASH_BLOCK_BYTES - this.#filled, bytes.length - offset);
      this.#block.set(bytes.subarray(offset, offset + take), this.#filled);
      this.#filled += take;
      offset += take;
      if (this.#filled === CONTENT_HASH_BLOCK_BYTES) this.#endBlock();
    }
  }

  #endBlock(): void {
    const block = this.#block.subarray(0, this.#filled);
    this.#blocks.push(crypto.subtle.digest('SHA-256', block as BufferSource));
    this.#block = new Uint8Array(CONTENT_HASH_BLOCK_BYTES);
    this.#filled = 0;
  }

  async digest(): Promise<string> {
    if (this.#filled > 0) this.#endBlock();
    const digests = (await Promise.all(this.#blocks)).map((digest) => new Uint8Array(digest));
    return toHex(
      new Uint8Array(await crypto.subtle.digest('SHA-256', concat(...digests) as BufferSource)),
    );
  }
}

function chunkAad(profileId: string, fileId: string, index: number, final: boolean): Uint8Array {
  return aad('blob', profileId, `${fileId}:${index}:${final ? 'last' : 'more'}`);
}

/** Cuts a byte stream into CHUNK_BYTES pieces (the last one shorter), holding at most one chunk. */
export async function* rechunk(source: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = source.getReader();
  let buffer = new Uint8Array(CHUNK_BYTES);
  let filled = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let offset = 0;
      while (offset < value.length) {
        const take = Math.min(CHUNK_BYTES - filled, value.length - offset);
        buffer.set(value.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === CHUNK_BYTES) {
          yield buffer;
          buffer = new Uint8Array(CHUNK_BYTES);
          filled = 0;
        }
      }
    }
    yield buffer.subarray(0, filled);
  } finally {
    reader.releaseLock();
  }
}

/** For a restore only (lib/interop/backup.ts), where an authenticated backup describes the file. */
export type WriteFileOptions = {
  /** The file's id, as the record names it (default: a new one). */
  fileId?: string;
  /**
   * The file's contentHash, already known and vouched for by the caller: the content is then not
   * hashed again (hashing is a large part of a write's cost). The size is still counted.
   */
  contentHash?: string;
};

/**
 * Encrypts and stores a file; resolves with its id, size and content hash once it is all durable.
 */
export async function writeFile(
  profile: UnlockedProfile,
  source: Blob | ReadableStream<Uint8Array>,
  { fileId = newId(), contentHash }: WriteFileOptions = {},
): Promise<StoredFile> {
  const db = await openVaultDb();
  const { profileId } = profile;
  const rawKey = randomBytes(32);
  const key = await importFileKey(rawKey);
  const hash: Pick<ContentHasher, 'update' | 'digest'> =
    contentHash === undefined
      ? new ContentHasher()
      : { update: () => undefined, digest: () => Promise.resolve(contentHash) };
  const stream = source instanceof Blob ? source.stream() : source;

  let index = 0;
  let size = 0;
  // Chunks of a batch are sealed concurrently (WebCrypto works off the main thread); one
  // transaction is in flight while the next batch is read, hashed and sealed.
  let sealing: Promise<[number, Uint8Array]>[] = [];
  let writing: Promise<void> = Promise.resolve();
  const seal1 = (i: number, plain: Uint8Array, final: boolean) =>
    sealChunk(key, plain, chunkAad(profileId, fileId, i, final)).then(
      (sealed): [number, Uint8Array] => [i, sealed],
    );
  const flush = async () => {
    const chunks = await Promise.all(sealing);
    sealing = [];
    await writing;
    writing = writeChunks(db, profileId, fileId, chunks);
  };

  try {
    // One chunk of look-ahead tells which chunk is the last, for its AAD.
    let previous: Uint8Array | null = null;
    for await (const chunk of rechunk(stream)) {
      if (previous) {
        sealing.push(seal1(index, previous, false));
        index++;
        if (sealing.length >= CHUNKS_PER_TRANSACTION) await flush();
      }
      hash.update(chunk);
      size += chunk.length;
      previous = chunk;
    }
    sealing.push(seal1(index, previous!, true));
    await flush();
    await writing;

    const manifest: Manifest = {
      key: toBase64Url(rawKey),
      size,
      chunkCount: index + 1,
      contentHash: await hash.digest(),
    };
    const body = seal(
      profile.blobKey,
      utf8(JSON.stringify(manifest)),
      aad('file', profileId, fileId),
    );
    const tx = db.transaction('files', 'readwrite', { durability: 'strict' });
    await Promise.all([tx.store.put({ body }, [profileId, fileId]), tx.done]);
    return { fileId, size, contentHash: manifest.contentHash };
  } catch (error) {
    await Promise.allSettled(sealing);
    await writing.catch(() => undefined);
    await deleteChunks(db, profileId, fileId).catch(() => undefined);
    if (isQuotaError(error) || isQuotaError((error as { cause?: unknown })?.cause)) {
      throw new StorageFullError();
    }
    throw error;
  } finally {
    rawKey.fill(0);
  }
}

async function writeChunks(
  db: VaultDb,
  profileId: string,
  fileId: string,
  chunks: [number, Uint8Array][],
): Promise<void> {
  const tx = db.transaction('chunks', 'readwrite', { durability: 'relaxed' });
  for (const [index, sealed] of chunks) void tx.store.put(sealed, [profileId, fileId, index]);
  await tx.done;
}

function deleteChunks(db: VaultDb, profileId: string, fileId: string): Promise<void> {
  return db.delete('chunks', IDBKeyRange.bound([profileId, fileId], [profileId, fileId, []]));
}

async function readManifest(
  profile: UnlockedProfile,
  db: VaultDb,
  fileId: string,
): Promise<Manifest> {
  const record = await db.get('files', [profile.profileId, fileId]);
  if (!record) throw new FileNotFoundError(fileId);
  try {
    const plain = open(
      profile.blobKey,
      record.body,
      aad('file', profile.profileId, fileId),
      'file',
    );
    return JSON.parse(fromUtf8(plain)) as Manifest;
  } catch {
    throw new DamagedFileError(fileId, -1);
  }
}

/** File size and hash as stored, without reading the content. */
export async function fileInfo(profile: UnlockedProfile, fileId: string): Promise<StoredFile> {
  const manifest = await readManifest(profile, await openVaultDb(), fileId);
  return { fileId, size: manifest.size, contentHash: manifest.contentHash };
}

/**
 * Streams a file back, checking every chunk; the stream errors with DamagedFileError at the first
 * chunk that is altered, missing, out of place or not where the file should end.
 */
export function readFile(profile: UnlockedProfile, fileId: string): ReadableStream<Uint8Array> {
  const { profileId } = profile;
  type Batch = { first: number; keys: [string, string, number][]; values: Uint8Array[] };
  let state: {
    db: VaultDb;
    key: CryptoKey;
    chunkCount: number;
    next: Promise<Batch> | null;
  } | null = null;

  const readBatch = async (db: VaultDb, first: number, chunkCount: number): Promise<Batch> => {
    const last = Math.min(first + CHUNKS_PER_TRANSACTION, chunkCount) - 1;
    const range = IDBKeyRange.bound([profileId, fileId, first], [profileId, fileId, last]);
    const tx = db.transaction('chunks');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)]);
    return { first, keys, values };
  };
  /** A read started ahead; if the reader stops early nobody awaits it, so it must not reject loudly. */
  const ahead = (promise: Promise<Batch>): Promise<Batch> => {
    promise.catch(() => undefined);
    return promise;
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!state) {
          const db = await openVaultDb();
          const manifest = await readManifest(profile, db, fileId);
          const raw = fromBase64Url(manifest.key);
          const key = await importFileKey(raw);
          raw.fill(0);
          state = {
            db,
            key,
            chunkCount: manifest.chunkCount,
            next: ahead(readBatch(db, 0, manifest.chunkCount)),
          };
        }
        const { db, key, chunkCount } = state;
        const { first, keys, values } = await state.next!;
        const last = Math.min(first + CHUNKS_PER_TRANSACTION, chunkCount) - 1;
        // Read the next batch from IndexedDB while this one is decrypted.
        state.next = last + 1 < chunkCount ? ahead(readBatch(db, last + 1, chunkCount)) : null;

        const opened = await Promise.allSettled(
          values.map((sealed, i) => {
            const index = first + i;
            return openChunk(
              key,
              sealed,
              chunkAad(profileId, fileId, index, index === chunkCount - 1),
            );
          }),
        );
        for (let index = first; index <= last; index++) {
          const i = index - first;
          // A missing chunk shows as a key out of step: report the first index not found.
          if (keys[i]?.[2] !== index) throw new DamagedFileError(fileId, index);
          const result = opened[i]!;
          if (result.status === 'rejected') throw new DamagedFileError(fileId, index);
          controller.enqueue(result.value);
        }
        if (!state.next) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Reads a whole file into a Blob (for a viewer or a download). The Blob grows every few chunks, so
 * the browser can keep a large file in its blob storage (on disk if need be) rather than the JS heap.
 */
export async function readFileBlob(
  profile: UnlockedProfile,
  fileId: string,
  type = 'application/octet-stream',
): Promise<Blob> {
  let blob = new Blob([], { type });
  let pending: Uint8Array[] = [];
  const reader = readFile(profile, fileId).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (value) pending.push(value);
    if (done || pending.length >= CHUNKS_PER_TRANSACTION) {
      blob = new Blob([blob, ...(pending as BlobPart[])], { type });
      pending = [];
    }
    if (done) return blob;
  }
}

/** Checks a file end to end without keeping it; resolves with the first damaged chunk, if any. */
export async function verifyFile(
  profile: UnlockedProfile,
  fileId: string,
): Promise<DamagedFileError | null> {
  const reader = readFile(profile, fileId).getReader();
  try {
    for (;;) if ((await reader.read()).done) return null;
  } catch (error) {
    if (error instanceof DamagedFileError) return error;
    throw error;
  }
}

export async function listFiles(profile: UnlockedProfile): Promise<string[]> {
  const db = await openVaultDb();
  const keys = await db.getAllKeys('files', profileRange(profile.profileId));
  return keys.map(([, fileId]) => fileId);
}

/** Forgets a file: its manifest (and so its key) first, then its chunks. */
export async function deleteFile(profile: UnlockedProfile, fileId: string): Promise<void> {
  const db = await openVaultDb();
  const tx = db.transaction('files', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.delete([profile.profileId, fileId]), tx.done]);
  await deleteChunks(db, profile.profileId, fileId);
}
