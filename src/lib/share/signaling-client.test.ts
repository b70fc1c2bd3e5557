/**
 * The share's signaling client against the real relay (src/server/signaling.js) in Node: what one
 * side publishes reaches the other, sealed; the relay sees neither the SDP nor anything readable;
 * a room of another share ignores it; an unreachable relay is reported and retried.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { attachSignaling } from '../../server/signaling.js';
import { deriveShareKeys } from './keys';
import {
  SignalingRoom,
  openSignal,
  type Signal,
  type SignalingState,
  type SocketLike,
} from './signaling-client';

let server: Server;
let relay: ReturnType<typeof attachSignaling>;
let url: string;
const relayed: string[] = [];
const rooms: SignalingRoom[] = [];

const createSocket = (address: string) => new WebSocket(address) as unknown as SocketLike;

beforeEach(async () => {
  relayed.length = 0;
  server = createServer((_request, response) => response.end());
  relay = attachSignaling(server, '/signal', {
    onRelay: (_topic, message) => relayed.push(message),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/signal`;
});

afterEach(async () => {
  for (const room of rooms.splice(0)) room.close();
  await relay.close();
  await new Promise((resolve) => server.close(resolve));
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function join(secret: Uint8Array, urls = [url]) {
  const received: Signal[] = [];
  const states: SignalingState[] = [];
  const room = new SignalingRoom({
    urls,
    keys: deriveShareKeys(secret),
    createSocket,
    onSignal: (signal) => received.push(signal),
    onState: (state) => states.push(state),
  });
  rooms.push(room);
  return { room, received, states };
}

const secret = () => crypto.getRandomValues(new Uint8Array(32));
const sdp = 'v=0\r\no=- 4611731400430051336 2 IN IP4 192.168.1.23\r\ns=-\r\n';

describe('the signaling room', () => {
  test('a signal reaches the other side of the room, sealed on the way', async () => {
    const key = secret();
    const patient = join(key);
    const professional = join(key);
    await until(() => patient.room.state === 'open' && professional.room.state === 'open', 'open');
    professional.room.send({ t: 'offer', from: 'pro', attempt: 1, sdp });
    await until(() => patient.received.length === 1, 'the offer');
    expect(patient.received[0]).toEqual({ t: 'offer', from: 'pro', attempt: 1, sdp });
    // The relay saw the room id and a sealed blob: no SDP, no address, no field name.
    expect(relayed.length).toBeGreaterThan(0);
    for (const message of relayed) {
      expect(message).not.toContain('192.168.1.23');
      expect(message).not.toContain('offer');
      expect(message).not.toContain('attempt');
      const { topic, data } = JSON.parse(message) as { topic: string; data: string };
      expect(topic).toBe(deriveShareKeys(key).roomId);
      expect(openSignal(new Uint8Array(32), data)).toBeNull();
    }
  });

  test('a signal sent before the relay is reached waits for it', async () => {
    const key = secret();
    const patient = join(key);
    await until(() => patient.room.state === 'open', 'open');
    const professional = join(key);
    professional.room.send({ t: 'host', from: 'early' });
    await until(() => patient.received.length === 1, 'the queued signal');
  });

  test('another share’s room, or a forged message in this room, is ignored', async () => {
    const mine = join(secret());
    const theirs = join(secret());
    await until(() => mine.room.state === 'open' && theirs.room.state === 'open', 'open');
    theirs.room.send({ t: 'host', from: 'other' });
    // Someone who knows the room id but not the link publishes into it.
    const intruder = new WebSocket(url);
    await new Promise((resolve) => intruder.once('open', resolve));
    const topic = (JSON.parse(relayed[0] ?? '{}') as { topic?: string }).topic;
    expect(topic).toBeDefined();
    intruder.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
    intruder.send(JSON.stringify({ type: 'publish', topic, data: 'AAAA' }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    intruder.terminate();
    expect(mine.received).toEqual([]);
  });

  test('an unreachable relay is reported, and the room opens once it answers', async () => {
    const port = (server.address() as AddressInfo).port;
    await relay.close();
    await new Promise((resolve) => server.close(resolve));
    const room = join(secret(), [`ws://127.0.0.1:${port}/signal`]);
    await until(() => room.states.includes('unreachable'), 'unreachable');
    server = createServer((_request, response) => response.end());
    relay = attachSignaling(server, '/signal');
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await until(() => room.room.state === 'open', 'the retry');
  });
});
