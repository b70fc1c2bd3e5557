/**
 * Known-answer vectors for every format of lib/crypto (vectors/*.json).
 *
 * Two kinds of vectors live there. Published ones (XChaCha20-Poly1305, HChaCha20, AES-256-GCM,
 * Argon2id) anchor the primitives we depend on to other people's implementations. Carnet's own ones
 * (envelope v1, chunk v1, purpose keys, master-key wrap, deriveKek) were generated once by this code
 * and pin the stored formats: if one of them changes, records already on people's devices no longer
 * open. Each of our vectors is also re-derived here from an independent path (the bare noble
 * primitive, Node's OpenSSL), so a pinned value is not merely "what the code did on the day".
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  aad,
  deriveKek,
  importFileKey,
  open,
  openChunk,
  purposeKey,
  seal,
  sealChunk,
  unwrapMasterKey,
  wrapMasterKey,
  type KdfImplementation,
  type KdfParams,
  type KeyPurpose,
  type Purpose,
} from './index';
import argon2Vectors from './vectors/argon2id.json';
import chunkVectors from './vectors/chunk-v1.json';
import envelopeVectors from './vectors/envelope-v1.json';
import wrapVector from './vectors/master-key-wrap.json';
import purposeKeyVectors from './vectors/purpose-keys.json';
import xchachaVectors from './vectors/xchacha20poly1305.json';

// Helpers built on Node's Buffer, not on ./bytes, so the checks do not lean on the code under test.
const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const hexOf = (data: Uint8Array): string => Buffer.from(data).toString('hex');
const text = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'utf8'));

function plaintextOf(vector: { plaintextHex?: string; plaintextUtf8?: string }): Uint8Array {
  if (vector.plaintextHex !== undefined) return bytes(vector.plaintextHex);
  if (vector.plaintextUtf8 !== undefined) return text(vector.plaintextUtf8);
  throw new Error('vector has no plaintext');
}

/** HChaCha20 (draft-irtf-cfrg-xchacha §2.2), written out here to stay independent of noble. */
function hchacha20(key: Uint8Array, nonce16: Uint8Array): Uint8Array {
  const k = Buffer.from(key);
  const n = Buffer.from(nonce16);
  const s = new Uint32Array(16);
  s.set([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);
  for (let i = 0; i < 8; i++) s[4 + i] = k.readUInt32LE(4 * i);
  for (let i = 0; i < 4; i++) s[12 + i] = n.readUInt32LE(4 * i);
  const rotl = (x: number, c: number) => (x << c) | (x >>> (32 - c));
  const quarter = (a: number, b: number, c: number, d: number) => {
    s[a] = s[a]! + s[b]!;
    s[d] = rotl(s[d]! ^ s[a]!, 16);
    s[c] = s[c]! + s[d]!;
    s[b] = rotl(s[b]! ^ s[c]!, 12);
    s[a] = s[a]! + s[b]!;
    s[d] = rotl(s[d]! ^ s[a]!, 8);
    s[c] = s[c]! + s[d]!;
    s[b] = rotl(s[b]! ^ s[c]!, 7);
  };
  for (let round = 0; round < 10; round++) {
    quarter(0, 4, 8, 12);
    quarter(1, 5, 9, 13);
    quarter(2, 6, 10, 14);
    quarter(3, 7, 11, 15);
    quarter(0, 5, 10, 15);
    quarter(1, 6, 11, 12);
    quarter(2, 7, 8, 13);
    quarter(3, 4, 9, 14);
  }
  const out = Buffer.alloc(32);
  [0, 1, 2, 3, 12, 13, 14, 15].forEach((word, i) => out.writeUInt32LE(s[word]!, 4 * i));
  return new Uint8Array(out);
}

/** XChaCha20-Poly1305 from the hand-written HChaCha20 and OpenSSL's ChaCha20-Poly1305. */
function xchachaViaOpenSsl(
  key: Uint8Array,
  nonce24: Uint8Array,
  aadBytes: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const subkey = hchacha20(key, nonce24.subarray(0, 16));
  const iv = Buffer.concat([Buffer.alloc(4), nonce24.subarray(16)]);
  const cipher = createCipheriv('chacha20-poly1305', subkey, iv, { authTagLength: 16 });
  cipher.setAAD(aadBytes, { plaintextLength: plaintext.length });
  return new Uint8Array(
    Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]),
  );
}

function aesGcmViaNode(
  key: Uint8Array,
  nonce: Uint8Array,
  aadBytes: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aadBytes);
  return new Uint8Array(
    Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]),
  );
}

describe('XChaCha20-Poly1305, the primitive under envelope v1 (draft-irtf-cfrg-xchacha-03)', () => {
  const { hchacha20: h, aead: v } = xchachaVectors;
  const published = v.ciphertext + v.tag;

  test('noble gives the published ciphertext and tag of Appendix A.3.1', () => {
    const sealed = xchacha20poly1305(bytes(v.key), bytes(v.nonce), bytes(v.aad)).encrypt(
      text(v.plaintextUtf8),
    );
    expect(hexOf(sealed)).toBe(published);
  });

  test('noble opens the published ciphertext back to the plaintext', () => {
    const plain = xchacha20poly1305(bytes(v.key), bytes(v.nonce), bytes(v.aad)).decrypt(
      bytes(published),
    );
    expect(Buffer.from(plain).toString('utf8')).toBe(v.plaintextUtf8);
  });

  test('the independent check path (HChaCha20 here + OpenSSL) agrees with the draft', () => {
    expect(hexOf(hchacha20(bytes(h.key), bytes(h.nonce)))).toBe(h.subkey);
    const sealed = xchachaViaOpenSsl(
      bytes(v.key),
      bytes(v.nonce),
      bytes(v.aad),
      text(v.plaintextUtf8),
    );
    expect(hexOf(sealed)).toBe(published);
  });

  test('our envelope carries exactly the primitive: seal with the draft inputs', () => {
    const envelope = seal(bytes(v.key), text(v.plaintextUtf8), bytes(v.aad), bytes(v.nonce));
    expect(hexOf(envelope)).toBe('01' + v.nonce + published);
    expect(Buffer.from(open(bytes(v.key), envelope, bytes(v.aad))).toString('utf8')).toBe(
      v.plaintextUtf8,
    );
  });
});

describe('envelope v1: records sealed today open the same way forever', () => {
  const vectors = envelopeVectors.envelopes;

  test('the vectors cover every record purpose, an empty and a multi-KiB plaintext', () => {
    const purposes = new Set(vectors.map((v) => v.purpose));
    expect([...purposes].sort()).toEqual(
      ['blob', 'doc', 'file', 'guardian-key', 'label', 'snapshot', 'update-meta'].sort(),
    );
    const lengths = vectors.map((v) => plaintextOf(v).length);
    expect(Math.min(...lengths)).toBe(0);
    expect(Math.max(...lengths)).toBeGreaterThan(4096);
  });

  test.each(vectors.map((v) => [v.name, v] as const))('seal gives the pinned bytes: %s', (_, v) => {
    const sealed = seal(
      bytes(v.key),
      plaintextOf(v),
      aad(v.purpose as Purpose, v.profileId, v.storeKey),
      bytes(v.nonce),
    );
    expect(hexOf(sealed)).toBe(v.envelope);
  });

  test.each(vectors.map((v) => [v.name, v] as const))('open reads the pinned bytes: %s', (_, v) => {
    const plain = open(
      bytes(v.key),
      bytes(v.envelope),
      aad(v.purpose as Purpose, v.profileId, v.storeKey),
    );
    expect(hexOf(plain)).toBe(hexOf(plaintextOf(v)));
  });

  test.each(vectors.map((v) => [v.name, v] as const))(
    'the pinned bytes are 0x01 | nonce | primitive(AAD spelled out by hand): %s',
    (_, v) => {
      const aadBytes = text(`carnet/v1/${v.purpose}/${v.profileId}/${v.storeKey}`);
      const envelope = bytes(v.envelope);
      expect(envelope[0]).toBe(0x01);
      expect(hexOf(envelope.subarray(1, 25))).toBe(v.nonce);
      const body = hexOf(envelope.subarray(25));
      const plaintext = plaintextOf(v);
      expect(body).toBe(
        hexOf(xchacha20poly1305(bytes(v.key), bytes(v.nonce), aadBytes).encrypt(plaintext)),
      );
      expect(body).toBe(
        hexOf(xchachaViaOpenSsl(bytes(v.key), bytes(v.nonce), aadBytes, plaintext)),
      );
    },
  );
});

describe('chunk v1 (AES-256-GCM): attachments sealed today open the same way forever', () => {
  const { aesGcmReference: ref, chunks } = chunkVectors;

  test('sealChunk gives the published GCM Test Case 16 (McGrew & Viega)', async () => {
    const key = await importFileKey(bytes(ref.key));
    const sealed = await sealChunk(key, bytes(ref.plaintext), bytes(ref.aad), bytes(ref.nonce));
    expect(hexOf(sealed)).toBe('02' + ref.nonce + ref.ciphertext + ref.tag);
    const plain = await openChunk(key, sealed, bytes(ref.aad));
    expect(hexOf(plain)).toBe(ref.plaintext);
  });

  test('the vectors include an empty and a multi-KiB chunk', () => {
    const lengths = chunks.map((c) => c.plaintextHex.length / 2);
    expect(Math.min(...lengths)).toBe(0);
    expect(Math.max(...lengths)).toBeGreaterThan(4096);
  });

  test.each(chunks.map((c) => [c.name, c] as const))(
    'sealChunk gives the pinned bytes: %s',
    async (_, c) => {
      const key = await importFileKey(bytes(c.key));
      const sealed = await sealChunk(key, bytes(c.plaintextHex), bytes(c.aadHex), bytes(c.nonce));
      expect(hexOf(sealed)).toBe(c.chunk);
    },
  );

  test.each(chunks.map((c) => [c.name, c] as const))(
    'openChunk reads the pinned bytes: %s',
    async (_, c) => {
      const key = await importFileKey(bytes(c.key));
      const plain = await openChunk(key, bytes(c.chunk), bytes(c.aadHex));
      expect(hexOf(plain)).toBe(c.plaintextHex);
    },
  );

  test.each(chunks.map((c) => [c.name, c] as const))(
    'the pinned bytes are 0x02 | nonce | node:crypto AES-256-GCM: %s',
    (_, c) => {
      const chunk = bytes(c.chunk);
      expect(chunk[0]).toBe(0x02);
      expect(hexOf(chunk.subarray(1, 13))).toBe(c.nonce);
      const expected = aesGcmViaNode(
        bytes(c.key),
        bytes(c.nonce),
        bytes(c.aadHex),
        bytes(c.plaintextHex),
      );
      expect(hexOf(chunk.subarray(13))).toBe(hexOf(expected));

      const decipher = createDecipheriv('aes-256-gcm', bytes(c.key), bytes(c.nonce));
      decipher.setAAD(bytes(c.aadHex));
      decipher.setAuthTag(chunk.subarray(chunk.length - 16));
      const plain = Buffer.concat([
        decipher.update(chunk.subarray(13, chunk.length - 16)),
        decipher.final(),
      ]);
      expect(plain.toString('hex')).toBe(c.plaintextHex);
    },
  );
});

describe('purpose keys: HKDF-SHA256 from the master key', () => {
  const master = bytes(purposeKeyVectors.masterKey);
  const pinned = purposeKeyVectors.purposeKeys as Record<KeyPurpose, string>;
  const purposes: KeyPurpose[] = ['doc', 'blob', 'backup', 'sync', 'guardian'];

  test('there is a pinned key for every purpose', () => {
    expect(Object.keys(pinned).sort()).toEqual([...purposes].sort());
  });

  test.each(purposes)('the %s key is the pinned one', (purpose) => {
    expect(hexOf(purposeKey(master, purpose))).toBe(pinned[purpose]);
  });

  test.each(purposes)('the %s key matches node:crypto hkdfSync', (purpose) => {
    const expected = hkdfSync('sha256', master, 'carnet/v1/hkdf', `carnet/v1/${purpose}`, 32);
    expect(hexOf(new Uint8Array(expected))).toBe(pinned[purpose]);
  });

  test('each purpose gets its own key, none equal to the master key', () => {
    const keys = new Set([purposeKeyVectors.masterKey, ...purposes.map((p) => pinned[p])]);
    expect(keys.size).toBe(purposes.length + 1);
  });
});

describe('master-key wrap in the vault header', () => {
  const v = wrapVector;
  const headerAad = text(`carnet/v1/master/${v.profileId}/header`);

  test('the pinned wrapped key unwraps to the master key', () => {
    const master = unwrapMasterKey(bytes(v.kek), bytes(v.wrapped), v.profileId);
    expect(hexOf(master)).toBe(v.masterKey);
  });

  test('the pinned wrapped key is an envelope with the header AAD, checked with the primitive', () => {
    const wrapped = bytes(v.wrapped);
    expect(hexOf(wrapped.subarray(0, 25))).toBe('01' + v.nonce);
    const sealed = xchacha20poly1305(bytes(v.kek), bytes(v.nonce), headerAad).encrypt(
      bytes(v.masterKey),
    );
    expect(hexOf(wrapped.subarray(25))).toBe(hexOf(sealed));
    expect(hexOf(seal(bytes(v.kek), bytes(v.masterKey), headerAad, bytes(v.nonce)))).toBe(
      v.wrapped,
    );
  });

  test('wrapMasterKey writes the same format, which the bare primitive opens', () => {
    const wrapped = wrapMasterKey(bytes(v.kek), bytes(v.masterKey), v.profileId);
    expect(wrapped.length).toBe(1 + 24 + 32 + 16);
    expect(wrapped[0]).toBe(0x01);
    const plain = xchacha20poly1305(bytes(v.kek), wrapped.subarray(1, 25), headerAad).decrypt(
      wrapped.subarray(25),
    );
    expect(hexOf(plain)).toBe(v.masterKey);
  });
});

describe('Argon2id passphrase → KEK', () => {
  const implementations: KdfImplementation[] = ['wasm', 'js'];
  const ref = argon2Vectors.reference;
  const refParams: KdfParams = {
    algorithm: 'argon2id',
    memoryKiB: ref.memoryKiB,
    iterations: ref.iterations,
    parallelism: ref.parallelism,
    salt: text(ref.saltUtf8),
  };

  describe.each(implementations)('the %s implementation', (implementation) => {
    test.each(ref.keys.map((k) => [k.passphrase, k] as const))(
      'gives the reference argon2 CLI output for %j',
      async (_, k) => {
        expect(hexOf(await deriveKek(k.passphrase, refParams, implementation))).toBe(k.key);
      },
    );

    test.each(argon2Vectors.ours.map((v) => [v.passphrase, v] as const))(
      'gives the pinned key for %j',
      async (_, v) => {
        const params: KdfParams = {
          algorithm: 'argon2id',
          memoryKiB: v.memoryKiB,
          iterations: v.iterations,
          parallelism: v.parallelism,
          salt: bytes(v.saltHex),
        };
        expect(hexOf(await deriveKek(v.passphrase, params, implementation))).toBe(v.key);
      },
    );

    test('"ö" typed as o + combining diaeresis gives the reference key of "ö"', async () => {
      const composed = ref.keys.find((k) => k.passphrase === '\u00f6')!;
      expect(hexOf(await deriveKek('o\u0308', refParams, implementation))).toBe(composed.key);
    });
  });

  const small: KdfParams = {
    algorithm: 'argon2id',
    memoryKiB: 64,
    iterations: 1,
    parallelism: 1,
    salt: bytes('000102030405060708090a0b0c0d0e0f'),
  };

  test.each(implementations)(
    '"é" as one code point and as e + combining accent derive the same key (%s)',
    async (implementation) => {
      const composed = await deriveKek('caf\u00e9 olé', small, implementation);
      const decomposed = await deriveKek('cafe\u0301 ole\u0301', small, implementation);
      expect(hexOf(decomposed)).toBe(hexOf(composed));
      // Without normalisation the two spellings are different bytes and different keys, so the
      // equality above is the NFC step's doing.
      const raw = await argon2idAsync(text('cafe\u0301 ole\u0301'), small.salt, {
        m: small.memoryKiB,
        t: small.iterations,
        p: small.parallelism,
        dkLen: 32,
      });
      expect(hexOf(raw)).not.toBe(hexOf(composed));
    },
  );

  test('another salt, memory, iteration count, parallelism or passphrase gives another key', async () => {
    const variants: [string, KdfParams][] = [
      ['base', small],
      ['salt', { ...small, salt: bytes('000102030405060708090a0b0c0d0e0e') }],
      ['memory', { ...small, memoryKiB: 128 }],
      ['iterations', { ...small, iterations: 2 }],
      ['parallelism', { ...small, parallelism: 2 }],
    ];
    const keys = new Map<string, string>();
    for (const [name, params] of variants) keys.set(name, hexOf(await deriveKek('pass', params)));
    keys.set('passphrase', hexOf(await deriveKek('Pass', small)));
    expect(new Set(keys.values()).size).toBe(keys.size);
  });

  test('parameters too weak to be real are refused before any work', async () => {
    await expect(deriveKek('pass', { ...small, salt: new Uint8Array(15) })).rejects.toThrow(
      'KDF salt too short',
    );
    await expect(deriveKek('pass', { ...small, iterations: 0 })).rejects.toThrow(
      'invalid Argon2id parameters',
    );
    await expect(deriveKek('pass', { ...small, memoryKiB: 7 })).rejects.toThrow(
      'invalid Argon2id parameters',
    );
  });
});
