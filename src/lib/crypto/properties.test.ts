/**
 * Round-trip properties of lib/crypto over generated inputs (fast-check): whatever a user stores
 * comes back byte for byte, in whatever profile, slot or encoding it went through.
 */
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import {
  aad,
  CHUNK_OVERHEAD,
  ENVELOPE_OVERHEAD,
  fromBase64Url,
  fromHex,
  fromUtf8,
  importFileKey,
  open,
  openChunk,
  seal,
  sealChunk,
  TamperedError,
  toBase64Url,
  toHex,
  unwrapMasterKey,
  utf8,
  wrapMasterKey,
  type Purpose,
} from './index';

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const plaintext = fc.uint8Array({ maxLength: 4096 });
const purpose = fc.constantFrom<Purpose>(
  'master',
  'doc',
  'snapshot',
  'update-meta',
  'blob',
  'file',
  'label',
);
/** Any Unicode text without "/", the one character aad() refuses in an id. */
const idPart = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('/'));
const place = fc.record({ purpose, profileId: idPart, storeKey: idPart });
const anyBytes = fc.uint8Array({ maxLength: 1024 });

describe('envelope v1', () => {
  test('open(seal(x)) gives x back, for any key, plaintext, purpose and ids', () => {
    fc.assert(
      fc.property(key32, plaintext, place, (key, pt, p) => {
        const where = aad(p.purpose, p.profileId, p.storeKey);
        const envelope = seal(key, pt, where);
        expect(envelope.length).toBe(pt.length + ENVELOPE_OVERHEAD);
        expect(open(key, envelope, where)).toEqual(pt);
      }),
    );
  });

  test('a record sealed for one place does not open in any other place', () => {
    fc.assert(
      fc.property(key32, fc.uint8Array({ maxLength: 256 }), place, place, (key, pt, a, b) => {
        fc.pre(a.purpose !== b.purpose || a.profileId !== b.profileId || a.storeKey !== b.storeKey);
        const envelope = seal(key, pt, aad(a.purpose, a.profileId, a.storeKey));
        expect(() => open(key, envelope, aad(b.purpose, b.profileId, b.storeKey))).toThrow(
          TamperedError,
        );
      }),
    );
  });

  test('sealing the same plaintext twice gives different envelopes (fresh random nonces)', () => {
    fc.assert(
      fc.property(key32, plaintext, place, (key, pt, p) => {
        const where = aad(p.purpose, p.profileId, p.storeKey);
        const one = seal(key, pt, where);
        const two = seal(key, pt, where);
        expect(toHex(one.subarray(1, 25))).not.toBe(toHex(two.subarray(1, 25)));
        expect(toHex(one)).not.toBe(toHex(two));
        expect(open(key, one, where)).toEqual(pt);
        expect(open(key, two, where)).toEqual(pt);
      }),
    );
  });
});

describe('chunk v1', () => {
  test('openChunk(sealChunk(x)) gives x back, for any file key, plaintext and AAD', async () => {
    await fc.assert(
      fc.asyncProperty(key32, plaintext, fc.uint8Array({ maxLength: 128 }), async (raw, pt, ad) => {
        const key = await importFileKey(raw);
        const chunk = await sealChunk(key, pt, ad);
        expect(chunk.length).toBe(pt.length + CHUNK_OVERHEAD);
        expect(await openChunk(key, chunk, ad)).toEqual(pt);
      }),
      { numRuns: 50 },
    );
  });
});

describe('master key', () => {
  test('unwrap(wrap(master)) gives the master key back, for any KEK and profile', () => {
    fc.assert(
      fc.property(key32, key32, idPart, (kek, master, profile) => {
        const wrapped = wrapMasterKey(kek, master, profile);
        expect(unwrapMasterKey(kek, wrapped, profile)).toEqual(master);
      }),
    );
  });
});

describe('text encodings', () => {
  test('fromBase64Url(toBase64Url(x)) gives x back, in the URL-safe alphabet without padding', () => {
    fc.assert(
      fc.property(anyBytes, (data) => {
        const encoded = toBase64Url(data);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(encoded).toBe(Buffer.from(data).toString('base64url'));
        expect(fromBase64Url(encoded)).toEqual(data);
      }),
    );
  });

  test('fromHex(toHex(x)) gives x back, whatever the letter case', () => {
    fc.assert(
      fc.property(anyBytes, (data) => {
        const encoded = toHex(data);
        expect(encoded).toBe(Buffer.from(data).toString('hex'));
        expect(fromHex(encoded)).toEqual(data);
        expect(fromHex(encoded.toUpperCase())).toEqual(data);
      }),
    );
  });

  test('fromUtf8(utf8(s)) gives s back for any well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(fromUtf8(utf8(s))).toBe(s);
      }),
    );
  });
});

describe('base64url is strict', () => {
  it('accepts only the canonical form of each byte string', () => {
    expect(() => fromBase64Url('AB')).toThrow(/canonical/);
    expect(() => fromBase64Url('A')).toThrow(/not base64url/);
    expect(() => fromBase64Url('AA==')).toThrow(/not base64url/);
    expect(fromBase64Url('AA')).toEqual(new Uint8Array([0]));
  });
});
