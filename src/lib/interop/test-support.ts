/** Helpers for lib/interop's unit tests. Not part of the app. */
import { readFileSync, readdirSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { StoredFileFields } from './fhir-import';

/** The sample files of ../shared/data, read in place (never copied into the project). */
export function sharedSamples(folder: string): { name: string; text: string }[] {
  const base = new URL(`../../../../shared/data/${folder}/`, import.meta.url);
  return readdirSync(base)
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, base), 'utf8') }));
}

export function sharedSample(path: string): string {
  return readFileSync(new URL(`../../../../shared/data/${path}`, import.meta.url), 'utf8');
}

/** An in-memory stand-in for the vault's attachments: storeFile/readFile/discardFile. */
export class FakeFileStore {
  readonly files = new Map<string, { bytes: Uint8Array; name: string; mime: string }>();
  #next = 0;

  storeFile = (bytes: Uint8Array, name: string, mime: string): Promise<StoredFileFields> => {
    const fileId = `file${String(this.#next++).padStart(18, '0')}`;
    this.files.set(fileId, { bytes: bytes.slice(), name, mime });
    return Promise.resolve({
      fileId,
      name,
      mime,
      size: bytes.length,
      contentHash: bytesToHex(sha256(bytes)),
    });
  };

  discardFile = (fileId: string): Promise<void> => {
    this.files.delete(fileId);
    return Promise.resolve();
  };

  readFile = (fileId: string): Promise<Uint8Array> => {
    const file = this.files.get(fileId);
    return file ? Promise.resolve(file.bytes) : Promise.reject(new Error(`no file ${fileId}`));
  };
}
