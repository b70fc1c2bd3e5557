/**
 * Passphrase → key-encryption key with Argon2id (RFC 9106), DESIGN §3.
 *
 * Two implementations give the same bytes for the same parameters: hash-wasm's WebAssembly build
 * (≈3× faster: 64 MiB, t=3 in ~350 ms in Chromium here) and noble's pure JS, kept for browsers
 * without WebAssembly (iOS Lockdown Mode). The parameters are stored in the vault header, so they
 * can be raised for new profiles without locking anyone out of an old one.
 */
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { utf8 } from './bytes';

export type KdfParams = {
  algorithm: 'argon2id';
  /** Memory cost in KiB. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  salt: Uint8Array;
};

/**
 * Stronger than OWASP's Argon2id minimum (19 MiB, t=2): 64 MiB, t=3, p=1 — about 0.35 s in
 * Chromium on our 2-core machines (RECIPES.md), so 0.4–1.4 s on phones. p=1 because the WASM build
 * is single-threaded and iOS refuses large WASM memories (≤ 256 MiB keeps us safe).
 */
export const KDF_DEFAULTS = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
export const KDF_MINIMUM = { memoryKiB: 19 * 1024, iterations: 2 } as const;
export const KEY_BYTES = 32;
export const SALT_BYTES = 16;

export type KdfImplementation = 'wasm' | 'js';

/**
 * Unicode-normalises the passphrase (NFC) so "é" typed as one code point on a phone and as "e" +
 * combining accent on a computer derive the same key.
 */
export function passphraseBytes(passphrase: string): Uint8Array {
  return utf8(passphrase.normalize('NFC'));
}

export function checkKdfParams(params: KdfParams): void {
  if (params.algorithm !== 'argon2id') throw new Error(`unknown KDF ${String(params.algorithm)}`);
  if (params.salt.length < SALT_BYTES) throw new Error('KDF salt too short');
  if (params.memoryKiB < 8 * params.parallelism || params.iterations < 1 || params.parallelism < 1)
    throw new Error('invalid Argon2id parameters');
}

/**
 * The reference argon2 CLI's output for "123" (salt "ABCDEFGHIJKLMNOP", 1 MiB, t=5; pinned with
 * the other vectors in vectors/argon2id.json). Checked once per page before the WebAssembly build
 * is trusted (DESIGN §8): if it ever disagrees, keys come from the pure-JS path instead, so a
 * broken build can never lock anyone out by deriving different keys.
 */
const SELF_TEST = {
  passphrase: '123',
  salt: utf8('ABCDEFGHIJKLMNOP'),
  key: '3c5d010180ba0cf5b6b858cba23b318e42d33088983c404598599c3b029ecac6',
};
let wasmTrusted: Promise<boolean> | null = null;

function wasmPassesSelfTest(): Promise<boolean> {
  wasmTrusted ??= derive(
    SELF_TEST.passphrase,
    {
      algorithm: 'argon2id',
      memoryKiB: 1024,
      iterations: 5,
      parallelism: 1,
      salt: SELF_TEST.salt,
    },
    'wasm',
  ).then(
    (key) => Array.from(key, (b) => b.toString(16).padStart(2, '0')).join('') === SELF_TEST.key,
    () => false,
  );
  return wasmTrusted;
}

/** Which Argon2id build derives keys here: 'wasm' unless WebAssembly is absent or failed its check. */
export async function kdfImplementationInUse(): Promise<KdfImplementation> {
  return typeof WebAssembly === 'object' && (await wasmPassesSelfTest()) ? 'wasm' : 'js';
}

export async function deriveKek(
  passphrase: string,
  params: KdfParams,
  implementation: KdfImplementation = typeof WebAssembly === 'object' ? 'wasm' : 'js',
): Promise<Uint8Array> {
  checkKdfParams(params);
  const trusted = implementation === 'wasm' && (await wasmPassesSelfTest());
  return derive(passphrase, params, trusted ? 'wasm' : 'js');
}

async function derive(
  passphrase: string,
  params: KdfParams,
  implementation: KdfImplementation,
): Promise<Uint8Array> {
  const password = passphraseBytes(passphrase);
  if (implementation === 'wasm') {
    const { argon2id } = await import('hash-wasm');
    return argon2id({
      password,
      salt: params.salt,
      parallelism: params.parallelism,
      iterations: params.iterations,
      memorySize: params.memoryKiB,
      hashLength: KEY_BYTES,
      outputType: 'binary',
    });
  }
  return argon2idAsync(password, params.salt, {
    m: params.memoryKiB,
    t: params.iterations,
    p: params.parallelism,
    dkLen: KEY_BYTES,
  });
}
