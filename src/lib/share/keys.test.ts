/**
 * The keys both sides derive from a link's secret (keys.ts): pinned, re-derived with node:crypto,
 * and independent of one another.
 */
import fc from 'fast-check';
import { hkdfSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { deriveShareKeys } from './index';
import vectors from './vectors/link-v1.json';

const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
const hexOf = (data: Uint8Array) => Buffer.from(data).toString('hex');
const viaNode = (secret: string, label: string, length: number) =>
  Buffer.from(hkdfSync('sha256', bytes(secret), 'carnet/v1/share', label, length));

describe('share keys: HKDF-SHA256 from the link secret', () => {
  test.each(vectors.valid.map((v) => [v.name, v] as const))(
    'deriveShareKeys gives the pinned keys: %s',
    (_, v) => {
      const keys = deriveShareKeys(bytes(v.secret));
      expect({ ...keys, contentKey: hexOf(keys.contentKey), tagKey: hexOf(keys.tagKey) }).toEqual(
        v.keys,
      );
    },
  );

  test.each(vectors.valid.map((v) => [v.name, v] as const))(
    'the pinned keys match node:crypto hkdfSync with the documented labels: %s',
    (_, v) => {
      expect(v.keys).toEqual({
        roomId: viaNode(v.secret, 'carnet/v1/share/room', 16).toString('base64url'),
        signalingPassword: viaNode(v.secret, 'carnet/v1/share/signaling-password', 32).toString(
          'base64url',
        ),
        contentKey: viaNode(v.secret, 'carnet/v1/share/content', 32).toString('hex'),
        tagKey: viaNode(v.secret, 'carnet/v1/share/link-tag', 32).toString('hex'),
      });
    },
  );

  test('the room id carries 128 bits and the password 256, in base64url', () => {
    const { roomId, signalingPassword } = deriveShareKeys(bytes(vectors.valid[0]!.secret));
    expect(roomId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(signalingPassword).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('no two keys of a share are equal, and none equals the secret', () => {
    for (const v of vectors.valid) {
      const { roomId, signalingPassword, contentKey, tagKey } = deriveShareKeys(bytes(v.secret));
      const all = [
        v.secret,
        Buffer.from(roomId, 'base64url').toString('hex'),
        Buffer.from(signalingPassword, 'base64url').toString('hex'),
        hexOf(contentKey),
        hexOf(tagKey),
      ];
      expect(new Set(all).size).toBe(5);
    }
  });

  test('another secret gives another room, password, content key and tag key', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (a, b) => {
          fc.pre(hexOf(a) !== hexOf(b));
          const [x, y] = [deriveShareKeys(a), deriveShareKeys(b)];
          expect(x.roomId).not.toBe(y.roomId);
          expect(x.signalingPassword).not.toBe(y.signalingPassword);
          expect(hexOf(x.contentKey)).not.toBe(hexOf(y.contentKey));
          expect(hexOf(x.tagKey)).not.toBe(hexOf(y.tagKey));
        },
      ),
      { numRuns: 200 },
    );
  });

  test.each([0, 16, 31, 33, 64])('a %d-byte secret is a programming error', (length) => {
    expect(() => deriveShareKeys(new Uint8Array(length))).toThrow(RangeError);
  });
});
