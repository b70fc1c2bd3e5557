/**
 * The handshake on the data channel (DESIGN §4.4): the professional says who they are, both sides
 * agree on session keys by ephemeral X25519 (RFC 7748), and both screens show the same 6-digit code
 * for the patient to compare before tapping Allow.
 *
 * ```
 * professional                                  patient
 *   hello  = {v, name, profession, rpps?, commit = H(proPub)}  →
 *                                               ←  answer = 01 ‖ patientPub ‖ expiry ‖ flags
 *   reveal = 01 ‖ proPub                                       →
 * ```
 *
 * Every message is an envelope v1 (XChaCha20-Poly1305, crypto/envelope.ts) under the share's
 * content key (keys.ts), with AAD `carnet/v1/share/<hello|answer|reveal>`: only someone holding the
 * link can read or write one, and one kind cannot pass for another. (These AADs have three `/`,
 * crypto/aad.ts's always four, so they never collide with a stored record's.)
 *
 * Why three messages rather than two: the code has only 20 bits. If the professional sent its
 * public key in the hello, someone else holding the link and sitting between the two (joining the
 * same signaling room is enough) could try key pairs for its answer to the professional until that
 * side's code equals the patient's: about a million X25519 operations, seconds to minutes while the
 * two people wait. The hello therefore carries only a commitment (SHA-256 of the key), and the key
 * itself follows once the patient's key is known. Each party fixes its key before seeing the other's, so a go-between matches the two
 * codes with probability 10^-6 per attempt, and a single-use share gives it one attempt, logged.
 *
 * Derivations, with `shared` = X25519(own secret key, other public key) and `s` the link secret:
 * - commit     = SHA-256(utf8("carnet/v1/share/commit") ‖ proPub)
 * - transcript = SHA-256(utf8("carnet/v1/share/transcript") ‖ u32be(len hello) ‖ hello ‖ answer ‖
 *   reveal), over the plaintexts exactly as sealed, so the identity and terms each side saw are
 *   bound into the keys and the code
 * - each key   = HKDF-SHA256(ikm = shared, salt = s, info = utf8(label) ‖ proPub ‖ patientPub ‖
 *   transcript), labels `carnet/v1/share/session/pro-to-patient` and `…/patient-to-pro` (32 bytes)
 *   and `carnet/v1/share/code` (8 bytes)
 * - code       = those 8 bytes as an unsigned 64-bit big-endian integer, mod 10^6, six digits. Each
 *   of the 10^6 codes is reached by ⌊2^64/10^6⌋ or ⌈2^64/10^6⌉ of the 2^64 values, so no code is
 *   likelier than another by more than 10^6/2^64 ≈ 5·10^-14 (relative): negligible, no rejection
 *   loop needed.
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { equalBytes } from '@noble/ciphers/utils.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import * as v from 'valibot';
import { concat, fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../crypto/bytes';
import { open, seal } from '../crypto/envelope';
import {
  BadPublicKeyError,
  MalformedMessageError,
  TamperedMessageError,
  type HandshakeMessage,
} from './errors';
import { deriveShareKeys } from './keys';
import { decodeFlags, encodeFlags, expirySeconds, type ShareTerms } from './link';

const MESSAGE_VERSION = 0x01;
const KEY_BYTES = 32;
/** A hello is a few hundred bytes; anything far larger is refused before it is opened. */
const MAX_SEALED_HELLO = 4096;
const ANSWER_BYTES = 1 + KEY_BYTES + 4 + 1;
const REVEAL_BYTES = 1 + KEY_BYTES;

export const HANDSHAKE_LABELS = {
  commit: 'carnet/v1/share/commit',
  transcript: 'carnet/v1/share/transcript',
  proToPatient: 'carnet/v1/share/session/pro-to-patient',
  patientToPro: 'carnet/v1/share/session/patient-to-pro',
  code: 'carnet/v1/share/code',
} as const;

/** A DataView over exactly these bytes (an opened envelope may be a view into a larger buffer). */
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const AAD: Record<HandshakeMessage, Uint8Array> = {
  hello: utf8('carnet/v1/share/hello'),
  answer: utf8('carnet/v1/share/answer'),
  reveal: utf8('carnet/v1/share/reveal'),
};

/** Longest name or profession, in UTF-16 code units (what `String.length` counts). */
export const IDENTITY_MAX_LENGTH = 100;

/**
 * Characters refused in a declared name or profession, so the patient's screen shows what was sent
 * and nothing that could disguise it: controls and line breaks, bidirectional overrides and
 * isolates (which can reverse how the rest of the text reads), and lone surrogates.
 */
const HIDDEN = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

const displayText = v.pipe(
  v.string(),
  v.nonEmpty(),
  v.maxLength(IDENTITY_MAX_LENGTH),
  v.check((text) => text === text.trim() && !HIDDEN.test(text)),
);

/** What the professional declares (DESIGN §4.4): shown to the patient, logged, never verified. */
export const ProfessionalIdentitySchema = v.strictObject({
  name: displayText,
  profession: displayText,
  /** RPPS: the 11-digit number of a French health professional. */
  rpps: v.optional(v.pipe(v.string(), v.regex(/^[0-9]{11}$/))),
});

export type ProfessionalIdentity = v.InferOutput<typeof ProfessionalIdentitySchema>;

const HelloSchema = v.strictObject({
  v: v.literal(MESSAGE_VERSION),
  ...ProfessionalIdentitySchema.entries,
  commit: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
});

/** A hello as the patient's device opened it. */
export interface Hello {
  identity: ProfessionalIdentity;
  /** SHA-256 commitment to the professional's public key. */
  commitment: Uint8Array;
  /** The plaintext exactly as received: it enters the transcript. */
  body: Uint8Array;
}

/** The keys of an established session, and the code both screens show. */
export interface ShareSession {
  /** Seals what the professional sends (deposits, acknowledgements). */
  proToPatient: Uint8Array;
  /** Seals what the patient sends (the shared entries and their files). */
  patientToPro: Uint8Array;
  /** Six digits, "000000"–"999999". */
  code: string;
}

/** The professional's side between hello and answer. Memory only; drop it once the session runs. */
export interface ProfessionalPending {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly helloBody: Uint8Array;
}

/** The patient's side between answer and reveal. Memory only; drop it once the session runs. */
export interface PatientPending {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly hello: Hello;
  readonly answerBody: Uint8Array;
}

/**
 * Fixed randomness, for known-answer vectors only: the app always lets these default to fresh
 * random values (a reused ephemeral key or nonce would void the handshake's guarantees).
 */
export interface Determinism {
  secretKey?: Uint8Array;
  nonce?: Uint8Array;
}

function sealStep(
  secret: Uint8Array,
  step: HandshakeMessage,
  body: Uint8Array,
  nonce?: Uint8Array,
) {
  return seal(deriveShareKeys(secret).contentKey, body, AAD[step], nonce);
}

function openStep(secret: Uint8Array, step: HandshakeMessage, sealed: Uint8Array): Uint8Array {
  try {
    return open(deriveShareKeys(secret).contentKey, sealed, AAD[step], step);
  } catch {
    // TamperedError or UnsupportedVersionError: either way not a message of this share.
    throw new TamperedMessageError(step);
  }
}

function commitmentTo(publicKey: Uint8Array): Uint8Array {
  return sha256(concat(utf8(HANDSHAKE_LABELS.commit), publicKey));
}

/**
 * Whether 32 bytes are the one canonical encoding of a Curve25519 u-coordinate: top bit clear and
 * below 2^255 − 19. RFC 7748 tells receivers to accept the others by reducing them, but then two
 * byte strings would name one key and the transcript would not pin the key down; honest peers never
 * send them.
 */
function isCanonicalKey(key: Uint8Array): boolean {
  if (key.length !== KEY_BYTES || key[31]! > 0x7f) return false;
  if (key[31]! < 0x7f) return true;
  for (let i = 30; i >= 1; i--) if (key[i] !== 0xff) return true;
  return key[0]! < 0xed;
}

/** X25519, refusing the low-order points (noble throws for them) and an all-zero result. */
function sharedSecret(secretKey: Uint8Array, publicKey: Uint8Array, step: HandshakeMessage) {
  if (!isCanonicalKey(publicKey)) throw new BadPublicKeyError(step);
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(secretKey, publicKey);
  } catch {
    throw new BadPublicKeyError(step);
  }
  if (shared.every((byte) => byte === 0)) throw new BadPublicKeyError(step);
  return shared;
}

function sessionOf(
  secret: Uint8Array,
  shared: Uint8Array,
  proPub: Uint8Array,
  patientPub: Uint8Array,
  bodies: { hello: Uint8Array; answer: Uint8Array; reveal: Uint8Array },
): ShareSession {
  const length = new Uint8Array(4);
  view(length).setUint32(0, bodies.hello.length);
  const transcript = sha256(
    concat(utf8(HANDSHAKE_LABELS.transcript), length, bodies.hello, bodies.answer, bodies.reveal),
  );
  const derive = (label: string, bytes: number) =>
    hkdf(sha256, shared, secret, concat(utf8(label), proPub, patientPub, transcript), bytes);
  return {
    proToPatient: derive(HANDSHAKE_LABELS.proToPatient, 32),
    patientToPro: derive(HANDSHAKE_LABELS.patientToPro, 32),
    code: sixDigits(derive(HANDSHAKE_LABELS.code, 8)),
  };
}

/** The 6-digit code of 8 derived bytes: uint64 big-endian mod 10^6 (bias in the module comment). */
export function sixDigits(eightBytes: Uint8Array): string {
  if (eightBytes.length !== 8) throw new RangeError('a code comes from 8 bytes');
  return (view(eightBytes).getBigUint64(0) % 1_000_000n).toString().padStart(6, '0');
}

function keyPair(determinism: Determinism) {
  const secretKey = determinism.secretKey ?? x25519.utils.randomSecretKey();
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

/**
 * Professional, step 1: a fresh key pair and the sealed hello declaring `identity` (surrounding
 * spaces trimmed, an empty RPPS left out). Throws MalformedMessageError (`bad-identity`) for an
 * identity the patient's device would refuse: check it first with ProfessionalIdentitySchema.
 */
export function sealHello(
  secret: Uint8Array,
  identity: ProfessionalIdentity,
  determinism: Determinism = {},
): { hello: Uint8Array; pending: ProfessionalPending } {
  const rpps = identity.rpps?.trim();
  const declared = v.safeParse(ProfessionalIdentitySchema, {
    name: identity.name.trim(),
    profession: identity.profession.trim(),
    ...(rpps ? { rpps } : {}),
  });
  if (!declared.success) throw new MalformedMessageError('hello', 'bad-identity');
  const { secretKey, publicKey } = keyPair(determinism);
  const helloBody = utf8(
    JSON.stringify({
      v: MESSAGE_VERSION,
      ...declared.output,
      commit: toBase64Url(commitmentTo(publicKey)),
    }),
  );
  return {
    hello: sealStep(secret, 'hello', helloBody, determinism.nonce),
    pending: { secretKey, publicKey, helloBody },
  };
}

/**
 * Patient, step 2a: opens a hello and checks what it declares. Throws TamperedMessageError (not
 * sealed under this link), MalformedMessageError (`bad-length`, `not-json`, `bad-version`,
 * `bad-identity`, `bad-commitment`). Whether to answer (single use) is the caller's decision.
 */
export function openHello(secret: Uint8Array, sealed: Uint8Array): Hello {
  if (sealed.length > MAX_SEALED_HELLO) throw new MalformedMessageError('hello', 'bad-length');
  const body = openStep(secret, 'hello', sealed);
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(body));
  } catch {
    throw new MalformedMessageError('hello', 'not-json');
  }
  if (
    typeof json !== 'object' ||
    json === null ||
    (json as { v?: unknown }).v !== MESSAGE_VERSION
  ) {
    throw new MalformedMessageError('hello', 'bad-version');
  }
  const parsed = v.safeParse(HelloSchema, json);
  if (!parsed.success) throw new MalformedMessageError('hello', 'bad-identity');
  const { name, profession, rpps, commit } = parsed.output;
  let commitment: Uint8Array;
  try {
    commitment = fromBase64Url(commit);
  } catch {
    throw new MalformedMessageError('hello', 'bad-commitment');
  }
  return { identity: { name, profession, ...(rpps ? { rpps } : {}) }, commitment, body };
}

/**
 * Patient, step 2b: a fresh key pair and the sealed answer, restating the terms the patient's device
 * holds (the link's may have been edited; these are the ones enforced). Throws RangeError for terms
 * no link could carry.
 */
export function sealAnswer(
  secret: Uint8Array,
  hello: Hello,
  terms: ShareTerms,
  determinism: Determinism = {},
): { answer: Uint8Array; pending: PatientPending } {
  const { secretKey, publicKey } = keyPair(determinism);
  const answerBody = new Uint8Array(ANSWER_BYTES);
  answerBody[0] = MESSAGE_VERSION;
  answerBody.set(publicKey, 1);
  view(answerBody).setUint32(1 + KEY_BYTES, expirySeconds(terms.expiresAt));
  answerBody[ANSWER_BYTES - 1] = encodeFlags(terms);
  return {
    answer: sealStep(secret, 'answer', answerBody, determinism.nonce),
    pending: { secretKey, publicKey, hello, answerBody },
  };
}

/**
 * Professional, step 3: opens the answer, derives the session and seals the reveal to send. Show
 * `session.code`; `terms` are the patient's (expiry in whole seconds, as ms). Throws
 * TamperedMessageError, MalformedMessageError (`bad-length`, `bad-version`, `bad-flags`),
 * BadPublicKeyError.
 */
export function openAnswer(
  secret: Uint8Array,
  pending: ProfessionalPending,
  sealed: Uint8Array,
  determinism: Pick<Determinism, 'nonce'> = {},
): { reveal: Uint8Array; session: ShareSession; terms: ShareTerms } {
  const answerBody = openStep(secret, 'answer', sealed);
  if (answerBody.length !== ANSWER_BYTES) throw new MalformedMessageError('answer', 'bad-length');
  if (answerBody[0] !== MESSAGE_VERSION) throw new MalformedMessageError('answer', 'bad-version');
  const flags = decodeFlags(answerBody[ANSWER_BYTES - 1]!);
  if (flags === null) throw new MalformedMessageError('answer', 'bad-flags');
  const patientPub = answerBody.slice(1, 1 + KEY_BYTES);
  const shared = sharedSecret(pending.secretKey, patientPub, 'answer');
  const revealBody = concat(Uint8Array.of(MESSAGE_VERSION), pending.publicKey);
  const session = sessionOf(secret, shared, pending.publicKey, patientPub, {
    hello: pending.helloBody,
    answer: answerBody,
    reveal: revealBody,
  });
  const expiresAt = view(answerBody).getUint32(1 + KEY_BYTES) * 1000;
  return {
    reveal: sealStep(secret, 'reveal', revealBody, determinism.nonce),
    session,
    terms: { expiresAt, ...flags },
  };
}

/**
 * Patient, step 4: opens the reveal, checks it against the hello's commitment and derives the
 * session. Show `code`, then Allow or Refuse. Throws TamperedMessageError, MalformedMessageError
 * (`bad-length`, `bad-version`, `commitment-mismatch`), BadPublicKeyError.
 */
export function openReveal(
  secret: Uint8Array,
  pending: PatientPending,
  sealed: Uint8Array,
): ShareSession {
  const revealBody = openStep(secret, 'reveal', sealed);
  if (revealBody.length !== REVEAL_BYTES) throw new MalformedMessageError('reveal', 'bad-length');
  if (revealBody[0] !== MESSAGE_VERSION) throw new MalformedMessageError('reveal', 'bad-version');
  const proPub = revealBody.slice(1);
  if (!equalBytes(commitmentTo(proPub), pending.hello.commitment)) {
    throw new MalformedMessageError('reveal', 'commitment-mismatch');
  }
  const shared = sharedSecret(pending.secretKey, proPub, 'reveal');
  return sessionOf(secret, shared, proPub, pending.publicKey, {
    hello: pending.hello.body,
    answer: pending.answerBody,
    reveal: revealBody,
  });
}

/**
 * Why the patient's device turned a hello away without answering it: `already-used` (a single-use
 * share someone already opened), `expired` (the device's own clock says the share is over).
 */
export const HELLO_REFUSALS = ['already-used', 'expired'] as const;
export type HelloRefusal = (typeof HELLO_REFUSALS)[number];

const NOTICE_AAD = utf8('carnet/v1/share/notice');

/**
 * Patient: a refusal sent in place of an answer, so the professional's page can say why. Sealed like
 * the other steps (AAD `carnet/v1/share/notice`): only a holder of the link can read or forge one.
 * Body: version ‖ index in HELLO_REFUSALS.
 */
export function sealRefusal(
  secret: Uint8Array,
  refusal: HelloRefusal,
  determinism: Pick<Determinism, 'nonce'> = {},
): Uint8Array {
  const body = Uint8Array.of(MESSAGE_VERSION, HELLO_REFUSALS.indexOf(refusal));
  return seal(deriveShareKeys(secret).contentKey, body, NOTICE_AAD, determinism.nonce);
}

/** Professional: the refusal in `sealed`, or null if it is not one (an answer, say). */
export function openRefusal(secret: Uint8Array, sealed: Uint8Array): HelloRefusal | null {
  let body: Uint8Array;
  try {
    body = open(deriveShareKeys(secret).contentKey, sealed, NOTICE_AAD, 'notice');
  } catch {
    return null;
  }
  if (body.length !== 2 || body[0] !== MESSAGE_VERSION) return null;
  return HELLO_REFUSALS[body[1]!] ?? null;
}
