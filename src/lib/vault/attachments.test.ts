import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  deleteFile,
  fileInfo,
  listFiles,
  readFileBlob,
  verifyFile,
  writeFile,
} from './attachments';
import { openVaultDb } from './db';
import { DamagedFileError, FileNotFoundError } from './errors';
import type { UnlockedProfile } from './profiles';
import { bytes, contains, freshIndexedDb, rawValues, streamOf, testProfile } from './test-support';

let profile: UnlockedProfile;

beforeEach(async () => {
  freshIndexedDb();
  profile = await testProfile();
});

/** Dropbox's content hash, computed independently with node:crypto. */
function dropboxContentHash(data: Uint8Array): string {
  const block = 4 * 1024 * 1024;
  const digests: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += block) {
    digests.push(
      createHash('sha256')
        .update(data.subarray(offset, offset + block))
        .digest(),
    );
  }
  return createHash('sha256').update(Buffer.concat(digests)).digest('hex');
}

/** Byte equality without a deep, element-by-element diff (slow on megabytes). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

async function readBack(fileId: string): Promise<Uint8Array> {
  return new Uint8Array(await (await readFileBlob(profile, fileId)).arrayBuffer());
}

describe('encrypted attachments', () => {
  it.each([
    0,
    1,
    CHUNK_BYTES - 1,
    CHUNK_BYTES,
    CHUNK_BYTES + 1,
    3 * CHUNK_BYTES + 12_345,
    16 * CHUNK_BYTES,
    17 * CHUNK_BYTES + 5,
  ])('a %i-byte file comes back byte for byte, with its size and content hash', async (length) => {
    const data = bytes(length, length + 7);
    const stored = await writeFile(profile, streamOf(data));
    expect(stored.size).toBe(length);
    expect(stored.contentHash).toBe(dropboxContentHash(data));
    expect(sameBytes(await readBack(stored.fileId), data)).toBe(true);
    expect(await fileInfo(profile, stored.fileId)).toEqual(stored);
  });

  it('keeps a content hash it is given (a restore) instead of computing it, and the id', async () => {
    const data = bytes(CHUNK_BYTES * 2 + 5, 11);
    const contentHash = dropboxContentHash(data);
    const stored = await writeFile(profile, streamOf(data), { fileId: 'restored-1', contentHash });
    expect(stored).toEqual({ fileId: 'restored-1', size: data.length, contentHash });
    expect(await fileInfo(profile, 'restored-1')).toEqual(stored);
    expect(sameBytes(await readBack('restored-1'), data)).toBe(true);
    // Taken as given: the caller vouches for it (a restore's backup authenticates it).
    const given = await writeFile(profile, streamOf(data), { contentHash: 'a'.repeat(64) });
    expect((await fileInfo(profile, given.fileId)).contentHash).toBe('a'.repeat(64));
  });

  it('takes a Blob as well as a stream', async () => {
    const data = bytes(CHUNK_BYTES * 2 + 5);
    const stored = await writeFile(profile, new Blob([data as BlobPart]));
    expect(sameBytes(await readBack(stored.fileId), data)).toBe(true);
  });

  it('stores the content encrypted', async () => {
    const text = new TextEncoder().encode('COMPTE-RENDU-MARKER '.repeat(1000));
    await writeFile(profile, new Blob([text as BlobPart]));
    const marker = new TextEncoder().encode('COMPTE-RENDU-MARKER');
    for (const value of await rawValues()) expect(contains(value, marker)).toBe(false);
  });

  it('reports the exact chunk of a file that was altered, and other files still open', async () => {
    const damaged = await writeFile(profile, streamOf(bytes(3 * CHUNK_BYTES)));
    const intact = await writeFile(profile, streamOf(bytes(CHUNK_BYTES + 3, 9)));
    const db = await openVaultDb();
    const key: [string, string, number] = [profile.profileId, damaged.fileId, 1];
    const chunk = (await db.get('chunks', key))!;
    chunk[500]! ^= 0x04;
    await db.put('chunks', chunk, key);

    await expect(readBack(damaged.fileId)).rejects.toEqual(new DamagedFileError(damaged.fileId, 1));
    expect(await verifyFile(profile, damaged.fileId)).toEqual(
      new DamagedFileError(damaged.fileId, 1),
    );
    expect(await verifyFile(profile, intact.fileId)).toBeNull();
  });

  it('detects a file cut short, and chunks swapped', async () => {
    const cut = await writeFile(profile, streamOf(bytes(3 * CHUNK_BYTES)));
    const swapped = await writeFile(profile, streamOf(bytes(3 * CHUNK_BYTES, 5)));
    const db = await openVaultDb();
    await db.delete('chunks', [profile.profileId, cut.fileId, 2]);
    expect(await verifyFile(profile, cut.fileId)).toEqual(new DamagedFileError(cut.fileId, 2));

    const a = (await db.get('chunks', [profile.profileId, swapped.fileId, 0]))!;
    const b = (await db.get('chunks', [profile.profileId, swapped.fileId, 1]))!;
    await db.put('chunks', b, [profile.profileId, swapped.fileId, 0]);
    await db.put('chunks', a, [profile.profileId, swapped.fileId, 1]);
    expect(await verifyFile(profile, swapped.fileId)).toEqual(
      new DamagedFileError(swapped.fileId, 0),
    );
  });

  it('a damaged manifest makes that file damaged, not the vault', async () => {
    const stored = await writeFile(profile, streamOf(bytes(10)));
    const db = await openVaultDb();
    const record = (await db.get('files', [profile.profileId, stored.fileId]))!;
    record.body[30]! ^= 1;
    await db.put('files', record, [profile.profileId, stored.fileId]);
    await expect(fileInfo(profile, stored.fileId)).rejects.toEqual(
      new DamagedFileError(stored.fileId, -1),
    );
  });

  it('forgets a deleted file entirely', async () => {
    const stored = await writeFile(profile, streamOf(bytes(CHUNK_BYTES + 1)));
    expect(await listFiles(profile)).toEqual([stored.fileId]);
    await deleteFile(profile, stored.fileId);
    expect(await listFiles(profile)).toEqual([]);
    expect(await (await openVaultDb()).count('chunks')).toBe(0);
    await expect(readBack(stored.fileId)).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('an interrupted write leaves no half file behind', async () => {
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes(CHUNK_BYTES * 20));
        controller.error(new Error('file reader failed'));
      },
    });
    await expect(writeFile(profile, failing)).rejects.toThrow('file reader failed');
    const db = await openVaultDb();
    expect(await db.count('chunks')).toBe(0);
    expect(await db.count('files')).toBe(0);
  });
});
