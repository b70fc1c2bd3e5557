/**
 * The `.carnet` backup file, format v1: one profile's record and attachments, sealed, readable as a
 * stream from the first byte to the last.
 *
 * ```
 * magic       13 bytes   ASCII "CARNET-BACKUP"
 * version      1 byte    0x01
 * headerLen    4 bytes   uint32 big-endian, at most 16 KiB
 * header       headerLen UTF-8 JSON, BackupHeader (in clear: what opening needs, no health data)
 * headerHash  32 bytes   SHA-256 of every byte before it
 * record*                until the end record, then nothing
 *   type       1 byte    RecordType
 *   length     4 bytes   uint32 big-endian, length of `sealed`, at most MAX_SEALED_BYTES
 *   check      1 byte    0xA5 XOR the five bytes above (a damaged frame is "corrupt", never
 *                        mistaken for a cut file by reading a wrong length past the end)
 *   sealed     length    lib/crypto chunk v1: 0x02 | 12-byte nonce | AES-256-GCM ciphertext ‖ tag
 * ```
 *
 * The header holds the profile's Argon2id parameters and salt and its wrapped master key, exactly
 * as the vault keeps them, so the passphrase alone opens the backup on another browser. Records are
 * sealed under a key for this backup only: HKDF-SHA256 (RFC 5869) of the profile's `backup` purpose
 * key, salt = the backup id, info "carnet/v1/backup-records". Each record's AAD is
 * `carnet/v1/backup/<backupId>/<index>/<type>` followed by the 32-byte header hash, so a record
 * moved, dropped, replaced by one of another backup, or read under an altered header does not open.
 *
 * Records, in this order: one `settings` (sealed JSON of the header's settings that are not needed
 * to open it), the Y.Doc state as one update cut into `doc` records of up to 256 KiB, then for each
 * attachment a `file` record (sealed JSON FileRecordBody) followed by exactly its `chunkCount`
 * `file-chunk` records, and last an `end` record (sealed JSON EndRecordBody) with the totals and a
 * running hash: chain₀ = headerHash, chainᵢ₊₁ = SHA-256(chainᵢ ‖ type ‖ uint32 index ‖ GCM tag of
 * record i). A file cut anywhere lacks a valid end record: it is reported as truncated.
 */
import { sha256 as sha256Sync } from '@noble/hashes/sha2.js';
import { concat, fromUtf8, openChunk, sealChunk, toHex, utf8 } from '../crypto';

export const BACKUP_MAGIC = 'CARNET-BACKUP';
export const BACKUP_VERSION = 1;
/** The piece size of the doc and of files inside the backup (as the vault's CHUNK_BYTES). */
export const BACKUP_PIECE_BYTES = 256 * 1024;
export const MAX_HEADER_BYTES = 16 * 1024;
/** A piece sealed: 256 KiB plus the chunk format's 29 bytes; anything longer is not ours. */
export const MAX_SEALED_BYTES = BACKUP_PIECE_BYTES + 1024;
const MAGIC_BYTES = utf8(BACKUP_MAGIC);
const PREAMBLE_BYTES = MAGIC_BYTES.length + 1 + 4;
const HASH_BYTES = 32;
const FRAME_BYTES = 6;
const TAG_BYTES = 16;

export const RecordType = {
  settings: 1,
  doc: 2,
  file: 3,
  fileChunk: 4,
  end: 5,
} as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];

/** The clear header. Binary values are base64url; times are milliseconds since 1970. */
export type BackupHeader = {
  backupId: string;
  profileId: string;
  /** When the profile itself was created (kept on restore). */
  profileCreatedAt: number;
  createdAt: number;
  kdf: {
    algorithm: 'argon2id';
    memoryKiB: number;
    iterations: number;
    parallelism: number;
    salt: string;
  };
  wrappedMasterKey: string;
  counts: BackupCounts;
};

export type BackupCounts = {
  /** Records after the header, the end record included. */
  records: number;
  docBytes: number;
  files: number;
  fileBytes: number;
};

export type SettingsRecordBody = { autoLockMinutes: number; publicLabel?: string };
export type FileRecordBody = {
  fileId: string;
  size: number;
  contentHash: string;
  chunkCount: number;
};
export type EndRecordBody = BackupCounts & { chain: string };

// ── Errors (codes for the UI; no sentences for users here) ───────────────────────────────────────

/** The bytes are not a Carnet backup at all. */
export class NotABackupError extends Error {
  override readonly name = 'NotABackupError';
  readonly code = 'not-a-backup';
  constructor() {
    super('not a Carnet backup');
  }
}

/** A backup made by a newer Carnet (or with a damaged version byte). */
export class UnsupportedBackupVersionError extends Error {
  override readonly name = 'UnsupportedBackupVersionError';
  readonly code = 'unsupported-version';
  constructor(readonly version: number) {
    super(`unsupported backup version ${version}`);
  }
}

/** The backup ends before its end record: the file was cut (an interrupted copy or download). */
export class TruncatedBackupError extends Error {
  override readonly name = 'TruncatedBackupError';
  readonly code = 'truncated';
  constructor() {
    super('the backup is incomplete');
  }
}

/** Some bytes of the backup were changed (damage or tampering); `where` says which part. */
export class CorruptBackupError extends Error {
  override readonly name = 'CorruptBackupError';
  readonly code = 'corrupt';
  constructor(readonly where: string) {
    super(`the backup is damaged (${where})`);
  }
}

// ── Writing ──────────────────────────────────────────────────────────────────────────────────────

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

function uint32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

/** Magic, version, header and header hash; returns the bytes and the hash records are bound to. */
export async function encodeHeader(
  header: BackupHeader,
): Promise<{ bytes: Uint8Array; headerHash: Uint8Array }> {
  const json = utf8(JSON.stringify(header));
  if (json.length > MAX_HEADER_BYTES) throw new Error('backup header too large');
  const before = concat(MAGIC_BYTES, Uint8Array.of(BACKUP_VERSION), uint32(json.length), json);
  const headerHash = await sha256(before);
  return { bytes: concat(before, headerHash), headerHash };
}

/** The AES-GCM key that seals this backup's records (see the module comment). */
export async function backupRecordKey(backupKey: Uint8Array, backupId: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', backupKey as BufferSource, 'HKDF', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: utf8(backupId) as BufferSource,
      info: utf8('carnet/v1/backup-records') as BufferSource,
    },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function recordAad(
  backupId: string,
  index: number,
  type: RecordType,
  headerHash: Uint8Array,
): Uint8Array {
  return concat(utf8(`carnet/v1/backup/${backupId}/${index}/${type}`), headerHash);
}

/** `bytes` may be a view into a larger buffer (ByteReader hands out views). */
function readUint32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

function frameHeader(type: RecordType, length: number): Uint8Array {
  const out = new Uint8Array(FRAME_BYTES);
  out[0] = type;
  out.set(uint32(length), 1);
  out[5] = 0xa5 ^ out[0]! ^ out[1]! ^ out[2]! ^ out[3]! ^ out[4]!;
  return out;
}

/** Synchronous (53 bytes hashed): an await per record here held restores back by a tenth. */
function nextChain(
  chain: Uint8Array,
  type: RecordType,
  index: number,
  sealed: Uint8Array,
): Uint8Array {
  return sha256Sync(concat(chain, Uint8Array.of(type), uint32(index), sealed.subarray(-TAG_BYTES)));
}

/**
 * Seals records one after the other, numbering them and keeping the running hash. `nonce` is for
 * the known-answer vectors only.
 */
export class RecordSealer {
  #index = 0;
  #chain: Uint8Array;

  constructor(
    private readonly key: CryptoKey,
    private readonly backupId: string,
    private readonly headerHash: Uint8Array,
  ) {
    this.#chain = headerHash;
  }

  /** Records sealed so far. */
  get count(): number {
    return this.#index;
  }

  get chain(): string {
    return toHex(this.#chain);
  }

  async seal(type: RecordType, plaintext: Uint8Array, nonce?: Uint8Array): Promise<Uint8Array> {
    const index = this.#index++;
    const aad = recordAad(this.backupId, index, type, this.headerHash);
    const sealed = await sealChunk(this.key, plaintext, aad, nonce);
    this.#chain = nextChain(this.#chain, type, index, sealed);
    return concat(frameHeader(type, sealed.length), sealed);
  }
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────

/** Reads exact byte counts from a stream, holding no more than the pieces it was handed. */
export class ByteReader {
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #pieces: Uint8Array[] = [];
  #buffered = 0;
  #done = false;

  constructor(source: ReadableStream<Uint8Array>) {
    this.#reader = source.getReader();
  }

  /**
   * Exactly `length` bytes, or null when the stream ends first (what there was is consumed). A
   * view into the stream's own piece when one holds them all (a file's pieces are large): not a
   * copy, so not to be written to.
   */
  async read(length: number): Promise<Uint8Array | null> {
    while (this.#buffered < length && !this.#done) {
      const { done, value } = await this.#reader.read();
      if (done) this.#done = true;
      else if (value.length > 0) {
        this.#pieces.push(value);
        this.#buffered += value.length;
      }
    }
    if (this.#buffered < length) {
      this.#pieces = [];
      this.#buffered = 0;
      return null;
    }
    this.#buffered -= length;
    const first = this.#pieces[0];
    if (first && first.length >= length) {
      if (first.length === length) this.#pieces.shift();
      else this.#pieces[0] = first.subarray(length);
      return first.subarray(0, length);
    }
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const piece = this.#pieces[0]!;
      const take = Math.min(piece.length, length - filled);
      out.set(piece.subarray(0, take), filled);
      filled += take;
      if (take === piece.length) this.#pieces.shift();
      else this.#pieces[0] = piece.subarray(take);
    }
    return out;
  }

  /** Whether the stream has nothing left. */
  async atEnd(): Promise<boolean> {
    if (this.#buffered > 0) return false;
    while (!this.#done) {
      const { done, value } = await this.#reader.read();
      if (done) this.#done = true;
      else if (value.length > 0) {
        this.#pieces.push(value);
        this.#buffered += value.length;
        return false;
      }
    }
    return true;
  }

  /** Stops reading the source (on error, so a file picker's stream is let go). */
  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => undefined);
  }
}

const KDF_LIMITS = { memoryKiB: 1024 * 1024, iterations: 64, parallelism: 16 };

function isHeader(value: unknown): value is BackupHeader {
  if (!value || typeof value !== 'object') return false;
  const header = value as BackupHeader;
  const { kdf, counts } = header;
  const whole = (n: unknown, max = Number.MAX_SAFE_INTEGER): n is number =>
    Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= max;
  return (
    typeof header.backupId === 'string' &&
    /^[A-Za-z0-9_-]{1,64}$/.test(header.backupId) &&
    typeof header.profileId === 'string' &&
    /^[A-Za-z0-9_-]{1,64}$/.test(header.profileId) &&
    whole(header.profileCreatedAt) &&
    whole(header.createdAt) &&
    typeof header.wrappedMasterKey === 'string' &&
    !!kdf &&
    kdf.algorithm === 'argon2id' &&
    typeof kdf.salt === 'string' &&
    whole(kdf.memoryKiB, KDF_LIMITS.memoryKiB) &&
    whole(kdf.iterations, KDF_LIMITS.iterations) &&
    whole(kdf.parallelism, KDF_LIMITS.parallelism) &&
    kdf.iterations >= 1 &&
    kdf.parallelism >= 1 &&
    !!counts &&
    whole(counts.records) &&
    whole(counts.docBytes) &&
    whole(counts.files) &&
    whole(counts.fileBytes)
  );
}

/** Reads and checks magic, version, header and header hash. */
export async function readHeader(
  reader: ByteReader,
): Promise<{ header: BackupHeader; headerHash: Uint8Array }> {
  const preamble = await reader.read(PREAMBLE_BYTES);
  if (!preamble) throw new NotABackupError();
  if (fromLatin1(preamble.subarray(0, MAGIC_BYTES.length)) !== BACKUP_MAGIC) {
    throw new NotABackupError();
  }
  const version = preamble[MAGIC_BYTES.length]!;
  if (version !== BACKUP_VERSION) throw new UnsupportedBackupVersionError(version);
  const length = readUint32(preamble, MAGIC_BYTES.length + 1);
  if (length > MAX_HEADER_BYTES) throw new CorruptBackupError('header');
  const rest = await reader.read(length + HASH_BYTES);
  if (!rest) throw new TruncatedBackupError();
  const json = rest.subarray(0, length);
  const headerHash = rest.subarray(length);
  if (toHex(await sha256(concat(preamble, json))) !== toHex(headerHash)) {
    throw new CorruptBackupError('header');
  }
  let header: unknown;
  try {
    header = JSON.parse(fromUtf8(json));
  } catch {
    throw new CorruptBackupError('header');
  }
  if (!isHeader(header)) throw new CorruptBackupError('header');
  return { header, headerHash };
}

function fromLatin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

export type OpenedRecord = { type: RecordType; index: number; plaintext: Uint8Array };

/** Records read and being opened ahead of the one asked for (each up to MAX_SEALED_BYTES). */
const RECORDS_AHEAD = 8;

/** A record read from the file and being opened; `chainBefore`: the running hash before it. */
type Fetched = { opened: Promise<OpenedRecord>; chainBefore: Uint8Array };

/**
 * Reads records in order, checking each frame, seal and position, and the running hash. It reads
 * and opens up to RECORDS_AHEAD records ahead of the caller (AES-GCM runs off the main thread, so
 * several open at once while the caller stores the previous ones), but never past an end record:
 * what follows it is left for `ByteReader.atEnd`. An error reaches the caller at its own record.
 */
export class RecordOpener {
  /** Records handed to the caller. */
  #index = 0;
  #chainBefore: Uint8Array;
  /** Records read from the file, and the running hash after them. */
  #readCount = 0;
  #chain: Uint8Array;
  #ahead: Promise<Fetched>[] = [];
  #lastFetch: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(
    private readonly reader: ByteReader,
    private readonly key: CryptoKey,
    private readonly backupId: string,
    private readonly headerHash: Uint8Array,
  ) {
    this.#chain = headerHash;
    this.#chainBefore = headerHash;
  }

  /** Records returned by `next` so far. */
  get count(): number {
    return this.#index;
  }

  /** The running hash before the last record returned (what an end record must carry). */
  get chainBeforeLast(): string {
    return toHex(this.#chainBefore);
  }

  /** The next record; TruncatedBackupError when the file ends before the end record. */
  async next(): Promise<OpenedRecord> {
    while (this.#ahead.length < RECORDS_AHEAD && !this.#stopped) {
      // One read at a time, in file order.
      const fetched = this.#lastFetch.then(() => this.#fetch());
      this.#lastFetch = fetched;
      // Read ahead: if the caller stops at an earlier record, nobody awaits this one.
      fetched.then((f) => f.opened).catch(() => undefined);
      this.#ahead.push(fetched);
    }
    const fetched = this.#ahead.shift();
    if (!fetched) throw new CorruptBackupError(`record ${this.#index} after the end`);
    const { opened, chainBefore } = await fetched;
    const record = await opened;
    this.#index = record.index + 1;
    this.#chainBefore = chainBefore;
    return record;
  }

  /** Reads the next record's frame and bytes (in file order) and starts opening it. */
  async #fetch(): Promise<Fetched> {
    // Queued behind the end record: never read what follows it.
    if (this.#stopped) throw new CorruptBackupError(`record ${this.#readCount} after the end`);
    try {
      const frame = await this.reader.read(FRAME_BYTES);
      if (!frame) throw new TruncatedBackupError();
      const type = frame[0]! as RecordType;
      if ((0xa5 ^ frame[0]! ^ frame[1]! ^ frame[2]! ^ frame[3]! ^ frame[4]!) !== frame[5]) {
        throw new CorruptBackupError(`record ${this.#readCount} frame`);
      }
      const length = readUint32(frame, 1);
      if (length > MAX_SEALED_BYTES || !Object.values(RecordType).includes(type)) {
        throw new CorruptBackupError(`record ${this.#readCount} frame`);
      }
      if (type === RecordType.end) this.#stopped = true;
      const sealed = await this.reader.read(length);
      if (!sealed) throw new TruncatedBackupError();
      const index = this.#readCount++;
      const chainBefore = this.#chain;
      this.#chain = nextChain(this.#chain, type, index, sealed);
      const opened = openChunk(
        this.key,
        sealed,
        recordAad(this.backupId, index, type, this.headerHash),
      ).then(
        (plaintext): OpenedRecord => ({ type, index, plaintext }),
        () => {
          throw new CorruptBackupError(`record ${index}`);
        },
      );
      return { opened, chainBefore };
    } catch (error) {
      this.#stopped = true;
      throw error;
    }
  }
}

/** Parses a sealed JSON record body; it opened, so a parse failure means a writer's bug. */
export function parseBody<T>(plaintext: Uint8Array, where: string): T {
  try {
    return JSON.parse(fromUtf8(plaintext)) as T;
  } catch {
    throw new CorruptBackupError(where);
  }
}
