/**
 * What both sides derive from a share link's 32-byte secret (DESIGN §4.3): HKDF-SHA256 (RFC 5869)
 * with ikm = the secret, salt = utf8("carnet/v1/share") and one label per key as `info`:
 *
 * | key                 | info (UTF-8)                          | bytes | form                  |
 * | ------------------- | ------------------------------------- | ----- | --------------------- |
 * | `roomId`            | `carnet/v1/share/room`                | 16    | base64url, 22 chars   |
 * | `signalingPassword` | `carnet/v1/share/signaling-password`  | 32    | base64url, 43 chars   |
 * | `contentKey`        | `carnet/v1/share/content`             | 32    | raw                   |
 * | `tagKey`            | `carnet/v1/share/link-tag`            | 32    | raw                   |
 *
 * The room id and the password are what the signaling server sees (the room in clear, the password
 * only through y-webrtc's encryption of the SDP): HKDF outputs under distinct labels are independent,
 * so neither tells anything about the secret or the other keys. 128 bits make the room unguessable.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url, utf8 } from '../crypto/bytes';

/** Length of a share secret; anything else is a programming error. */
export const SECRET_BYTES = 32;

export const SHARE_SALT = 'carnet/v1/share';

export const SHARE_KEY_LABELS = {
  roomId: 'carnet/v1/share/room',
  signalingPassword: 'carnet/v1/share/signaling-password',
  contentKey: 'carnet/v1/share/content',
  tagKey: 'carnet/v1/share/link-tag',
} as const;

export interface ShareKeys {
  /** The signaling room: 128 bits, base64url. Public to the signaling server. */
  roomId: string;
  /** y-webrtc's room password (it encrypts the SDP the server relays): 256 bits, base64url. */
  signalingPassword: string;
  /** Seals the handshake messages (handshake.ts); never used for shared content itself. */
  contentKey: Uint8Array;
  /** Keys the link's check tag (link.ts). */
  tagKey: Uint8Array;
}

function expand(secret: Uint8Array, label: string, length: number): Uint8Array {
  return hkdf(sha256, secret, utf8(SHARE_SALT), utf8(label), length);
}

export function assertSecret(secret: Uint8Array): void {
  if (!(secret instanceof Uint8Array) || secret.length !== SECRET_BYTES) {
    throw new RangeError(`a share secret is ${SECRET_BYTES} bytes`);
  }
}

export function deriveShareKeys(secret: Uint8Array): ShareKeys {
  assertSecret(secret);
  return {
    roomId: toBase64Url(expand(secret, SHARE_KEY_LABELS.roomId, 16)),
    signalingPassword: toBase64Url(expand(secret, SHARE_KEY_LABELS.signalingPassword, 32)),
    contentKey: expand(secret, SHARE_KEY_LABELS.contentKey, 32),
    tagKey: expand(secret, SHARE_KEY_LABELS.tagKey, 32),
  };
}

/** Just the tag key: the link parser needs nothing else. */
export function deriveTagKey(secret: Uint8Array): Uint8Array {
  assertSecret(secret);
  return expand(secret, SHARE_KEY_LABELS.tagKey, 32);
}
