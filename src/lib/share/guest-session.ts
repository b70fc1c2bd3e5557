/**
 * The professional's side of a share once its data channel is open (DESIGN §4.4–4.6): hello,
 * answer (or a refusal), reveal, the code to compare, the patient's decision, then the shared
 * entries (a Y.Doc in memory) and their files (bytes in memory), and deposits back.
 * Transport-free, like host-session.ts.
 *
 * Memory only: nothing here touches IndexedDB, Cache Storage or any other store. `wipe()` zeroes
 * every received byte and destroys the doc; the page calls it when the session ends and revokes
 * the object URLs it made.
 */
import * as Y from 'yjs';
import { randomBytes, toBase64Url } from '../crypto/bytes';
import { onControl, sendControl } from './control';
import { FramedChannel, bytesOf, MESSAGE_KINDS, type DataChannelLike } from './framed-channel';
import {
  openAnswer,
  openRefusal,
  sealHello,
  type ProfessionalIdentity,
  type ProfessionalPending,
} from './handshake';
import type { ShareTerms } from './link';
import { syncDoc } from './sync';
import { receiveFiles, sendFile, type FileMeta } from './transfer';

/** Largest file accepted from the patient's device. */
export const MAX_SHARED_FILE_BYTES = 256 * 1024 * 1024;

export type GuestPhase =
  /** Keys being agreed. */
  | 'handshake'
  /** The code is shown; the patient decides. */
  | 'awaiting-approval'
  /** Allowed: entries and files arrive. */
  | 'live'
  | 'ended';

/** Why the session ended, for the page to say. */
export type GuestEndReason =
  /** The patient tapped Refuse. */
  | 'refused'
  /** A single-use link someone already used. */
  | 'already-used'
  /** The share's time is up. */
  | 'expired'
  /** The patient stopped the share. */
  | 'revoked'
  /** The patient's device ended it otherwise (locked the record, closed the share screen). */
  | 'closed'
  /** The connection was lost: the patient's device went offline or away. */
  | 'patient-gone'
  /** The other side sent something this page cannot accept. */
  | 'protocol-error'
  /** The professional left. */
  | 'left';

export interface ReceivedFile {
  readonly meta: FileMeta;
  received: number;
  /** Every byte once complete (in memory only); null until then, or after a failure. */
  bytes: Uint8Array[] | null;
  failed: boolean;
}

export type DepositOutcome = 'sending' | 'waiting' | 'accepted' | 'declined' | 'failed';

export interface SentDeposit {
  readonly fileId: string;
  readonly name: string;
  readonly size: number;
  sent: number;
  outcome: DepositOutcome;
}

export interface GuestSessionOptions {
  secret: Uint8Array;
  identity: ProfessionalIdentity;
  /** Anything the page shows changed. */
  onChange?: () => void;
  now?: () => number;
}

export class GuestSession {
  phase: GuestPhase = 'handshake';
  code: string | null = null;
  /** The terms the patient's device enforces, from its answer. */
  terms: ShareTerms | null = null;
  endReason: GuestEndReason | null = null;
  /** The shared entries (root map `entries`) and identity (`profile`), as the patient's doc. */
  readonly doc = new Y.Doc();
  readonly files = new Map<string, ReceivedFile>();
  readonly deposits = new Map<string, SentDeposit>();
  /** Resolves once the first sync is complete (every shared entry is here). */
  readonly synced: Promise<void>;

  readonly #channel: DataChannelLike;
  readonly #options: GuestSessionOptions;
  #framed: FramedChannel | null = null;
  #pending: ProfessionalPending | null;
  #expiry: ReturnType<typeof setTimeout> | undefined;
  readonly #opened = new Set<string>();
  readonly #stop = new AbortController();
  #resolveSynced!: () => void;

  constructor(channel: DataChannelLike, options: GuestSessionOptions) {
    this.#channel = channel;
    this.#options = options;
    this.synced = new Promise((resolve) => (this.#resolveSynced = resolve));
    const { hello, pending } = sealHello(options.secret, options.identity);
    this.#pending = pending;
    channel.binaryType = 'arraybuffer';
    channel.onmessage = (event) => this.#onHandshake(event.data);
    channel.onclose = () => this.#end('patient-gone');
    channel.send(hello as Uint8Array<ArrayBuffer>);
  }

  /** Tells the patient's device this document was opened (once per entry; it logs it). */
  opened(entryId: string): void {
    if (this.phase !== 'live' || this.#opened.has(entryId) || !this.#framed) return;
    this.#opened.add(entryId);
    void sendControl(this.#framed, { t: 'opened', entryId }).catch(() => undefined);
  }

  /**
   * Sends a document back to the patient (only if the share allows deposits). Resolves when the
   * last byte is out; the outcome (accepted, declined) arrives later in `deposits`.
   */
  async deposit(file: File): Promise<void> {
    const framed = this.#framed;
    if (this.phase !== 'live' || !framed || !this.terms?.rights.deposit) {
      throw new Error('deposits are not allowed');
    }
    const meta: FileMeta = {
      fileId: toBase64Url(randomBytes(16)),
      name: file.name,
      mime: file.type || 'application/octet-stream',
      size: file.size,
      contentHash: '',
    };
    const sent: SentDeposit = {
      fileId: meta.fileId,
      name: file.name,
      size: file.size,
      sent: 0,
      outcome: 'sending',
    };
    this.deposits.set(meta.fileId, sent);
    this.#changed();
    try {
      await sendFile(framed, meta, file.stream(), {
        signal: this.#stop.signal,
        onProgress: (bytes) => {
          sent.sent = bytes;
          this.#changed();
        },
      });
      if (sent.outcome === 'sending') sent.outcome = 'waiting';
    } catch (error) {
      sent.outcome = 'failed';
      throw error;
    } finally {
      this.#changed();
    }
  }

  /** The professional leaves: the patient's device is told. */
  leave(): void {
    if (this.#framed?.isOpen) this.#framed.close('closed');
    this.#end('left');
  }

  /** Zeroes every received byte and forgets the entries. The session must be over. */
  wipe(): void {
    for (const file of this.files.values()) {
      for (const chunk of file.bytes ?? []) chunk.fill(0);
      file.bytes = null;
    }
    this.files.clear();
    this.deposits.clear();
    this.doc.getMap('entries').clear();
    this.doc.getMap('profile').clear();
    this.doc.destroy();
  }

  #changed(): void {
    this.#options.onChange?.();
  }

  #onHandshake(data: unknown): void {
    const bytes = bytesOf(data);
    const pending = this.#pending;
    if (!bytes || !pending) return this.#fail();
    const { secret } = this.#options;
    const refusal = openRefusal(secret, bytes);
    if (refusal) return this.#end(refusal);
    let opened: ReturnType<typeof openAnswer>;
    try {
      opened = openAnswer(secret, pending, bytes);
    } catch {
      return this.#fail();
    }
    this.#pending = null;
    const { reveal, session, terms } = opened;
    // The framed channel takes the data channel over before the patient can send a frame.
    const framed = new FramedChannel(this.#channel, {
      role: 'guest',
      sendKey: session.proToPatient,
      receiveKey: session.patientToPro,
      maxMessageBytes: MAX_SHARED_FILE_BYTES,
    });
    this.#framed = framed;
    this.#channel.send(reveal as Uint8Array<ArrayBuffer>);
    this.code = session.code;
    this.terms = terms;
    this.phase = 'awaiting-approval';
    const now = this.#options.now?.() ?? Date.now();
    this.#expiry = setTimeout(
      () => {
        framed.close('expired');
        this.#end('expired');
      },
      Math.max(0, terms.expiresAt - now),
    );
    void framed.ended.then((end) => {
      if (end.by === 'peer') {
        this.#end(end.reason === 'protocol-error' ? 'protocol-error' : end.reason);
      } else if (end.by === 'transport') this.#end('patient-gone');
      else if (end.by === 'rejected') this.#end('protocol-error');
    });
    onControl(framed, (message) => {
      if (message.t === 'decision') {
        if (this.phase !== 'awaiting-approval') return framed.close('protocol-error');
        if (!message.allowed) return this.#end('refused');
        this.#live(framed);
      } else if (message.t === 'deposit') {
        const deposit = this.deposits.get(message.fileId);
        if (deposit) deposit.outcome = message.outcome;
        this.#changed();
      } else {
        framed.close('protocol-error');
      }
    });
    this.#changed();
  }

  #live(framed: FramedChannel): void {
    this.phase = 'live';
    const sync = syncDoc(framed, this.doc, { mode: 'receive-only' });
    void sync.synced.then(
      () => {
        this.#resolveSynced();
        this.#changed();
      },
      () => undefined,
    );
    this.doc.on('update', () => this.#changed());
    receiveFiles(framed, {
      maxFileBytes: MAX_SHARED_FILE_BYTES,
      onFile: (incoming) => {
        const file: ReceivedFile = { meta: incoming.meta, received: 0, bytes: null, failed: false };
        this.files.set(incoming.meta.fileId, file);
        this.#changed();
        incoming.chunks().then(
          (chunks) => {
            if (this.phase === 'ended') return chunks.forEach((chunk) => chunk.fill(0));
            file.bytes = chunks;
            file.received = incoming.received;
            this.#changed();
          },
          () => {
            file.failed = true;
            this.#changed();
          },
        );
      },
      onProgress: (incoming) => {
        const file = this.files.get(incoming.meta.fileId);
        if (file) file.received = incoming.received;
        this.#changed();
      },
    });
    framed.onMessage(({ kind }) => {
      if (
        kind !== MESSAGE_KINDS.sync &&
        kind !== MESSAGE_KINDS.file &&
        kind !== MESSAGE_KINDS.control
      ) {
        framed.close('protocol-error');
      }
    });
    this.#changed();
  }

  #fail(): void {
    if (this.#framed?.isOpen) this.#framed.close('protocol-error');
    else this.#channel.close();
    this.#end('protocol-error');
  }

  #end(reason: GuestEndReason): void {
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    this.endReason = reason;
    clearTimeout(this.#expiry);
    this.#stop.abort(new Error(reason));
    this.#channel.onmessage = null;
    if (this.#channel.readyState === 'open') this.#channel.close();
    this.#changed();
  }
}
