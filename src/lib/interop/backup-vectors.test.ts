/**
 * Known-answer vector of the `.carnet` v1 format (vectors/backup-v1.json): a whole backup file of a
 * tiny record, byte for byte, from fixed keys and nonces. If this test fails, backups made by
 * earlier builds may no longer open: change the format only with a new version number.
 *
 * The vector was written once by this file (`WRITE_BACKUP_VECTOR=1 npx vitest run …`) and checked
 * by hand: the header JSON reads as documented, and each frame's length is its seal's.
 */
import 'fake-indexeddb/auto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { aad, concat, deriveKek, fromHex, purposeKey, seal, toHex, utf8 } from '../crypto';
import { RecordStore, readFileBlob, unlockProfile } from '../vault';
import { freshIndexedDb } from '../vault/test-support';
import { lastBackupAt, restoreBackup } from './backup';
import {
  RecordSealer,
  RecordType,
  backupRecordKey,
  encodeHeader,
  type BackupHeader,
} from './backup-format';

type Vector = {
  description: string;
  passphrase: string;
  masterKey: string;
  kdfSalt: string;
  wrapNonce: string;
  header: BackupHeader;
  records: { type: RecordType; plaintext: string; nonce: string }[];
  headerBytes: string;
  frames: string[];
  file: string;
};

const PATH = new URL('./vectors/backup-v1.json', import.meta.url);

/** Builds the vector from its inputs with the code under test (used once, to write the file). */
async function buildVector(): Promise<Vector> {
  const passphrase = 'correct horse battery staple';
  const masterKey = fromHex('11'.repeat(32));
  const kdfSalt = fromHex('000102030405060708090a0b0c0d0e0f');
  const wrapNonce = fromHex('20'.repeat(24));
  const profileId = 'vYhVq9yJ0D7Tw1n8xP2kQg';
  const kdf = { algorithm: 'argon2id' as const, memoryKiB: 64, iterations: 1, parallelism: 1 };
  const kek = await deriveKek(passphrase, { ...kdf, salt: kdfSalt });
  const wrapped = seal(kek, masterKey, aad('master', profileId, 'header'), wrapNonce);
  const doc = new Y.Doc();
  doc.clientID = 1;
  doc.getMap('entries').set('e1', { kind: 'allergy', substance: 'Latex' });
  const update = Y.encodeStateAsUpdate(doc);
  const hello = utf8('hello');
  const blockHash = new Uint8Array(await crypto.subtle.digest('SHA-256', hello as BufferSource));
  const contentHash = toHex(
    new Uint8Array(await crypto.subtle.digest('SHA-256', blockHash as BufferSource)),
  );
  const counts = { records: 5, docBytes: update.length, files: 1, fileBytes: 5 };
  const header: BackupHeader = {
    backupId: 'bKp3XfVwqA6mTzL1c9RdYg',
    profileId,
    profileCreatedAt: Date.UTC(2024, 0, 15),
    createdAt: Date.UTC(2025, 2, 14, 9, 30),
    kdf: { ...kdf, salt: 'AAECAwQFBgcICQoLDA0ODw' },
    wrappedMasterKey: Buffer.from(wrapped).toString('base64url'),
    counts,
  };
  const plaintexts: [RecordType, Uint8Array][] = [
    [RecordType.settings, utf8(JSON.stringify({ autoLockMinutes: 10 }))],
    [RecordType.doc, update],
    [
      RecordType.file,
      utf8(
        JSON.stringify({ fileId: 'fVq0Lm7sT2xW9aB4cD6eGh', size: 5, contentHash, chunkCount: 1 }),
      ),
    ],
    [RecordType.fileChunk, hello],
  ];
  const { bytes, headerHash } = await encodeHeader(header);
  const sealer = new RecordSealer(
    await backupRecordKey(purposeKey(masterKey, 'backup'), header.backupId),
    header.backupId,
    headerHash,
  );
  const records: Vector['records'] = [];
  const frames: Uint8Array[] = [];
  const nonceOf = (i: number) => new Uint8Array(12).fill(0x30 + i);
  for (const [i, [type, plaintext]] of plaintexts.entries()) {
    frames.push(await sealer.seal(type, plaintext, nonceOf(i)));
    records.push({ type, plaintext: toHex(plaintext), nonce: toHex(nonceOf(i)) });
  }
  const end = utf8(JSON.stringify({ ...counts, chain: sealer.chain }));
  frames.push(await sealer.seal(RecordType.end, end, nonceOf(4)));
  records.push({ type: RecordType.end, plaintext: toHex(end), nonce: toHex(nonceOf(4)) });
  return {
    description:
      'Carnet .carnet backup v1: a record with one entry and one 5-byte file. See backup-format.ts.',
    passphrase,
    masterKey: toHex(masterKey),
    kdfSalt: toHex(kdfSalt),
    wrapNonce: toHex(wrapNonce),
    header,
    records,
    headerBytes: toHex(bytes),
    frames: frames.map(toHex),
    file: toHex(concat(bytes, ...frames)),
  };
}

if (process.env.WRITE_BACKUP_VECTOR) {
  writeFileSync(PATH, JSON.stringify(await buildVector(), null, 2) + '\n');
}

const vector = JSON.parse(readFileSync(PATH, 'utf8')) as Vector;

describe('the .carnet v1 known-answer vector', () => {
  it('encodes the header and seals each record to the pinned bytes', async () => {
    const { bytes, headerHash } = await encodeHeader(vector.header);
    expect(toHex(bytes)).toBe(vector.headerBytes);
    const sealer = new RecordSealer(
      await backupRecordKey(
        purposeKey(fromHex(vector.masterKey), 'backup'),
        vector.header.backupId,
      ),
      vector.header.backupId,
      headerHash,
    );
    for (const [i, record] of vector.records.entries()) {
      const frame = await sealer.seal(
        record.type,
        fromHex(record.plaintext),
        fromHex(record.nonce),
      );
      expect(toHex(frame), `record ${i}`).toBe(vector.frames[i]);
    }
    expect(vector.file).toBe(vector.headerBytes + vector.frames.join(''));
  });

  it('restores from the pinned file with its passphrase', async () => {
    freshIndexedDb();
    const file = fromHex(vector.file);
    const restored = await restoreBackup(
      new ReadableStream({
        start(controller) {
          controller.enqueue(file);
          controller.close();
        },
      }),
      vector.passphrase,
    );
    expect(restored).toEqual({
      profileId: vector.header.profileId,
      createdAt: vector.header.createdAt,
      files: 1,
      fileBytes: 5,
    });
    const profile = await unlockProfile(vector.header.profileId, vector.passphrase);
    const doc = new Y.Doc();
    const store = await RecordStore.open(profile, doc);
    expect(doc.getMap('entries').toJSON()).toEqual({
      e1: { kind: 'allergy', substance: 'Latex' },
    });
    expect(lastBackupAt(doc)).toBe(vector.header.createdAt);
    await store.close();
    const hello = await readFileBlob(profile, 'fVq0Lm7sT2xW9aB4cD6eGh');
    expect(await hello.text()).toBe('hello');
  });
});
