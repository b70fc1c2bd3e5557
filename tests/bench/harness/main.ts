/**
 * The bench harness page: runs lib/crypto and lib/vault in a real Chromium page and puts the
 * functions the `*.bench.ts` files time on `window.bench` (typed in api.ts). Built by
 * vite.config.ts beside this file; not part of the app.
 *
 * Timings are taken here, in the page, with performance.now(), so nothing of Playwright's
 * round trips is counted. Node takes the medians and records the metrics.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import * as Y from 'yjs';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  KDF_DEFAULTS,
  SALT_BYTES,
  aad,
  deriveKek,
  fromBase64Url,
  fromUtf8,
  importFileKey,
  open,
  openChunk,
  randomBytes,
  seal,
  sealChunk,
  toBase64Url,
  toHex,
  utf8,
} from '../../../src/lib/crypto';
import {
  CHUNK_BYTES,
  RecordStore,
  createProfile,
  readFile,
  unlockProfile,
  writeFile,
  type UnlockedProfile,
} from '../../../src/lib/vault';
import { rechunk } from '../../../src/lib/vault/attachments';
import { prng } from '../../../src/lib/record/sample-record';
import { openVaultDb, profileRange } from '../../../src/lib/vault/db';
import type {
  AttachmentBreakdown,
  BenchApi,
  FileHash,
  HomeData,
  LoadBreakdown,
  ReadVariant,
  RecordSetup,
  StorageStats,
  TransferRun,
  WriteVariant,
} from './api';
import { backupApi } from './backup-api';
import { fhirApi } from './fhir-api';
import { shareApi } from './share-api';
import { storyApi } from './story-api';

/** Small Argon2id parameters for setup only: the unlock bench starts after "key derived". */
const SETUP_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 };
/** No automatic compaction while benching: storage stays exactly as the setup left it. */
const NEVER_COMPACT = { compactThreshold: Number.MAX_SAFE_INTEGER };
/** As lib/vault/attachments.ts (not exported there). */
const CHUNKS_PER_TRANSACTION = 16;
const RAW_DB_NAME = 'bench-raw-attachments';

const now = () => performance.now();

// ---------------------------------------------------------------------------------------------
// Deterministic "realistic" health-record entries.

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function fakeId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 22; i++) id += ALPHABET[Math.floor(random() * 64)];
  return id;
}

const DOCTORS = [
  'Dr Sophie Lefèvre',
  'Dr Karim Benali',
  'Dr Anne-Marie Dubois',
  'Dr Jean Moreau',
  'Dr Claire Nguyen',
  'Dr Thomas Girard',
];
const SPECIALTIES = [
  'médecin généraliste',
  'cardiologue',
  'dermatologue',
  'pédiatre',
  'ophtalmologiste',
  'rhumatologue',
];
const PLACES = [
  '12 rue des Lilas, 69003 Lyon',
  'Centre hospitalier de Valence, service de cardiologie',
  'Cabinet médical, 4 place de la République, 26000 Valence',
  'Laboratoire Biomed, 18 avenue Jean Jaurès, 38000 Grenoble',
];
const DOCUMENT_TITLES = [
  'Compte rendu de consultation',
  'Résultats de prise de sang (bilan lipidique, glycémie à jeun)',
  'Ordonnance',
  'Compte rendu d’échographie abdominale',
  'Lettre de liaison à la sortie d’hospitalisation',
  'Radiographie thoracique de face',
];
const MEDICATIONS = [
  ['Amoxicilline 1 g', '1 comprimé matin et soir pendant 7 jours'],
  ['Paracétamol 500 mg', '1 à 2 comprimés toutes les 6 heures si douleur, sans dépasser 3 g/jour'],
  ['Ramipril 5 mg', '1 comprimé le matin'],
  ['Lévothyroxine 75 µg', '1 comprimé le matin à jeun, 30 minutes avant le petit déjeuner'],
  ['Ventoline 100 µg', '2 bouffées en cas de gêne respiratoire'],
] as const;
const MEASURES: readonly [string, (random: () => number) => string][] = [
  ['tension', (r) => `${110 + Math.floor(r() * 40)}/${65 + Math.floor(r() * 25)} mmHg`],
  ['poids', (r) => `${(55 + r() * 40).toFixed(1)} kg`],
  ['glycémie', (r) => `${(0.8 + r() * 0.6).toFixed(2)} g/L`],
  ['température', (r) => `${(36.2 + r() * 2.5).toFixed(1)} °C`],
];
const NOTES = [
  'Douleurs au genou droit après la randonnée, à signaler au prochain rendez-vous.',
  'Le traitement semble bien toléré, un peu de fatigue les premiers jours seulement.',
  'Penser à apporter les anciennes radios et la carte de groupe sanguin.',
  'Vaccin de rappel prévu dans dix ans ; vérifier le carnet papier de l’enfance.',
  'Éruption cutanée sur les avant-bras, pas de fièvre ; photo prise pour le dermatologue.',
];
const VACCINES = ['DTCaP (rappel)', 'Grippe saisonnière', 'ROR', 'Hépatite B', 'Covid-19 (rappel)'];
const ALLERGIES = [
  ['Pénicilline', 'urticaire généralisée'],
  ['Arachide', 'œdème des lèvres'],
  ['Latex', 'eczéma de contact'],
  ['Pollen de graminées', 'rhinite et conjonctivite au printemps'],
] as const;
const SOURCES = ['patient', 'patient', 'patient', 'import:dmp', 'import:cda', 'professional'];
const KINDS = [
  'document',
  'measurement',
  'appointment',
  'medication',
  'vaccination',
  'note',
  'allergy',
] as const;

const YEAR_MS = 365 * 24 * 3600 * 1000;
const EPOCH = Date.UTC(2025, 0, 1);

function entryFields(random: () => number): Record<string, string | number> {
  const kind = pick(random, KINDS);
  const createdAt = Math.floor(EPOCH - random() * 10 * YEAR_MS);
  const base = {
    id: fakeId(random),
    kind,
    createdAt,
    updatedAt: createdAt + Math.floor(random() * 3600_000),
    source: pick(random, SOURCES),
  };
  const doctor = `${pick(random, DOCTORS)}, ${pick(random, SPECIALTIES)}`;
  switch (kind) {
    case 'document':
      return {
        ...base,
        title: pick(random, DOCUMENT_TITLES),
        author: doctor,
        fileId: fakeId(random),
        mimeType: pick(random, ['application/pdf', 'image/jpeg', 'text/xml']),
      };
    case 'measurement': {
      const [type, value] = pick(random, MEASURES);
      return {
        ...base,
        type,
        value: value(random),
        context: pick(random, ['au réveil', 'au cabinet']),
      };
    }
    case 'appointment':
      return {
        ...base,
        practitioner: doctor,
        place: pick(random, PLACES),
        reason: pick(random, ['Suivi annuel', 'Contrôle tension', 'Renouvellement ordonnance']),
        at: createdAt + Math.floor(random() * 30) * 86_400_000,
      };
    case 'medication': {
      const [name, dosage] = pick(random, MEDICATIONS);
      return { ...base, name, dosage, prescriber: doctor };
    }
    case 'vaccination':
      return {
        ...base,
        vaccine: pick(random, VACCINES),
        lot: `${fakeId(random).slice(0, 6).toUpperCase()}`,
        site: pick(random, ['deltoïde gauche', 'deltoïde droit', 'cuisse']),
      };
    case 'note':
      return {
        ...base,
        title: 'Note',
        text: pick(random, NOTES),
        mood: pick(random, ['ok', 'bof']),
      };
    case 'allergy': {
      const [substance, reaction] = pick(random, ALLERGIES);
      return { ...base, substance, reaction, severity: pick(random, ['légère', 'sévère']) };
    }
  }
}

/** The field each kind's edit rewrites (plus updatedAt, as every real edit bumps it). */
const EDITABLE: Record<(typeof KINDS)[number], string> = {
  document: 'title',
  measurement: 'value',
  appointment: 'reason',
  medication: 'dosage',
  vaccination: 'site',
  note: 'text',
  allergy: 'reaction',
};

// ---------------------------------------------------------------------------------------------
// The home screen: entry count and the 20 most recently updated entries.

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

function homeScreen(doc: Y.Doc): HomeData {
  const entries = doc.getMap<Y.Map<unknown>>('entries');
  const recent: { at: number; entry: Y.Map<unknown> }[] = [];
  let floor = -Infinity;
  entries.forEach((entry) => {
    const at = entry.get('updatedAt') as number;
    if (recent.length === 20 && at <= floor) return;
    recent.push({ at, entry });
    if (recent.length > 20) {
      recent.sort((a, b) => b.at - a.at);
      recent.length = 20;
      floor = recent[19]!.at;
    }
  });
  recent.sort((a, b) => b.at - a.at);
  const json = JSON.stringify(recent.map(({ entry }) => entry.toJSON()));
  return { count: entries.size, recentJsonBytes: json.length, checksum: fnv1a(json) };
}

// ---------------------------------------------------------------------------------------------
// The record.

async function storageStats(profileId: string): Promise<StorageStats> {
  const db = await openVaultDb();
  const range = profileRange(profileId);
  const snapshotKeys = await db.getAllKeys('snapshots', range);
  const snapshots = await db.getAll('snapshots', range);
  const updates = await db.getAll('updates', range);
  const newest = Math.max(-1, ...snapshotKeys.map(([, generation]) => generation));
  return {
    snapshots: snapshots.length,
    snapshotBytes: snapshots.reduce((sum, { body }) => sum + body.length, 0),
    updates: updates.length,
    // RecordStore's own rule for what it opens and applies at load.
    unfoldedUpdates: updates.filter(({ folded }) => folded === 0 || folded > newest).length,
    updateBytes: updates.reduce((sum, { body, meta }) => sum + body.length + meta.length, 0),
  };
}

let rawState: Uint8Array | null = null;

/** RecordStore's #readAll reads: everything of the profile, in one readonly transaction. */
async function readSealed(profileId: string) {
  const db = await openVaultDb();
  const range = profileRange(profileId);
  const tx = db.transaction(['snapshots', 'updates'], 'readonly');
  const [snapshotKeys, snapshotValues, updateKeys, updateValues] = await Promise.all([
    tx.objectStore('snapshots').getAllKeys(range),
    tx.objectStore('snapshots').getAll(range),
    tx.objectStore('updates').getAllKeys(range),
    tx.objectStore('updates').getAll(range),
  ]);
  return { snapshotKeys, snapshotValues, updateKeys, updateValues };
}

// ---------------------------------------------------------------------------------------------
// Attachments.

interface RawSchema extends DBSchema {
  chunks: { key: [string, string, number]; value: Uint8Array };
  files: { key: [string, string]; value: { size: number; chunkCount: number } };
}

let files: Uint8Array[] = [];
let attachProfile: UnlockedProfile | null = null;
let rawDb: IDBPDatabase<RawSchema> | null = null;
const stored: Record<'enc' | 'raw', string[]> = { enc: [], raw: [] };
const RAW_PROFILE = 'raw';

/** A file as the app gets it from a picker: a stream of 64 KiB pieces. */
function sourceStream(bytes: Uint8Array, piece = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + piece));
        offset += piece;
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * writeFile without the crypto: same stream, same 256 KiB records, same 16 records per relaxed
 * transaction with one in flight while the next batch fills, same small strict "manifest" write
 * at the end. Only sealing and hashing are missing.
 */
async function rawWriteFile(db: IDBPDatabase<RawSchema>, source: ReadableStream<Uint8Array>) {
  const fileId = crypto.randomUUID();
  let index = 0;
  let size = 0;
  let batch: [number, Uint8Array][] = [];
  let writing: Promise<void> = Promise.resolve();
  const writeChunks = async (chunks: [number, Uint8Array][]) => {
    const tx = db.transaction('chunks', 'readwrite', { durability: 'relaxed' });
    for (const [i, chunk] of chunks) void tx.store.put(chunk, [RAW_PROFILE, fileId, i]);
    await tx.done;
  };
  const flush = async () => {
    const chunks = batch;
    batch = [];
    await writing;
    writing = writeChunks(chunks);
  };
  for await (const chunk of rechunk(source)) {
    // rechunk's last piece is a view of a 256 KiB buffer: store only its bytes.
    batch.push([index++, chunk.length === chunk.buffer.byteLength ? chunk : chunk.slice()]);
    size += chunk.length;
    if (batch.length >= CHUNKS_PER_TRANSACTION) await flush();
  }
  await flush();
  await writing;
  const tx = db.transaction('files', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put({ size, chunkCount: index }, [RAW_PROFILE, fileId]), tx.done]);
  return fileId;
}

/** readFile without the crypto: same pull stream, one readonly transaction per 16 records. */
function rawReadFile(db: IDBPDatabase<RawSchema>, fileId: string): ReadableStream<Uint8Array> {
  let state: { chunkCount: number; next: number } | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!state) {
          const manifest = await db.get('files', [RAW_PROFILE, fileId]);
          if (!manifest) throw new Error(`no raw file ${fileId}`);
          state = { chunkCount: manifest.chunkCount, next: 0 };
        }
        const first = state.next;
        const last = Math.min(first + CHUNKS_PER_TRANSACTION, state.chunkCount) - 1;
        const range = IDBKeyRange.bound([RAW_PROFILE, fileId, first], [RAW_PROFILE, fileId, last]);
        const values = await db.transaction('chunks').store.getAll(range);
        for (const value of values) controller.enqueue(value);
        state.next = last + 1;
        if (state.next >= state.chunkCount) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

type Hasher = { update(data: Uint8Array): void; digest(): Promise<Uint8Array> };

async function hasher(kind: FileHash): Promise<Hasher> {
  if (kind === 'noble') {
    const noble = sha256.create();
    return { update: (data) => void noble.update(data), digest: async () => noble.digest() };
  }
  if (kind === 'none') return { update: () => undefined, digest: async () => new Uint8Array(32) };
  if (kind === 'chunkDigests') {
    // WebCrypto has no incremental SHA-256: hash each chunk (off the main thread, concurrently)
    // and the list of chunk digests at the end. Not the file's plain SHA-256.
    const digests: Promise<ArrayBuffer>[] = [];
    return {
      update: (data) => void digests.push(crypto.subtle.digest('SHA-256', data as BufferSource)),
      digest: async () => {
        const all = (await Promise.all(digests)).map((digest) => new Uint8Array(digest));
        const joined = new Uint8Array(all.length * 32);
        all.forEach((digest, i) => joined.set(digest, i * 32));
        return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
      },
    };
  }
  if (kind === 'worker') {
    // hash-wasm in a dedicated worker, fed a copy of each chunk: hashing runs beside sealing and
    // IndexedDB instead of in turn with them.
    const worker = new Worker(new URL('./hash-worker.ts', import.meta.url), { type: 'module' });
    return {
      update: (data) => {
        const copy = data.slice();
        worker.postMessage(copy, [copy.buffer]);
      },
      digest: () =>
        new Promise<Uint8Array>((resolve) => {
          worker.onmessage = (event: MessageEvent<Uint8Array>) => {
            resolve(event.data);
            worker.terminate();
          };
          worker.postMessage('digest');
        }),
    };
  }
  // Imported when used, as lib/crypto/kdf.ts does, so the KDF's cold run still loads the chunk.
  const { createSHA256 } = await import('hash-wasm');
  const wasm = await createSHA256();
  wasm.init();
  return { update: (data) => void wasm.update(data), digest: async () => wasm.digest('binary') };
}

/**
 * lib/vault/attachments.ts's writeFile, copied line for line (error handling aside), with two
 * knobs for what-if runs: the whole-file hash, and `parallel` (each chunk's sealing starts as soon
 * as the chunk is known, and a batch waits for all its seals at once, instead of one await per
 * chunk). With { hash: 'noble', parallel: false } it is writeFile's own code, which checks the copy.
 */
async function writeFileReplica(
  profile: UnlockedProfile,
  source: ReadableStream<Uint8Array>,
  { hash: hashKind, parallel }: WriteVariant,
): Promise<string> {
  const db = await openVaultDb();
  const { profileId } = profile;
  const fileId = crypto.randomUUID();
  const rawKey = randomBytes(32);
  const key = await importFileKey(rawKey);
  const hash = await hasher(hashKind);
  const chunkAad = (index: number, final: boolean) =>
    aad('blob', profileId, `${fileId}:${index}:${final ? 'last' : 'more'}`);
  let index = 0;
  let size = 0;
  let batch: [number, Uint8Array | Promise<Uint8Array>][] = [];
  let writing: Promise<void> = Promise.resolve();
  const writeChunks = async (chunks: [number, Uint8Array][]) => {
    const tx = db.transaction('chunks', 'readwrite', { durability: 'relaxed' });
    for (const [i, sealed] of chunks) void tx.store.put(sealed, [profileId, fileId, i]);
    await tx.done;
  };
  const flush = async () => {
    const pending = batch;
    batch = [];
    const chunks = parallel
      ? await Promise.all(
          pending.map(async ([i, sealed]): Promise<[number, Uint8Array]> => [i, await sealed]),
        )
      : (pending as [number, Uint8Array][]);
    await writing;
    writing = writeChunks(chunks);
  };
  const sealOne = (plain: Uint8Array, final: boolean) =>
    sealChunk(key, plain, chunkAad(index, final));
  let previous: Uint8Array | null = null;
  for await (const chunk of rechunk(source)) {
    if (previous) {
      batch.push([index, parallel ? sealOne(previous, false) : await sealOne(previous, false)]);
      index++;
      if (batch.length >= CHUNKS_PER_TRANSACTION) await flush();
    }
    hash.update(chunk);
    size += chunk.length;
    previous = chunk;
  }
  batch.push([index, parallel ? sealOne(previous!, true) : await sealOne(previous!, true)]);
  await flush();
  await writing;
  const manifest = { key: toBase64Url(rawKey), size, chunkCount: index + 1 };
  const body = seal(
    profile.blobKey,
    utf8(JSON.stringify({ ...manifest, sha256: toHex(await hash.digest()) })),
    aad('file', profileId, fileId),
  );
  const tx = db.transaction('files', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put({ body }, [profileId, fileId]), tx.done]);
  rawKey.fill(0);
  return fileId;
}

/**
 * lib/vault/attachments.ts's readFile, copied (typed errors aside), with two knobs for what-if
 * runs: `parallel` opens a batch's 16 chunks concurrently instead of one await each, `prefetch`
 * starts reading the next batch from IndexedDB while this one is opened. With both off it is
 * readFile's own code, which checks the copy.
 */
function readFileReplica(
  profile: UnlockedProfile,
  fileId: string,
  { parallel, prefetch }: ReadVariant,
): ReadableStream<Uint8Array> {
  const { profileId } = profile;
  type Batch = {
    first: number;
    last: number;
    keys: [string, string, number][];
    values: Uint8Array[];
  };
  type State = {
    db: Awaited<ReturnType<typeof openVaultDb>>;
    key: CryptoKey;
    chunkCount: number;
    next: number;
    ahead: Promise<Batch> | null;
  };
  let state: State | null = null;
  const chunkAad = (index: number, final: boolean) =>
    aad('blob', profileId, `${fileId}:${index}:${final ? 'last' : 'more'}`);
  const readBatch = async ({ db, chunkCount }: State, first: number): Promise<Batch> => {
    const last = Math.min(first + CHUNKS_PER_TRANSACTION, chunkCount) - 1;
    const range = IDBKeyRange.bound([profileId, fileId, first], [profileId, fileId, last]);
    const tx = db.transaction('chunks');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)]);
    return { first, last, keys, values };
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!state) {
          const db = await openVaultDb();
          const record = await db.get('files', [profileId, fileId]);
          if (!record) throw new Error(`no file ${fileId}`);
          const manifest = JSON.parse(
            fromUtf8(open(profile.blobKey, record.body, aad('file', profileId, fileId))),
          ) as { key: string; chunkCount: number };
          const raw = fromBase64Url(manifest.key);
          const key = await importFileKey(raw);
          state = { db, key, chunkCount: manifest.chunkCount, next: 0, ahead: null };
          raw.fill(0);
        }
        const current = state;
        const { first, last, keys, values } = await (current.ahead ??
          readBatch(current, current.next));
        current.ahead =
          prefetch && last + 1 < current.chunkCount ? readBatch(current, last + 1) : null;
        for (let index = first; index <= last; index++) {
          if (keys[index - first]?.[2] !== index) throw new Error(`chunk ${index} missing`);
        }
        const opening = (index: number) =>
          openChunk(
            current.key,
            values[index - first]!,
            chunkAad(index, index === current.chunkCount - 1),
          );
        if (parallel) {
          const indices = Array.from({ length: last - first + 1 }, (_, i) => first + i);
          for (const plain of await Promise.all(indices.map(opening))) controller.enqueue(plain);
        } else {
          for (let index = first; index <= last; index++) controller.enqueue(await opening(index));
        }
        current.next = last + 1;
        if (current.next >= current.chunkCount) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

async function drain(stream: ReadableStream<Uint8Array>, keep = false) {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (keep) parts.push(value);
  }
  return { bytes, parts };
}

function sameBytes(expected: Uint8Array, parts: Uint8Array[]): boolean {
  let offset = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) if (part[i] !== expected[offset + i]) return false;
    offset += part.length;
  }
  return offset === expected.length;
}

function mibPerSecond(bytes: number, ms: number): number {
  return bytes / 1024 / 1024 / (ms / 1000);
}

// ---------------------------------------------------------------------------------------------

const api: BenchApi = {
  ...storyApi,
  ...shareApi,
  ...backupApi,
  ...fhirApi,

  async resetStorage() {
    rawDb?.close();
    rawDb = null;
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      });
    }
  },

  async kdf(runs) {
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const params = {
        algorithm: 'argon2id' as const,
        ...KDF_DEFAULTS,
        salt: randomBytes(SALT_BYTES),
      };
      const start = now();
      const kek = await deriveKek('correct horse battery staple', params, 'wasm');
      runsMs.push(now() - start);
      if (kek.length !== 32) throw new Error('unexpected key length');
    }
    const { memoryKiB, iterations, parallelism } = KDF_DEFAULTS;
    return { params: { memoryKiB, iterations, parallelism }, implementation: 'wasm', runsMs };
  },

  async buildRecord({ entries: count, edits, seed, closedByLock }) {
    const start = now();
    const passphrase = `bench passphrase ${seed}`;
    const profile = await createProfile({ passphrase, kdf: SETUP_KDF });
    const doc = new Y.Doc();
    const store = await RecordStore.open(profile, doc, NEVER_COMPACT);
    const random = prng(seed);
    const entries = doc.getMap<Y.Map<unknown>>('entries');
    const ids: string[] = [];
    doc.transact(() => {
      for (let i = 0; i < count; i++) {
        const fields = entryFields(random);
        ids.push(fields.id as string);
        entries.set(fields.id as string, new Y.Map(Object.entries(fields)));
      }
    });
    await store.whenSaved();
    await store.compact();
    let clock = EPOCH;
    for (let i = 0; i < edits; i++) {
      const entry = entries.get(pick(random, ids))!;
      const kind = entry.get('kind') as (typeof KINDS)[number];
      doc.transact(() => {
        entry.set(EDITABLE[kind], `${String(entry.get(EDITABLE[kind]))} (modifié ${i})`);
        entry.set('updatedAt', (clock += 60_000));
      });
    }
    await store.whenSaved();
    const stateBytes = Y.encodeStateAsUpdate(doc).length;
    // As the app leaves it: locking folds the session's edits into a snapshot. Without that (the
    // tab was killed before locking), the edits stay as 1,000 separate updates.
    await store.close({ compact: closedByLock });
    doc.destroy();
    profile.lock();
    const setup: RecordSetup = {
      profileId: profile.profileId,
      passphrase,
      entries: count,
      edits,
      setupMs: now() - start,
      storage: await storageStats(profile.profileId),
      stateBytes,
    };
    return setup;
  },

  async unlockRun(profileId, passphrase) {
    const unlockStart = now();
    const profile = await unlockProfile(profileId, passphrase);
    const start = now(); // "key derived"
    const doc = new Y.Doc();
    const store = await RecordStore.open(profile, doc, NEVER_COMPACT);
    const home = homeScreen(doc);
    const end = now(); // "home screen data ready"
    const damage = store.damage.length;
    await store.close();
    doc.destroy();
    profile.lock();
    return { ms: end - start, unlockProfileMs: start - unlockStart, home, damage };
  },

  async captureRawState(profileId, passphrase) {
    const profile = await unlockProfile(profileId, passphrase);
    const doc = new Y.Doc();
    const store = await RecordStore.open(profile, doc, NEVER_COMPACT);
    rawState = Y.encodeStateAsUpdate(doc);
    await store.close();
    doc.destroy();
    profile.lock();
    return rawState.length;
  },

  async rawYjsRun() {
    if (!rawState) throw new Error('captureRawState first');
    const start = now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, rawState);
    const home = homeScreen(doc);
    const end = now();
    doc.destroy();
    return { ms: end - start, home };
  },

  async loadBreakdown(profileId, passphrase) {
    // RecordStore's #readAll and #load, step by step, with the same calls and the same filter.
    const profile = await unlockProfile(profileId, passphrase);
    const key = profile.docKey;
    const t0 = now();
    const { snapshotKeys, snapshotValues, updateKeys, updateValues } = await readSealed(profileId);
    const t1 = now();
    const generations = snapshotKeys
      .map(([, generation], i) => ({ generation, record: snapshotValues[i]! }))
      .sort((a, b) => b.generation - a.generation);
    const newest = generations[0]!;
    // Snapshot format: AES-256-GCM body under a random key sealed (XChaCha) by the doc key.
    const snapshotKey = open(
      key,
      newest.record.key,
      aad('snapshot-key', profileId, String(newest.generation)),
    );
    const state = await openChunk(
      await importFileKey(snapshotKey),
      newest.record.body,
      aad('snapshot', profileId, String(newest.generation)),
    );
    const t2 = now();
    const unfolded = updateKeys
      .map(([, id], i) => ({ id, record: updateValues[i]! }))
      .filter(({ record }) => record.folded === 0 || record.folded > newest.generation);
    const bodies = unfolded.map(({ id, record }) =>
      open(key, record.body, aad('doc', profileId, id)),
    );
    const t3 = now();
    const doc = new Y.Doc();
    let t4 = 0;
    let t5 = 0;
    doc.transact(() => {
      Y.applyUpdate(doc, state);
      t4 = now();
      for (const body of bodies) Y.applyUpdate(doc, body);
      t5 = now();
    });
    const t6 = now();
    homeScreen(doc);
    const t7 = now();
    doc.destroy();

    // Comparisons, outside the timed path above.
    const gcmKey = await importFileKey(randomBytes(32));
    const nonce = randomBytes(12);
    const gcmSealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: nonce as BufferSource },
        gcmKey,
        state as BufferSource,
      ),
    );
    const g0 = now();
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce as BufferSource }, gcmKey, gcmSealed);
    const g1 = now();
    const updateNonces = bodies.map(() => randomBytes(12));
    const gcmUpdates = await Promise.all(
      bodies.map((body, i) =>
        crypto.subtle.encrypt(
          { name: 'AES-GCM', iv: updateNonces[i]! as BufferSource },
          gcmKey,
          body as BufferSource,
        ),
      ),
    );
    const u0 = now();
    await Promise.all(
      gcmUpdates.map((sealed, i) =>
        crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: updateNonces[i]! as BufferSource },
          gcmKey,
          sealed,
        ),
      ),
    );
    const u1 = now();
    const only = new Y.Doc();
    const s0 = now();
    Y.applyUpdate(only, state);
    const s1 = now();
    only.destroy();
    // Reading only what the load uses: the newest snapshot, and the updates from the first
    // unfolded one on (as an index on "folded", or a separate store for folded ones, would allow).
    const db = await openVaultDb();
    const range = profileRange(profileId);
    const r0 = now();
    const tx = db.transaction(['snapshots', 'updates'], 'readonly');
    const firstUnfolded = unfolded[0]?.id;
    await Promise.all([
      tx.objectStore('snapshots').getAllKeys(range),
      tx.objectStore('snapshots').get([profileId, newest.generation]),
      firstUnfolded === undefined
        ? Promise.resolve([])
        : tx
            .objectStore('updates')
            .getAll(IDBKeyRange.bound([profileId, firstUnfolded], [profileId, []])),
    ]);
    const r1 = now();
    profile.lock();

    const result: LoadBreakdown = {
      idbReadMs: t1 - t0,
      decryptSnapshotMs: t2 - t1,
      decryptUpdatesMs: t3 - t2,
      applySnapshotMs: t4 - t3,
      applyUpdatesMs: t5 - t4,
      transactionEndMs: t6 - t5,
      homeMs: t7 - t6,
      totalMs: t7 - t0,
      snapshotBytes: newest.record.body.length,
      unfoldedUpdates: unfolded.length,
      unfoldedUpdateBytes: unfolded.reduce((sum, { record }) => sum + record.body.length, 0),
      webCryptoDecryptSnapshotMs: g1 - g0,
      webCryptoDecryptUpdatesMs: u1 - u0,
      applySnapshotOnlyMs: s1 - s0,
      idbReadNeededOnlyMs: r1 - r0,
    };
    return result;
  },

  async openAndHold(profileId, passphrase) {
    const profile = await unlockProfile(profileId, passphrase);
    const doc = new Y.Doc();
    const store = await RecordStore.open(profile, doc, NEVER_COMPACT);
    const home = homeScreen(doc);
    (globalThis as { heldRecord?: unknown }).heldRecord = { profile, doc, store };
    return { home };
  },

  async prepareAttachments({ files: count, mib, seed }) {
    const start = now();
    // Random-looking bytes (like compressed PDFs and photos): getRandomValues gives 64 KiB a call.
    files = Array.from({ length: count }, () => {
      const bytes = new Uint8Array(mib * 1024 * 1024);
      for (let offset = 0; offset < bytes.length; offset += 65536)
        crypto.getRandomValues(bytes.subarray(offset, offset + 65536));
      return bytes;
    });
    attachProfile = await createProfile({ passphrase: `attachments ${seed}`, kdf: SETUP_KDF });
    rawDb = await openDB<RawSchema>(RAW_DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('chunks');
        db.createObjectStore('files');
      },
    });
    return { files: count, bytesPerFile: mib * 1024 * 1024, setupMs: now() - start };
  },

  async attachWrite(kind) {
    const profile = attachProfile!;
    const db = rawDb!;
    const ids: string[] = [];
    let bytes = 0;
    const start = now();
    for (const file of files) {
      if (kind === 'enc') ids.push((await writeFile(profile, sourceStream(file))).fileId);
      else ids.push(await rawWriteFile(db, sourceStream(file)));
      bytes += file.length;
    }
    const ms = now() - start;
    stored[kind] = ids;
    const run: TransferRun = { ms, bytes, files: ids.length };
    return run;
  },

  async attachWriteReplica(variant) {
    const start = now();
    let bytes = 0;
    for (const file of files) {
      await writeFileReplica(attachProfile!, sourceStream(file), variant);
      bytes += file.length;
    }
    return { ms: now() - start, bytes, files: files.length };
  },

  async attachReadReplica(variant) {
    let bytes = 0;
    const start = now();
    for (const id of stored.enc) {
      bytes += (await drain(readFileReplica(attachProfile!, id, variant))).bytes;
    }
    return { ms: now() - start, bytes, files: stored.enc.length };
  },

  async attachRead(kind) {
    const profile = attachProfile!;
    const db = rawDb!;
    let bytes = 0;
    const start = now();
    for (const id of stored[kind]) {
      const stream = kind === 'enc' ? readFile(profile, id) : rawReadFile(db, id);
      bytes += (await drain(stream)).bytes;
    }
    return { ms: now() - start, bytes, files: stored[kind].length };
  },

  async verifyAttachments() {
    for (const kind of ['enc', 'raw'] as const) {
      for (const [i, id] of stored[kind].entries()) {
        const stream = kind === 'enc' ? readFile(attachProfile!, id) : rawReadFile(rawDb!, id);
        if (!sameBytes(files[i]!, (await drain(stream, true)).parts)) return false;
      }
    }
    return stored.enc.length === files.length && stored.raw.length === files.length;
  },

  async clearAttachments() {
    const vault = await openVaultDb();
    const tx = vault.transaction(['files', 'chunks'], 'readwrite');
    await Promise.all([tx.objectStore('files').clear(), tx.objectStore('chunks').clear(), tx.done]);
    const raw = rawDb!.transaction(['files', 'chunks'], 'readwrite');
    await Promise.all([
      raw.objectStore('files').clear(),
      raw.objectStore('chunks').clear(),
      raw.done,
    ]);
    stored.enc = [];
    stored.raw = [];
  },

  async attachmentBreakdown() {
    // Each cost of writeFile/readFile alone, on the same 200 MiB, nothing stored.
    const key = await importFileKey(randomBytes(32));
    const label = aad('blob', 'p', 'f:0:more');
    let total = 0;
    const sealed: Uint8Array[] = [];
    let t = now();
    for (const file of files) {
      for (let offset = 0; offset < file.length; offset += CHUNK_BYTES) {
        const chunk = file.subarray(offset, offset + CHUNK_BYTES);
        sealed.push(await sealChunk(key, chunk, label));
        total += chunk.length;
      }
    }
    const sealMs = now() - t;
    t = now();
    for (const chunk of sealed) await openChunk(key, chunk, label);
    const openMs = now() - t;
    t = now();
    for (const file of files) sha256(file);
    const nobleMs = now() - t;
    t = now();
    for (const file of files) await crypto.subtle.digest('SHA-256', file as BufferSource);
    const webMs = now() - t;
    t = now();
    for (const file of files) {
      const wasm = await hasher('wasm');
      for (let offset = 0; offset < file.length; offset += CHUNK_BYTES)
        wasm.update(file.subarray(offset, offset + CHUNK_BYTES));
      await wasm.digest();
    }
    const wasmMs = now() - t;
    t = now();
    for (const file of files) for await (const chunk of rechunk(sourceStream(file))) void chunk;
    const rechunkMs = now() - t;
    const result: AttachmentBreakdown = {
      aesGcmSealMiBs: mibPerSecond(total, sealMs),
      aesGcmOpenMiBs: mibPerSecond(total, openMs),
      nobleSha256MiBs: mibPerSecond(total, nobleMs),
      webCryptoSha256MiBs: mibPerSecond(total, webMs),
      hashWasmSha256MiBs: mibPerSecond(total, wasmMs),
      rechunkMiBs: mibPerSecond(total, rechunkMs),
    };
    return result;
  },
};

window.bench = api;
window.benchReady = true;
