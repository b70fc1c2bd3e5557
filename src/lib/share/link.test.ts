/**
 * The share link (link.ts): pinned known answers, every way a pasted or scanned link can be wrong,
 * and fuzzing — whatever text comes in, parseShareLink returns a link or throws a ShareLinkError.
 */
import fc from 'fast-check';
import { createHmac, hkdfSync } from 'node:crypto';
import qrcode from 'qrcode';
import { describe, expect, test } from 'vitest';
import {
  encodeShareLink,
  ExpiredLinkError,
  ForgedLinkError,
  MalformedLinkError,
  parseShareLink,
  ShareError,
  ShareLinkError,
  TruncatedLinkError,
  UnknownVersionError,
  type ShareOffer,
} from './index';
import vectors from './vectors/link-v1.json';

// Helpers on Node's Buffer, not on crypto/bytes, so the checks do not lean on the code under test.
const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
const hexOf = (data: Uint8Array) => Buffer.from(data).toString('hex');

/** Every code a ShareLinkError may carry. */
const codes = [
  'expired-link',
  'malformed-link',
  'truncated-link',
  'forged-link',
  'unknown-link-version',
];

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const MARKER = '#/s/';

/** What parsing gives: 'ok' or the error's code; any other exception fails the test. */
function outcome(text: string, now: number): string {
  try {
    parseShareLink(text, now);
    return 'ok';
  } catch (error) {
    if (error instanceof ShareLinkError) return error.code;
    throw error;
  }
}

const offerOf = (v: (typeof vectors.valid)[number]): ShareOffer => ({
  secret: bytes(v.secret),
  expiresAt: v.expiresAt,
  rights: v.rights,
  singleUse: v.singleUse,
});

/** The payload rebuilt with node:crypto from the layout in link.ts's doc comment. */
function payloadByHand(v: (typeof vectors.valid)[number]): string {
  const tagKey = Buffer.from(
    hkdfSync('sha256', bytes(v.secret), 'carnet/v1/share', 'carnet/v1/share/link-tag', 32),
  );
  const header = Buffer.alloc(42);
  header[0] = 1;
  Buffer.from(v.secret, 'hex').copy(header, 1);
  header.writeUInt32BE(v.expirySeconds, 33);
  header[37] =
    (v.rights.view ? 1 : 0) |
    (v.rights.download ? 2 : 0) |
    (v.rights.deposit ? 4 : 0) |
    (v.singleUse ? 8 : 0);
  const covered = Buffer.concat([header.subarray(0, 1), header.subarray(33, 38)]);
  createHmac('sha256', tagKey).update(covered).digest().copy(header, 38, 0, 4);
  return header.toString('base64url');
}

const base = vectors.valid[1]!;
const beforeExpiry = base.expiresAt - 60_000;

describe('link v1: links sent today open the same way in every later version', () => {
  test.each(vectors.valid.map((v) => [v.name, v] as const))(
    'encodeShareLink gives the pinned link: %s',
    (_, v) => {
      expect(encodeShareLink(offerOf(v), vectors.origin)).toBe(v.link);
    },
  );

  test.each(vectors.valid.map((v) => [v.name, v] as const))(
    'the pinned payload is the documented layout, rebuilt with node:crypto: %s',
    (_, v) => {
      expect(payloadByHand(v)).toBe(v.payload);
      expect(v.link).toBe(`${vectors.origin}/${MARKER}${v.payload}`);
      const raw = Buffer.from(v.payload, 'base64url');
      expect(raw.readUInt32BE(33)).toBe(v.expirySeconds);
      expect(raw[37]).toBe(v.flags);
      expect(raw.subarray(38).toString('hex')).toBe(v.tag);
    },
  );

  test.each(vectors.valid.map((v) => [v.name, v] as const))(
    'parseShareLink reads the pinned link back: %s',
    (_, v) => {
      const link = parseShareLink(v.link, v.expiresAt - 1);
      expect(hexOf(link.secret)).toBe(v.secret);
      expect(link).toMatchObject({
        version: 1,
        expiresAt: v.expirySeconds * 1000,
        rights: v.rights,
        singleUse: v.singleUse,
        payload: v.payload,
      });
    },
  );

  test('the vectors cover every right and both single-use settings', () => {
    const seen = new Set(vectors.valid.map((v) => v.flags));
    for (const bit of [1, 2, 4, 8]) {
      expect([...seen].some((flags) => flags & bit)).toBe(true);
      expect([...seen].some((flags) => !(flags & bit))).toBe(true);
    }
  });
});

describe('what a professional may paste or scan', () => {
  test.each(vectors.accepted.map((a) => [a.name, a] as const))('%s is accepted', (_, a) => {
    expect(parseShareLink(a.text, a.now).payload).toBe(a.payload);
  });

  test.each(vectors.refused.map((r) => [r.name, r] as const))('%s is refused', (_, r) => {
    let caught: unknown;
    try {
      parseShareLink(r.text, r.now);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ShareLinkError);
    expect(caught).toMatchObject({
      code: r.code,
      ...('reason' in r ? { reason: r.reason } : {}),
      ...('version' in r ? { version: r.version } : {}),
      ...('expiresAt' in r ? { expiresAt: r.expiresAt } : {}),
    });
  });

  test('every error class has its code and shares the ShareLinkError base', () => {
    const errors = [
      new ExpiredLinkError(0),
      new MalformedLinkError('bad-character'),
      new TruncatedLinkError(3, 56),
      new ForgedLinkError(),
      new UnknownVersionError(2),
    ];
    expect(errors.map((e) => e.code)).toEqual([
      'expired-link',
      'malformed-link',
      'truncated-link',
      'forged-link',
      'unknown-link-version',
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ShareLinkError);
      expect(error).toBeInstanceOf(ShareError);
      expect(error).toBeInstanceOf(Error);
    }
  });
});

describe('expiry', () => {
  test('a link is usable until the millisecond before its expiry, and expired at it', () => {
    expect(outcome(base.link, base.expiresAt - 1)).toBe('ok');
    expect(outcome(base.link, base.expiresAt)).toBe('expired-link');
    expect(outcome(base.link, base.expiresAt + 1)).toBe('expired-link');
  });

  test('a link never outlives its offer: sub-second expiries are rounded down', () => {
    const offer = { ...offerOf(base), expiresAt: base.expiresAt + 999 };
    const link = parseShareLink(encodeShareLink(offer, vectors.origin), beforeExpiry);
    expect(link.expiresAt).toBe(base.expiresAt);
  });

  test('an expired link still says when it expired', () => {
    expect(() => parseShareLink(base.link, base.expiresAt)).toThrow(
      expect.objectContaining({ expiresAt: base.expiresAt }),
    );
  });

  test('the check comes after the tag: pushing the expiry back is forgery, not a valid link', () => {
    const extended = vectors.refused.find((r) => r.name.startsWith('expiry pushed'))!;
    expect(outcome(extended.text, base.expiresAt + 1000)).toBe('forged-link');
  });
});

describe('tampering and truncation, exhaustively', () => {
  const payload = base.payload;

  test('replacing any character after the version by any other one is caught as forged', () => {
    const outcomes = new Set<string>();
    for (let i = 2; i < payload.length; i++) {
      for (const char of ALPHABET) {
        if (char === payload[i]) continue;
        const edited = payload.slice(0, i) + char + payload.slice(i + 1);
        outcomes.add(outcome(edited, beforeExpiry));
      }
    }
    expect([...outcomes]).toEqual(['forged-link']);
  });

  test('a changed version character gives another version, or a forged v1 link', () => {
    // The first 12 bits hold the version byte and 4 bits of the secret.
    for (let i = 0; i < 2; i++) {
      for (const char of ALPHABET) {
        if (char === payload[i]) continue;
        const edited = payload.slice(0, i) + char + payload.slice(i + 1);
        const index = (position: number) => ALPHABET.indexOf(edited[position]!);
        const version = (index(0) << 2) | (index(1) >> 4);
        const expected =
          version === 1
            ? 'forged-link'
            : version >= 2 && version <= 15
              ? 'unknown-link-version'
              : 'malformed-link';
        expect(outcome(edited, beforeExpiry), edited).toBe(expected);
      }
    }
  });

  test('a link cut anywhere after the marker is reported as truncated, with its length', () => {
    const prefix = `${vectors.origin}/${MARKER}`;
    for (let length = 0; length < payload.length; length++) {
      expect(() => parseShareLink(prefix + payload.slice(0, length), beforeExpiry)).toThrow(
        expect.objectContaining({ code: 'truncated-link', length, expectedLength: 56 }),
      );
    }
  });

  test('a bare payload cut anywhere is reported as truncated too', () => {
    for (let length = 1; length < payload.length; length++) {
      expect(outcome(payload.slice(0, length), beforeExpiry)).toBe('truncated-link');
    }
  });

  test('a link cut before its marker is not a share link', () => {
    const link = base.link;
    for (let length = 0; length < link.indexOf(MARKER) + MARKER.length - 1; length++) {
      expect(outcome(link.slice(0, length), beforeExpiry)).toBe('malformed-link');
    }
  });
});

describe('fuzzing: parseShareLink throws nothing but ShareLinkError', () => {
  const now = fc.oneof(
    fc.constant(beforeExpiry),
    fc.integer({ min: -1e15, max: 1e15 }),
    fc.constantFrom(NaN, Infinity, -Infinity),
  );

  test('for any text at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), now, (text, at) => {
        expect(['ok', ...codes]).toContain(outcome(text, at));
      }),
      { numRuns: 2000 },
    );
  });

  test('for values that are not text at all (a plain-JS caller)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        fc.pre(typeof value !== 'string');
        expect(outcome(value as string, beforeExpiry)).toBe('malformed-link');
      }),
      { numRuns: 200 },
    );
  });

  test('for text made of link characters, of any length', () => {
    const linkish = fc.string({
      unit: fc.constantFrom(...ALPHABET, '#', '/', 's', ':', '.', ' ', '\n', '=', '+'),
      maxLength: 120,
    });
    fc.assert(
      fc.property(linkish, now, (text, at) => {
        expect(['ok', ...codes]).toContain(outcome(text, at));
      }),
      { numRuns: 2000 },
    );
  });

  test('for mutated valid links: anything that still parses is the original link', () => {
    type Mutation =
      | { kind: 'replace'; at: number; text: string }
      | { kind: 'insert'; at: number; text: string }
      | { kind: 'delete'; at: number; count: number }
      | { kind: 'append'; text: string }
      | { kind: 'prepend'; text: string };
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.string() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string() }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.nat(8) }),
      fc.record({ kind: fc.constant('append' as const), text: fc.string() }),
      fc.record({ kind: fc.constant('prepend' as const), text: fc.string() }),
    );
    const mutate = (link: string, m: Mutation): string => {
      switch (m.kind) {
        case 'replace': {
          const at = m.at % link.length;
          return link.slice(0, at) + m.text + link.slice(at + Math.max(1, m.text.length));
        }
        case 'insert': {
          const at = m.at % (link.length + 1);
          return link.slice(0, at) + m.text + link.slice(at);
        }
        case 'delete': {
          const at = m.at % link.length;
          return link.slice(0, at) + link.slice(at + m.count);
        }
        case 'append':
          return link + m.text;
        case 'prepend':
          return m.text + link;
      }
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...vectors.valid),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (v, mutations) => {
          const text = mutations.reduce(mutate, v.link);
          const result = outcome(text, v.expiresAt - 1);
          expect(['ok', ...codes]).toContain(result);
          if (result === 'ok')
            expect(parseShareLink(text, v.expiresAt - 1).payload).toBe(v.payload);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('encode then parse gives the offer back, for any offer the app can make', () => {
    const rights = fc
      .record({ view: fc.boolean(), download: fc.boolean(), deposit: fc.boolean() })
      .filter((r) => (r.view || r.deposit) && (!r.download || r.view));
    const offer = fc.record({
      secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      expiresAt: fc.integer({ min: 1, max: 0xffff_ffff }).map((s) => s * 1000),
      rights,
      singleUse: fc.boolean(),
    });
    fc.assert(
      fc.property(offer, fc.webUrl({ withFragments: false }), (o, origin) => {
        const link = encodeShareLink(o, origin);
        expect(link.startsWith(`${origin.replace(/\/$/, '')}/${MARKER}`)).toBe(true);
        const parsed = parseShareLink(link, o.expiresAt - 1);
        expect(parsed).toMatchObject({ ...o, version: 1 });
        expect(parsed.payload).toHaveLength(56);
      }),
      { numRuns: 300 },
    );
  });
});

describe('encodeShareLink refuses offers the app should never build', () => {
  const offer = offerOf(base);
  test.each([
    ['a 31-byte secret', { ...offer, secret: new Uint8Array(31) }],
    ['an expiry before 1970', { ...offer, expiresAt: -1000 }],
    ['an expiry after 2106', { ...offer, expiresAt: 2 ** 32 * 1000 }],
    ['an expiry that is not a number', { ...offer, expiresAt: NaN }],
    ['download without view', { ...offer, rights: { view: false, download: true, deposit: true } }],
    ['no right at all', { ...offer, rights: { view: false, download: false, deposit: false } }],
  ])('%s', (_, bad) => {
    expect(() => encodeShareLink(bad, vectors.origin)).toThrow(RangeError);
  });

  test('a trailing slash on the origin is not doubled; a sub-folder is kept', () => {
    expect(encodeShareLink(offer, 'https://carnet.example/')).toBe(base.link);
    expect(encodeShareLink(offer, 'https://example.org/carnet/')).toBe(
      `https://example.org/carnet/${MARKER}${base.payload}`,
    );
  });
});

describe('the QR code stays small', () => {
  test('a link on https://carnet.example is 83 characters: a version-5 QR code at level M', () => {
    for (const v of vectors.valid) {
      const link = encodeShareLink(offerOf(v), 'https://carnet.example');
      expect(link).toHaveLength(83);
      expect(qrcode.create(link, { errorCorrectionLevel: 'M' }).version).toBe(5);
    }
  });
});
