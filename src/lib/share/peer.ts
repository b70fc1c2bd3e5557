/**
 * The WebRTC connection between the professional's page and the patient's device (DESIGN §4.3):
 * one RTCPeerConnection per professional, one ordered reliable data channel, set up through the
 * signaling room (signaling-client.ts).
 *
 * Roles are fixed, so offers never cross ("glare", which failed ~1 run in 8 when two y-webrtc
 * peers joined at once, RECIPES.md): the professional always offers, the patient always answers.
 * Each offer carries an attempt number; with no answer within a few seconds (the patient's device
 * was asleep, the relay dropped a message) the professional starts a fresh attempt, and whenever
 * the patient's device (re)joins the room it says so and the professional offers again at once.
 *
 * ICE runs without trickling: each side waits until its candidates are gathered (at most
 * GATHER_TIMEOUT_MS) and sends one description holding them all. On one LAN, with no ICE server,
 * gathering takes a few milliseconds; with STUN/TURN servers configured it can take longer, and
 * whatever was gathered by the deadline goes. One message each way keeps the protocol trivial.
 */
import { randomBytes, toBase64Url } from '../crypto/bytes';
import type { ShareKeys } from './keys';
import {
  SignalingRoom,
  type Signal,
  type SignalingState,
  type SocketFactory,
} from './signaling-client';

const GATHER_TIMEOUT_MS = 3_000;
/** Offer again when no answer came in this long. */
const ANSWER_TIMEOUT_MS = 4_000;
/** Give up an attempt whose data channel has not opened this long after the answer. */
const OPEN_TIMEOUT_MS = 10_000;
/** After this long without an answer, the page says the patient's device does not answer. */
export const PATIENT_SILENT_MS = 12_000;
const CHANNEL_LABEL = 'carnet-share';

export interface PeerOptions {
  signalingUrls: readonly string[];
  keys: Pick<ShareKeys, 'roomId' | 'signalingPassword'>;
  /** STUN/TURN servers from the settings; none on one LAN. */
  iceServers: RTCIceServer[];
  createSocket?: SocketFactory;
}

/**
 * What the professional's page is waiting for: the relay, then the patient's device, then the
 * peer-to-peer link.
 */
export type GuestLinkState =
  | 'signaling-connecting'
  | 'signaling-unreachable'
  | 'waiting-for-patient'
  /** No answer for PATIENT_SILENT_MS: the patient's screen is closed, offline, or the link is stale. */
  | 'patient-silent'
  | 'connecting';

const peerId = () => toBase64Url(randomBytes(12));

function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, GATHER_TIMEOUT_MS);
    function done() {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    }
    function check() {
      if (pc.iceGatheringState === 'complete') done();
    }
    pc.addEventListener('icegatheringstatechange', check);
  });
}

function opened(channel: RTCDataChannel, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (channel.readyState === 'open') return resolve();
    const fail = () => reject(signal.reason ?? new Error('data channel closed'));
    channel.addEventListener('open', () => resolve(), { once: true });
    channel.addEventListener('close', fail, { once: true });
    signal.addEventListener('abort', fail, { once: true });
  });
}

function closePeer(pc: RTCPeerConnection): void {
  try {
    pc.close();
  } catch {
    // Already closed.
  }
}

/** An open data channel and the connection that carries it. close() ends both. */
export interface PeerLink {
  readonly channel: RTCDataChannel;
  readonly connection: RTCPeerConnection;
  close(): void;
}

function linkOf(connection: RTCPeerConnection, channel: RTCDataChannel): PeerLink {
  channel.binaryType = 'arraybuffer';
  // A peer that vanishes without closing (a crash, the network gone) fails ICE's consent checks
  // after some seconds: end the channel then, so the session says the other side is gone.
  connection.addEventListener('connectionstatechange', () => {
    if (connection.connectionState === 'failed' || connection.connectionState === 'closed') {
      channel.close();
    }
  });
  return {
    channel,
    connection,
    close() {
      try {
        channel.close();
      } catch {
        // Already closed.
      }
      closePeer(connection);
    },
  };
}

/**
 * Professional: joins the room and offers until the patient's device answers and the data channel
 * opens. Rejects only with `signal`'s reason (the page gave up, the link expired); reports progress
 * through `onState`. The signaling connection is closed once the channel is open: nothing more goes
 * through the relay.
 */
export function connectAsGuest(
  options: PeerOptions & { signal: AbortSignal; onState?: (state: GuestLinkState) => void },
): Promise<PeerLink> {
  const { signal, onState } = options;
  const me = peerId();
  return new Promise<PeerLink>((resolve, reject) => {
    let attempt = 0;
    let current: { pc: RTCPeerConnection; channel: RTCDataChannel; attempt: number } | null = null;
    let answerTimer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    let signaling: SignalingState = 'connecting';
    let silentSince = Date.now();
    let answered = false;

    const report = () => {
      if (finished) return;
      if (signaling === 'unreachable') onState?.('signaling-unreachable');
      else if (signaling === 'connecting') onState?.('signaling-connecting');
      else if (answered) onState?.('connecting');
      else if (Date.now() - silentSince >= PATIENT_SILENT_MS) onState?.('patient-silent');
      else onState?.('waiting-for-patient');
    };

    const finish = (error: unknown, link?: PeerLink) => {
      if (finished) return;
      finished = true;
      clearTimeout(answerTimer);
      room.close();
      signal.removeEventListener('abort', abort);
      if (link) resolve(link);
      else {
        if (current) closePeer(current.pc);
        reject(error);
      }
    };
    const abort = () => finish(signal.reason);

    const offer = async () => {
      if (finished) return;
      clearTimeout(answerTimer);
      if (current) closePeer(current.pc);
      answered = false;
      const mine = { attempt: ++attempt } as { attempt: number };
      const pc = new RTCPeerConnection({ iceServers: options.iceServers });
      const channel = pc.createDataChannel(CHANNEL_LABEL, { ordered: true });
      current = { pc, channel, attempt: mine.attempt };
      answerTimer = setTimeout(() => {
        report();
        void offer();
      }, ANSWER_TIMEOUT_MS);
      try {
        await pc.setLocalDescription(await pc.createOffer());
        await gathered(pc);
        if (current?.pc !== pc || finished) return;
        room.send({ t: 'offer', from: me, attempt: mine.attempt, sdp: pc.localDescription!.sdp });
      } catch {
        // This attempt failed (closed under us); the timer starts the next.
      }
    };

    const onAnswer = async (signalMessage: Extract<Signal, { t: 'answer' }>) => {
      const attemptNow = current;
      if (!attemptNow || signalMessage.to !== me || signalMessage.attempt !== attemptNow.attempt) {
        return;
      }
      if (attemptNow.pc.signalingState !== 'have-local-offer') return;
      clearTimeout(answerTimer);
      answered = true;
      silentSince = Date.now();
      report();
      const attemptAbort = new AbortController();
      const giveUp = setTimeout(() => {
        attemptAbort.abort(new Error('data channel did not open'));
      }, OPEN_TIMEOUT_MS);
      try {
        await attemptNow.pc.setRemoteDescription({ type: 'answer', sdp: signalMessage.sdp });
        await opened(attemptNow.channel, attemptAbort.signal);
        clearTimeout(giveUp);
        if (current !== attemptNow || finished) return;
        finish(null, linkOf(attemptNow.pc, attemptNow.channel));
      } catch {
        clearTimeout(giveUp);
        if (current === attemptNow && !finished) void offer();
      }
    };

    const room = new SignalingRoom({
      urls: options.signalingUrls,
      keys: options.keys,
      createSocket: options.createSocket,
      onState: (state) => {
        signaling = state;
        report();
      },
      onSignal: (message) => {
        if (message.from === me) return;
        if (message.t === 'answer') void onAnswer(message);
        else if (message.t === 'host' && !answered) void offer();
      },
    });
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    report();
    // A silent patient is reported even while the offers keep going.
    const silentCheck = setInterval(() => (finished ? clearInterval(silentCheck) : report()), 1000);
    void offer();
  });
}

/** The patient's device listening for professionals in a share's room. */
export interface HostListener {
  readonly state: SignalingState;
  close(): void;
}

/**
 * Patient: joins the room, answers each professional's offer, and hands every data channel that
 * opens to `onLink` (one per professional; a newer attempt from the same professional replaces
 * an unfinished older one). Stays in the room until close(), so later professionals (a second
 * hello on a single-use share, which the session refuses and logs) still reach the device.
 */
export function listenAsHost(
  options: PeerOptions & {
    onLink: (link: PeerLink) => void;
    onState?: (state: SignalingState) => void;
  },
): HostListener {
  const me = peerId();
  /** Unfinished connections by professional. */
  const pending = new Map<string, { pc: RTCPeerConnection; attempt: number }>();
  /** Professionals whose channel is handed over: later offers from them are stale. */
  const connected = new Set<string>();
  let closed = false;

  const onOffer = async (offer: Extract<Signal, { t: 'offer' }>) => {
    if (connected.has(offer.from)) return;
    const previous = pending.get(offer.from);
    if (previous && previous.attempt >= offer.attempt) return;
    if (previous) closePeer(previous.pc);
    const pc = new RTCPeerConnection({ iceServers: options.iceServers });
    const entry = { pc, attempt: offer.attempt };
    pending.set(offer.from, entry);
    pc.addEventListener('datachannel', ({ channel }) => {
      const handOver = () => {
        if (closed || pending.get(offer.from) !== entry) return closePeer(pc);
        pending.delete(offer.from);
        connected.add(offer.from);
        options.onLink(linkOf(pc, channel));
      };
      if (channel.readyState === 'open') handOver();
      else channel.addEventListener('open', handOver, { once: true });
    });
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered(pc);
      if (closed || pending.get(offer.from) !== entry) return;
      room.send({
        t: 'answer',
        from: me,
        to: offer.from,
        attempt: offer.attempt,
        sdp: pc.localDescription!.sdp,
      });
    } catch {
      if (pending.get(offer.from) === entry) pending.delete(offer.from);
      closePeer(pc);
    }
  };

  const room = new SignalingRoom({
    urls: options.signalingUrls,
    keys: options.keys,
    createSocket: options.createSocket,
    onState: (state) => {
      if (state === 'open') room.send({ t: 'host', from: me });
      options.onState?.(state);
    },
    onSignal: (message) => {
      if (message.from !== me && message.t === 'offer') void onOffer(message);
    },
  });

  return {
    get state() {
      return room.state;
    },
    close() {
      closed = true;
      room.close();
      for (const { pc } of pending.values()) closePeer(pc);
      pending.clear();
    },
  };
}
