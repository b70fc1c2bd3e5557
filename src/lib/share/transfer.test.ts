/**
 * Documents cross the share whole and byte for byte, with progress on both sides; a transfer can
 * be stopped (by the user or by revocation) and the receiver is told; a file announced larger
 * than the receiver accepts is refused without ending the session.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  ChannelClosedError,
  MAX_FRAME_BYTES,
  MESSAGE_KINDS,
  type FramedMessage,
} from './framed-channel';
import { createFramedPair, streamOf } from './test-channel';
import {
  receiveFiles,
  sendFile,
  TransferError,
  type FileMeta,
  type IncomingFile,
} from './transfer';

async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Deterministic bytes, `size` of them, in chunks of `chunk` (the vault reads 256 KiB). */
function fileBytes(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = seed;
  for (let i = 0; i < size; i += 4) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    bytes[i] = state >>> 24;
    bytes[i + 1] = state >>> 16;
    bytes[i + 2] = state >>> 8;
    bytes[i + 3] = state;
  }
  return bytes;
}

async function* iterableOf(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

const sha256 = (chunks: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
};

function metaFor(bytes: Uint8Array, name = 'compte-rendu.pdf'): FileMeta {
  return {
    fileId: 'ZmlsZS0wMDAwMDAwMDAwMDE',
    name,
    mime: 'application/pdf',
    size: bytes.length,
    contentHash: createHash('sha256').update(bytes).digest('hex'),
  };
}

function receiver(channel: Parameters<typeof receiveFiles>[0], maxFileBytes?: number) {
  const files: IncomingFile[] = [];
  const progress: number[] = [];
  const stop = receiveFiles(channel, {
    onFile: (file) => files.push(file),
    onProgress: (file) => progress.push(file.received),
    maxFileBytes,
  });
  return { files, progress, stop };
}

describe('file transfer', () => {
  test('a 20 MiB document arrives byte for byte, with progress on both sides', async () => {
    const { host, guest, link } = createFramedPair();
    const bytes = fileBytes(20 * 1024 * 1024);
    const meta = metaFor(bytes);
    const { files, progress } = receiver(guest);
    const sentProgress: number[] = [];
    const sending = sendFile(host, meta, streamOf(bytes), {
      onProgress: (sent, total) => {
        expect(total).toBe(bytes.length);
        sentProgress.push(sent);
      },
    });
    await until(() => files.length === 1, 'the offer');
    expect(files[0]!.meta).toEqual(meta);
    const [chunks] = await Promise.all([files[0]!.chunks(), sending]);
    expect(sha256(chunks)).toBe(meta.contentHash);
    expect(files[0]!.received).toBe(bytes.length);
    expect(sentProgress.length).toBe(20);
    expect(sentProgress.at(-1)).toBe(bytes.length);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress.length).toBeGreaterThanOrEqual(20);
    expect(link.a.stats.largestMessage).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(link.a.stats.refused).toBe(0);
  });

  test('any source chunking, empty files, and files in both directions', async () => {
    const { host, guest } = createFramedPair();
    const atGuest = receiver(guest);
    const atHost = receiver(host);
    const odd = fileBytes(3 * 1024 * 1024 + 17, 2);
    const empty = new Uint8Array(0);
    const deposit = fileBytes(70_000, 3);
    await Promise.all([
      sendFile(host, metaFor(odd, 'odd.bin'), iterableOf(odd, [1, 100_000, 2_000_000, 7])),
      sendFile(host, metaFor(empty, 'empty.txt'), iterableOf(empty, [1])),
      sendFile(guest, metaFor(deposit, 'ordonnance.pdf'), streamOf(deposit, 4096), {
        chunkBytes: 10_000,
      }),
    ]);
    await until(() => atGuest.files.length === 2 && atHost.files.length === 1);
    expect(sha256(await atGuest.files[0]!.chunks())).toBe(metaFor(odd).contentHash);
    expect(await atGuest.files[1]!.chunks()).toEqual([]);
    expect(sha256(await atHost.files[0]!.chunks())).toBe(metaFor(deposit).contentHash);
  });

  test('a small message is not held up behind a large file', async () => {
    const { host, guest } = createFramedPair();
    const { files } = receiver(guest);
    const order: string[] = [];
    guest.onMessage(({ kind }: FramedMessage) => {
      if (kind === MESSAGE_KINDS.control) order.push('control');
    });
    const bytes = fileBytes(8 * 1024 * 1024);
    const sending = sendFile(host, metaFor(bytes), streamOf(bytes));
    await until(() => files.length === 1 && files[0]!.received > 0, 'the first bytes');
    await host.send(MESSAGE_KINDS.control, Uint8Array.of(1));
    const reading = files[0]!.chunks().then(() => order.push('file'));
    await Promise.all([sending, reading]);
    expect(order).toEqual(['control', 'file']);
  });

  test('a transfer cancelled half-way fails on the receiver, and the next one arrives', async () => {
    const { host, guest } = createFramedPair();
    const { files } = receiver(guest);
    const bytes = fileBytes(10 * 1024 * 1024);
    const controller = new AbortController();
    const sending = sendFile(host, metaFor(bytes), streamOf(bytes), {
      signal: controller.signal,
      onProgress: (sent) => {
        if (sent >= 3 * 1024 * 1024) controller.abort(new Error('cancelled by the patient'));
      },
    });
    await expect(sending).rejects.toThrow('cancelled by the patient');
    await until(() => files.length === 1);
    await expect(files[0]!.chunks()).rejects.toMatchObject({ code: 'transfer-cancelled' });
    expect(files[0]!.received).toBeLessThan(bytes.length);

    const next = fileBytes(100_000, 9);
    await sendFile(host, metaFor(next), streamOf(next));
    await until(() => files.length === 2);
    expect(sha256(await files[1]!.chunks())).toBe(metaFor(next).contentHash);
  });

  test('revocation mid-transfer stops it on both sides', async () => {
    const { host, guest } = createFramedPair();
    const { files } = receiver(guest);
    const bytes = fileBytes(10 * 1024 * 1024);
    const sending = sendFile(host, metaFor(bytes), streamOf(bytes));
    await until(() => files.length === 1 && files[0]!.received > 1024 * 1024, 'some bytes');
    host.close('revoked');
    await expect(sending).rejects.toBeInstanceOf(ChannelClosedError);
    await expect(files[0]!.chunks()).rejects.toMatchObject({ code: 'transfer-interrupted' });
    expect(await guest.ended).toEqual({ by: 'peer', reason: 'revoked' });
  });

  test('a source with fewer or more bytes than announced is refused on both sides', async () => {
    const { host, guest } = createFramedPair();
    const { files } = receiver(guest);
    const bytes = fileBytes(50_000);
    const short = { ...metaFor(bytes), size: bytes.length + 1 };
    const long = { ...metaFor(bytes), size: bytes.length - 1 };
    await expect(sendFile(host, short, streamOf(bytes, 1000))).rejects.toMatchObject({
      code: 'size-mismatch',
    });
    await expect(sendFile(host, long, streamOf(bytes, 1000))).rejects.toMatchObject({
      code: 'size-mismatch',
    });
    await until(() => files.length === 2);
    for (const file of files) {
      await expect(file.chunks()).rejects.toBeInstanceOf(TransferError);
    }
    expect(host.isOpen && guest.isOpen).toBe(true);
  });

  test('a file larger than the receiver accepts is refused, and the session goes on', async () => {
    const { host, guest } = createFramedPair();
    const { files } = receiver(guest, 1_000_000);
    const big = fileBytes(1_500_000);
    await sendFile(host, metaFor(big), streamOf(big));
    const small = fileBytes(1000, 4);
    await sendFile(host, metaFor(small), streamOf(small));
    await until(() => files.length === 2);
    await expect(files[0]!.chunks()).rejects.toMatchObject({ code: 'file-too-large' });
    expect(sha256(await files[1]!.chunks())).toBe(metaFor(small).contentHash);
  });

  test('a transfer message that makes no sense ends the session', async () => {
    const { host, guest } = createFramedPair();
    receiver(guest);
    // Data for a transfer that was never offered.
    await host.send(MESSAGE_KINDS.file, Uint8Array.of(2, 0, 0, 0, 9, 1, 2, 3));
    expect(await host.ended).toEqual({ by: 'peer', reason: 'protocol-error' });
  });

  test('bad metadata is refused before anything is sent', async () => {
    const { host } = createFramedPair();
    const bytes = fileBytes(10);
    await expect(
      sendFile(host, { ...metaFor(bytes), size: -1 }, streamOf(bytes)),
    ).rejects.toThrow();
    await expect(
      sendFile(host, { ...metaFor(bytes), fileId: '' }, streamOf(bytes)),
    ).rejects.toThrow();
  });
});
