/**
 * The key hierarchy of DESIGN §3: passphrase → Argon2id → KEK, which wraps a random 256-bit master
 * key; purpose keys come from the master key by HKDF-SHA256 (RFC 5869) with distinct labels.
 * Changing the passphrase re-wraps the master key and touches nothing else.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { aad } from './aad';
import { randomBytes, utf8 } from './bytes';
import { open, seal } from './envelope';
import { TamperedError, WrongPassphraseError } from './errors';
import { KEY_BYTES } from './kdf';

/** `guardian` seals the master keys of the records a parent's record may open (vault/family.ts). */
export type KeyPurpose = 'doc' | 'blob' | 'backup' | 'sync' | 'guardian';

export function newMasterKey(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

export function wrapMasterKey(
  kek: Uint8Array,
  masterKey: Uint8Array,
  profileId: string,
): Uint8Array {
  return seal(kek, masterKey, aad('master', profileId, 'header'));
}

/** A KEK that does not open the wrapped key means the passphrase was wrong. */
export function unwrapMasterKey(
  kek: Uint8Array,
  wrapped: Uint8Array,
  profileId: string,
): Uint8Array {
  try {
    return open(kek, wrapped, aad('master', profileId, 'header'), 'master key');
  } catch (error) {
    if (error instanceof TamperedError) throw new WrongPassphraseError();
    throw error;
  }
}

const HKDF_SALT = utf8('carnet/v1/hkdf');

export function purposeKey(masterKey: Uint8Array, purpose: KeyPurpose): Uint8Array {
  return hkdf(sha256, masterKey, HKDF_SALT, utf8(`carnet/v1/${purpose}`), KEY_BYTES);
}
