// @ts-check
/**
 * A signaling relay that speaks y-webrtc's protocol (JSON over a WebSocket: `subscribe`,
 * `unsubscribe`, `publish`, `ping`), written for Carnet instead of running y-webrtc's
 * `bin/server.js` because we need what that script does not do:
 * - it attaches to our own HTTP server at a path (`/signal`), so the app and its signaling share one
 *   origin and the CSP's `connect-src` stays `'self'`;
 * - it binds where we are told (loopback by default), not on every interface;
 * - it bounds what a client can make it do: message size, topics per connection, topic length;
 * - it lets a caller observe every relayed message (`onRelay`), which the share tests use to prove
 *   the server never sees entry text, file bytes or names.
 * What it relays is already encrypted by the peers (room password, DESIGN §4.3): it reads only the
 * `type` and `topic` fields.
 */
import { WebSocketServer } from 'ws';

/** WebRTC offers sealed by y-webrtc are a few KiB; anything far larger is abuse. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
export const MAX_TOPICS_PER_CONNECTION = 64;
export const MAX_TOPIC_LENGTH = 256;
const PING_INTERVAL_MS = 30_000;

/**
 * @typedef {object} SignalingOptions
 * @property {(topic: string, message: string) => void} [onRelay] called with every relayed message
 * @property {number} [pingIntervalMs]
 */

/**
 * Creates the relay. Hand it upgraded connections with `handleUpgrade`, or attach it to an HTTP
 * server with `attachSignaling`.
 *
 * @param {SignalingOptions} [options]
 */
export function createSignalingRelay({ onRelay, pingIntervalMs = PING_INTERVAL_MS } = {}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  /** @type {Map<string, Set<import('ws').WebSocket>>} */
  const subscribers = new Map();

  /** @param {import('ws').WebSocket} socket @param {unknown} message */
  const send = (socket, message) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  wss.on('connection', (socket) => {
    /** @type {Set<string>} */
    const topics = new Set();
    let alive = true;
    // A protocol error (an oversized frame, say) is this client's problem: ws has already answered
    // it with a close code; without a listener the error would take the whole relay down.
    socket.on('error', () => socket.terminate());
    socket.on('pong', () => {
      alive = true;
    });
    const keepAlive = setInterval(() => {
      if (!alive) {
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, pingIntervalMs);

    socket.on('close', () => {
      clearInterval(keepAlive);
      for (const topic of topics) {
        const set = subscribers.get(topic);
        set?.delete(socket);
        if (set?.size === 0) subscribers.delete(topic);
      }
      topics.clear();
    });

    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      let message;
      try {
        message = JSON.parse(text);
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null) return;
      switch (message.type) {
        case 'subscribe':
          for (const topic of validTopics(message.topics)) {
            if (topics.size >= MAX_TOPICS_PER_CONNECTION) break;
            topics.add(topic);
            let set = subscribers.get(topic);
            if (!set) subscribers.set(topic, (set = new Set()));
            set.add(socket);
          }
          break;
        case 'unsubscribe':
          for (const topic of validTopics(message.topics)) {
            topics.delete(topic);
            const set = subscribers.get(topic);
            set?.delete(socket);
            if (set?.size === 0) subscribers.delete(topic);
          }
          break;
        case 'publish': {
          if (!isValidTopic(message.topic)) return;
          const receivers = subscribers.get(message.topic);
          if (!receivers) return;
          // y-webrtc's server adds the room's head-count; its clients rely on it.
          const relayed = JSON.stringify({ ...message, clients: receivers.size });
          onRelay?.(message.topic, relayed);
          for (const receiver of receivers) {
            if (receiver.readyState === receiver.OPEN) receiver.send(relayed);
          }
          break;
        }
        case 'ping':
          send(socket, { type: 'pong' });
          break;
      }
    });
  });

  return {
    /** @param {import('node:http').IncomingMessage} request @param {import('node:stream').Duplex} socket @param {Buffer} head */
    handleUpgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    /** How many rooms have at least one subscriber (for tests and logs). */
    get roomCount() {
      return subscribers.size;
    },
    /** Closes every connection. */
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve(undefined)));
    },
  };
}

/**
 * Serves the relay on `server` for WebSocket upgrades at `path`; other upgrades are refused.
 *
 * @param {import('node:http').Server} server
 * @param {string} path
 * @param {SignalingOptions} [options]
 */
export function attachSignaling(server, path, options) {
  const relay = createSignalingRelay(options);
  server.on('upgrade', (request, socket, head) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname !== path) {
      socket.destroy();
      return;
    }
    relay.handleUpgrade(request, socket, head);
  });
  return relay;
}

/** @param {unknown} topic @returns {topic is string} */
function isValidTopic(topic) {
  return typeof topic === 'string' && topic.length > 0 && topic.length <= MAX_TOPIC_LENGTH;
}

/** @param {unknown} topics @returns {string[]} */
function validTopics(topics) {
  return Array.isArray(topics) ? topics.filter(isValidTopic) : [];
}
