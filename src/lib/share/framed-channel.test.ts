/**
 * The framed channel carries messages of any size whole and in order without a single message
 * over 64 KiB reaching the data channel; it refuses anything a peer or the network did to its
 * frames, with a typed error, and closes; it never overfills the data channel's buffer; and a
 * send can be abandoned half-way without breaking the session.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ChannelClosedError,
  FramedChannel,
  FrameRejectedError,
  MAX_FRAME_BYTES,
  MessageTooLargeError,
  type ChannelEnd,
  type DataChannelLike,
  type FramedChannelOptions,
  type FramedMessage,
} from './framed-channel';
import { createFramedPair, TestLink, testSessionKeys } from './test-channel';
import frameVector from './vectors/frame-v1.json';

/** Lets the simulated link run until `condition` holds (it moves on every macrotask). */
async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function pattern(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

function collect(channel: FramedChannel): FramedMessage[] {
  const received: FramedMessage[] = [];
  channel.onMessage((message) => received.push(message));
  return received;
}

function endOf(channel: FramedChannel): { end: ChannelEnd | null } {
  const state: { end: ChannelEnd | null } = { end: null };
  void channel.ended.then((end) => (state.end = end));
  return state;
}

function rejectedCode(end: ChannelEnd | null): string {
  return end?.by === 'rejected' ? end.error.code : `not rejected: ${JSON.stringify(end)}`;
}

test('a real RTCDataChannel fits the interface FramedChannel needs', () => {
  // Compile-time: this file does not type-check if RTCDataChannel stops fitting.
  const fits = (channel: RTCDataChannel): DataChannelLike => channel;
  expect(fits).toBeTypeOf('function');
});

describe('round trips', () => {
  const room = MAX_FRAME_BYTES - 32;
  test.each([0, 1, room - 1, room, room + 1, 65_536, 3 * room, 10 * 1024 * 1024])(
    '%i bytes arrive whole, in frames of at most 64 KiB',
    async (size) => {
      const { host, guest, link } = createFramedPair();
      const received = collect(guest);
      const payload = pattern(size, size + 7);
      await host.send(7, payload);
      await until(() => received.length === 1);
      expect(received[0]!.kind).toBe(7);
      expect(Buffer.from(received[0]!.payload).equals(Buffer.from(payload))).toBe(true);
      expect(link.a.stats.refused).toBe(0);
      expect(link.a.stats.largestMessage).toBeLessThanOrEqual(MAX_FRAME_BYTES);
      expect(link.a.stats.messages).toBe(Math.max(1, Math.ceil(size / room)));
    },
  );

  test('messages of random sizes and kinds arrive in order both ways', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Frame sizes from the smallest possible to the ceiling; at most ~200 frames a message.
        fc.integer({ min: 33, max: MAX_FRAME_BYTES }).chain((maxFrameBytes) =>
          fc.tuple(
            fc.array(
              fc.record({
                fromHost: fc.boolean(),
                kind: fc.integer({ min: 0, max: 255 }),
                size: fc.oneof(
                  fc.integer({ min: 0, max: 300 }),
                  fc.integer({ min: 0, max: Math.min(200_000, (maxFrameBytes - 32) * 200) }),
                ),
              }),
              { minLength: 1, maxLength: 12 },
            ),
            fc.constant(maxFrameBytes),
          ),
        ),
        async ([plan, maxFrameBytes]) => {
          const { host, guest, link } = createFramedPair({ maxFrameBytes });
          const atGuest = collect(guest);
          const atHost = collect(host);
          const sent = plan.map(({ fromHost, kind, size }, i) => ({
            fromHost,
            kind,
            payload: pattern(size, i + 1),
          }));
          await Promise.all(
            sent.map(({ fromHost, kind, payload }) =>
              (fromHost ? host : guest).send(kind, payload),
            ),
          );
          const toGuest = sent.filter((m) => m.fromHost);
          const toHost = sent.filter((m) => !m.fromHost);
          await until(() => atGuest.length === toGuest.length && atHost.length === toHost.length);
          for (const [got, want] of [
            [atGuest, toGuest],
            [atHost, toHost],
          ] as const) {
            expect(got.map((m) => [m.kind, Buffer.from(m.payload).toString('hex')])).toEqual(
              want.map((m) => [m.kind, Buffer.from(m.payload).toString('hex')]),
            );
          }
          expect(link.a.stats.largestMessage).toBeLessThanOrEqual(maxFrameBytes);
          expect(link.b.stats.largestMessage).toBeLessThanOrEqual(maxFrameBytes);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('the async iterator yields every message, then ends with the channel', async () => {
    const { host, guest } = createFramedPair();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const message of guest) seen.push(message.payload[0]!);
    })();
    for (let i = 0; i < 5; i++) await host.send(1, Uint8Array.of(i));
    host.close('expired');
    await reading;
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(await guest.ended).toEqual({ by: 'peer', reason: 'expired' });
  });

  test('the iterator keeps what arrives before it is read, and throws when a frame is refused', async () => {
    const { host, guest, link } = createFramedPair();
    const iterator = guest.messages();
    await host.send(1, Uint8Array.of(1));
    await until(() => link.b.stats.received === 1);
    link.a.tap = (bytes) => {
      const changed = bytes.slice();
      changed[20]! ^= 1;
      return [changed];
    };
    await host.send(1, Uint8Array.of(2));
    expect((await iterator.next()).value?.payload).toEqual(Uint8Array.of(1));
    await expect(iterator.next()).rejects.toBeInstanceOf(FrameRejectedError);
  });
});

/** Host sends `messages`; `tap` rewrites the frames on their way to the guest. */
async function attack(
  tap: (frame: Uint8Array, index: number) => Uint8Array[],
  messages: Uint8Array[] = [pattern(100, 1), pattern(100, 2)],
  options: Partial<FramedChannelOptions> = { maxFrameBytes: 64 },
) {
  const { host, guest, link } = createFramedPair(options);
  const received = collect(guest);
  const guestEnd = endOf(guest);
  const hostEnd = endOf(host);
  link.a.tap = tap;
  const sends = messages.map((m) => host.send(3, m).catch((error: unknown) => error));
  await until(() => guestEnd.end !== null, 'the guest to close');
  await until(() => hostEnd.end !== null, 'the host to see the close');
  await Promise.all(sends);
  return { received, guestEnd: guestEnd.end, hostEnd: hostEnd.end, link };
}

describe('a frame that was changed, replayed, reordered, dropped or cut is refused', () => {
  // 100 bytes in frames of 64 (header 16 + 32 + tag 16): 4 frames per message.
  test('every single bit flipped, in every byte of every frame, closes the channel', async () => {
    const frameBytes = [64, 64, 64, 4 + 32];
    for (let frame = 0; frame < frameBytes.length; frame++) {
      for (let position = 0; position < frameBytes[frame]!; position++) {
        const { received, guestEnd, hostEnd } = await attack((bytes, index) => {
          if (index !== frame) return [bytes];
          const changed = bytes.slice();
          changed[position]! ^= position % 2 ? 0x80 : 0x01;
          return [changed];
        });
        expect(guestEnd?.by, `frame ${frame} byte ${position}`).toBe('rejected');
        const error = guestEnd?.by === 'rejected' ? guestEnd.error : null;
        expect(error).toBeInstanceOf(FrameRejectedError);
        // Header bytes may trip a structural check first; every other byte fails the tag.
        if (position >= 16) expect(error?.code).toBe('tampered-frame');
        expect(received.length).toBe(frame < 4 ? 0 : 1);
        // The refusing side tells the sender why, sealed.
        expect(hostEnd).toEqual({ by: 'peer', reason: 'protocol-error' });
      }
    }
  });

  test('a changed close or abort frame is refused, not obeyed', async () => {
    const flipLast = (target: number) => (bytes: Uint8Array, index: number) => {
      if (index !== target) return [bytes];
      const changed = bytes.slice();
      changed[changed.length - 1]! ^= 1;
      return [changed];
    };
    const closing = createFramedPair();
    const closeEnd = endOf(closing.guest);
    closing.link.a.tap = flipLast(0);
    closing.host.close('revoked');
    await until(() => closeEnd.end !== null);
    expect(rejectedCode(closeEnd.end)).toBe('tampered-frame');

    const aborting = createFramedPair();
    const abortEnd = endOf(aborting.guest);
    const controller = new AbortController();
    aborting.link.a.tap = flipLast(3);
    aborting.link.a.onsend = () => {
      if (aborting.link.a.stats.messages === 3) controller.abort();
    };
    await expect(
      aborting.host.send(1, pattern(1024 * 1024), { signal: controller.signal }),
    ).rejects.toBeDefined();
    await until(() => abortEnd.end !== null);
    expect(rejectedCode(abortEnd.end)).toBe('tampered-frame');
  });

  test('header fields each trip their check', async () => {
    const header = (position: number, value: number) => (bytes: Uint8Array, index: number) => {
      if (index !== 1) return [bytes];
      const changed = bytes.slice();
      changed[position] = value;
      return [changed];
    };
    expect(rejectedCode((await attack(header(0, 2))).guestEnd)).toBe('unsupported-frame-version');
    expect(rejectedCode((await attack(header(1, 7))).guestEnd)).toBe('malformed-frame');
    expect(rejectedCode((await attack(header(2, 4))).guestEnd)).toBe('malformed-frame');
    expect(rejectedCode((await attack(header(3, 2))).guestEnd)).toBe('malformed-frame');
    expect(rejectedCode((await attack(header(3, 1))).guestEnd)).toBe('malformed-frame');
    expect(rejectedCode((await attack(header(7, 9))).guestEnd)).toBe('out-of-sequence');
    expect(rejectedCode((await attack(header(11, 9))).guestEnd)).toBe('out-of-sequence');
    expect(rejectedCode((await attack(header(15, 99))).guestEnd)).toBe('malformed-frame');
  });

  test('a duplicated frame', async () => {
    const { guestEnd, received } = await attack((bytes, index) =>
      index === 1 ? [bytes, bytes] : [bytes],
    );
    expect(rejectedCode(guestEnd)).toBe('out-of-sequence');
    expect(received).toEqual([]);
  });

  test('a frame replayed after its message was delivered', async () => {
    let first: Uint8Array | null = null;
    const { guestEnd, received } = await attack((bytes, index) => {
      if (index === 0) first = bytes;
      return index === 5 ? [first!] : [bytes];
    });
    expect(rejectedCode(guestEnd)).toBe('out-of-sequence');
    expect(received.length).toBe(1);
  });

  test('two frames swapped', async () => {
    let held: Uint8Array | null = null;
    const { guestEnd, received } = await attack((bytes, index) => {
      if (index === 1) {
        held = bytes;
        return [];
      }
      return index === 2 ? [bytes, held!] : [bytes];
    });
    expect(rejectedCode(guestEnd)).toBe('out-of-sequence');
    expect(received).toEqual([]);
  });

  test('a dropped frame, in the middle or at the end of a message', async () => {
    const middle = await attack((bytes, index) => (index === 2 ? [] : [bytes]));
    expect(rejectedCode(middle.guestEnd)).toBe('out-of-sequence');
    expect(middle.received).toEqual([]);
    // The last frame of the first message lost: the next message's first frame gives it away.
    const last = await attack((bytes, index) => (index === 3 ? [] : [bytes]));
    expect(rejectedCode(last.guestEnd)).toBe('out-of-sequence');
    expect(last.received).toEqual([]);
  });

  test('a header rewritten to look like the expected frame still does not open', async () => {
    // Frame 2 is dropped and frame 3 relabelled as frame 2: the sequence check passes, the
    // nonce and AAD do not.
    const { guestEnd } = await attack((bytes, index) => {
      if (index === 2) return [];
      if (index !== 3) return [bytes];
      const changed = bytes.slice();
      new DataView(changed.buffer).setUint32(8, 2);
      return [changed];
    });
    expect(rejectedCode(guestEnd)).toBe('malformed-frame');
    const relabelled = await attack(
      (bytes, index) => {
        if (index === 1) return [];
        if (index !== 2) return [bytes];
        const changed = bytes.slice();
        new DataView(changed.buffer).setUint32(8, 1);
        return [changed];
      },
      [pattern(200, 1)],
    );
    expect(rejectedCode(relabelled.guestEnd)).toBe('tampered-frame');
  });

  test('a frame cut short, emptied, or grown past 64 KiB', async () => {
    // A middle frame cut short still parses, but its tag is gone.
    const cut = await attack((bytes, index) => (index === 1 ? [bytes.subarray(0, 40)] : [bytes]));
    expect(rejectedCode(cut.guestEnd)).toBe('tampered-frame');
    // The last frame cut short no longer adds up to the announced length.
    const end = await attack((bytes, index) => (index === 3 ? [bytes.subarray(0, 35)] : [bytes]));
    expect(rejectedCode(end.guestEnd)).toBe('malformed-frame');
    const tiny = await attack((bytes, index) => (index === 1 ? [bytes.subarray(0, 20)] : [bytes]));
    expect(rejectedCode(tiny.guestEnd)).toBe('malformed-frame');
    const grown = await attack((bytes, index) =>
      index === 1 ? [new Uint8Array(MAX_FRAME_BYTES + 1)] : [bytes],
    );
    expect(rejectedCode(grown.guestEnd)).toBe('malformed-frame');
  });

  test('a message cut short by the connection dropping', async () => {
    const { host, guest, link } = createFramedPair({ maxFrameBytes: 64 });
    const received = collect(guest);
    const guestEnd = endOf(guest);
    link.a.tap = (bytes, index) => (index >= 2 ? [] : [bytes]);
    void host.send(1, pattern(200)).catch(() => undefined);
    await until(() => link.b.stats.received === 2, 'two frames to arrive');
    link.sever();
    await until(() => guestEnd.end !== null);
    expect(rejectedCode(guestEnd.end)).toBe('truncated-message');
    expect(received).toEqual([]);
  });

  test('the connection dropping between messages is a lost peer, not an attack', async () => {
    const { host, guest, link } = createFramedPair();
    const received = collect(guest);
    await host.send(1, pattern(10));
    await until(() => received.length === 1);
    link.sever();
    expect(await guest.ended).toEqual({ by: 'transport' });
    expect(await host.ended).toEqual({ by: 'transport' });
    await expect(host.send(1, pattern(1))).rejects.toBeInstanceOf(ChannelClosedError);
  });

  test("a frame sent back to its sender does not open, even under the other direction's key", async () => {
    // Both sides wrongly given the same key and the same role: direction binding still refuses.
    const link = new TestLink();
    const key = testSessionKeys().hostToGuest;
    const one = new FramedChannel(link.a, { role: 'host', sendKey: key, receiveKey: key });
    const other = new FramedChannel(link.b, { role: 'host', sendKey: key, receiveKey: key });
    const otherEnd = endOf(other);
    await one.send(1, pattern(10));
    await until(() => otherEnd.end !== null);
    expect(rejectedCode(otherEnd.end)).toBe('tampered-frame');
  });

  test('text instead of binary', async () => {
    const { guest, link } = createFramedPair();
    const guestEnd = endOf(guest);
    link.b.onmessage?.(new MessageEvent('message', { data: 'hello' }));
    await until(() => guestEnd.end !== null);
    expect(rejectedCode(guestEnd.end)).toBe('malformed-frame');
  });

  test('a message larger than the receiver accepts is refused from its first frame', async () => {
    const link = new TestLink();
    const keys = testSessionKeys();
    const host = new FramedChannel(link.a, {
      role: 'host',
      sendKey: keys.hostToGuest,
      receiveKey: keys.guestToHost,
    });
    const guest = new FramedChannel(link.b, {
      role: 'guest',
      sendKey: keys.guestToHost,
      receiveKey: keys.hostToGuest,
      maxMessageBytes: 1000,
    });
    const guestEnd = endOf(guest);
    void host.send(1, pattern(1001)).catch(() => undefined);
    await until(() => guestEnd.end !== null);
    expect(rejectedCode(guestEnd.end)).toBe('message-too-large');
    // The sender's own limit: refused locally, the channel stays open.
    await expect(guest.send(1, pattern(1001))).rejects.toBeInstanceOf(ChannelClosedError);
    const { host: h2, guest: g2 } = createFramedPair({ maxMessageBytes: 1000 });
    const received = collect(g2);
    await expect(h2.send(1, pattern(1001))).rejects.toBeInstanceOf(MessageTooLargeError);
    await h2.send(1, pattern(1000));
    await until(() => received.length === 1);
  });
});

describe('flow control', () => {
  test('bufferedAmount never passes the high-water mark, and sending resumes as it drains', async () => {
    const { host, guest, link } = createFramedPair(
      { highWaterBytes: 512 * 1024, lowWaterBytes: 128 * 1024, drainPollMs: 0 },
      { bytesPerTick: 64 * 1024 },
    );
    const received = collect(guest);
    link.pause();
    let done = false;
    const sending = host.send(1, pattern(4 * 1024 * 1024)).then(() => (done = true));
    await until(() => link.a.bufferedAmount > 400 * 1024);
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    expect(link.a.bufferedAmount).toBeLessThanOrEqual(512 * 1024);
    link.resume();
    await sending;
    await until(() => received.length === 1);
    expect(received[0]!.payload.length).toBe(4 * 1024 * 1024);
    expect(link.a.stats.peakBufferedAmount).toBeLessThanOrEqual(512 * 1024);
  });

  test('the default high-water mark (320 KiB) holds for a 10 MiB message', async () => {
    const { host, guest, link } = createFramedPair({ drainPollMs: 0 });
    const received = collect(guest);
    await host.send(1, pattern(10 * 1024 * 1024));
    await until(() => received.length === 1);
    expect(link.a.stats.peakBufferedAmount).toBeLessThanOrEqual(320 * 1024);
    expect(link.a.stats.peakBufferedAmount).toBeGreaterThan(250 * 1024);
  });

  test('limits that could stall the sender are refused', () => {
    const link = new TestLink();
    const keys = {
      role: 'host' as const,
      sendKey: new Uint8Array(32),
      receiveKey: new Uint8Array(32),
    };
    expect(
      () =>
        new FramedChannel(link.a, {
          ...keys,
          highWaterBytes: 128 * 1024,
          lowWaterBytes: 64 * 1024,
        }),
    ).toThrow(RangeError);
    expect(() => new FramedChannel(link.a, { ...keys, maxFrameBytes: 70_000 })).toThrow(RangeError);
    expect(() => new FramedChannel(link.a, { ...keys, sendKey: new Uint8Array(16) })).toThrow(
      RangeError,
    );
  });
});

describe('cancelling and closing', () => {
  test('a send abandoned half-way is dropped by the peer, and the next message arrives', async () => {
    const { host, guest, link } = createFramedPair();
    const received = collect(guest);
    const controller = new AbortController();
    link.a.onsend = () => {
      if (link.a.stats.messages === 20) controller.abort(new Error('stopped by the user'));
    };
    await expect(
      host.send(1, pattern(5 * 1024 * 1024), { signal: controller.signal }),
    ).rejects.toThrow('stopped by the user');
    // 20 data frames and the abort frame, nothing more.
    expect(link.a.stats.messages).toBe(21);
    await host.send(2, pattern(70_000, 3));
    await until(() => received.length === 1);
    expect(received[0]!.kind).toBe(2);
    expect(Buffer.from(received[0]!.payload).equals(Buffer.from(pattern(70_000, 3)))).toBe(true);
    expect(guest.isOpen).toBe(true);
  });

  test('a send aborted before it starts sends nothing', async () => {
    const { host, guest, link } = createFramedPair();
    const received = collect(guest);
    const controller = new AbortController();
    controller.abort();
    await expect(host.send(1, pattern(10), { signal: controller.signal })).rejects.toThrow();
    await host.send(1, pattern(5));
    await until(() => received.length === 1);
    expect(link.a.stats.messages).toBe(1);
  });

  test('an abort while waiting for the buffer to drain stops at once', async () => {
    const { host, guest, link } = createFramedPair({ drainPollMs: 0 });
    const received = collect(guest);
    link.pause();
    const controller = new AbortController();
    const sending = host.send(1, pattern(5 * 1024 * 1024), { signal: controller.signal });
    await until(() => link.a.bufferedAmount > 250 * 1024);
    controller.abort(new Error('revoked'));
    await expect(sending).rejects.toThrow('revoked');
    link.resume();
    await host.send(1, pattern(3));
    await until(() => received.length === 1);
    expect(received[0]!.payload.length).toBe(3);
  });

  test('revocation mid-transfer: the peer learns why, nothing partial is delivered', async () => {
    const { host, guest, link } = createFramedPair();
    const received = collect(guest);
    const queued = host.send(1, pattern(10));
    const big = host.send(1, pattern(8 * 1024 * 1024));
    const after = host.send(1, pattern(10));
    await until(() => link.a.stats.messages > 30);
    host.close('revoked');
    await expect(big).rejects.toBeInstanceOf(ChannelClosedError);
    await expect(after).rejects.toBeInstanceOf(ChannelClosedError);
    await queued;
    expect(await guest.ended).toEqual({ by: 'peer', reason: 'revoked' });
    expect(await host.ended).toEqual({ by: 'local', reason: 'revoked' });
    expect(received.map((m) => m.payload.length)).toEqual([10]);
    await expect(guest.send(1, pattern(1))).rejects.toBeInstanceOf(ChannelClosedError);
    await until(() => link.a.readyState === 'closed' && link.b.readyState === 'closed');
  });

  test.each(['closed', 'expired', 'revoked'] as const)(
    'close(%s) reaches the peer',
    async (reason) => {
      const { host, guest } = createFramedPair();
      guest.close(reason);
      expect(await host.ended).toEqual({ by: 'peer', reason });
    },
  );
});

describe('frame format v1 (vectors/frame-v1.json)', () => {
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  const key = new Uint8Array(Buffer.from(frameVector.sendKeyHex, 'hex'));

  test('each pinned frame is rebuilt from the spec with the bare primitive', () => {
    let sequence = 0;
    for (const frame of frameVector.frames) {
      const header = Buffer.alloc(16);
      header.writeUInt8(1, 0);
      header.writeUInt8(frame.type, 1);
      header.writeUInt8(frame.kind, 2);
      header.writeUInt8(frame.final ? 1 : 0, 3);
      header.writeUInt32BE(frame.message, 4);
      header.writeUInt32BE(frame.index, 8);
      header.writeUInt32BE(frame.length, 12);
      const nonce = Buffer.alloc(24);
      nonce.writeUInt8(1, 0); // host-to-guest
      nonce.writeBigUInt64BE(BigInt(sequence++), 16);
      const aad = Buffer.concat([Buffer.from('carnet/v1/frame/host-to-guest/'), header]);
      const sealed = xchacha20poly1305(key, nonce, aad).encrypt(
        new Uint8Array(Buffer.from(frame.plaintextHex, 'hex')),
      );
      expect(hex(Buffer.concat([header, sealed]))).toBe(frame.frameHex);
    }
  });

  test('this code still writes exactly the pinned frames', async () => {
    const link = new TestLink();
    const sent: string[] = [];
    const host = new FramedChannel(link.a, {
      role: 'host',
      sendKey: key,
      receiveKey: new Uint8Array(32).fill(9),
      maxFrameBytes: frameVector.maxFrameBytes,
    });
    const controller = new AbortController();
    link.a.onsend = (bytes) => {
      sent.push(hex(bytes));
      if (sent.length === frameVector.abortAfterFrames) controller.abort();
    };
    const [first, second, third] = frameVector.messages;
    await host.send(first!.kind, Buffer.from(first!.payloadHex, 'hex'));
    await host
      .send(second!.kind, Buffer.from(second!.payloadHex, 'hex'), { signal: controller.signal })
      .catch(() => undefined);
    await host.send(third!.kind, Buffer.from(third!.payloadHex, 'hex'));
    host.close('revoked');
    expect(sent).toEqual(frameVector.frames.map((frame) => frame.frameHex));
  });

  test('the pinned frames open on the other side', async () => {
    const link = new TestLink();
    const guest = new FramedChannel(link.b, {
      role: 'guest',
      sendKey: new Uint8Array(32).fill(9),
      receiveKey: key,
    });
    const received = collect(guest);
    for (const frame of frameVector.frames) link.b.receive(Buffer.from(frame.frameHex, 'hex'));
    expect(await guest.ended).toEqual({ by: 'peer', reason: 'revoked' });
    const [first, , third] = frameVector.messages;
    expect(received.map((m) => [m.kind, hex(m.payload)])).toEqual([
      [first!.kind, first!.payloadHex],
      [third!.kind, third!.payloadHex],
    ]);
  });
});
