/**
 * The framed, sealed channel every shared byte travels on (DESIGN §4.5): the share's Yjs sync and
 * its files, over one RTCDataChannel. A message of any size is cut into frames of at most 65,536
 * bytes on the wire — header and tag included, since WebKit before 26 refuses larger messages and
 * y-webrtc's one-message-per-update transport was seen to stall for good after a 1 MiB update
 * (RECIPES.md) — each sealed with XChaCha20-Poly1305 under the sender's session key, and put back
 * together on the other side.
 *
 * Frame v1 (integers big-endian):
 *
 * | offset | bytes | field                                                                    |
 * | ------ | ----- | ------------------------------------------------------------------------ |
 * | 0      | 1     | version, 0x01                                                            |
 * | 1      | 1     | type: 0 data, 1 abort (the message was abandoned), 2 close               |
 * | 2      | 1     | kind: what the message is, for the layer above (MESSAGE_KINDS); 0 in close |
 * | 3      | 1     | flags: bit 0 = last frame of its message (always set in abort and close) |
 * | 4      | 4     | message number, from 0                                                   |
 * | 8      | 4     | frame index within the message, from 0                                   |
 * | 12     | 4     | message length in bytes (0 in abort and close)                           |
 * | 16     | n+16  | XChaCha20-Poly1305 ciphertext of the frame's n bytes, then the tag       |
 *
 * - nonce (24 bytes) = direction byte (1 host→guest, 2 guest→host) ‖ 15 zero bytes ‖ u64 count of
 *   frames sealed before this one in that direction. Counter nonces are safe here and cost no
 *   bytes on the wire: each key belongs to one session and one direction (the handshake derives
 *   one per direction from fresh X25519 keys), the count only grows and is never reset, and the
 *   direction byte keeps the two directions apart even if a bug gave both sides the same key. The
 *   receiver computes the nonce from its own count of accepted frames, so a frame replayed,
 *   reordered, duplicated or following a dropped one cannot open even where its header lies.
 * - AAD = utf8("carnet/v1/frame/<host-to-guest|guest-to-host>/") ‖ the 16-byte header: the
 *   direction, message number, frame index, last-frame flag, kind and length are all
 *   authenticated.
 *
 * The data channel is ordered and reliable, so the receiver expects exactly the next frame; any
 * other frame is an attack or a bug, and the channel is closed with a typed error. A close frame
 * carries the reason (expired, revoked…) so the other side can say why the session ended.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { utf8 } from '../crypto/bytes';
import { ShareError } from './errors';

/**
 * What FramedChannel needs of an RTCDataChannel (a real one fits, see the test): ordered,
 * reliable, binary messages, and `bufferedamountlow` for flow control. FramedChannel takes its
 * `on…` handlers over; hand it the channel as soon as the session keys exist, before any frame
 * can arrive.
 */
export interface DataChannelLike {
  binaryType: 'arraybuffer' | 'blob';
  readonly readyState: 'connecting' | 'open' | 'closing' | 'closed';
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: Event) => void) | null;
  onbufferedamountlow: ((event: Event) => void) | null;
  send(data: Uint8Array<ArrayBuffer>): void;
  close(): void;
}

/** Hard ceiling of a frame on the wire, header and tag included (DESIGN §4.5). */
export const MAX_FRAME_BYTES = 65_536;
export const FRAME_VERSION = 0x01;
export const FRAME_HEADER_BYTES = 16;
export const FRAME_TAG_BYTES = 16;
/** Frame and message length fields are u32. */
const MAX_U32 = 0xffff_ffff;

/**
 * Message kinds used by lib/share; numbers, not names, since they go on the wire. The layer
 * above picks one per concern so its listener can ignore the others.
 */
export const MESSAGE_KINDS = {
  /** y-protocols sync messages (sync.ts). */
  sync: 1,
  /** File transfer (transfer.ts). */
  file: 2,
  /** Reserved for the session layer (rights, deposit requests, acknowledgements). */
  control: 3,
} as const;

/** Why a session ended, as a close frame carries it. */
export const CLOSE_REASONS = ['closed', 'expired', 'revoked', 'protocol-error'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Whose side this is: `host` made the link (the patient), `guest` opened it. */
export type Role = 'host' | 'guest';

const FrameType = { Data: 0, Abort: 1, Close: 2 } as const;
type FrameType = (typeof FrameType)[keyof typeof FrameType];
const FINAL = 0x01;

export type FrameErrorCode =
  /** Too short or too long, not binary, an unknown type or flag, inconsistent lengths. */
  | 'malformed-frame'
  | 'unsupported-frame-version'
  /** Not the frame expected next: replayed, duplicated, reordered, or one before it was lost. */
  | 'out-of-sequence'
  /** Did not open under the session key: changed in transit, or not from the peer. */
  | 'tampered-frame'
  /** Announces a message larger than this side accepts. */
  | 'message-too-large'
  /** The channel closed in the middle of a message. */
  | 'truncated-message';

/** A frame this side refused; the channel is closed (ChannelEnd `rejected`). */
export class FrameRejectedError extends ShareError {
  override readonly name = 'FrameRejectedError';
  constructor(override readonly code: FrameErrorCode) {
    super(`frame rejected: ${code}`);
  }
}

/** How a channel ended. */
export type ChannelEnd =
  /** This side called close(). */
  | { by: 'local'; reason: CloseReason }
  /** The peer sent a close frame. */
  | { by: 'peer'; reason: CloseReason }
  /** The data channel closed or failed with no close frame: the peer or the network is gone. */
  | { by: 'transport'; cause?: unknown }
  /** This side refused a frame. */
  | { by: 'rejected'; error: FrameRejectedError };

/** A send on a channel that has ended (or ended during the send). */
export class ChannelClosedError extends ShareError {
  override readonly name = 'ChannelClosedError';
  readonly code = 'channel-closed';
  constructor(readonly end: ChannelEnd) {
    super(`channel closed (${end.by})`);
  }
}

/** A message over the limit given to this side; nothing was sent, the channel stays open. */
export class MessageTooLargeError extends ShareError {
  override readonly name = 'MessageTooLargeError';
  readonly code = 'message-too-large';
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`message of ${size} bytes exceeds ${limit}`);
  }
}

export interface FramedMessage {
  kind: number;
  payload: Uint8Array;
}

export interface FramedChannelOptions {
  role: Role;
  /** 32 bytes: seals what this side sends. */
  sendKey: Uint8Array;
  /** 32 bytes: opens what the peer sends. */
  receiveKey: Uint8Array;
  /** Largest frame on the wire (default and ceiling MAX_FRAME_BYTES). */
  maxFrameBytes?: number;
  /** Largest message either way (default 256 MiB); a larger announced message closes the channel. */
  maxMessageBytes?: number;
  /**
   * bufferedAmount never exceeds this (default 320 KiB). Measured in Chromium on loopback
   * (tests/bench/share.bench.ts): with 1 MiB queued, SCTP often stalled for its 400 ms minimum
   * retransmission timeout several times per 20 MiB; with 320 KiB / 64 KiB it almost never did.
   */
  highWaterBytes?: number;
  /** Sending resumes when bufferedAmount falls to this (default 64 KiB). */
  lowWaterBytes?: number;
  /**
   * While waiting for `bufferedamountlow`, also look at bufferedAmount this often (default 250 ms;
   * 0 = never): belt and braces should a browser miss the event, which is the normal path.
   */
  drainPollMs?: number;
}

export interface SendOptions {
  /** Abandons the message at the next frame; the peer is told and drops what it received. */
  signal?: AbortSignal;
}

/**
 * Room kept under the high-water mark for control frames: data frames leave it free, so an abort
 * frame (32 bytes) and a close frame (33) can always go at once without passing the mark.
 */
const CONTROL_RESERVE = 128;

const DIRECTIONS = {
  host: { send: 'host-to-guest', receive: 'guest-to-host' },
  guest: { send: 'guest-to-host', receive: 'host-to-guest' },
} as const;
const DIRECTION_BYTE = { 'host-to-guest': 1, 'guest-to-host': 2 } as const;
type Direction = keyof typeof DIRECTION_BYTE;

/** One direction's sealing state: key, AAD prefix, and the count of frames sealed or opened. */
class FrameCipher {
  readonly #key: Uint8Array;
  readonly #directionByte: number;
  /** AAD prefix followed by room for the header, reused for every frame. */
  readonly #aad: Uint8Array;
  #count = 0;

  constructor(key: Uint8Array, direction: Direction) {
    this.#key = Uint8Array.from(key);
    this.#directionByte = DIRECTION_BYTE[direction];
    const prefix = utf8(`carnet/v1/frame/${direction}/`);
    this.#aad = new Uint8Array(prefix.length + FRAME_HEADER_BYTES);
    this.#aad.set(prefix);
  }

  #nonce(): Uint8Array {
    if (this.#count >= Number.MAX_SAFE_INTEGER) throw new Error('frame counter exhausted');
    const nonce = new Uint8Array(24);
    nonce[0] = this.#directionByte;
    const view = new DataView(nonce.buffer);
    view.setUint32(16, Math.floor(this.#count / 2 ** 32));
    view.setUint32(20, this.#count >>> 0);
    return nonce;
  }

  #cipher(header: Uint8Array) {
    this.#aad.set(header, this.#aad.length - FRAME_HEADER_BYTES);
    return xchacha20poly1305(this.#key, this.#nonce(), this.#aad);
  }

  /** Seals `plaintext` into `frame` after its header (frame = header ‖ room for ct ‖ tag). */
  seal(frame: Uint8Array, plaintext: Uint8Array): void {
    this.#cipher(frame.subarray(0, FRAME_HEADER_BYTES)).encrypt(
      plaintext,
      frame.subarray(FRAME_HEADER_BYTES),
    );
    this.#count++;
  }

  /** Opens `frame` into `output`; false (and nothing counted) if it does not authenticate. */
  open(frame: Uint8Array, output: Uint8Array): boolean {
    try {
      this.#cipher(frame.subarray(0, FRAME_HEADER_BYTES)).decrypt(
        frame.subarray(FRAME_HEADER_BYTES),
        output,
      );
    } catch {
      return false;
    }
    this.#count++;
    return true;
  }

  wipe(): void {
    this.#key.fill(0);
  }
}

interface Header {
  version: number;
  type: number;
  kind: number;
  flags: number;
  message: number;
  index: number;
  length: number;
}

function writeHeader(frame: Uint8Array, header: Omit<Header, 'version'>): void {
  const view = new DataView(frame.buffer, frame.byteOffset, FRAME_HEADER_BYTES);
  view.setUint8(0, FRAME_VERSION);
  view.setUint8(1, header.type);
  view.setUint8(2, header.kind);
  view.setUint8(3, header.flags);
  view.setUint32(4, header.message);
  view.setUint32(8, header.index);
  view.setUint32(12, header.length);
}

function readHeader(frame: Uint8Array): Header {
  const view = new DataView(frame.buffer, frame.byteOffset, FRAME_HEADER_BYTES);
  return {
    version: view.getUint8(0),
    type: view.getUint8(1),
    kind: view.getUint8(2),
    flags: view.getUint8(3),
    message: view.getUint32(4),
    index: view.getUint32(8),
    length: view.getUint32(12),
  };
}

/** A data-channel message's bytes (binaryType `arraybuffer`), or null if it is not binary. */
export function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

function asBytes(data: unknown): Uint8Array {
  const bytes = bytesOf(data);
  if (!bytes) throw new FrameRejectedError('malformed-frame');
  return bytes;
}

interface SendJob {
  kind: number;
  payload: Uint8Array;
  signal: AbortSignal | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A message being received: its frames are opened straight into `buffer`. */
interface Incoming {
  kind: number;
  buffer: Uint8Array;
  filled: number;
}

type Listener = (message: FramedMessage) => void;

export class FramedChannel {
  readonly #channel: DataChannelLike;
  readonly #sealer: FrameCipher;
  readonly #opener: FrameCipher;
  readonly #maxFrameBytes: number;
  readonly #maxMessageBytes: number;
  readonly #highWaterBytes: number;
  readonly #drainPollMs: number;

  #end: ChannelEnd | null = null;
  readonly #listeners = new Set<Listener>();
  readonly #ended: Promise<ChannelEnd>;
  #resolveEnded!: (end: ChannelEnd) => void;

  // Sending: one message at a time, in order; frames of two messages never interleave.
  readonly #queue: SendJob[] = [];
  #pumping = false;
  #nextMessage = 0;
  /** The message whose frames are going out, and the index of its next frame. */
  #current: { message: number; index: number } | null = null;
  #wake: (() => void) | null = null;

  // Receiving.
  #expectedMessage = 0;
  #expectedIndex = 0;
  #incoming: Incoming | null = null;

  constructor(channel: DataChannelLike, options: FramedChannelOptions) {
    const { role, sendKey, receiveKey } = options;
    if (sendKey.length !== 32 || receiveKey.length !== 32) {
      throw new RangeError('session keys are 32 bytes');
    }
    this.#maxFrameBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES;
    this.#maxMessageBytes = options.maxMessageBytes ?? 256 * 1024 * 1024;
    this.#highWaterBytes = options.highWaterBytes ?? 320 * 1024;
    const lowWaterBytes = options.lowWaterBytes ?? 64 * 1024;
    this.#drainPollMs = options.drainPollMs ?? 250;
    const smallestFrame = FRAME_HEADER_BYTES + 1 + FRAME_TAG_BYTES;
    if (this.#maxFrameBytes < smallestFrame || this.#maxFrameBytes > MAX_FRAME_BYTES) {
      throw new RangeError(`maxFrameBytes must be ${smallestFrame}–${MAX_FRAME_BYTES}`);
    }
    if (this.#maxMessageBytes < 0 || this.#maxMessageBytes > MAX_U32) {
      throw new RangeError('maxMessageBytes must fit in 32 bits');
    }
    // A sender waiting for room must see bufferedAmount cross the low mark, or it would wait
    // forever: whenever a frame does not fit, bufferedAmount is above lowWaterBytes.
    if (
      lowWaterBytes < 0 ||
      lowWaterBytes + this.#maxFrameBytes + CONTROL_RESERVE > this.#highWaterBytes
    ) {
      throw new RangeError('lowWaterBytes + maxFrameBytes must stay under highWaterBytes');
    }

    this.#ended = new Promise((resolve) => (this.#resolveEnded = resolve));
    this.#channel = channel;
    this.#sealer = new FrameCipher(sendKey, DIRECTIONS[role].send);
    this.#opener = new FrameCipher(receiveKey, DIRECTIONS[role].receive);

    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = lowWaterBytes;
    channel.onmessage = (event) => this.#onFrame(event.data);
    channel.onbufferedamountlow = () => this.#wake?.();
    channel.onclose = () => this.#onTransportClose();
    if (channel.readyState === 'closing' || channel.readyState === 'closed') {
      this.#onTransportClose();
    }
  }

  /** Resolves once, when the channel ends for whatever reason; never rejects. */
  get ended(): Promise<ChannelEnd> {
    return this.#ended;
  }

  get isOpen(): boolean {
    return this.#end === null;
  }

  /**
   * Sends a message of any size up to maxMessageBytes. Resolves when its last frame is handed to
   * the data channel; rejects with the signal's reason if aborted, ChannelClosedError if the
   * channel ends first, MessageTooLargeError if over the limit. Messages go out in call order.
   */
  send(kind: number, payload: Uint8Array, options: SendOptions = {}): Promise<void> {
    if (!Number.isInteger(kind) || kind < 0 || kind > 0xff) {
      return Promise.reject(new RangeError('kind is a byte'));
    }
    if (this.#end) return Promise.reject(new ChannelClosedError(this.#end));
    if (payload.length > this.#maxMessageBytes) {
      return Promise.reject(new MessageTooLargeError(payload.length, this.#maxMessageBytes));
    }
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      this.#queue.push({ kind, payload, signal, resolve, reject });
      void this.#pump();
    });
  }

  /** Calls `listener` with every message received, in order. Returns the unsubscribe function. */
  onMessage(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Every message received from now on (it listens from this call, not from the first `next`);
   * the iteration ends with the channel, and throws the FrameRejectedError if that is how it
   * ended. Its queue is unbounded: read it, or use onMessage.
   */
  messages(): AsyncIterableIterator<FramedMessage> {
    const queue: FramedMessage[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = this.onMessage((message) => {
      queue.push(message);
      wake?.();
    });
    void this.#ended.then(() => wake?.());
    const iterator: AsyncIterableIterator<FramedMessage> = {
      next: async () => {
        for (;;) {
          const message = queue.shift();
          if (message) return { value: message, done: false };
          if (this.#end) {
            unsubscribe();
            if (this.#end.by === 'rejected') throw this.#end.error;
            return { value: undefined, done: true };
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
      },
      return: async () => {
        unsubscribe();
        queue.length = 0;
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<FramedMessage> {
    return this.messages();
  }

  /**
   * Ends the session: stops any message being sent, sends a sealed close frame with the reason,
   * and closes the data channel (which still delivers the frames already handed to it).
   */
  close(reason: CloseReason = 'closed'): void {
    if (this.#end) return;
    this.#sendControl(FrameType.Close, 0, Uint8Array.of(CLOSE_REASONS.indexOf(reason) + 1));
    this.#finish({ by: 'local', reason });
  }

  // --- sending ---

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (let job = this.#queue.shift(); job; job = this.#queue.shift()) {
        await this.#sendMessage(job);
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** Sends one message frame by frame; settles its job, never throws. */
  async #sendMessage(job: SendJob): Promise<void> {
    const { kind, payload, signal } = job;
    const room = this.#maxFrameBytes - FRAME_HEADER_BYTES - FRAME_TAG_BYTES;
    let offset = 0;
    try {
      for (;;) {
        if (this.#end) throw new ChannelClosedError(this.#end);
        if (signal?.aborted) {
          // Tell the peer only if it has seen part of the message.
          if (this.#current) this.#sendControl(FrameType.Abort, kind, new Uint8Array(0));
          throw signal.reason;
        }
        const size = Math.min(room, payload.length - offset);
        const frameBytes = FRAME_HEADER_BYTES + size + FRAME_TAG_BYTES;
        if (this.#channel.bufferedAmount + frameBytes > this.#highWaterBytes - CONTROL_RESERVE) {
          await this.#waitForRoom(signal);
          continue;
        }
        if (!this.#current) this.#current = { message: this.#takeMessageNumber(), index: 0 };
        const final = offset + size === payload.length;
        const frame = new Uint8Array(frameBytes);
        writeHeader(frame, {
          type: FrameType.Data,
          kind,
          flags: final ? FINAL : 0,
          message: this.#current.message,
          index: this.#current.index,
          length: payload.length,
        });
        this.#sealer.seal(frame, payload.subarray(offset, offset + size));
        this.#transmit(frame);
        this.#current.index++;
        offset += size;
        if (final) break;
      }
      this.#current = null;
      job.resolve();
    } catch (error) {
      this.#current = null;
      job.reject(error);
    }
  }

  #takeMessageNumber(): number {
    if (this.#nextMessage > MAX_U32) throw new Error('message counter exhausted');
    return this.#nextMessage++;
  }

  /** An abort or close frame: ends the message in progress, or takes the next number. */
  #sendControl(type: FrameType, kind: number, plaintext: Uint8Array): void {
    const { message, index } = this.#current ?? { message: this.#takeMessageNumber(), index: 0 };
    this.#current = null;
    const frame = new Uint8Array(FRAME_HEADER_BYTES + plaintext.length + FRAME_TAG_BYTES);
    writeHeader(frame, { type, kind, flags: FINAL, message, index, length: 0 });
    this.#sealer.seal(frame, plaintext);
    try {
      this.#transmit(frame);
    } catch {
      // The transport is gone; #transmit has ended the channel, and there is no one to tell.
    }
  }

  #transmit(frame: Uint8Array<ArrayBuffer>): void {
    try {
      this.#channel.send(frame);
    } catch (cause) {
      this.#finish({ by: 'transport', cause });
      throw new ChannelClosedError(this.#end!);
    }
  }

  /** Waits for `bufferedamountlow`, an abort, the end of the channel, or the fallback poll. */
  #waitForRoom(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.#drainPollMs > 0 ? setTimeout(() => wake(), this.#drainPollMs) : undefined;
      const wake = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', wake);
        this.#wake = null;
        resolve();
      };
      signal?.addEventListener('abort', wake);
      this.#wake = wake;
    });
  }

  // --- receiving ---

  #onFrame(data: unknown): void {
    if (this.#end) return;
    let message: FramedMessage | null;
    try {
      message = this.#accept(asBytes(data));
    } catch (error) {
      if (!(error instanceof FrameRejectedError)) throw error;
      this.#sendControl(
        FrameType.Close,
        0,
        Uint8Array.of(CLOSE_REASONS.indexOf('protocol-error') + 1),
      );
      this.#finish({ by: 'rejected', error });
      return;
    }
    if (message) this.#deliver(message);
  }

  /** Checks and opens one frame; returns the message it completes, if any. */
  #accept(frame: Uint8Array): FramedMessage | null {
    const reject = (code: FrameErrorCode): never => {
      throw new FrameRejectedError(code);
    };
    if (frame.length < FRAME_HEADER_BYTES + FRAME_TAG_BYTES || frame.length > MAX_FRAME_BYTES) {
      reject('malformed-frame');
    }
    const header = readHeader(frame);
    if (header.version !== FRAME_VERSION) reject('unsupported-frame-version');
    if (header.message !== this.#expectedMessage || header.index !== this.#expectedIndex) {
      reject('out-of-sequence');
    }
    const size = frame.length - FRAME_HEADER_BYTES - FRAME_TAG_BYTES;
    const final = (header.flags & FINAL) !== 0;
    if ((header.flags & ~FINAL) !== 0) reject('malformed-frame');

    if (header.type === FrameType.Data) {
      if (header.index === 0) {
        if (header.length > this.#maxMessageBytes) reject('message-too-large');
        this.#incoming = { kind: header.kind, buffer: new Uint8Array(header.length), filled: 0 };
      }
      const incoming = this.#incoming!;
      const filled = incoming.filled + size;
      if (
        header.kind !== incoming.kind ||
        header.length !== incoming.buffer.length ||
        filled > header.length ||
        final !== (filled === header.length) ||
        (!final && size === 0)
      ) {
        reject('malformed-frame');
      }
      const into = incoming.buffer.subarray(incoming.filled, filled);
      if (!this.#opener.open(frame, into)) reject('tampered-frame');
      incoming.filled = filled;
      if (!final) {
        this.#expectedIndex++;
        return null;
      }
      this.#nextExpected();
      return { kind: incoming.kind, payload: incoming.buffer };
    }

    if (header.type === FrameType.Abort) {
      const abandoned = this.#incoming;
      if (
        !final ||
        header.index === 0 ||
        header.length !== 0 ||
        size !== 0 ||
        header.kind !== abandoned?.kind
      ) {
        reject('malformed-frame');
      }
      if (!this.#opener.open(frame, new Uint8Array(0))) reject('tampered-frame');
      this.#nextExpected();
      return null;
    }

    if (header.type === FrameType.Close) {
      if (!final || header.kind !== 0 || header.length !== 0 || size !== 1)
        reject('malformed-frame');
      const plaintext = new Uint8Array(1);
      if (!this.#opener.open(frame, plaintext)) reject('tampered-frame');
      const reason = CLOSE_REASONS[plaintext[0]! - 1] ?? reject('malformed-frame');
      this.#incoming = null;
      this.#finish({ by: 'peer', reason });
      return null;
    }

    return reject('malformed-frame');
  }

  #nextExpected(): void {
    this.#incoming = null;
    this.#expectedMessage++;
    this.#expectedIndex = 0;
  }

  #deliver(message: FramedMessage): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(message);
      } catch (error) {
        // A listener's bug is not the peer's fault: report it without touching the channel.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  #onTransportClose(): void {
    if (this.#end) return;
    this.#finish(
      this.#incoming
        ? { by: 'rejected', error: new FrameRejectedError('truncated-message') }
        : { by: 'transport' },
    );
  }

  /** Ends the channel once: fails pending sends, wipes the keys, closes the data channel. */
  #finish(end: ChannelEnd): void {
    if (this.#end) return;
    this.#end = end;
    this.#incoming = null;
    for (const job of this.#queue.splice(0)) job.reject(new ChannelClosedError(end));
    this.#wake?.();
    this.#sealer.wipe();
    this.#opener.wipe();
    this.#listeners.clear();
    const channel = this.#channel;
    channel.onmessage = null;
    channel.onbufferedamountlow = null;
    channel.onclose = null;
    if (channel.readyState !== 'closed' && channel.readyState !== 'closing') channel.close();
    this.#resolveEnded(end);
  }
}
