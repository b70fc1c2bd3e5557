/**
 * An in-memory pair of data channels for tests, behaving like RTCDataChannel where FramedChannel
 * leans on it: messages arrive in order, each in its own later task; `send` throws for a message
 * over 65,536 bytes (Chromium throws past maxMessageSize, WebKit before 26 past 64 KiB), so a test
 * that passes proves no larger message was ever sent; `bufferedAmount` grows on send and falls as
 * a simulated link drains a fixed number of bytes per task, firing `bufferedamountlow` when it
 * crosses the threshold; either end can close, and the link can be cut.
 *
 * Not for the app: only tests import it. No timers that measure time: the link moves
 * `bytesPerTick` bytes per macrotask, so tests wait for conditions, never for the clock.
 */
import {
  FramedChannel,
  MAX_FRAME_BYTES,
  type DataChannelLike,
  type FramedChannelOptions,
} from './framed-channel';

const nextTask: (callback: () => void) => void =
  typeof setImmediate === 'function'
    ? (callback) => setImmediate(callback)
    : (callback) => setTimeout(callback, 0);

export interface TestLinkOptions {
  /** Bytes the link carries in each direction per task (default 256 KiB). */
  bytesPerTick?: number;
  /** Largest message `send` accepts (default 65,536); larger ones throw a TypeError. */
  messageLimit?: number;
}

/** What one end sent, for assertions. */
export interface ChannelStats {
  messages: number;
  bytes: number;
  largestMessage: number;
  /** Highest bufferedAmount seen right after a send. */
  peakBufferedAmount: number;
  /** Sends refused for size. */
  refused: number;
  /** Messages this end was handed by the link (its `onmessage` events). */
  received: number;
}

interface Queued {
  bytes: Uint8Array<ArrayBuffer>;
  /** Bytes of it the link has not carried yet. */
  remaining: number;
}

export class TestDataChannel implements DataChannelLike {
  /** Browsers start with "blob" in some versions: FramedChannel must ask for array buffers. */
  binaryType: 'arraybuffer' | 'blob' = 'blob';
  readyState: 'connecting' | 'open' | 'closing' | 'closed' = 'open';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: Event) => void) | null = null;
  onbufferedamountlow: ((event: Event) => void) | null = null;

  /**
   * Rewrites each message this end sends as it reaches the peer: return what the peer gets
   * instead — nothing to drop it, two to duplicate it, a changed copy to tamper with it. `index`
   * counts this end's messages from 0.
   */
  tap: ((message: Uint8Array, index: number) => Uint8Array[]) | null = null;
  /** Called with each message once sent (counted in `stats`), e.g. to record frames. */
  onsend: ((message: Uint8Array) => void) | null = null;
  readonly stats: ChannelStats = {
    messages: 0,
    bytes: 0,
    largestMessage: 0,
    peakBufferedAmount: 0,
    refused: 0,
    received: 0,
  };

  readonly outbox: Queued[] = [];
  peer!: TestDataChannel;
  #delivered = 0;

  constructor(
    readonly link: TestLink,
    readonly messageLimit: number,
  ) {}

  send(data: ArrayBuffer | ArrayBufferView): void {
    if (this.readyState !== 'open') {
      throw new DOMException('data channel is not open', 'InvalidStateError');
    }
    const view =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (view.length > this.messageLimit) {
      this.stats.refused++;
      throw new TypeError(`message of ${view.length} bytes exceeds ${this.messageLimit}`);
    }
    const bytes = view.slice();
    this.outbox.push({ bytes, remaining: bytes.length });
    this.bufferedAmount += bytes.length;
    this.stats.messages++;
    this.stats.bytes += bytes.length;
    this.stats.largestMessage = Math.max(this.stats.largestMessage, bytes.length);
    this.stats.peakBufferedAmount = Math.max(this.stats.peakBufferedAmount, this.bufferedAmount);
    this.link.schedule();
    this.onsend?.(bytes);
  }

  /** Like RTCDataChannel: what was sent still goes out, then both ends close. */
  close(): void {
    if (this.readyState !== 'open') return;
    this.readyState = 'closing';
    this.link.schedule();
  }

  /** Carries up to `budget` bytes of the outbox to the peer; returns what is left of the budget. */
  drain(budget: number): number {
    const before = this.bufferedAmount;
    while (budget > 0 && this.outbox.length > 0) {
      const head = this.outbox[0]!;
      const step = Math.min(budget, head.remaining);
      head.remaining -= step;
      budget -= step;
      this.bufferedAmount -= step;
      if (head.remaining > 0) break;
      this.outbox.shift();
      // An empty message still takes a turn.
      const index = this.#delivered++;
      for (const out of this.tap ? this.tap(head.bytes, index) : [head.bytes]) {
        const peer = this.peer;
        nextTask(() => peer.receive(out));
      }
    }
    if (
      before > this.bufferedAmountLowThreshold &&
      this.bufferedAmount <= this.bufferedAmountLowThreshold
    ) {
      nextTask(() => {
        if (this.readyState !== 'closed')
          this.onbufferedamountlow?.(new Event('bufferedamountlow'));
      });
    }
    return budget;
  }

  receive(bytes: Uint8Array): void {
    if (this.readyState === 'closed') return;
    this.stats.received++;
    const copy = new Uint8Array(bytes);
    const data = this.binaryType === 'arraybuffer' ? copy.buffer : new Blob([copy]);
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  /** Both ends closed at once; whatever was not delivered is lost. */
  shut(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.outbox.length = 0;
    this.bufferedAmount = 0;
    nextTask(() => this.onclose?.(new Event('close')));
  }
}

/** The simulated link between two TestDataChannels. */
export class TestLink {
  readonly a: TestDataChannel;
  readonly b: TestDataChannel;
  bytesPerTick: number;
  #paused = false;
  #scheduled = false;

  constructor(options: TestLinkOptions = {}) {
    this.bytesPerTick = options.bytesPerTick ?? 256 * 1024;
    const max = options.messageLimit ?? MAX_FRAME_BYTES;
    this.a = new TestDataChannel(this, max);
    this.b = new TestDataChannel(this, max);
    this.a.peer = this.b;
    this.b.peer = this.a;
  }

  /** Stops carrying bytes (sends still queue up). */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.schedule();
  }

  /** The connection is lost: both ends close now, nothing more arrives. */
  sever(): void {
    this.a.shut();
    this.b.shut();
  }

  schedule(): void {
    if (this.#scheduled || this.#paused) return;
    this.#scheduled = true;
    nextTask(() => {
      this.#scheduled = false;
      this.#tick();
    });
  }

  #tick(): void {
    if (this.#paused) return;
    for (const end of [this.a, this.b]) {
      if (end.readyState !== 'closed') end.drain(this.bytesPerTick);
    }
    // A closing end whose bytes are all out closes the link, once its last messages are delivered.
    const closing = [this.a, this.b].find(
      (end) => end.readyState === 'closing' && end.outbox.length === 0,
    );
    if (closing) nextTask(() => this.sever());
    if (this.a.outbox.length > 0 || this.b.outbox.length > 0) this.schedule();
  }
}

/** Random session keys, one per direction, as the handshake would give. */
export function testSessionKeys(): { hostToGuest: Uint8Array; guestToHost: Uint8Array } {
  return {
    hostToGuest: crypto.getRandomValues(new Uint8Array(32)),
    guestToHost: crypto.getRandomValues(new Uint8Array(32)),
  };
}

/** Two FramedChannels over a TestLink: the usual starting point of a share test. */
export function createFramedPair(
  framing: Omit<FramedChannelOptions, 'role' | 'sendKey' | 'receiveKey'> = {},
  linkOptions: TestLinkOptions = {},
): { host: FramedChannel; guest: FramedChannel; link: TestLink } {
  const link = new TestLink(linkOptions);
  const keys = testSessionKeys();
  const host = new FramedChannel(link.a, {
    ...framing,
    role: 'host',
    sendKey: keys.hostToGuest,
    receiveKey: keys.guestToHost,
  });
  const guest = new FramedChannel(link.b, {
    ...framing,
    role: 'guest',
    sendKey: keys.guestToHost,
    receiveKey: keys.hostToGuest,
  });
  return { host, guest, link };
}

/** A stream of `bytes` in pieces of `chunk` bytes, as lib/vault's readFile gives a file. */
export function streamOf(bytes: Uint8Array, chunk = 256 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}
