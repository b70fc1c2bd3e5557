/**
 * Files over the framed channel (DESIGN §4.5–4.6): a shared document's bytes to the professional,
 * a deposited document back to the patient. A file goes as several framed messages of kind
 * `file`, so a Yjs edit or another file can pass between two of its chunks and both sides can
 * show progress:
 *
 * | type | name   | body after `type (1 byte) ‖ transfer id (u32 big-endian)`                 |
 * | ---- | ------ | -------------------------------------------------------------------------- |
 * | 1    | offer  | UTF-8 JSON {fileId, name, mime, size, contentHash}                        |
 * | 2    | data   | the next bytes of the file (up to `chunkBytes`, default 1 MiB)             |
 * | 3    | end    | nothing: all `size` bytes were sent                                        |
 * | 4    | cancel | nothing: the sender gave up; the receiver drops what it has                |
 *
 * Transfer ids count up per sender on one channel. The channel already authenticates and orders
 * every byte, so the chunks need no index or hash of their own; the receiver checks the byte
 * count against `size`. `contentHash` (lib/vault's content hash) is carried as the sender states
 * it: a receiver that stores the file gets its own from lib/vault and may compare.
 *
 * Bytes come from a stream (lib/vault's readFile, a File's stream()) and leave as they are read,
 * so the sender never holds a whole file; the receiver keeps it in memory (the professional's
 * page stores nothing) or streams it on (the patient's device, into the vault).
 */
import * as v from 'valibot';
import { fromUtf8, utf8 } from '../crypto/bytes';
import { ShareError } from './errors';
import { MESSAGE_KINDS, type FramedChannel, type FramedMessage } from './framed-channel';

const OFFER = 1;
const DATA = 2;
const END = 3;
const CANCEL = 4;
const PREFIX_BYTES = 5;

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

const FileMetaSchema = v.strictObject({
  fileId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  name: v.pipe(v.string(), v.maxLength(255)),
  mime: v.pipe(v.string(), v.maxLength(255)),
  size: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  contentHash: v.pipe(v.string(), v.maxLength(128)),
});

/** What the receiver learns before the bytes: a document entry's file fields (DESIGN §2). */
export type FileMeta = v.InferOutput<typeof FileMetaSchema>;

export type TransferErrorCode =
  /** The sender stopped the transfer (revocation, the user cancelled…). */
  | 'transfer-cancelled'
  /** More or fewer bytes than the offer announced. */
  | 'size-mismatch'
  /** Announced larger than this side accepts; its bytes are dropped as they come. */
  | 'file-too-large'
  /** The channel ended before the last byte. */
  | 'transfer-interrupted'
  /** A transfer message that makes no sense; the channel is closed. */
  | 'malformed-transfer-message';

export class TransferError extends ShareError {
  override readonly name = 'TransferError';
  constructor(override readonly code: TransferErrorCode) {
    super(`file transfer failed: ${code}`);
  }
}

export interface SendFileOptions {
  /** Stops the transfer at the next frame; the receiver is told. */
  signal?: AbortSignal;
  /** After each chunk is handed to the channel. */
  onProgress?: (sent: number, total: number) => void;
  /** Bytes per data message (default 1 MiB). */
  chunkBytes?: number;
}

const nextIds = new WeakMap<FramedChannel, number>();

function message(type: number, id: number, bodyBytes = 0): Uint8Array {
  const bytes = new Uint8Array(PREFIX_BYTES + bodyBytes);
  bytes[0] = type;
  new DataView(bytes.buffer).setUint32(1, id);
  return bytes;
}

async function* chunksOf(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  // Safari's ReadableStream is not async-iterable: read it by hand.
  if (!(typeof ReadableStream !== 'undefined' && source instanceof ReadableStream)) {
    yield* source as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = source.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (cancelled, failed): let the source stop reading too.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * Sends a file's bytes, read from `source`, announced by `meta`. Resolves once the last message
 * is handed to the channel; rejects with the signal's reason if aborted, TransferError
 * `size-mismatch` if the source does not hold exactly `meta.size` bytes (the receiver is told),
 * or the channel's ChannelClosedError.
 */
export async function sendFile(
  channel: FramedChannel,
  meta: FileMeta,
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  options: SendFileOptions = {},
): Promise<void> {
  const { signal, onProgress } = options;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new RangeError('chunkBytes');
  const offer = v.parse(FileMetaSchema, meta);
  signal?.throwIfAborted();
  const id = nextIds.get(channel) ?? 0;
  nextIds.set(channel, id + 1);

  const body = utf8(JSON.stringify(offer));
  const offerMessage = message(OFFER, id, body.length);
  offerMessage.set(body, PREFIX_BYTES);
  await channel.send(MESSAGE_KINDS.file, offerMessage, { signal });

  // One buffer, reused: channel.send has sealed every byte of it by the time it resolves.
  const buffer = message(DATA, id, Math.min(chunkBytes, offer.size));
  let filled = 0;
  let sent = 0;
  const flush = async () => {
    await channel.send(MESSAGE_KINDS.file, buffer.subarray(0, PREFIX_BYTES + filled), { signal });
    sent += filled;
    filled = 0;
    onProgress?.(sent, offer.size);
  };
  try {
    for await (const chunk of chunksOf(source)) {
      signal?.throwIfAborted();
      if (sent + filled + chunk.length > offer.size) throw new TransferError('size-mismatch');
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(buffer.length - PREFIX_BYTES - filled, chunk.length - offset);
        buffer.set(chunk.subarray(offset, offset + take), PREFIX_BYTES + filled);
        filled += take;
        offset += take;
        if (PREFIX_BYTES + filled === buffer.length) await flush();
      }
    }
    if (filled > 0) await flush();
    if (sent !== offer.size) throw new TransferError('size-mismatch');
    await channel.send(MESSAGE_KINDS.file, message(END, id));
  } catch (error) {
    if (channel.isOpen)
      await channel.send(MESSAGE_KINDS.file, message(CANCEL, id)).catch(() => undefined);
    throw error;
  }
}

/** A file arriving; handed to `onFile` when its offer comes in. */
export interface IncomingFile {
  readonly meta: FileMeta;
  /** Bytes received so far. */
  readonly received: number;
  /**
   * The bytes as they arrive; errors with a TransferError if the transfer fails. Read it, or
   * call chunks(), not both. Unread bytes stay queued in memory.
   */
  readonly stream: ReadableStream<Uint8Array>;
  /** Every byte, in memory, once the last one has arrived. */
  chunks(): Promise<Uint8Array[]>;
}

class Incoming implements IncomingFile {
  received = 0;
  readonly stream: ReadableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  /** Bytes no longer wanted: the transfer failed, or the reader cancelled the stream. */
  #dropping = false;

  constructor(readonly meta: FileMeta) {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
      cancel: () => {
        this.#dropping = true;
      },
    });
  }

  /** Finished, failed, or no longer read: further bytes are dropped. */
  get done(): boolean {
    return this.#dropping;
  }

  push(bytes: Uint8Array): void {
    if (this.#dropping) return;
    this.received += bytes.length;
    if (this.received > this.meta.size) return this.fail(new TransferError('size-mismatch'));
    this.#controller.enqueue(bytes);
  }

  finish(): void {
    if (this.#dropping) return;
    if (this.received !== this.meta.size) return this.fail(new TransferError('size-mismatch'));
    this.#dropping = true;
    this.#controller.close();
  }

  fail(error: TransferError): void {
    if (this.#dropping) return;
    this.#dropping = true;
    this.#controller.error(error);
  }

  async chunks(): Promise<Uint8Array[]> {
    const reader = this.stream.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return chunks;
      chunks.push(value);
    }
  }
}

export interface ReceiveFilesOptions {
  /** Called when a file is announced, before its bytes. */
  onFile: (file: IncomingFile) => void;
  /** Called after each chunk of a file arrives. */
  onProgress?: (file: IncomingFile) => void;
  /** Larger files are refused: their stream errors with `file-too-large` (default 256 MiB). */
  maxFileBytes?: number;
}

/**
 * Receives the files the peer sends on `channel` until the returned stop function is called or
 * the channel ends (files still arriving then fail with `transfer-interrupted`). A transfer
 * message that makes no sense closes the channel (`protocol-error`).
 */
export function receiveFiles(channel: FramedChannel, options: ReceiveFilesOptions): () => void {
  const maxFileBytes = options.maxFileBytes ?? 256 * 1024 * 1024;
  const active = new Map<number, Incoming>();

  const malformed = (): void => {
    for (const file of active.values()) file.fail(new TransferError('malformed-transfer-message'));
    active.clear();
    channel.close('protocol-error');
  };

  const onMessage = ({ kind, payload }: FramedMessage): void => {
    if (kind !== MESSAGE_KINDS.file) return;
    if (payload.length < PREFIX_BYTES) return malformed();
    const type = payload[0]!;
    const id = new DataView(payload.buffer, payload.byteOffset).getUint32(1);
    const body = payload.subarray(PREFIX_BYTES);
    const file = active.get(id);
    if (type === OFFER) {
      if (file) return malformed();
      let meta: FileMeta;
      try {
        meta = v.parse(FileMetaSchema, JSON.parse(fromUtf8(body)));
      } catch {
        return malformed();
      }
      const incoming = new Incoming(meta);
      active.set(id, incoming);
      options.onFile(incoming);
      if (meta.size > maxFileBytes) incoming.fail(new TransferError('file-too-large'));
      return;
    }
    if (!file) return malformed();
    if (type === DATA) {
      file.push(body);
      if (!file.done) options.onProgress?.(file);
    } else if (type === END || type === CANCEL) {
      active.delete(id);
      if (type === END) {
        file.finish();
        options.onProgress?.(file);
      } else {
        file.fail(new TransferError('transfer-cancelled'));
      }
    } else {
      malformed();
    }
  };

  const unsubscribe = channel.onMessage(onMessage);
  const interrupt = (): void => {
    unsubscribe();
    for (const file of active.values()) file.fail(new TransferError('transfer-interrupted'));
    active.clear();
  };
  void channel.ended.then(interrupt);
  return interrupt;
}
