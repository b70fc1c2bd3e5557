/**
 * The functions the bench harness page (main.ts) puts on `window.bench`, typed for both sides:
 * the page implements them, the `*.bench.ts` files call them through `page.evaluate`.
 * Everything crossing the boundary is plain JSON (numbers, strings), never a Y.Doc or a key.
 */

import type { PortableVault } from './vault-copy';

export type KdfRuns = {
  params: { memoryKiB: number; iterations: number; parallelism: number };
  implementation: 'wasm';
  /** Wall time of each derivation, in order; the first one of a page includes loading hash-wasm. */
  runsMs: number[];
};

/** What a home screen shows: how many entries, and the 20 most recently updated ones. */
export type HomeData = { count: number; recentJsonBytes: number; checksum: string };

export type StorageStats = {
  snapshots: number;
  snapshotBytes: number;
  updates: number;
  /** Updates not folded into the newest snapshot: each is opened and applied at every unlock. */
  unfoldedUpdates: number;
  updateBytes: number;
};

export type RecordSetup = {
  profileId: string;
  passphrase: string;
  entries: number;
  edits: number;
  setupMs: number;
  storage: StorageStats;
  /** Size of `Y.encodeStateAsUpdate` of the built record (what the raw-Yjs baseline applies). */
  stateBytes: number;
};

export type UnlockRun = {
  /** From "key derived" to "home screen data ready": RecordStore.open + the home-screen reads. */
  ms: number;
  /** unlockProfile with the setup's small KDF parameters (not part of `ms`). */
  unlockProfileMs: number;
  home: HomeData;
  damage: number;
};

export type RawRun = { ms: number; home: HomeData };

/** The steps of RecordStore's load, replayed one by one with lib/vault's own pieces. */
export type LoadBreakdown = {
  idbReadMs: number;
  decryptSnapshotMs: number;
  decryptUpdatesMs: number;
  applySnapshotMs: number;
  applyUpdatesMs: number;
  /** doc.transact's own end-of-transaction work (observers, cleanup), after both applies. */
  transactionEndMs: number;
  homeMs: number;
  totalMs: number;
  snapshotBytes: number;
  unfoldedUpdates: number;
  unfoldedUpdateBytes: number;
  /** For comparison: the same snapshot opened with WebCrypto AES-256-GCM instead of XChaCha. */
  webCryptoDecryptSnapshotMs: number;
  /** For comparison: the unfolded updates opened with WebCrypto AES-256-GCM, all at once. */
  webCryptoDecryptUpdatesMs: number;
  /** For comparison: the snapshot alone applied (as if the updates had been folded in). */
  applySnapshotOnlyMs: number;
  /** For comparison: reading only the newest snapshot and the updates from the first unfolded on. */
  idbReadNeededOnlyMs: number;
};

export type HeapRecord = { home: HomeData };

export type AttachmentsSetup = {
  files: number;
  bytesPerFile: number;
  setupMs: number;
};

/**
 * The file hash writeFile computes: noble's SHA-256 (as shipped), hash-wasm's on the main thread or
 * in a worker, none, or WebCrypto SHA-256 of each chunk then of the list of chunk digests.
 */
export type FileHash = 'noble' | 'wasm' | 'worker' | 'none' | 'chunkDigests';
export type WriteVariant = { hash: FileHash; parallel: boolean };
export type ReadVariant = { parallel: boolean; prefetch: boolean };

export type TransferRun = { ms: number; bytes: number; files: number };

export type AttachmentBreakdown = {
  /** The same bytes, with nothing stored: each cost alone, in MiB/s. */
  aesGcmSealMiBs: number;
  aesGcmOpenMiBs: number;
  nobleSha256MiBs: number;
  /** One-shot crypto.subtle.digest per file (WebCrypto has no incremental SHA-256). */
  webCryptoSha256MiBs: number;
  /** hash-wasm's incremental SHA-256, fed 256 KiB at a time. */
  hashWasmSha256MiBs: number;
  rechunkMiBs: number;
};

/** A search over the sample record: each query's wall time per round, and how many it found. */
export type SearchQueryRuns = { query: string; hits: number; runsMs: number[] };

export type SearchRuns = {
  entries: number;
  /** Indexed entries (those of the record not in the bin). */
  indexed: number;
  /** `new RecordSearchIndex(doc)`: the whole record indexed at once. */
  indexMs: number;
  /** `RecordSearchIndex.build(doc)`, as the app builds it: slices of 500, yielding between them. */
  slicedBuildMs: number;
  queries: SearchQueryRuns[];
};

/** A profile holding the sample record (lib/record's fillSampleRecord), saved and locked. */
export type SampleVault = {
  profileId: string;
  passphrase: string;
  entries: number;
  setupMs: number;
};

/** The patient's files for the share transfer bench (share-api.ts), in memory. */
export type ShareFilesSetup = { files: number; bytes: number; setupMs: number };

/** What the patient's page sends once a professional's data channel opens. */
export type ShareHostMode = 'share' | 'raw';

/** A plain data channel's sending: message size and bufferedAmount water marks. */
export type RawMarks = { messageBytes: number; highWaterBytes: number; lowWaterBytes: number };

/** One transfer, timed in the professional's page. */
export type ShareTransferRun = {
  files: number;
  bytes: number;
  /** connectAsGuest: from the call to the data channel open. */
  connectMs: number;
  /** Data channel open → the patient's Allow arrives (share), or the request is sent (raw). */
  handshakeMs: number;
  /** Allow → first sync complete (share only). */
  syncMs: number | null;
  /** Allow (share) or request sent (raw) → the last byte of the last file received. */
  ms: number;
  /** Every file's SHA-256 matches its entry's contentHash (raw: the byte count matches). */
  verified: boolean;
  /** Pauses of 200 ms or more between two messages received, and their total length. */
  stalls: number;
  stalledMs: number;
};

/**
 * noble's XChaCha20-Poly1305 over 64 KiB frames, as FramedChannel seals and opens them, and
 * WebCrypto's AES-256-GCM sealing the same frames, for comparison.
 */
export type CipherCosts = { sealMiBs: number; openMiBs: number; aesGcmSealMiBs: number };

export interface BenchApi {
  /** Deletes every IndexedDB database of the origin. */
  resetStorage(): Promise<void>;
  kdf(runs: number): Promise<KdfRuns>;
  /**
   * Builds the record through RecordStore: the entries in one transaction, saved, compacted, then
   * `edits` transactions each changing one entry, saved, then closed — with `closedByLock`, as the
   * app's lock closes it (folding the edits into a snapshot); without, as a tab killed first.
   */
  buildRecord(options: {
    entries: number;
    edits: number;
    seed: number;
    closedByLock: boolean;
  }): Promise<RecordSetup>;
  unlockRun(profileId: string, passphrase: string): Promise<UnlockRun>;
  /** Keeps `Y.encodeStateAsUpdate` of the record (opened once, untimed) for `rawYjsRun`. */
  captureRawState(profileId: string, passphrase: string): Promise<number>;
  rawYjsRun(): Promise<RawRun>;
  loadBreakdown(profileId: string, passphrase: string): Promise<LoadBreakdown>;
  /** Opens the record and keeps it open (store + doc held by the page) for a heap reading. */
  openAndHold(profileId: string, passphrase: string): Promise<HeapRecord>;
  prepareAttachments(options: {
    files: number;
    mib: number;
    seed: number;
  }): Promise<AttachmentsSetup>;
  attachWrite(kind: 'enc' | 'raw'): Promise<TransferRun>;
  /** A copy of writeFile with the file hash swapped, into the vault's own stores (what-if). */
  attachWriteReplica(variant: WriteVariant): Promise<TransferRun>;
  attachRead(kind: 'enc' | 'raw'): Promise<TransferRun>;
  /** A copy of readFile with concurrency knobs, reading the encrypted files stored last. */
  attachReadReplica(variant: ReadVariant): Promise<TransferRun>;
  /** Reads every stored file back (encrypted and raw) and compares it with its source bytes. */
  verifyAttachments(): Promise<boolean>;
  clearAttachments(): Promise<void>;
  attachmentBreakdown(): Promise<AttachmentBreakdown>;
  /**
   * Fills a Y.Doc with the sample record, indexes it (at once, then as the app does), and runs
   * each query `rounds` times in turn after one untimed round.
   */
  searchRuns(options: {
    entries: number;
    seed: number;
    queries: string[];
    rounds: number;
  }): Promise<SearchRuns>;
  /** Stores the sample record in a new profile of this origin's vault, as the app would. */
  buildSampleVault(options: { entries: number; seed: number }): Promise<SampleVault>;
  /** Every record of this origin's vault database, for restoreVault on the app's origin. */
  dumpVault(): Promise<PortableVault>;
  /** Makes `files` files of random bytes and a share doc with one document entry each. */
  prepareShareFiles(options: { files: number; fileBytes: number }): Promise<ShareFilesSetup>;
  /**
   * Patient's page: listens in the room of `secret` and, when a professional's channel opens,
   * sends the prepared files as `mode` says (`raw` with `raw`'s marks; `share` with FramedChannel's
   * marks divided by `scale`, if given). Resolves once the signaling room is joined.
   */
  shareHost(options: {
    mode: ShareHostMode;
    secret: string;
    raw?: RawMarks;
    scale?: number;
  }): Promise<void>;
  /** Ends the hosted run: session, listener, connections. */
  shareHostStop(): Promise<void>;
  /** Professional's page: connects, says hello, is allowed, receives every file. */
  shareGuestRun(options: { secret: string; files: number }): Promise<ShareTransferRun>;
  /** Professional's page: connects, asks, receives `bytes` bytes over the bare data channel. */
  rawGuestRun(options: { secret: string; bytes: number }): Promise<ShareTransferRun>;
  cipherCosts(options: { mib: number }): Promise<CipherCosts>;
}

declare global {
  interface Window {
    bench: BenchApi;
    benchReady: boolean;
  }
}
