/**
 * The share link (DESIGN §4.2): `<origin>/#/s/<payload>`, shown as a QR code (error correction M)
 * and as text to copy. Everything after `#` stays in the browser: no server ever receives it.
 *
 * Payload v1, 42 bytes, written as 56 base64url characters (RFC 4648 §5, no padding; 42 is a
 * multiple of 3, so every character carries six payload bits and there is exactly one spelling):
 *
 * | offset | bytes | field                                                                   |
 * | ------ | ----- | ----------------------------------------------------------------------- |
 * | 0      | 1     | version, 0x01                                                           |
 * | 1      | 32    | secret `s`: everything else derives from it (keys.ts)                   |
 * | 33     | 4     | expiry, whole seconds since 1970-01-01 UTC, unsigned 32-bit big-endian  |
 * | 37     | 1     | flags: bit 0 view, bit 1 download, bit 2 deposit, bit 3 single-use;     |
 * |        |       | bits 4–7 reserved, zero                                                 |
 * | 38     | 4     | tag: the first 4 bytes of HMAC-SHA256(tagKey, bytes 0 ‖ 33–37)          |
 *
 * Expiry in 32 bits rather than 40: one character less in every link, and it lasts until
 * 2106-02-07; a later format gets a new version byte long before then.
 *
 * The tag is a keyed check over the version, expiry and flags, under a key derived from the secret
 * (`carnet/v1/share/link-tag`), so it also fails when the secret changed. It catches any edit of a
 * link by someone who does not run this code (a changed digit, a hand-extended expiry, an added
 * right, a character lost or swapped by a scan or a transcription) except with probability 2^-32.
 * It is not a signature: whoever holds the link holds the secret, so can recompute the tag for any
 * expiry or rights. That is why the link's terms are only a hint for the professional's screen;
 * the patient's device keeps its own record of the offer and enforces it (expiry, rights, single
 * use) whatever a link says, and tells the professional the real terms in its answer
 * (handshake.ts). The tag cannot protect the secret itself: a leaked link is a usable link until it
 * expires or is used, which the single-use default and the 6-digit code are for.
 *
 * Version bytes: 0x01 is this format; 0x02–0x0f are reserved for later ones (UnknownVersionError:
 * update Carnet); anything else cannot be a Carnet link (MalformedLinkError).
 */
import { equalBytes } from '@noble/ciphers/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concat, fromBase64Url, toBase64Url } from '../crypto/bytes';
import {
  ExpiredLinkError,
  ForgedLinkError,
  MalformedLinkError,
  TruncatedLinkError,
  UnknownVersionError,
} from './errors';
import { assertSecret, deriveTagKey, SECRET_BYTES } from './keys';

export const SHARE_LINK_VERSION = 0x01;
/** What separates the app's address from the payload: the app's router reads `#/s/…`. */
export const SHARE_LINK_MARKER = '#/s/';

const TAG_BYTES = 4;
const EXPIRY_OFFSET = 1 + SECRET_BYTES;
const FLAGS_OFFSET = EXPIRY_OFFSET + 4;
const TAG_OFFSET = FLAGS_OFFSET + 1;
export const PAYLOAD_BYTES = TAG_OFFSET + TAG_BYTES;
/** Characters of a v1 payload: 42 bytes, a multiple of 3, so no partial last character. */
export const PAYLOAD_LENGTH = (PAYLOAD_BYTES / 3) * 4;
/** Version bytes set aside for future link formats. */
const RESERVED_VERSIONS = { first: 0x02, last: 0x0f };
const MAX_EXPIRY_SECONDS = 0xffff_ffff;

const FLAG = { view: 1, download: 2, deposit: 4, singleUse: 8 } as const;
const RESERVED_FLAGS = 0xf0;

/** What the professional may do (DESIGN §4.1: view; view + download; may add a document). */
export interface ShareRights {
  /** See the shared entries and open their documents. */
  view: boolean;
  /** Save documents (requires `view`). */
  download: boolean;
  /** Send a document back into the patient's record, after the patient accepts it. */
  deposit: boolean;
}

/** The terms of a share: the link carries them, the patient's answer restates them. */
export interface ShareTerms {
  /**
   * Milliseconds since the epoch; the share is usable strictly before this instant. Links carry
   * whole seconds: an offer's expiry is rounded down, never extended.
   */
  expiresAt: number;
  rights: ShareRights;
  /** Refuse any hello after the first one (the default, DESIGN §4.4). */
  singleUse: boolean;
}

/** What the patient's device offers: the terms and the random secret behind the link. */
export interface ShareOffer extends ShareTerms {
  /** 32 random bytes (`randomBytes(32)`), kept by the patient's device for the share's life. */
  secret: Uint8Array;
}

/** A parsed, intact, unexpired link. `expiresAt` is a whole number of seconds, in ms. */
export interface ShareLink extends ShareOffer {
  version: typeof SHARE_LINK_VERSION;
  /** The canonical 56-character payload, for showing the link again. */
  payload: string;
}

/** The flags byte of a link or an answer; throws RangeError on impossible rights. */
export function encodeFlags(terms: Pick<ShareTerms, 'rights' | 'singleUse'>): number {
  const { rights, singleUse } = terms;
  if (rights.download && !rights.view) throw new RangeError('download requires view');
  if (!rights.view && !rights.deposit) throw new RangeError('a share grants view or deposit');
  return (
    (rights.view ? FLAG.view : 0) |
    (rights.download ? FLAG.download : 0) |
    (rights.deposit ? FLAG.deposit : 0) |
    (singleUse ? FLAG.singleUse : 0)
  );
}

/** The rights and single-use bit of a flags byte, or null if no encoder would have written it. */
export function decodeFlags(flags: number): Pick<ShareTerms, 'rights' | 'singleUse'> | null {
  const rights = {
    view: (flags & FLAG.view) !== 0,
    download: (flags & FLAG.download) !== 0,
    deposit: (flags & FLAG.deposit) !== 0,
  };
  if (flags & RESERVED_FLAGS) return null;
  if (rights.download && !rights.view) return null;
  if (!rights.view && !rights.deposit) return null;
  return { rights, singleUse: (flags & FLAG.singleUse) !== 0 };
}

/** Whole seconds of an expiry, rounded down; throws RangeError outside uint32. */
export function expirySeconds(expiresAt: number): number {
  const seconds = Math.floor(expiresAt / 1000);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_EXPIRY_SECONDS) {
    throw new RangeError('expiry out of range');
  }
  return seconds;
}

function tagOf(secret: Uint8Array, header: Uint8Array): Uint8Array {
  return hmac(sha256, deriveTagKey(secret), header).subarray(0, TAG_BYTES);
}

/** Version ‖ expiry ‖ flags: the bytes the tag covers. */
function tagged(bytes: Uint8Array): Uint8Array {
  return concat(bytes.subarray(0, 1), bytes.subarray(EXPIRY_OFFSET, TAG_OFFSET));
}

/**
 * The link for an offer: `<origin>/#/s/<payload>`. `origin` is the app's address (its origin, plus
 * its path when it lives in a sub-folder); a trailing `/` is dropped. Pure: the same offer and
 * origin give the same link. Throws RangeError for an offer the app should never build (secret not
 * 32 bytes, expiry outside 1970–2106, download without view, no right at all).
 *
 * A typical link (`https://carnet.example`) is 83 characters: a version-5 QR code (37×37 modules)
 * at error correction M, which holds 84.
 */
export function encodeShareLink(offer: ShareOffer, origin: string): string {
  assertSecret(offer.secret);
  const header = new Uint8Array(PAYLOAD_BYTES);
  header[0] = SHARE_LINK_VERSION;
  header.set(offer.secret, 1);
  new DataView(header.buffer, header.byteOffset).setUint32(
    EXPIRY_OFFSET,
    expirySeconds(offer.expiresAt),
  );
  header[FLAGS_OFFSET] = encodeFlags(offer);
  header.set(tagOf(offer.secret, tagged(header)), TAG_OFFSET);
  return `${origin.replace(/\/$/, '')}/${SHARE_LINK_MARKER}${toBase64Url(header)}`;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const PAYLOAD_CHARS = /^[A-Za-z0-9_-]*$/;

/** The payload text of whatever was pasted or scanned, or why there is none. */
function payloadText(text: string): string {
  // Typed callers always pass a string; fuzzers and plain-JS callers may not.
  if (typeof text !== 'string') throw new MalformedLinkError('not-a-share-link');
  const trimmed = text.trim();
  const at = trimmed.indexOf(SHARE_LINK_MARKER);
  if (at >= 0) {
    const payload = trimmed.slice(at + SHARE_LINK_MARKER.length);
    if (!PAYLOAD_CHARS.test(payload)) throw new MalformedLinkError('bad-character');
    if (payload === '') throw new TruncatedLinkError(0, PAYLOAD_LENGTH);
    return payload;
  }
  if (trimmed === '' || !PAYLOAD_CHARS.test(trimmed)) {
    throw new MalformedLinkError('not-a-share-link');
  }
  return trimmed;
}

/**
 * Throws unless `payload` has the exact length of a v1 payload. Reads the version from the first
 * two characters (12 bits, of which the first 8 are the version byte), so a cut-short v1 payload is
 * "truncated" even when its length is not a whole number of bytes.
 */
function checkVersionAndLength(payload: string): void {
  const first = BASE64URL.indexOf(payload[0]!);
  if (payload.length === 1) {
    // Six bits of the version byte: 'A'–'D' start 0x00–0x0f, of which 0x01–0x0f are ours.
    if (first <= RESERVED_VERSIONS.last >> 2) throw new TruncatedLinkError(1, PAYLOAD_LENGTH);
    throw new MalformedLinkError('not-a-version');
  }
  const version = (first << 2) | (BASE64URL.indexOf(payload[1]!) >> 4);
  if (version === SHARE_LINK_VERSION) {
    if (payload.length < PAYLOAD_LENGTH) {
      throw new TruncatedLinkError(payload.length, PAYLOAD_LENGTH);
    }
    if (payload.length > PAYLOAD_LENGTH) throw new MalformedLinkError('too-long');
    return;
  }
  if (version >= RESERVED_VERSIONS.first && version <= RESERVED_VERSIONS.last) {
    throw new UnknownVersionError(version);
  }
  throw new MalformedLinkError('not-a-version');
}

/**
 * Reads a share link as pasted, typed or scanned: the whole URL with any origin and path
 * (`https://…/#/s/<payload>`), the bare fragment (`#/s/<payload>`) or the bare payload, with
 * surrounding whitespace or a trailing newline ignored. Pure; `now` (ms since the epoch, default
 * the device's clock) decides expiry.
 *
 * Checks, in this order, and throws the first that fails (never anything but a ShareLinkError):
 * - MalformedLinkError: no `#/s/` and not a bare payload (`not-a-share-link`), a character outside
 *   base64url after `#/s/` (`bad-character`), a version byte that is not Carnet's
 *   (`not-a-version`), more than 56 characters (`too-long`), or flags no encoder writes
 *   (`bad-flags`, only once the tag verified).
 * - UnknownVersionError: a reserved version byte (0x02–0x0f), from a newer Carnet.
 * - TruncatedLinkError: a v1 payload (or `#/s/` with nothing after it) shorter than 56 characters.
 * - ForgedLinkError: complete, but the check tag does not verify (an edited expiry, right or
 *   secret, a mistyped character).
 * - ExpiredLinkError: intact but `now >= expiresAt` (the link is valid strictly before its expiry).
 */
export function parseShareLink(text: string, now: number = Date.now()): ShareLink {
  const payload = payloadText(text);
  checkVersionAndLength(payload);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(payload);
  } catch {
    // Unreachable for 56 base64url characters (a whole number of bytes); kept so that no other
    // error type can ever escape.
    throw new MalformedLinkError('bad-character');
  }
  const secret = bytes.slice(1, EXPIRY_OFFSET);
  if (!equalBytes(tagOf(secret, tagged(bytes)), bytes.subarray(TAG_OFFSET))) {
    throw new ForgedLinkError();
  }
  const terms = decodeFlags(bytes[FLAGS_OFFSET]!);
  if (terms === null) throw new MalformedLinkError('bad-flags');
  const expiresAt = new DataView(bytes.buffer, bytes.byteOffset).getUint32(EXPIRY_OFFSET) * 1000;
  if (now >= expiresAt) throw new ExpiredLinkError(expiresAt);
  return { version: SHARE_LINK_VERSION, secret, expiresAt, ...terms, payload };
}
