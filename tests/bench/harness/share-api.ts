/**
 * The share transfer bench's page side (share.bench.ts): a patient's HostSession in one page and
 * a professional's GuestSession in another (two browser contexts), connected by lib/share's own
 * peer.ts through the signaling relay of the server that serves this page (`/signal`), and the
 * same bytes over a plain RTCDataChannel between the same two pages for the baseline.
 *
 * Both modes connect the same way (listenAsHost / connectAsGuest: the professional offers, the
 * patient answers), on a fresh connection each run, so every run starts on a new SCTP
 * association; they differ only in what travels on the open data channel:
 * - `share`: lib/share as the app runs it: handshake, automatic Allow, the share doc's sync, then
 *   every file (HostSession → GuestSession: 1 MiB file chunks cut into sealed ≤ 64 KiB frames,
 *   FramedChannel's flow control). With `scale`, the patient's session sees a channel whose
 *   bufferedAmount reads `scale` times the real one (and whose threshold is set `scale` times
 *   lower): FramedChannel's water marks, as shipped, are then in effect divided by `scale` — a
 *   what-if of other marks without touching lib/share.
 * - `raw`: the files' bytes as bare messages with bufferedAmountLowThreshold flow control.
 *
 * The files live in memory on the patient's page (their read speed from the vault is
 * attach_read_mib_s); each is read as lib/vault's readFile yields it, 256 KiB at a time.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import * as Y from 'yjs';
import { fromBase64Url, randomBytes, toBase64Url, toHex } from '../../../src/lib/crypto';
import { createEntry } from '../../../src/lib/record';
import {
  GuestSession,
  HostSession,
  buildShareDoc,
  connectAsGuest,
  deriveShareKeys,
  listenAsHost,
  signalingUrls,
  type DataChannelLike,
  type FileMeta,
  type HostListener,
  type PeerLink,
} from '../../../src/lib/share';
import type { BenchApi, CipherCosts, RawMarks, ShareFilesSetup, ShareTransferRun } from './api';

const now = () => performance.now();
/** lib/vault's readFile yields the plaintext 256 KiB at a time (CHUNK_BYTES). */
const READ_PIECE_BYTES = 256 * 1024;
/** A pause this long between two messages in mid-transfer counts as a stall. */
const STALL_MS = 200;
const identity = { name: 'Dr Claire Martin', profession: 'Médecin généraliste' };

type SharedFile = { meta: FileMeta; bytes: Uint8Array<ArrayBuffer> };

/** Patient's page: the files and the share doc naming them. */
let shared: { doc: Y.Doc; files: SharedFile[] } | null = null;
/** Patient's page: what listens for the current run. */
let hosting: { listener: HostListener; links: PeerLink[]; session?: HostSession } | null = null;

function randomFill(bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; at += 65_536) {
    crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  }
}

async function sha256Hex(parts: Uint8Array[]): Promise<string> {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', whole)));
}

/** A file's bytes as lib/vault's readFile would stream them. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + READ_PIECE_BYTES));
      at += READ_PIECE_BYTES;
    },
  });
}

function peerOptions(secret: Uint8Array) {
  return {
    signalingUrls: signalingUrls([], location),
    keys: deriveShareKeys(secret),
    iceServers: [],
  };
}

/**
 * The data channel as the patient's session sees it in a what-if run: bufferedAmount reads
 * `scale` times the real amount and the low threshold is set `scale` times lower, so
 * FramedChannel’s marks (high 320 KiB, low 64 KiB) act as (320 KiB / scale, 64 KiB / scale).
 * Everything else goes straight through.
 */
function scaledChannel(channel: RTCDataChannel, scale: number): DataChannelLike {
  return {
    get binaryType() {
      return channel.binaryType;
    },
    set binaryType(type) {
      channel.binaryType = type;
    },
    get readyState() {
      return channel.readyState;
    },
    get bufferedAmount() {
      return channel.bufferedAmount * scale;
    },
    get bufferedAmountLowThreshold() {
      return channel.bufferedAmountLowThreshold * scale;
    },
    set bufferedAmountLowThreshold(bytes) {
      channel.bufferedAmountLowThreshold = Math.floor(bytes / scale);
    },
    get onmessage() {
      return channel.onmessage;
    },
    set onmessage(handler) {
      channel.onmessage = handler;
    },
    get onclose() {
      return channel.onclose;
    },
    set onclose(handler) {
      channel.onclose = handler;
    },
    get onbufferedamountlow() {
      return channel.onbufferedamountlow;
    },
    set onbufferedamountlow(handler) {
      channel.onbufferedamountlow = handler;
    },
    send: (data) => channel.send(data),
    close: () => channel.close(),
  };
}

/** Sends `files` as messages of `messageBytes`, never letting bufferedAmount pass the high mark. */
async function sendRaw(
  channel: RTCDataChannel,
  files: SharedFile[],
  { messageBytes, highWaterBytes, lowWaterBytes }: RawMarks,
): Promise<void> {
  channel.bufferedAmountLowThreshold = lowWaterBytes;
  const room = () =>
    new Promise<void>((resolve) => {
      channel.onbufferedamountlow = () => {
        channel.onbufferedamountlow = null;
        resolve();
      };
    });
  for (const { bytes } of files) {
    for (let at = 0; at < bytes.length; at += messageBytes) {
      const piece = bytes.subarray(at, at + messageBytes);
      while (channel.bufferedAmount + piece.length > highWaterBytes) await room();
      channel.send(piece);
    }
  }
}

/**
 * Watches the messages arriving on `channel` (beside whoever handles them) for pauses of STALL_MS
 * or more. A lost packet that SCTP resends only when its retransmission timer fires shows as one
 * (~400 ms on this machine's loopback).
 */
function watchStalls(channel: RTCDataChannel): () => { stalls: number; stalledMs: number } {
  let last = 0;
  let stalls = 0;
  let stalledMs = 0;
  const onMessage = () => {
    const at = now();
    if (last && at - last >= STALL_MS) {
      stalls++;
      stalledMs += at - last;
    }
    last = at;
  };
  channel.addEventListener('message', onMessage);
  return () => {
    channel.removeEventListener('message', onMessage);
    return { stalls, stalledMs };
  };
}

type Marks = { start: number; open: number; live: number; synced?: number; done: number };

function runResult(
  files: number,
  bytes: number,
  marks: Marks,
  verified: boolean,
  stalls: { stalls: number; stalledMs: number },
): ShareTransferRun {
  return {
    files,
    bytes,
    connectMs: marks.open - marks.start,
    handshakeMs: marks.live - marks.open,
    syncMs: marks.synced === undefined ? null : marks.synced - marks.live,
    ms: marks.done - marks.live,
    verified,
    ...stalls,
  };
}

export const shareApi: Pick<
  BenchApi,
  | 'prepareShareFiles'
  | 'shareHost'
  | 'shareHostStop'
  | 'shareGuestRun'
  | 'rawGuestRun'
  | 'cipherCosts'
> = {
  async prepareShareFiles({ files, fileBytes }) {
    const start = now();
    const record = new Y.Doc();
    const list: SharedFile[] = [];
    const ids: string[] = [];
    for (let index = 0; index < files; index++) {
      const bytes = new Uint8Array(fileBytes);
      randomFill(bytes);
      const meta: FileMeta = {
        fileId: toBase64Url(randomBytes(16)),
        name: `compte-rendu-${index + 1}.pdf`,
        mime: 'application/pdf',
        size: fileBytes,
        contentHash: await sha256Hex([bytes]),
      };
      list.push({ meta, bytes });
      const month = String((index % 12) + 1).padStart(2, '0');
      ids.push(
        createEntry(record, 'document', {
          title: `Compte rendu ${index + 1}`,
          date: `2024-${month}-15`,
          type: 'lab-result',
          ...meta,
        }),
      );
    }
    shared = { doc: buildShareDoc(record, { entryIds: ids }), files: list };
    record.destroy();
    const setup: ShareFilesSetup = { files, bytes: files * fileBytes, setupMs: now() - start };
    return setup;
  },

  async shareHost({ mode, secret: secretText, raw, scale }) {
    if (!shared) throw new Error('prepareShareFiles first');
    if (hosting) throw new Error('a run is still hosted');
    const { doc, files } = shared;
    const secret = fromBase64Url(secretText);
    const links: PeerLink[] = [];
    const session =
      mode === 'share'
        ? new HostSession({
            shareId: 'bench',
            secret,
            terms: {
              expiresAt: Date.now() + 30 * 60_000,
              rights: { view: true, download: true, deposit: false },
              singleUse: true,
            },
            doc,
            readFile: (fileId) =>
              streamOf(files.find((file) => file.meta.fileId === fileId)!.bytes),
            audit: () => undefined,
            ask: () => Promise.resolve(true),
          })
        : undefined;
    const onLink = (link: PeerLink) => {
      links.push(link);
      const { channel } = link;
      if (session) {
        session.accept(scale ? scaledChannel(channel, scale) : channel, () => link.close());
      } else {
        channel.onmessage = () => {
          channel.onmessage = null;
          void sendRaw(channel, files, raw!);
        };
      }
    };
    await new Promise<void>((resolve) => {
      const listener = listenAsHost({
        ...peerOptions(secret),
        onLink,
        onState: (state) => {
          if (state === 'open') resolve();
        },
      });
      hosting = { listener, links, session };
    });
  },

  async shareHostStop() {
    if (!hosting) return;
    hosting.session?.end('closed');
    hosting.listener.close();
    // The session would release its connection 2 s after the end: closed now instead.
    for (const link of hosting.links) link.close();
    hosting = null;
  },

  async shareGuestRun({ secret: secretText, files }) {
    const secret = fromBase64Url(secretText);
    const start = now();
    const link = await connectAsGuest({
      ...peerOptions(secret),
      signal: new AbortController().signal,
    });
    const open = now();
    const stopWatching = watchStalls(link.channel);
    let live = 0;
    let synced: number | undefined;
    let session!: GuestSession;
    const complete = () =>
      session.files.size === files && [...session.files.values()].every((file) => file.bytes);
    const done = await new Promise<number>((resolve, reject) => {
      session = new GuestSession(link.channel, {
        secret,
        identity,
        onChange: () => {
          if (!live && session.phase === 'live') live = now();
          if (session.phase === 'ended') reject(new Error(`share ended: ${session.endReason}`));
          else if ([...session.files.values()].some((file) => file.failed)) {
            reject(new Error('a file failed'));
          } else if (complete()) resolve(now());
        },
      });
      void session.synced.then(() => (synced ??= now()));
    });
    const stalls = stopWatching();
    let verified = session.doc.getMap('entries').size === files;
    let bytes = 0;
    for (const file of session.files.values()) {
      bytes += file.received;
      verified &&= (await sha256Hex(file.bytes!)) === file.meta.contentHash;
    }
    session.leave();
    session.wipe();
    link.close();
    return runResult(files, bytes, { start, open, live, synced, done }, verified, stalls);
  },

  async rawGuestRun({ secret: secretText, bytes: total }) {
    const secret = fromBase64Url(secretText);
    const start = now();
    const link = await connectAsGuest({
      ...peerOptions(secret),
      signal: new AbortController().signal,
    });
    const open = now();
    const { channel } = link;
    const stopWatching = watchStalls(channel);
    // Kept until the end, as the professional's page keeps a share's files.
    const received: ArrayBuffer[] = [];
    let bytes = 0;
    let live = 0;
    const done = await new Promise<number>((resolve) => {
      channel.onmessage = ({ data }: MessageEvent<ArrayBuffer>) => {
        received.push(data);
        bytes += data.byteLength;
        if (bytes >= total) resolve(now());
      };
      // The request: the patient's page starts sending when it arrives.
      channel.send(Uint8Array.of(1));
      live = now();
    });
    const stalls = stopWatching();
    link.close();
    received.length = 0;
    return runResult(0, bytes, { start, open, live, done }, bytes === total, stalls);
  },

  async cipherCosts({ mib }) {
    // As FramedChannel seals: one cipher per frame, 65,504 plaintext bytes into a 65,536 frame.
    const room = 65_536 - 32;
    const plain = new Uint8Array(mib * 1024 * 1024);
    randomFill(plain);
    const key = randomBytes(32);
    const aad = new Uint8Array(48);
    const nonceOf = (count: number) => {
      const nonce = new Uint8Array(24);
      new DataView(nonce.buffer).setUint32(20, count);
      return nonce;
    };
    const frames: Uint8Array[] = [];
    let start = now();
    for (let at = 0, count = 0; at < plain.length; at += room, count++) {
      const piece = plain.subarray(at, at + room);
      const frame = new Uint8Array(16 + piece.length + 16);
      xchacha20poly1305(key, nonceOf(count), aad).encrypt(piece, frame.subarray(16));
      frames.push(frame);
    }
    const sealMs = now() - start;
    const out = new Uint8Array(room);
    start = now();
    for (const [count, frame] of frames.entries()) {
      xchacha20poly1305(key, nonceOf(count), aad).decrypt(
        frame.subarray(16),
        out.subarray(0, frame.length - 32),
      );
    }
    const openMs = now() - start;
    // For comparison: WebCrypto AES-256-GCM over the same frames, one await each.
    const aesKey = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, [
      'encrypt',
    ]);
    start = now();
    for (let at = 0, count = 0; at < plain.length; at += room, count++) {
      const iv = nonceOf(count).subarray(12);
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: aad },
        aesKey,
        plain.subarray(at, at + room),
      );
    }
    const aesGcmSealMs = now() - start;
    const costs: CipherCosts = {
      sealMiBs: mib / (sealMs / 1000),
      openMiBs: mib / (openMs / 1000),
      aesGcmSealMiBs: mib / (aesGcmSealMs / 1000),
    };
    return costs;
  },
};
