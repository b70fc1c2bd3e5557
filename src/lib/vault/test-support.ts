/** Helpers for the vault's unit tests (Node + fake-indexeddb). Not part of the app. */
import { IDBFactory } from 'fake-indexeddb';
import { resetVaultDbForTests } from './db';
import { createProfile, type UnlockedProfile } from './profiles';

/** Argon2id small enough for fast tests; the real defaults are covered by the KDF's own tests. */
export const TEST_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 };

export function freshIndexedDb(): void {
  globalThis.indexedDB = new IDBFactory();
  resetVaultDbForTests();
}

export function testProfile(passphrase = 'correct horse battery staple'): Promise<UnlockedProfile> {
  return createProfile({ passphrase, kdf: TEST_KDF });
}

/** Every byte stored for anything, as one buffer per value, for "no plaintext at rest" checks. */
export async function rawValues(): Promise<Uint8Array[]> {
  const { openVaultDb } = await import('./db');
  const db = await openVaultDb();
  const out: Uint8Array[] = [];
  const collect = (value: unknown): void => {
    if (value instanceof Uint8Array) out.push(value);
    else if (typeof value === 'string') out.push(new TextEncoder().encode(value));
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  for (const store of ['headers', 'updates', 'folded', 'snapshots', 'files', 'chunks'] as const) {
    (await db.getAll(store)).forEach(collect);
    (await db.getAllKeys(store)).forEach(collect);
  }
  return out;
}

export function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** `length` bytes from a fixed linear congruential sequence: the same for a seed, run after run. */
export function bytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A stream that hands the bytes over in awkward pieces, as a real file reader might. */
export function streamOf(data: Uint8Array, piece = 100_003): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.length) return controller.close();
      controller.enqueue(data.slice(offset, offset + piece));
      offset += piece;
    },
  });
}
