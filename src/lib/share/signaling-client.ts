/**
 * The share's side of the signaling relay (DESIGN §4.3): a WebSocket to each configured relay,
 * subscribed to the share's room, publishing and receiving small sealed messages (the WebRTC offer
 * and answer). The relay speaks y-webrtc's JSON protocol (`subscribe`, `publish`, `ping`) and sees
 * only the room id and sealed bytes: every message is an envelope v1 under the signaling key
 * (the 32 bytes of `signalingPassword`), AAD `carnet/v1/share/signal`, so the relay can neither
 * read an SDP (with its addresses) nor forge one.
 *
 * The socket reconnects by itself (1 s, 2 s, 4 s… up to 10 s between tries) and reports whether
 * any relay is reachable, so the screens can say "the signaling server cannot be reached".
 */
import * as v from 'valibot';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../crypto/bytes';
import { open, seal } from '../crypto/envelope';
import type { ShareKeys } from './keys';

const SIGNAL_AAD = utf8('carnet/v1/share/signal');
/** An SDP is a few KiB; the relay refuses more than 256 KiB anyway. */
const MAX_SIGNAL_BYTES = 64 * 1024;
const PING_MS = 20_000;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 10_000;

/** What peers say to each other through the relay. `to` is empty for everyone in the room. */
const SignalSchema = v.variant('t', [
  v.strictObject({
    t: v.literal('offer'),
    from: v.string(),
    attempt: v.number(),
    sdp: v.string(),
  }),
  v.strictObject({
    t: v.literal('answer'),
    from: v.string(),
    to: v.string(),
    attempt: v.number(),
    sdp: v.string(),
  }),
  /** The patient's device is (back) in the room: a waiting professional offers again at once. */
  v.strictObject({ t: v.literal('host'), from: v.string() }),
]);

export type Signal = v.InferOutput<typeof SignalSchema>;

/** The part of a WebSocket the client uses (the browser's fits; tests pass `ws`'s). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

export type SocketFactory = (url: string) => SocketLike;

/**
 * `connecting`: no relay open yet, still trying; `open`: at least one relay carries our messages;
 * `unreachable`: every relay refused or dropped the last try (the client keeps retrying).
 */
export type SignalingState = 'connecting' | 'open' | 'unreachable';

export interface SignalingRoomOptions {
  urls: readonly string[];
  keys: Pick<ShareKeys, 'roomId' | 'signalingPassword'>;
  onSignal: (signal: Signal) => void;
  onState?: (state: SignalingState) => void;
  createSocket?: SocketFactory;
}

const OPEN = 1;

function sealSignal(key: Uint8Array, signal: Signal): string {
  return toBase64Url(seal(key, utf8(JSON.stringify(signal)), SIGNAL_AAD));
}

/** The signal in `data`, or null for anything not sealed under this room's key or malformed. */
export function openSignal(key: Uint8Array, data: unknown): Signal | null {
  if (typeof data !== 'string' || data.length > (MAX_SIGNAL_BYTES * 4) / 3 + 64) return null;
  try {
    const parsed = v.safeParse(
      SignalSchema,
      JSON.parse(fromUtf8(open(key, fromBase64Url(data), SIGNAL_AAD))),
    );
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

class Connection {
  socket: SocketLike | null = null;
  failures = 0;
  timer: ReturnType<typeof setTimeout> | undefined;
  ping: ReturnType<typeof setInterval> | undefined;
  constructor(readonly url: string) {}
}

/** One share room on every configured relay. close() when done: nothing is kept afterwards. */
export class SignalingRoom {
  readonly #key: Uint8Array;
  readonly #topic: string;
  readonly #options: SignalingRoomOptions;
  readonly #connections: Connection[];
  readonly #createSocket: SocketFactory;
  #state: SignalingState = 'connecting';
  #closed = false;
  /** Published before any relay opened: sent on the first that does. */
  #queue: Signal[] = [];

  constructor(options: SignalingRoomOptions) {
    if (options.urls.length === 0) throw new RangeError('no signaling server');
    this.#options = options;
    this.#key = fromBase64Url(options.keys.signalingPassword);
    this.#topic = options.keys.roomId;
    this.#createSocket =
      options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.#connections = options.urls.map((url) => new Connection(url));
    for (const connection of this.#connections) this.#connect(connection);
  }

  get state(): SignalingState {
    return this.#state;
  }

  /** Publishes to the room (every open relay); queued while none is open. */
  send(signal: Signal): void {
    if (this.#closed) return;
    const open = this.#connections.filter((c) => c.socket?.readyState === OPEN);
    if (open.length === 0) {
      this.#queue.push(signal);
      return;
    }
    const message = JSON.stringify({
      type: 'publish',
      topic: this.#topic,
      data: sealSignal(this.#key, signal),
    });
    for (const connection of open) connection.socket!.send(message);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue = [];
    this.#key.fill(0);
    for (const connection of this.#connections) {
      clearTimeout(connection.timer);
      clearInterval(connection.ping);
      const socket = connection.socket;
      connection.socket = null;
      if (socket) {
        socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
        socket.close();
      }
    }
  }

  #setState(state: SignalingState): void {
    if (this.#state === state || this.#closed) return;
    this.#state = state;
    this.#options.onState?.(state);
  }

  #updateState(): void {
    const connections = this.#connections;
    if (connections.some((c) => c.socket?.readyState === OPEN)) this.#setState('open');
    else if (connections.every((c) => c.failures > 0)) this.#setState('unreachable');
    else this.#setState('connecting');
  }

  #connect(connection: Connection): void {
    if (this.#closed) return;
    let socket: SocketLike;
    try {
      socket = this.#createSocket(connection.url);
    } catch {
      // A malformed URL or one the page's CSP refuses: as unreachable as a server that is down.
      connection.failures++;
      this.#updateState();
      return;
    }
    connection.socket = socket;
    socket.onopen = () => {
      connection.failures = 0;
      socket.send(JSON.stringify({ type: 'subscribe', topics: [this.#topic] }));
      connection.ping = setInterval(() => {
        if (socket.readyState === OPEN) socket.send(JSON.stringify({ type: 'ping' }));
      }, PING_MS);
      this.#updateState();
      const queued = this.#queue;
      this.#queue = [];
      for (const signal of queued) this.send(signal);
    };
    socket.onmessage = (event) => {
      let message: unknown;
      try {
        message = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null) return;
      const { type, topic, data } = message as { type?: unknown; topic?: unknown; data?: unknown };
      if (type !== 'publish' || topic !== this.#topic) return;
      const signal = openSignal(this.#key, data);
      if (signal) this.#options.onSignal(signal);
    };
    socket.onerror = () => undefined;
    socket.onclose = () => {
      clearInterval(connection.ping);
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      if (connection.socket === socket) connection.socket = null;
      connection.failures++;
      this.#updateState();
      if (this.#closed) return;
      const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (connection.failures - 1));
      connection.timer = setTimeout(() => this.#connect(connection), delay);
    };
  }
}
