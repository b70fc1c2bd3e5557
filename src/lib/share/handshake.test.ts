/**
 * The handshake (handshake.ts): a professional and a patient who hold the same link agree on keys
 * and see the same code; anyone else, or anything changed on the way, is refused or shows up as
 * different codes.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { x25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { seal } from '../crypto/envelope';
import { sixDigits } from './handshake';
import {
  BadPublicKeyError,
  deriveShareKeys,
  HandshakeError,
  MalformedMessageError,
  openAnswer,
  openHello,
  openRefusal,
  openReveal,
  ProfessionalIdentitySchema,
  sealRefusal,
  sealAnswer,
  sealHello,
  ShareError,
  TamperedMessageError,
  type ProfessionalIdentity,
  type ShareTerms,
} from './index';
import vector from './vectors/handshake-v1.json';

const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
const hexOf = (data: Uint8Array) => Buffer.from(data).toString('hex');
const text = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'));
const newSecret = () => new Uint8Array(randomBytes(32));

const identity: ProfessionalIdentity = {
  name: 'Dr Élise Martin-Ngô',
  profession: 'Médecin généraliste',
  rpps: '10101234567',
};
const terms: ShareTerms = {
  expiresAt: Date.UTC(2025, 2, 4, 10, 0),
  rights: { view: true, download: true, deposit: false },
  singleUse: true,
};

/** A whole handshake between honest parties, in memory. */
function handshake(secret: Uint8Array, who = identity, what = terms) {
  const pro = sealHello(secret, who);
  const hello = openHello(secret, pro.hello);
  const patient = sealAnswer(secret, hello, what);
  const done = openAnswer(secret, pro.pending, patient.answer);
  const patientSession = openReveal(secret, patient.pending, done.reveal);
  return { pro, hello, patient, done, patientSession };
}

/** What a step gives: 'ok' or the error's name; anything but a HandshakeError fails the test. */
function outcome(step: () => unknown): string {
  try {
    step();
    return 'ok';
  } catch (error) {
    if (error instanceof HandshakeError) return error.name;
    throw error;
  }
}

/** Seals any plaintext as a handshake message of this share, the way an attacker holding the link could. */
function sealAs(secret: Uint8Array, step: 'hello' | 'answer' | 'reveal', plaintext: Uint8Array) {
  return seal(deriveShareKeys(secret).contentKey, plaintext, text(`carnet/v1/share/${step}`));
}

function flipped(data: Uint8Array, index: number, mask: number): Uint8Array {
  const copy = data.slice();
  copy[index]! ^= mask;
  return copy;
}

/** A 255-bit little-endian u-coordinate, as X25519 encodes it. */
function le32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}

const P = 2n ** 255n - 19n;
/** The points of order 1, 2, 4 and 8 on Curve25519 and its twist (cr.yp.to/ecdh.html#validate). */
const LOW_ORDER = [
  0n,
  1n,
  P - 1n,
  325606250916557431795983626356110631294008115727848805560023387167927233504n,
  39382357235489614581723060781553021112529911719440698176882885853963445705823n,
].map(le32);

describe('handshake v1: the pinned exchange', () => {
  const secret = bytes(vector.secret);
  const pro = vector.professional;
  const patient = vector.patient;
  const contentKey = Buffer.from(
    hkdfSync('sha256', secret, 'carnet/v1/share', 'carnet/v1/share/content', 32),
  );
  const sealedByHand = (step: string, nonce: string, plaintext: Uint8Array) =>
    '01' +
    nonce +
    hexOf(
      xchacha20poly1305(contentKey, bytes(nonce), text(`carnet/v1/share/${step}`)).encrypt(
        plaintext,
      ),
    );

  test('the ephemeral keys are RFC 7748 §6.1 and node:crypto agrees on the shared secret', () => {
    expect(hexOf(x25519.getPublicKey(bytes(pro.secretKey)))).toBe(pro.publicKey);
    expect(hexOf(x25519.getPublicKey(bytes(patient.secretKey)))).toBe(patient.publicKey);
    const jwk = (x: string, d?: string) => ({
      kty: 'OKP',
      crv: 'X25519',
      x: Buffer.from(x, 'hex').toString('base64url'),
      ...(d ? { d: Buffer.from(d, 'hex').toString('base64url') } : {}),
    });
    const viaNode = diffieHellman({
      privateKey: createPrivateKey({
        key: jwk(patient.publicKey, patient.secretKey),
        format: 'jwk',
      }),
      publicKey: createPublicKey({ key: jwk(pro.publicKey), format: 'jwk' }),
    });
    expect(viaNode.toString('hex')).toBe(vector.shared);
    // RFC 7748 §6.1, "Their shared secret K".
    expect(vector.shared).toBe('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
  });

  test('each side, given the pinned randomness, seals exactly the pinned messages', () => {
    const hello = sealHello(secret, vector.identity, {
      secretKey: bytes(pro.secretKey),
      nonce: bytes(vector.nonces.hello),
    });
    expect(hexOf(hello.hello)).toBe(vector.sealed.hello);
    const answer = sealAnswer(secret, openHello(secret, hello.hello), vector.terms, {
      secretKey: bytes(patient.secretKey),
      nonce: bytes(vector.nonces.answer),
    });
    expect(hexOf(answer.answer)).toBe(vector.sealed.answer);
    const done = openAnswer(secret, hello.pending, answer.answer, {
      nonce: bytes(vector.nonces.reveal),
    });
    expect(hexOf(done.reveal)).toBe(vector.sealed.reveal);
    expect(done.session.code).toBe(vector.session.code);
  });

  test('the pinned messages are envelope v1 of the documented plaintexts, sealed by hand', () => {
    expect(vector.sealed).toEqual({
      hello: sealedByHand('hello', vector.nonces.hello, text(vector.plaintexts.helloUtf8)),
      answer: sealedByHand('answer', vector.nonces.answer, bytes(vector.plaintexts.answer)),
      reveal: sealedByHand('reveal', vector.nonces.reveal, bytes(vector.plaintexts.reveal)),
    });
    const hello = JSON.parse(vector.plaintexts.helloUtf8) as Record<string, unknown>;
    expect(hello).toEqual({ v: 1, ...vector.identity, commit: expect.any(String) });
    expect(Buffer.from(hello.commit as string, 'base64url').toString('hex')).toBe(vector.commit);
    const answer = Buffer.from(vector.plaintexts.answer, 'hex');
    expect(answer.length).toBe(38);
    expect(answer[0]).toBe(1);
    expect(answer.subarray(1, 33).toString('hex')).toBe(patient.publicKey);
    expect(answer.readUInt32BE(33) * 1000).toBe(vector.terms.expiresAt);
    expect(answer[37]).toBe(1 | 2 | 8);
    expect(vector.plaintexts.reveal).toBe('01' + pro.publicKey);
  });

  test('commitment, transcript, session keys and code re-derived with node:crypto', () => {
    const sha = (...parts: (string | Uint8Array)[]) => {
      const hash = createHash('sha256');
      for (const part of parts) hash.update(part);
      return hash.digest();
    };
    expect(sha('carnet/v1/share/commit', bytes(pro.publicKey)).toString('hex')).toBe(vector.commit);
    const hello = text(vector.plaintexts.helloUtf8);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(hello.length);
    const transcript = sha(
      'carnet/v1/share/transcript',
      length,
      hello,
      bytes(vector.plaintexts.answer),
      bytes(vector.plaintexts.reveal),
    );
    expect(transcript.toString('hex')).toBe(vector.transcript);
    const derive = (label: string, length: number) =>
      Buffer.from(
        hkdfSync(
          'sha256',
          bytes(vector.shared),
          secret,
          Buffer.concat([
            Buffer.from(label),
            bytes(pro.publicKey),
            bytes(patient.publicKey),
            transcript,
          ]),
          length,
        ),
      );
    expect(derive('carnet/v1/share/session/pro-to-patient', 32).toString('hex')).toBe(
      vector.session.proToPatient,
    );
    expect(derive('carnet/v1/share/session/patient-to-pro', 32).toString('hex')).toBe(
      vector.session.patientToPro,
    );
    const code = derive('carnet/v1/share/code', 8).readBigUInt64BE(0) % 1_000_000n;
    expect(code.toString().padStart(6, '0')).toBe(vector.session.code);
  });

  test('both sides open the pinned messages to the pinned identity, terms and session', () => {
    const hello = openHello(secret, bytes(vector.sealed.hello));
    expect(hello.identity).toEqual(vector.identity);
    const proPending = {
      secretKey: bytes(pro.secretKey),
      publicKey: bytes(pro.publicKey),
      helloBody: text(vector.plaintexts.helloUtf8),
    };
    const done = openAnswer(secret, proPending, bytes(vector.sealed.answer));
    expect(done.terms).toEqual(vector.terms);
    const patientPending = {
      secretKey: bytes(patient.secretKey),
      publicKey: bytes(patient.publicKey),
      hello,
      answerBody: bytes(vector.plaintexts.answer),
    };
    const session = openReveal(secret, patientPending, bytes(vector.sealed.reveal));
    for (const s of [done.session, session]) {
      expect({
        ...s,
        proToPatient: hexOf(s.proToPatient),
        patientToPro: hexOf(s.patientToPro),
      }).toEqual(vector.session);
    }
  });
});

describe('two honest parties holding the same link', () => {
  test('derive the same session keys and the same 6-digit code', () => {
    const { done, patientSession, hello } = handshake(newSecret());
    expect(hello.identity).toEqual(identity);
    expect(done.session.code).toMatch(/^\d{6}$/);
    expect(patientSession).toEqual(done.session);
    expect(hexOf(done.session.proToPatient)).not.toBe(hexOf(done.session.patientToPro));
  });

  test('the professional learns the terms from the patient, not from the link', () => {
    const patientTerms: ShareTerms = {
      expiresAt: Date.UTC(2025, 2, 4, 9, 45, 30, 900),
      rights: { view: true, download: false, deposit: true },
      singleUse: false,
    };
    const { done } = handshake(newSecret(), identity, patientTerms);
    expect(done.terms).toEqual({ ...patientTerms, expiresAt: Date.UTC(2025, 2, 4, 9, 45, 30) });
  });

  test('a new handshake on the same link gives new keys and, almost always, a new code', () => {
    const secret = newSecret();
    const sessions = Array.from({ length: 5 }, () => handshake(secret).done.session);
    expect(new Set(sessions.map((s) => hexOf(s.proToPatient))).size).toBe(5);
    expect(new Set(sessions.map((s) => s.code)).size).toBeGreaterThan(1);
  });

  test('another secret gives other keys, another code, and messages that do not cross over', () => {
    const keys = {
      secretKey: new Uint8Array(32).fill(7),
      nonce: new Uint8Array(24),
    };
    const run = (secret: Uint8Array) => {
      const pro = sealHello(secret, identity, keys);
      const patient = sealAnswer(secret, openHello(secret, pro.hello), terms, {
        ...keys,
        secretKey: new Uint8Array(32).fill(9),
      });
      return { pro, patient, ...openAnswer(secret, pro.pending, patient.answer, keys) };
    };
    const [a, b] = [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)];
    const [x, y] = [run(a), run(b)];
    expect(hexOf(x.pro.hello)).not.toBe(hexOf(y.pro.hello));
    expect(hexOf(x.session.proToPatient)).not.toBe(hexOf(y.session.proToPatient));
    expect(hexOf(x.session.patientToPro)).not.toBe(hexOf(y.session.patientToPro));
    expect(x.session.code).not.toBe(y.session.code);
    expect(outcome(() => openHello(b, x.pro.hello))).toBe('TamperedMessageError');
    expect(outcome(() => openAnswer(b, y.pro.pending, x.patient.answer))).toBe(
      'TamperedMessageError',
    );
    expect(outcome(() => openReveal(b, y.patient.pending, x.reveal))).toBe('TamperedMessageError');
  });

  test('any valid identity reaches the patient exactly as declared', () => {
    const field = (max: number) =>
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }).filter((s) => s === s.trim());
    const declared = fc
      .record(
        {
          name: field(100),
          profession: field(100),
          rpps: fc.stringMatching(/^[0-9]{11}$/),
        },
        { requiredKeys: ['name', 'profession'] },
      )
      .filter((who) => v.is(ProfessionalIdentitySchema, who));
    const secret = newSecret();
    fc.assert(
      fc.property(declared, (who) => {
        expect(openHello(secret, sealHello(secret, who).hello).identity).toEqual(who);
      }),
      { numRuns: 100 },
    );
  });
});

describe('someone else holding the link, between the two', () => {
  // Fixed ephemeral keys make the outcome deterministic: no 1-in-a-million flake.
  const key = (fill: number) => ({ secretKey: new Uint8Array(32).fill(fill) });

  test('relaying with their own keys leaves the two screens with different codes', () => {
    const secret = newSecret();
    const pro = sealHello(secret, identity, key(1));
    // Towards the patient, the go-between poses as the professional, copying the declared identity.
    const asPro = sealHello(secret, openHello(secret, pro.hello).identity, key(2));
    const patient = sealAnswer(secret, openHello(secret, asPro.hello), terms, key(3));
    const withPatient = openAnswer(secret, asPro.pending, patient.answer);
    const patientSession = openReveal(secret, patient.pending, withPatient.reveal);
    // Towards the professional, it poses as the patient.
    const asPatient = sealAnswer(secret, openHello(secret, pro.hello), terms, key(4));
    const proSide = openAnswer(secret, pro.pending, asPatient.answer);
    expect(proSide.session.code).not.toBe(patientSession.code);
    expect(hexOf(proSide.session.proToPatient)).not.toBe(hexOf(patientSession.proToPatient));
  });

  test('a hello re-sealed with another name but the same commitment changes the code', () => {
    const secret = newSecret();
    const pro = sealHello(secret, identity, key(1));
    const body = JSON.parse(Buffer.from(openHello(secret, pro.hello).body).toString('utf8')) as {
      name: string;
    };
    const forged = sealAs(secret, 'hello', text(JSON.stringify({ ...body, name: 'Dr Faux' })));
    const patient = sealAnswer(secret, openHello(secret, forged), terms, key(3));
    expect(patient.pending.hello.identity.name).toBe('Dr Faux');
    const proSide = openAnswer(secret, pro.pending, patient.answer);
    // The reveal matches the commitment, so the patient completes, but over another transcript.
    const patientSession = openReveal(secret, patient.pending, proSide.reveal);
    expect(patientSession.code).not.toBe(proSide.session.code);
  });

  test('a reveal of another key than the one committed to is refused', () => {
    const secret = newSecret();
    const pro = sealHello(secret, identity);
    const patient = sealAnswer(secret, openHello(secret, pro.hello), terms);
    const other = x25519.getPublicKey(x25519.utils.randomSecretKey());
    const reveal = sealAs(secret, 'reveal', Uint8Array.of(1, ...other));
    expect(() => openReveal(secret, patient.pending, reveal)).toThrow(
      expect.objectContaining({ code: 'malformed-message', reason: 'commitment-mismatch' }),
    );
  });
});

describe('tampered messages', () => {
  const secret = newSecret();
  const { pro, patient, done } = handshake(secret);
  const masks = [0x01, 0x80, 0xff];

  test.each(masks)('any byte of the hello changed (mask %i) is refused', (mask) => {
    const outcomes = new Set(
      Array.from(pro.hello, (_, i) =>
        outcome(() => openHello(secret, flipped(pro.hello, i, mask))),
      ),
    );
    expect([...outcomes]).toEqual(['TamperedMessageError']);
  });

  test.each(masks)('any byte of the answer changed (mask %i) is refused', (mask) => {
    const outcomes = new Set(
      Array.from(patient.answer, (_, i) =>
        outcome(() => openAnswer(secret, pro.pending, flipped(patient.answer, i, mask))),
      ),
    );
    expect([...outcomes]).toEqual(['TamperedMessageError']);
  });

  test.each(masks)('any byte of the reveal changed (mask %i) is refused', (mask) => {
    const outcomes = new Set(
      Array.from(done.reveal, (_, i) =>
        outcome(() => openReveal(secret, patient.pending, flipped(done.reveal, i, mask))),
      ),
    );
    expect([...outcomes]).toEqual(['TamperedMessageError']);
  });

  test('a message cut short at any length is refused', () => {
    for (const [sealed, open] of [
      [pro.hello, (m: Uint8Array) => openHello(secret, m)],
      [patient.answer, (m: Uint8Array) => openAnswer(secret, pro.pending, m)],
      [done.reveal, (m: Uint8Array) => openReveal(secret, patient.pending, m)],
    ] as const) {
      const outcomes = new Set(
        Array.from(sealed, (_, n) => outcome(() => open(sealed.slice(0, n)))),
      );
      expect([...outcomes]).toEqual(['TamperedMessageError']);
    }
  });

  test('one kind of message does not pass for another', () => {
    expect(outcome(() => openHello(secret, patient.answer))).toBe('TamperedMessageError');
    expect(outcome(() => openAnswer(secret, pro.pending, done.reveal))).toBe(
      'TamperedMessageError',
    );
    expect(outcome(() => openReveal(secret, patient.pending, patient.answer))).toBe(
      'TamperedMessageError',
    );
    expect(outcome(() => openReveal(secret, patient.pending, pro.hello))).toBe(
      'TamperedMessageError',
    );
  });

  test('the untouched messages still complete the handshake (the baseline above)', () => {
    expect(openReveal(secret, patient.pending, done.reveal).code).toBe(done.session.code);
  });
});

describe('well-sealed but invalid content (someone with the link, or a buggy peer)', () => {
  const secret = newSecret();
  const commit = Buffer.alloc(32, 5).toString('base64url');
  const hello = (fields: Record<string, unknown>) =>
    sealAs(secret, 'hello', text(JSON.stringify({ v: 1, ...identity, commit, ...fields })));
  const reasonOf = (step: () => unknown) => {
    try {
      step();
      return 'ok';
    } catch (error) {
      if (error instanceof MalformedMessageError) return error.reason;
      throw error;
    }
  };

  test('a valid hello written by hand opens (the baseline below)', () => {
    expect(openHello(secret, hello({})).identity).toEqual(identity);
    expect(openHello(secret, hello({ rpps: undefined })).identity).toEqual({
      name: identity.name,
      profession: identity.profession,
    });
  });

  test.each([
    ['not JSON', sealAs(secret, 'hello', text('{"v":1,')), 'not-json'],
    ['not UTF-8', sealAs(secret, 'hello', Uint8Array.of(0x7b, 0xff, 0x7d)), 'not-json'],
    ['a JSON array', sealAs(secret, 'hello', text('[1]')), 'bad-version'],
    ['JSON null', sealAs(secret, 'hello', text('null')), 'bad-version'],
    ['version 2', hello({ v: 2 }), 'bad-version'],
    ['an empty name', hello({ name: '' }), 'bad-identity'],
    ['a name of spaces', hello({ name: '   ' }), 'bad-identity'],
    ['a name with a trailing space', hello({ name: 'Dr Martin ' }), 'bad-identity'],
    ['a 101-character name', hello({ name: 'x'.repeat(101) }), 'bad-identity'],
    ['a 101-character profession', hello({ profession: 'x'.repeat(101) }), 'bad-identity'],
    ['a line break in the name', hello({ name: 'Dr Martin\nAllow me' }), 'bad-identity'],
    ['a right-to-left override', hello({ name: 'Dr \u202eniraM' }), 'bad-identity'],
    ['a bidi isolate', hello({ profession: '\u2067Médecin' }), 'bad-identity'],
    ['a lone surrogate', hello({ name: 'Dr \ud800' }), 'bad-identity'],
    ['a 10-digit RPPS', hello({ rpps: '1010123456' }), 'bad-identity'],
    ['a 12-digit RPPS', hello({ rpps: '101012345678' }), 'bad-identity'],
    ['an RPPS with a letter', hello({ rpps: '1010123456A' }), 'bad-identity'],
    ['an RPPS in Arabic-Indic digits', hello({ rpps: '١٠١٠١٢٣٤٥٦٧' }), 'bad-identity'],
    ['an RPPS as a number', hello({ rpps: 10101234567 }), 'bad-identity'],
    ['a null RPPS', hello({ rpps: null }), 'bad-identity'],
    ['an unknown field', hello({ photo: 'x' }), 'bad-identity'],
    ['no commitment', hello({ commit: undefined }), 'bad-identity'],
    ['a short commitment', hello({ commit: 'AAAA' }), 'bad-identity'],
    ['a non-canonical commitment', hello({ commit: commit.slice(0, -1) + 'V' }), 'bad-commitment'],
  ])('a hello with %s is refused', (_, sealed, reason) => {
    expect(reasonOf(() => openHello(secret, sealed))).toBe(reason);
  });

  test('a name of exactly 100 characters is accepted', () => {
    expect(openHello(secret, hello({ name: 'é'.repeat(100) })).identity.name).toHaveLength(100);
  });

  test('an oversized hello is refused before it is opened', () => {
    expect(reasonOf(() => openHello(secret, new Uint8Array(5000)))).toBe('bad-length');
  });

  const pro = sealHello(secret, identity);
  const patientKey = x25519.getPublicKey(x25519.utils.randomSecretKey());
  const answer = (version: number, key: Uint8Array, tail: number[]) =>
    sealAs(secret, 'answer', Uint8Array.of(version, ...key, ...tail));
  const tail = [0x67, 0xc6, 0xcf, 0x20, 0x0b];

  test.each([
    ['one byte short', answer(1, patientKey, tail.slice(0, 4)), 'bad-length'],
    ['one byte long', answer(1, patientKey, [...tail, 0]), 'bad-length'],
    ['version 2', answer(2, patientKey, tail), 'bad-version'],
    ['a reserved flag bit', answer(1, patientKey, [...tail.slice(0, 4), 0x1b]), 'bad-flags'],
    ['download without view', answer(1, patientKey, [...tail.slice(0, 4), 0x0a]), 'bad-flags'],
  ])('an answer %s is refused', (_, sealed, reason) => {
    expect(reasonOf(() => openAnswer(secret, pro.pending, sealed))).toBe(reason);
  });

  test('a hand-written valid answer is accepted (the baseline above)', () => {
    expect(reasonOf(() => openAnswer(secret, pro.pending, answer(1, patientKey, tail)))).toBe('ok');
  });

  test.each([
    ['one byte short', Uint8Array.of(1, ...new Uint8Array(31))],
    ['one byte long', Uint8Array.of(1, ...new Uint8Array(33))],
  ])('a reveal %s is refused', (_, plaintext) => {
    const patient = sealAnswer(secret, openHello(secret, pro.hello), terms);
    const reveal = sealAs(secret, 'reveal', plaintext);
    expect(reasonOf(() => openReveal(secret, patient.pending, reveal))).toBe('bad-length');
  });

  test('sealHello trims what was typed and leaves out an empty RPPS', () => {
    const typed = { name: '  Dr Martin ', profession: 'Kinésithérapeute\t', rpps: ' ' };
    expect(openHello(secret, sealHello(secret, typed).hello).identity).toEqual({
      name: 'Dr Martin',
      profession: 'Kinésithérapeute',
    });
  });

  test.each([
    ['an empty name', { ...identity, name: ' ' }],
    ['a 9-digit RPPS', { ...identity, rpps: '123456789' }],
    ['a control character', { ...identity, profession: 'Infirmier\u0007' }],
  ])('sealHello refuses %s rather than send a hello the patient would refuse', (_, who) => {
    expect(reasonOf(() => sealHello(secret, who))).toBe('bad-identity');
  });
});

describe('unusable public keys', () => {
  const secret = newSecret();
  const tail = [0x67, 0xc6, 0xcf, 0x20, 0x0b];

  test('noble itself refuses every low-order point', () => {
    const mine = x25519.utils.randomSecretKey();
    for (const point of LOW_ORDER) expect(() => x25519.getSharedSecret(mine, point)).toThrow();
  });

  test.each(LOW_ORDER.map((point) => [hexOf(point), point] as const))(
    'an answer carrying the low-order point %s is refused',
    (_, point) => {
      const pro = sealHello(secret, identity);
      const sealed = sealAs(secret, 'answer', Uint8Array.of(1, ...point, ...tail));
      expect(() => openAnswer(secret, pro.pending, sealed)).toThrow(BadPublicKeyError);
    },
  );

  test.each(LOW_ORDER.map((point) => [hexOf(point), point] as const))(
    'a reveal of the low-order point %s, even correctly committed to, is refused',
    (_, point) => {
      const commit = createHash('sha256')
        .update('carnet/v1/share/commit')
        .update(point)
        .digest('base64url');
      const hello = sealAs(secret, 'hello', text(JSON.stringify({ v: 1, ...identity, commit })));
      const patient = sealAnswer(secret, openHello(secret, hello), terms);
      const reveal = sealAs(secret, 'reveal', Uint8Array.of(1, ...point));
      expect(() => openReveal(secret, patient.pending, reveal)).toThrow(BadPublicKeyError);
    },
  );

  test('non-canonical encodings are refused, though X25519 would reduce them', () => {
    const pro = sealHello(secret, identity);
    const honest = x25519.getPublicKey(x25519.utils.randomSecretKey());
    const highBit = honest.slice();
    highBit[31]! |= 0x80;
    // Both sides of the boundary: p - 2 is a usable key, p + 2 its non-canonical twin.
    const canonical = le32(P - 2n);
    const reduced = le32(P + 2n);
    const outcomes = [honest, highBit, canonical, reduced].map((key) =>
      outcome(() =>
        openAnswer(
          secret,
          pro.pending,
          sealAs(secret, 'answer', Uint8Array.of(1, ...key, ...tail)),
        ),
      ),
    );
    expect(outcomes).toEqual(['ok', 'BadPublicKeyError', 'ok', 'BadPublicKeyError']);
  });
});

describe('the 6-digit code', () => {
  test('is the 64-bit big-endian value mod 10^6, with leading zeros', () => {
    const of = (n: bigint) => {
      const b = Buffer.alloc(8);
      b.writeBigUInt64BE(n);
      return sixDigits(new Uint8Array(b));
    };
    expect(of(0n)).toBe('000000');
    expect(of(7n)).toBe('000007');
    expect(of(999_999n)).toBe('999999');
    expect(of(1_000_000n)).toBe('000000');
    expect(of(2n ** 64n - 1n)).toBe('551615');
  });

  test('every digit of every position is equally likely (chi-square over 20,000 codes)', () => {
    const counts = Array.from({ length: 6 }, () => new Array<number>(10).fill(0));
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const code = sixDigits(
        new Uint8Array(createHash('sha256').update(`code ${i}`).digest().subarray(0, 8)),
      );
      [...code].forEach((digit, position) => counts[position]![Number(digit)]!++);
    }
    for (const position of counts) {
      const expected = n / 10;
      const chi2 = position.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
      // 9 degrees of freedom: 27.9 is the 0.1% tail; the inputs are fixed, so this cannot flake.
      expect(chi2).toBeLessThan(27.9);
    }
  });
});

test('every handshake error is a ShareError with a code', () => {
  const errors = [
    new TamperedMessageError('hello'),
    new MalformedMessageError('answer', 'bad-flags'),
    new BadPublicKeyError('reveal'),
  ];
  expect(errors.map((e) => e.code)).toEqual([
    'tampered-message',
    'malformed-message',
    'bad-public-key',
  ]);
  for (const error of errors) expect(error).toBeInstanceOf(ShareError);
});

describe('a refusal in place of an answer', () => {
  const secret = new Uint8Array(32).fill(7);
  const nonce = new Uint8Array(24).fill(9);

  test('is an envelope v1 of version ‖ reason under the content key, AAD carnet/v1/share/notice', () => {
    const sealed = sealRefusal(secret, 'already-used', { nonce });
    const key = deriveShareKeys(secret).contentKey;
    const body = xchacha20poly1305(key, nonce, new TextEncoder().encode('carnet/v1/share/notice'));
    expect(sealed.subarray(1 + 24)).toEqual(body.encrypt(Uint8Array.of(1, 0)));
    expect(openRefusal(secret, sealed)).toBe('already-used');
    expect(openRefusal(secret, sealRefusal(secret, 'expired'))).toBe('expired');
  });

  test('is not taken for one when tampered, under another link, or when it is an answer', () => {
    const sealed = sealRefusal(secret, 'expired');
    for (let i = 0; i < sealed.length; i++) {
      const flipped = Uint8Array.from(sealed);
      flipped[i]! ^= 0x01;
      expect(openRefusal(secret, flipped)).toBeNull();
    }
    expect(openRefusal(new Uint8Array(32).fill(8), sealed)).toBeNull();
    const hello = openHello(secret, sealHello(secret, { name: 'Dr A', profession: 'MG' }).hello);
    const { answer } = sealAnswer(secret, hello, {
      expiresAt: 2_000_000_000_000,
      rights: { view: true, download: false, deposit: false },
      singleUse: true,
    });
    expect(openRefusal(secret, answer)).toBeNull();
    // A body with an unknown reason is not a refusal either.
    const unknown = seal(
      deriveShareKeys(secret).contentKey,
      Uint8Array.of(1, 9),
      new TextEncoder().encode('carnet/v1/share/notice'),
    );
    expect(openRefusal(secret, unknown)).toBeNull();
  });
});
