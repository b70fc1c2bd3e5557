/**
 * Yjs sync over the framed channel (DESIGN §4.5): the y-protocols sync messages, each sent whole
 * as one framed message of kind `sync`, however large — the framing cuts them into ≤ 64 KiB
 * sealed frames. (y-webrtc sends each sync message as one data-channel message, and a 10,000-entry
 * record's first sync is a 3.5 MB message: that is what stalled its channel.)
 *
 * Payload of a `sync` message: a y-protocols sync message (`y-protocols/sync`: 0 step 1 = state
 * vector, 1 step 2 = the update the peer lacks, 2 = update), or our one addition, 3 "step 2
 * applied", which lets the side that sent step 2 know the other has everything.
 *
 * Modes, for the two ends of a share:
 * - `both`: both sides ask (step 1), answer, and push their later edits (paired devices, §5).
 * - `send-only`: the patient's side. Answers the peer's step 1 and pushes later edits of the doc
 *   (a share doc holding only the chosen entries, built by the session layer), and ignores any
 *   update from the peer: the professional writes nothing into the record this way (deposits
 *   travel as files, accepted one by one).
 * - `receive-only`: the professional's side. Asks (step 1), applies what arrives, sends nothing
 *   of its own doc.
 * Pairs that work: both ↔ both, send-only ↔ receive-only.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { writeSyncStep1, writeSyncStep2, writeUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';
import { ShareError } from './errors';
import { ChannelClosedError, MESSAGE_KINDS, type FramedChannel } from './framed-channel';

export type SyncMode = 'both' | 'send-only' | 'receive-only';

/** y-protocols' message types, and ours. */
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const STEP2_APPLIED = 3;

export type SyncErrorCode =
  /** A sync message that does not decode, or an update Yjs refuses. */
  | 'malformed-sync-message'
  /** stop() was called, or the channel ended, before the first sync completed. */
  | 'sync-stopped';

export class SyncError extends ShareError {
  override readonly name = 'SyncError';
  constructor(
    override readonly code: SyncErrorCode,
    options?: { cause?: unknown },
  ) {
    super(`sync failed: ${code}`, options);
  }
}

export interface DocSync {
  /**
   * Resolves when the first sync is complete for this side: the peer's whole doc is applied
   * (`both`, `receive-only`), or the peer confirmed it applied ours (`send-only`). Rejects with a
   * SyncError if the sync stops first. Edits keep flowing afterwards until stop().
   */
  readonly synced: Promise<void>;
  /** Updates from the peer ignored in `send-only` mode. */
  readonly ignoredUpdates: number;
  /** Stops listening and sending; the channel itself stays as it is. */
  stop(): void;
}

export interface SyncOptions {
  mode?: SyncMode;
  /** The framed message kind to use (default MESSAGE_KINDS.sync). */
  kind?: number;
}

/** Runs the Yjs sync protocol for `doc` over `channel` until stop() or the channel ends. */
export function syncDoc(channel: FramedChannel, doc: Y.Doc, options: SyncOptions = {}): DocSync {
  const mode = options.mode ?? 'both';
  const kind = options.kind ?? MESSAGE_KINDS.sync;
  const receives = mode !== 'send-only';
  const sends = mode !== 'receive-only';
  /** Transaction origin of what we apply, so our own update listener does not echo it back. */
  const origin = Symbol('framed-sync');
  let ignoredUpdates = 0;
  let stopped = false;

  let settle!: { resolve: () => void; reject: (error: SyncError) => void };
  const synced = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // Nobody may be waiting on it: its rejection is reported through whoever awaits it.
  synced.catch(() => undefined);

  const send = (write: (encoder: encoding.Encoder) => void): void => {
    const encoder = encoding.createEncoder();
    write(encoder);
    channel.send(kind, encoding.toUint8Array(encoder)).catch((error: unknown) => {
      // A closed channel is reported by channel.ended; anything else is a broken sync.
      if (!(error instanceof ChannelClosedError))
        fail(new SyncError('malformed-sync-message', { cause: error }));
    });
  };

  const onUpdate = (update: Uint8Array, updateOrigin: unknown): void => {
    if (updateOrigin !== origin) send((encoder) => writeUpdate(encoder, update));
  };

  const onMessage = ({ kind: messageKind, payload }: { kind: number; payload: Uint8Array }) => {
    if (messageKind !== kind || stopped) return;
    try {
      const decoder = decoding.createDecoder(payload);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case STEP1: {
          const stateVector = decoding.readVarUint8Array(decoder);
          if (sends) send((encoder) => writeSyncStep2(encoder, doc, stateVector));
          break;
        }
        case STEP2:
        case UPDATE: {
          const update = decoding.readVarUint8Array(decoder);
          if (!receives) {
            ignoredUpdates++;
            break;
          }
          Y.applyUpdate(doc, update, origin);
          if (type === STEP2) {
            send((encoder) => encoding.writeVarUint(encoder, STEP2_APPLIED));
            settle.resolve();
          }
          break;
        }
        case STEP2_APPLIED:
          if (!receives) settle.resolve();
          break;
        default:
          throw new Error(`unknown sync message type ${type}`);
      }
    } catch (cause) {
      fail(new SyncError('malformed-sync-message', { cause }));
    }
  };

  function stop(): void {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    if (sends) doc.off('update', onUpdate);
    settle.reject(new SyncError('sync-stopped'));
  }

  /** A peer that sends what Yjs cannot read is broken: the share cannot go on. */
  function fail(error: SyncError): void {
    settle.reject(error);
    stop();
    channel.close('protocol-error');
  }

  const unsubscribe = channel.onMessage(onMessage);
  void channel.ended.then(stop);
  if (sends) doc.on('update', onUpdate);
  if (receives) send((encoder) => writeSyncStep1(encoder, doc));

  return {
    synced,
    get ignoredUpdates() {
      return ignoredUpdates;
    },
    stop,
  };
}
