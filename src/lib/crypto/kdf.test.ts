import { describe, expect, it } from 'vitest';
import { deriveKek, kdfImplementationInUse } from './kdf';
import { utf8 } from './bytes';

describe('key derivation', () => {
  it('trusts the WebAssembly Argon2id only after it reproduces the reference output', async () => {
    // Node has WebAssembly, and hash-wasm's build passes the self-test: the fast path is in use
    // (so the vector tests of the 'wasm' implementation really exercise WebAssembly).
    expect(await kdfImplementationInUse()).toBe('wasm');
  });

  it('derives the same key whichever implementation is asked for', async () => {
    const params = {
      algorithm: 'argon2id' as const,
      memoryKiB: 256,
      iterations: 2,
      parallelism: 1,
      salt: utf8('0123456789abcdef'),
    };
    expect(await deriveKek('phrase secrète', params, 'wasm')).toEqual(
      await deriveKek('phrase secrète', params, 'js'),
    );
  });
});
