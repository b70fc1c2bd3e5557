/**
 * A sealed value that was changed, cut short, moved to another place or opened with the wrong key
 * must never give bytes back: it is rejected with a typed error the UI can explain.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import {
  aad,
  importFileKey,
  open,
  openChunk,
  seal,
  sealChunk,
  TamperedError,
  unwrapMasterKey,
  UnsupportedVersionError,
  wrapMasterKey,
  WrongPassphraseError,
  type Purpose,
} from './index';

type Outcome =
  | 'opened'
  | 'TamperedError'
  | 'UnsupportedVersionError'
  | 'WrongPassphraseError'
  | `other error: ${string}`;

function classify(error: unknown): Outcome {
  if (error instanceof TamperedError) return 'TamperedError';
  if (error instanceof UnsupportedVersionError) return 'UnsupportedVersionError';
  if (error instanceof WrongPassphraseError) return 'WrongPassphraseError';
  return `other error: ${String(error)}`;
}

function outcome(attempt: () => Uint8Array): Outcome {
  try {
    attempt();
    return 'opened';
  } catch (error) {
    return classify(error);
  }
}

async function outcomeAsync(attempt: () => Promise<Uint8Array>): Promise<Outcome> {
  try {
    await attempt();
    return 'opened';
  } catch (error) {
    return classify(error);
  }
}

function flipped(sealed: Uint8Array, position: number, mask: number): Uint8Array {
  const copy = sealed.slice();
  copy[position] = copy[position]! ^ mask;
  return copy;
}

/** Fixed, distinct byte patterns, so a failure reproduces exactly. */
function pattern(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed + i * 73) & 0xff);
}

const masks = [
  { mask: 0x01, name: 'lowest bit' },
  { mask: 0x80, name: 'highest bit' },
];

const profileId = 'bWFyaWUtY2xhaXJlLTIwMjQ';
const otherProfileId = 'cGllcnJlLWFudG9pbmUtMjA';
const storeKey = 'ZW50cnktYWxsZXJneS0wMDE';
const otherStoreKey = 'ZW50cnktYWxsZXJneS0wMDI';

describe('envelope v1', () => {
  const key = pattern(32, 1);
  const plaintext = new TextEncoder().encode(
    '{"kind":"allergy","substance":"pénicilline","reaction":"urticaire","since":"2019-03-14","by":"Dr M."}',
  );
  const place = aad('doc', profileId, storeKey);
  const envelope = seal(key, plaintext, place);

  test('the untouched envelope opens (the baseline for everything below)', () => {
    expect(plaintext.length).toBeGreaterThanOrEqual(100);
    expect(open(key, envelope, place)).toEqual(plaintext);
  });

  test.each(masks)('changing any single byte ($name) is detected', ({ mask }) => {
    const outcomes = Array.from(envelope, (_, i) =>
      outcome(() => open(key, flipped(envelope, i, mask), place)),
    );
    const expected = Array.from(envelope, (_, i) =>
      i === 0 ? 'UnsupportedVersionError' : 'TamperedError',
    );
    expect(outcomes).toEqual(expected);
  });

  test('an envelope cut short at any length does not open', () => {
    const outcomes = Array.from(envelope, (_, length) =>
      outcome(() => open(key, envelope.slice(0, length), place)),
    );
    expect(outcomes).toEqual(Array.from(envelope, () => 'TamperedError'));
  });

  test('an envelope with bytes appended does not open', () => {
    const longer = new Uint8Array(envelope.length + 1);
    longer.set(envelope);
    expect(outcome(() => open(key, longer, place))).toBe('TamperedError');
  });

  const otherPurposes = (
    [
      'master',
      'snapshot',
      'update-meta',
      'blob',
      'file',
      'label',
      'guardian-key',
    ] satisfies Purpose[]
  ).map((purpose) => [purpose]);

  test.each(otherPurposes)('a record copied into a %s slot does not open', (purpose) => {
    expect(outcome(() => open(key, envelope, aad(purpose, profileId, storeKey)))).toBe(
      'TamperedError',
    );
  });

  test('a record copied into another profile does not open', () => {
    expect(outcome(() => open(key, envelope, aad('doc', otherProfileId, storeKey)))).toBe(
      'TamperedError',
    );
  });

  test('a record copied under another store key does not open', () => {
    expect(outcome(() => open(key, envelope, aad('doc', profileId, otherStoreKey)))).toBe(
      'TamperedError',
    );
  });

  test('a record opened with another key does not open', () => {
    expect(outcome(() => open(pattern(32, 2), envelope, place))).toBe('TamperedError');
  });
});

describe('wrapped master key', () => {
  const kek = pattern(32, 3);
  const masterKey = pattern(32, 4);
  const wrapped = wrapMasterKey(kek, masterKey, profileId);

  test('the untouched wrapped key unwraps (the baseline for everything below)', () => {
    expect(unwrapMasterKey(kek, wrapped, profileId)).toEqual(masterKey);
  });

  // A damaged header and a wrong passphrase are indistinguishable to AEAD: both read as a wrong
  // passphrase, except an unknown version byte, which says so.
  test.each(masks)('changing any single byte ($name) is detected', ({ mask }) => {
    const outcomes = Array.from(wrapped, (_, i) =>
      outcome(() => unwrapMasterKey(kek, flipped(wrapped, i, mask), profileId)),
    );
    const expected = Array.from(wrapped, (_, i) =>
      i === 0 ? 'UnsupportedVersionError' : 'WrongPassphraseError',
    );
    expect(outcomes).toEqual(expected);
  });

  test('a wrapped key cut short at any length does not unwrap', () => {
    const outcomes = Array.from(wrapped, (_, length) =>
      outcome(() => unwrapMasterKey(kek, wrapped.slice(0, length), profileId)),
    );
    expect(outcomes).toEqual(Array.from(wrapped, () => 'WrongPassphraseError'));
  });

  test('a KEK from the wrong passphrase is reported as a wrong passphrase', () => {
    expect(() => unwrapMasterKey(pattern(32, 5), wrapped, profileId)).toThrow(WrongPassphraseError);
  });

  test("another profile's header does not unwrap this master key", () => {
    expect(() => unwrapMasterKey(kek, wrapped, otherProfileId)).toThrow(WrongPassphraseError);
  });
});

describe('chunk v1', () => {
  // lib/crypto has no chunk-AAD builder yet; this stands in for what the attachment store binds:
  // the file, the chunk's index and whether it is the last one.
  const fileId = 'b3Jkb25uYW5jZS0yMDI0LTA';
  const chunkAad = (file: string, index: number, last: boolean) =>
    aad('file', profileId, `${file}.${index}.${last ? 'last' : 'more'}`);

  const plaintext = pattern(100, 6);
  let key: CryptoKey;
  let first: Uint8Array; // index 0, more to come
  let last: Uint8Array; // index 1, the last chunk

  beforeAll(async () => {
    key = await importFileKey(pattern(32, 7));
    first = await sealChunk(key, plaintext, chunkAad(fileId, 0, false));
    last = await sealChunk(key, plaintext, chunkAad(fileId, 1, true));
  });

  test('untouched chunks open (the baseline for everything below)', async () => {
    expect(await openChunk(key, first, chunkAad(fileId, 0, false))).toEqual(plaintext);
    expect(await openChunk(key, last, chunkAad(fileId, 1, true))).toEqual(plaintext);
  });

  test.each(masks)('changing any single byte ($name) is detected', async ({ mask }) => {
    const outcomes = await Promise.all(
      Array.from(first, (_, i) =>
        outcomeAsync(() => openChunk(key, flipped(first, i, mask), chunkAad(fileId, 0, false))),
      ),
    );
    const expected = Array.from(first, (_, i) =>
      i === 0 ? 'UnsupportedVersionError' : 'TamperedError',
    );
    expect(outcomes).toEqual(expected);
  });

  test('a chunk cut short at any length does not open', async () => {
    const outcomes = await Promise.all(
      Array.from(first, (_, length) =>
        outcomeAsync(() => openChunk(key, first.slice(0, length), chunkAad(fileId, 0, false))),
      ),
    );
    expect(outcomes).toEqual(Array.from(first, () => 'TamperedError'));
  });

  test('chunks swapped into each other’s position do not open', async () => {
    expect(await outcomeAsync(() => openChunk(key, first, chunkAad(fileId, 1, false)))).toBe(
      'TamperedError',
    );
    expect(await outcomeAsync(() => openChunk(key, last, chunkAad(fileId, 0, true)))).toBe(
      'TamperedError',
    );
  });

  test('a file cut after a middle chunk is noticed: that chunk does not open as the last one', async () => {
    expect(await outcomeAsync(() => openChunk(key, first, chunkAad(fileId, 0, true)))).toBe(
      'TamperedError',
    );
  });

  test('a last chunk does not open as one followed by more', async () => {
    expect(await outcomeAsync(() => openChunk(key, last, chunkAad(fileId, 1, false)))).toBe(
      'TamperedError',
    );
  });

  test('a chunk moved into another file does not open', async () => {
    const otherFile = 'YW5hbHlzZXMtc2FuZy0yMDI';
    expect(await outcomeAsync(() => openChunk(key, first, chunkAad(otherFile, 0, false)))).toBe(
      'TamperedError',
    );
  });

  test("a chunk opened with another file's key does not open", async () => {
    const otherKey = await importFileKey(pattern(32, 8));
    expect(await outcomeAsync(() => openChunk(otherKey, first, chunkAad(fileId, 0, false)))).toBe(
      'TamperedError',
    );
  });
});
