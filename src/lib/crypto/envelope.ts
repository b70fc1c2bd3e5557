/**
 * Envelope v1 (DESIGN §3): `0x01 | 24-byte random nonce | XChaCha20-Poly1305(ciphertext ‖ tag)`.
 *
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) for small records: its 192-bit nonce is safe to
 * draw at random for every seal under one long-lived key, and noble's implementation is
 * synchronous, so a record can be sealed inside an IndexedDB transaction without it auto-committing.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { concat, randomBytes } from './bytes';
import { TamperedError, UnsupportedVersionError } from './errors';

export const ENVELOPE_V1 = 0x01;
export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;
export const ENVELOPE_OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES;

export function seal(
  key: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  nonce: Uint8Array = randomBytes(NONCE_BYTES),
): Uint8Array {
  if (nonce.length !== NONCE_BYTES) throw new Error('nonce must be 24 bytes');
  const sealed = xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
  return concat(Uint8Array.of(ENVELOPE_V1), nonce, sealed);
}

/** Opens an envelope; `what` names it in the error if it does not open. */
export function open(
  key: Uint8Array,
  envelope: Uint8Array,
  aad: Uint8Array,
  what = 'record',
): Uint8Array {
  if (envelope.length < ENVELOPE_OVERHEAD) throw new TamperedError(what);
  const version = envelope[0]!;
  if (version !== ENVELOPE_V1) throw new UnsupportedVersionError(what, version);
  const nonce = envelope.subarray(1, 1 + NONCE_BYTES);
  try {
    return xchacha20poly1305(key, nonce, aad).decrypt(envelope.subarray(1 + NONCE_BYTES));
  } catch {
    throw new TamperedError(what);
  }
}
