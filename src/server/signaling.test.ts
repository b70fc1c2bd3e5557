import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { attachSignaling, MAX_MESSAGE_BYTES, MAX_TOPICS_PER_CONNECTION } from './signaling.js';

type Relay = ReturnType<typeof attachSignaling>;

let server: Server;
let relay: Relay;
let url: string;
const relayed: { topic: string; message: string }[] = [];
const clients: WebSocket[] = [];

beforeEach(async () => {
  relayed.length = 0;
  server = createServer((_req, res) => res.end());
  relay = attachSignaling(server, '/signal', {
    onRelay: (topic, message) => relayed.push({ topic, message }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/signal`;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await relay.close();
  await new Promise((resolve) => server.close(resolve));
});

async function connect(path = url): Promise<Peer> {
  const socket = new WebSocket(path);
  clients.push(socket);
  const peer = new Peer(socket);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return peer;
}

/** A test client that keeps every message it receives and can wait for the next one. */
class Peer {
  readonly inbox: Record<string, unknown>[] = [];
  #waiters: (() => void)[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.inbox.push(JSON.parse(data.toString()));
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  async next(): Promise<Record<string, unknown>> {
    while (this.inbox.length === 0) await new Promise<void>((r) => this.#waiters.push(r));
    return this.inbox.shift()!;
  }

  /** Round-trips a ping, so every message sent before it has been handled. */
  async settle(): Promise<void> {
    this.send({ type: 'ping' });
    while (!this.inbox.some((m) => m.type === 'pong')) {
      await new Promise<void>((r) => this.#waiters.push(r));
    }
    this.inbox.splice(
      this.inbox.findIndex((m) => m.type === 'pong'),
      1,
    );
  }
}

describe('signaling relay', () => {
  it('answers a ping with a pong', async () => {
    const peer = await connect();
    peer.send({ type: 'ping' });
    expect(await peer.next()).toEqual({ type: 'pong' });
  });

  it("relays a publish to the room's subscribers with the head-count y-webrtc expects", async () => {
    const patient = await connect();
    const professional = await connect();
    const stranger = await connect();
    patient.send({ type: 'subscribe', topics: ['room-a'] });
    professional.send({ type: 'subscribe', topics: ['room-a'] });
    stranger.send({ type: 'subscribe', topics: ['room-b'] });
    await Promise.all([patient.settle(), professional.settle(), stranger.settle()]);

    professional.send({ type: 'publish', topic: 'room-a', data: 'sealed-offer' });
    const expected = { type: 'publish', topic: 'room-a', data: 'sealed-offer', clients: 2 };
    expect(await patient.next()).toEqual(expected);
    expect(await professional.next()).toEqual(expected);
    await stranger.settle();
    expect(stranger.inbox).toEqual([]);
    expect(relayed).toEqual([{ topic: 'room-a', message: JSON.stringify(expected) }]);
  });

  it('stops relaying to a peer that unsubscribed or left, and forgets empty rooms', async () => {
    const a = await connect();
    const b = await connect();
    a.send({ type: 'subscribe', topics: ['room'] });
    b.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([a.settle(), b.settle()]);
    expect(relay.roomCount).toBe(1);

    b.send({ type: 'unsubscribe', topics: ['room'] });
    await b.settle();
    a.send({ type: 'publish', topic: 'room', data: 1 });
    expect(await a.next()).toMatchObject({ clients: 1 });
    await b.settle();
    expect(b.inbox).toEqual([]);

    a.socket.close();
    await new Promise((resolve) => a.socket.once('close', resolve));
    await expect.poll(() => relay.roomCount).toBe(0);
  });

  it('ignores malformed messages and keeps serving the connection', async () => {
    const peer = await connect();
    peer.socket.send('not json');
    peer.socket.send('null');
    peer.send({ type: 'subscribe', topics: 'not-a-list' });
    peer.send({ type: 'publish', topic: 42 });
    peer.send({ type: 'publish', topic: 'x'.repeat(1000) });
    await peer.settle();
    expect(peer.inbox).toEqual([]);
    expect(relay.roomCount).toBe(0);
  });

  it('caps the rooms one connection can join', async () => {
    const peer = await connect();
    const topics = Array.from({ length: MAX_TOPICS_PER_CONNECTION + 10 }, (_, i) => `room-${i}`);
    peer.send({ type: 'subscribe', topics });
    await peer.settle();
    expect(relay.roomCount).toBe(MAX_TOPICS_PER_CONNECTION);
  });

  it('closes a connection that sends an oversized message', async () => {
    const peer = await connect();
    const closed = new Promise<number>((resolve) => peer.socket.once('close', resolve));
    peer.send({ type: 'publish', topic: 'room', data: 'x'.repeat(MAX_MESSAGE_BYTES) });
    expect(await closed).toBe(1009); // "message too big"
    // The relay itself survives and keeps serving everyone else.
    const other = await connect();
    other.send({ type: 'ping' });
    expect(await other.next()).toEqual({ type: 'pong' });
  });

  it('refuses WebSocket upgrades on any other path', async () => {
    await expect(connect(url.replace('/signal', '/other'))).rejects.toThrow();
  });
});
