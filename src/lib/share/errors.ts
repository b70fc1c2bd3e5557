/**
 * Typed failures of lib/share (STYLE.md): each carries a stable `code` the UI maps to a translated
 * message. Two families: a share link that cannot be used (ShareLinkError), and a handshake message
 * on the data channel that cannot be accepted (HandshakeError).
 */

/** Every failure of lib/share; `code` is stable and is what the UI translates. */
export abstract class ShareError extends Error {
  abstract readonly code: string;
}

export type ShareLinkErrorCode =
  'expired-link' | 'malformed-link' | 'truncated-link' | 'forged-link' | 'unknown-link-version';

/** A share link that cannot be used. `parseShareLink` throws nothing else, whatever its input. */
export abstract class ShareLinkError extends ShareError {
  abstract override readonly code: ShareLinkErrorCode;
}

/**
 * Well-formed and intact, but its expiry has passed (a link is valid strictly before `expiresAt`,
 * so at `expiresAt` itself it is already expired). `expiresAt` is in milliseconds since the epoch,
 * a whole number of seconds.
 */
export class ExpiredLinkError extends ShareLinkError {
  override readonly name = 'ExpiredLinkError';
  readonly code = 'expired-link';
  constructor(readonly expiresAt: number) {
    super(`share link expired at ${new Date(expiresAt).toISOString()}`);
  }
}

/** Why a text is not a share link; for logs and tests, the UI shows one message for all. */
export type MalformedLinkReason =
  /** Empty, or text that neither is a payload nor holds `#/s/`. */
  | 'not-a-share-link'
  /** A character outside base64url in the payload (a space, `+`, `/`, `=`, `?`, …). */
  | 'bad-character'
  /** More characters than the version's payload has. */
  | 'too-long'
  /** A version byte no Carnet has ever used or reserved (0x00, 0x10–0xff). */
  | 'not-a-version'
  /** The tag verifies but the flags are impossible (reserved bits, download without view…). */
  | 'bad-flags';

/** The text is not a share link at all, or not one any Carnet wrote. */
export class MalformedLinkError extends ShareLinkError {
  override readonly name = 'MalformedLinkError';
  readonly code = 'malformed-link';
  constructor(readonly reason: MalformedLinkReason) {
    super(`not a share link (${reason})`);
  }
}

/**
 * The start of a share link, cut short: every character is one a link may hold and the version is
 * known or reserved, but characters are missing (a partial copy, a message split in two).
 */
export class TruncatedLinkError extends ShareLinkError {
  override readonly name = 'TruncatedLinkError';
  readonly code = 'truncated-link';
  constructor(
    readonly length: number,
    readonly expectedLength: number,
  ) {
    super(`share link cut short: ${length} of ${expectedLength} characters`);
  }
}

/**
 * Complete and well-formed, but its check tag does not verify: a character was changed (by hand,
 * by a bad scan or transcription). See link.ts for what the tag does and does not prove.
 */
export class ForgedLinkError extends ShareLinkError {
  override readonly name = 'ForgedLinkError';
  readonly code = 'forged-link';
  constructor() {
    super('share link altered: its check tag does not verify');
  }
}

/** A version byte reserved for future formats (0x02–0x0f): made by a newer Carnet. */
export class UnknownVersionError extends ShareLinkError {
  override readonly name = 'UnknownVersionError';
  readonly code = 'unknown-link-version';
  constructor(readonly version: number) {
    super(`share link of unknown version ${version}`);
  }
}

export type HandshakeErrorCode = 'tampered-message' | 'malformed-message' | 'bad-public-key';

/** Which handshake message failed (handshake.ts). */
export type HandshakeMessage = 'hello' | 'answer' | 'reveal';

/** A handshake message that cannot be accepted; the session must not go on. */
export abstract class HandshakeError extends ShareError {
  abstract override readonly code: HandshakeErrorCode;
}

/**
 * The sealed message did not open under the share's content key: it was changed in transit, sealed
 * for another share (another link), or is another kind of message (hello vs answer vs reveal).
 */
export class TamperedMessageError extends HandshakeError {
  override readonly name = 'TamperedMessageError';
  readonly code = 'tampered-message';
  constructor(readonly step: HandshakeMessage) {
    super(`${step} did not open: changed, or not from this share`);
  }
}

/** Why an opened message, or one about to be sealed, was refused. */
export type MalformedMessageReason =
  | 'not-json'
  | 'bad-identity'
  | 'bad-version'
  | 'bad-length'
  | 'bad-flags'
  | 'bad-commitment'
  | 'commitment-mismatch';

/**
 * The message opened (so it came from someone holding the link) but its content is not valid:
 * fields out of bounds, wrong layout, or a revealed key that does not match its commitment.
 */
export class MalformedMessageError extends HandshakeError {
  override readonly name = 'MalformedMessageError';
  readonly code = 'malformed-message';
  constructor(
    readonly step: HandshakeMessage,
    readonly reason: MalformedMessageReason,
  ) {
    super(`${step} refused (${reason})`);
  }
}

/**
 * A public key that must not be used: one of the low-order points of Curve25519 (the shared secret
 * would be all zeros, known to anyone) or a non-canonical encoding of a point.
 */
export class BadPublicKeyError extends HandshakeError {
  override readonly name = 'BadPublicKeyError';
  readonly code = 'bad-public-key';
  constructor(readonly step: HandshakeMessage) {
    super(`${step} carries an unusable public key`);
  }
}
