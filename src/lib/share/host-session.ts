/**
 * The patient's side of a share once a professional's data channel is open (DESIGN §4.4–4.7):
 * handshake, the patient's decision, then the share doc's Yjs sync and its files out, deposits in,
 * and the audit log of all of it. Transport-free: it works on any DataChannelLike (peer.ts hands it
 * real RTCDataChannels; unit tests, in-memory ones).
 *
 * On each channel:
 * 1. raw messages: hello → answer (or a sealed refusal: single use, expired) → reveal;
 * 2. the session keys exist: a FramedChannel takes the channel over, the code is shown, and the
 *    patient is asked (`ask`). Nothing of the record has left the device yet;
 * 3. allowed: the share doc is synced send-only, then each attached file is sent, newest first;
 *    refused: the decision is sent and the channel closed.
 * `end(reason)` closes every channel with that reason (expired, revoked, closed).
 */
import * as Y from 'yjs';
import type { AuditEventInput } from './audit';
import { onControl, sendControl } from './control';
import {
  FramedChannel,
  bytesOf,
  MESSAGE_KINDS,
  type CloseReason,
  type DataChannelLike,
} from './framed-channel';
import {
  openHello,
  openReveal,
  sealAnswer,
  sealRefusal,
  type Hello,
  type PatientPending,
  type ProfessionalIdentity,
} from './handshake';
import type { ShareTerms } from './link';
import { syncDoc } from './sync';
import { receiveFiles, sendFile, type FileMeta, type IncomingFile } from './transfer';

/** Largest deposit accepted from a professional. */
export const MAX_DEPOSIT_BYTES = 64 * 1024 * 1024;
/** A hello that does not come within this long after the channel opens: the channel is closed. */
const HANDSHAKE_TIMEOUT_MS = 30_000;

export type GuestStatus =
  /** Keys being agreed. */
  | 'handshake'
  /** Waiting for the patient's Allow or Refuse. */
  | 'asking'
  /** Allowed: the shared entries and files are going out. */
  | 'allowed'
  | 'refused'
  /** Turned away without asking: single use, or expired. */
  | 'turned-away'
  /** The channel is over (the professional left, the share ended). */
  | 'gone';

/** One professional, as the patient's screen shows them. */
export interface GuestView {
  readonly guestId: string;
  readonly status: GuestStatus;
  readonly identity?: ProfessionalIdentity;
  readonly code?: string;
  /** Files sent so far, of `filesTotal`, once allowed. */
  readonly filesSent: number;
  readonly filesTotal: number;
}

export interface AccessRequest {
  readonly guestId: string;
  readonly identity: ProfessionalIdentity;
  readonly code: string;
  /** Aborts if the professional leaves (or the share ends) before the patient decides. */
  readonly signal: AbortSignal;
}

/** A document a professional sent back; the patient accepts it into the record or declines it. */
export interface Deposit {
  readonly guestId: string;
  readonly identity: ProfessionalIdentity;
  /** How the author is written on the entry and in the log. */
  readonly author: string;
  readonly file: IncomingFile;
  /** The patient stored it as the document entry `entryId`. Logged; the professional is told. */
  accepted(entryId: string): void;
  /** The patient did not want it. Logged; the professional is told. */
  declined(): void;
}

export interface HostSessionOptions {
  shareId: string;
  secret: Uint8Array;
  /** The terms this device enforces (expiry, rights, single use). */
  terms: ShareTerms;
  /** The share doc (scope.ts): only the chosen entries. */
  doc: Y.Doc;
  /** An attached file's bytes, decrypted, as they are read. */
  readFile: (fileId: string) => ReadableStream<Uint8Array>;
  audit: (event: AuditEventInput) => void;
  /** Asks the patient; resolves true for Allow. */
  ask: (request: AccessRequest) => Promise<boolean>;
  onDeposit?: (deposit: Deposit) => void;
  /** Any GuestView changed. */
  onChange?: () => void;
  now?: () => number;
}

/** "Name, profession (RPPS n)": the author of a deposit. */
export function authorOf(identity: ProfessionalIdentity): string {
  const who = `${identity.name}, ${identity.profession}`;
  return identity.rpps ? `${who} (RPPS ${identity.rpps})` : who;
}

type FileToSend = { entryId: string; title: string; meta: FileMeta; order: string };

/** The share doc's attached files, newest first (by the entry's date, else its creation). */
export function filesOf(doc: Y.Doc): FileToSend[] {
  const files: FileToSend[] = [];
  for (const [entryId, entry] of doc.getMap<Y.Map<unknown>>('entries')) {
    const field = (name: string) => entry.get(name);
    const fileId = field('fileId');
    if (typeof fileId !== 'string') continue;
    const name = String(field('name') ?? '');
    const date = field('date') ?? field('createdAt') ?? '';
    files.push({
      entryId,
      title: String(field('title') ?? name),
      order: typeof date === 'number' ? new Date(date).toISOString() : String(date),
      meta: {
        fileId,
        name,
        mime: String(field('mime') ?? 'application/octet-stream'),
        size: Number(field('size') ?? 0),
        contentHash: String(field('contentHash') ?? ''),
      },
    });
  }
  return files.sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0));
}

class Guest {
  status: GuestStatus = 'handshake';
  identity?: ProfessionalIdentity;
  code?: string;
  filesSent = 0;
  filesTotal = 0;
  framed: FramedChannel | null = null;
  dropped = false;
  readonly stop = new AbortController();
  constructor(
    readonly guestId: string,
    readonly channel: DataChannelLike,
    readonly release: () => void,
  ) {}

  view(): GuestView {
    const { guestId, status, identity, code, filesSent, filesTotal } = this;
    return { guestId, status, identity, code, filesSent, filesTotal };
  }
}

export class HostSession {
  readonly #options: HostSessionOptions;
  readonly #guests = new Map<string, Guest>();
  #hellos = 0;
  #nextGuest = 1;
  #ended: CloseReason | null = null;

  #expiry: ReturnType<typeof setTimeout>;

  constructor(options: HostSessionOptions) {
    this.#options = options;
    // The owner ends the share at expiry too; this holds even if it forgets.
    const now = options.now?.() ?? Date.now();
    this.#expiry = setTimeout(
      () => this.end('expired'),
      Math.max(0, options.terms.expiresAt - now),
    );
  }

  get guests(): GuestView[] {
    return [...this.#guests.values()].map((guest) => guest.view());
  }

  get ended(): boolean {
    return this.#ended !== null;
  }

  /**
   * Takes over an open data channel from a professional. `release` frees what carries it (the
   * RTCPeerConnection) once the channel is done.
   */
  accept(channel: DataChannelLike, release: () => void = () => undefined): void {
    // After expiry a hello still gets its answer, "expired", so the page can say so.
    if (this.#ended && this.#ended !== 'expired') {
      channel.close();
      return release();
    }
    const guest = new Guest(String(this.#nextGuest++), channel, release);
    this.#guests.set(guest.guestId, guest);
    this.#changed();
    channel.binaryType = 'arraybuffer';
    const timeout = setTimeout(() => this.#drop(guest), HANDSHAKE_TIMEOUT_MS);
    let pending: PatientPending | null = null;
    channel.onclose = () => {
      clearTimeout(timeout);
      this.#drop(guest);
    };
    channel.onmessage = (event) => {
      const bytes = bytesOf(event.data);
      if (!bytes) return this.#drop(guest);
      try {
        if (!pending) {
          clearTimeout(timeout);
          pending = this.#onHello(guest, openHello(this.#options.secret, bytes));
        } else {
          const session = openReveal(this.#options.secret, pending, bytes);
          pending = null;
          guest.code = session.code;
          // Keys exist: the framed channel takes the data channel over before any frame can come.
          guest.framed = new FramedChannel(channel, {
            role: 'host',
            sendKey: session.patientToPro,
            receiveKey: session.proToPatient,
            maxMessageBytes: MAX_DEPOSIT_BYTES,
          });
          void guest.framed.ended.then(() => this.#drop(guest));
          void this.#decide(guest);
        }
      } catch {
        // Not a message of this share, or a broken handshake: nothing to say to its sender.
        this.#drop(guest);
      }
    };
  }

  /** Ends the share on every channel, telling each professional why. */
  end(reason: CloseReason): void {
    if (this.#ended) return;
    this.#ended = reason;
    clearTimeout(this.#expiry);
    for (const guest of this.#guests.values()) {
      guest.stop.abort(new Error(reason));
      if (guest.framed) guest.framed.close(reason);
      // One still saying hello hears "expired" (see accept), or is dropped.
      else if (reason !== 'expired') this.#drop(guest);
    }
  }

  #changed(): void {
    this.#options.onChange?.();
  }

  /** Answers a hello, or turns it away (single use, expired). Returns the answer's pending state. */
  #onHello(guest: Guest, hello: Hello): PatientPending | null {
    const { secret, terms, shareId, audit } = this.#options;
    const now = this.#options.now?.() ?? Date.now();
    guest.identity = hello.identity;
    const refusal =
      this.#ended || now >= terms.expiresAt
        ? 'expired'
        : terms.singleUse && this.#hellos > 0
          ? 'already-used'
          : null;
    this.#hellos++;
    if (refusal) {
      if (refusal === 'already-used') {
        audit({ type: 'second-hello-refused', shareId, ...hello.identity });
      }
      guest.status = 'turned-away';
      this.#changed();
      guest.channel.send(sealRefusal(secret, refusal) as Uint8Array<ArrayBuffer>);
      // Let the refusal leave before the channel goes.
      setTimeout(() => this.#drop(guest), 1000);
      return null;
    }
    const { answer, pending } = sealAnswer(secret, hello, terms);
    guest.channel.send(answer as Uint8Array<ArrayBuffer>);
    return pending;
  }

  async #decide(guest: Guest): Promise<void> {
    const { shareId, audit, ask } = this.#options;
    const identity = guest.identity!;
    const code = guest.code!;
    audit({ type: 'hello', shareId, ...identity, code });
    guest.status = 'asking';
    this.#changed();
    let allowed = false;
    try {
      allowed = await ask({ guestId: guest.guestId, identity, code, signal: guest.stop.signal });
    } catch {
      allowed = false;
    }
    const framed = guest.framed!;
    if (!framed.isOpen || this.#ended) return;
    audit({ type: allowed ? 'allowed' : 'refused', shareId });
    guest.status = allowed ? 'allowed' : 'refused';
    this.#changed();
    // Listen before the professional can know the answer: its first sync message follows it.
    if (allowed) this.#serve(guest, framed);
    await sendControl(framed, { t: 'decision', allowed }).catch(() => undefined);
    if (!allowed) framed.close('closed');
  }

  #serve(guest: Guest, framed: FramedChannel): void {
    const { doc, terms, shareId, audit } = this.#options;
    const sync = syncDoc(framed, doc, { mode: 'send-only' });
    onControl(framed, (message) => {
      if (message.t === 'opened' && doc.getMap('entries').has(message.entryId)) {
        audit({ type: 'document-opened', shareId, entryId: message.entryId });
      } else if (message.t !== 'opened') {
        framed.close('protocol-error');
      }
    });
    if (terms.rights.deposit) this.#receiveDeposits(guest, framed);
    else {
      framed.onMessage(({ kind }) => {
        if (kind === MESSAGE_KINDS.file) framed.close('protocol-error');
      });
    }
    void sync.synced.then(
      () => this.#sendFiles(guest, framed),
      () => undefined,
    );
  }

  async #sendFiles(guest: Guest, framed: FramedChannel): Promise<void> {
    const { shareId, audit, readFile } = this.#options;
    const files = filesOf(this.#options.doc);
    guest.filesTotal = files.length;
    this.#changed();
    for (const file of files) {
      if (!framed.isOpen) return;
      try {
        await sendFile(framed, file.meta, readFile(file.meta.fileId), {
          signal: guest.stop.signal,
        });
      } catch {
        // A damaged file is skipped (the professional sees it missing); a closed channel ends the loop.
        continue;
      }
      guest.filesSent++;
      audit({ type: 'document-sent', shareId, entryId: file.entryId, title: file.title });
      this.#changed();
    }
  }

  #receiveDeposits(guest: Guest, framed: FramedChannel): void {
    const { shareId, audit, onDeposit } = this.#options;
    const identity = guest.identity!;
    const author = authorOf(identity);
    receiveFiles(framed, {
      maxFileBytes: MAX_DEPOSIT_BYTES,
      onFile: (file) => {
        let settled = false;
        const settle = (outcome: 'accepted' | 'declined', entryId?: string) => {
          if (settled) return;
          settled = true;
          audit({
            type: 'document-received',
            shareId,
            title: file.meta.name,
            author,
            ...(entryId ? { entryId } : {}),
          });
          if (framed.isOpen) {
            void sendControl(framed, { t: 'deposit', fileId: file.meta.fileId, outcome }).catch(
              () => undefined,
            );
          }
        };
        onDeposit?.({
          guestId: guest.guestId,
          identity,
          author,
          file,
          accepted: (entryId) => settle('accepted', entryId),
          declined: () => settle('declined'),
        });
      },
    });
  }

  #drop(guest: Guest): void {
    if (guest.dropped) return;
    guest.dropped = true;
    guest.stop.abort(new Error('gone'));
    if (guest.framed?.isOpen) guest.framed.close('closed');
    else if (guest.channel.readyState === 'open' || guest.channel.readyState === 'connecting') {
      guest.channel.close();
    }
    if (guest.status !== 'turned-away' && guest.status !== 'refused') guest.status = 'gone';
    // Release the connection a moment later, so a close frame or refusal leaves first.
    setTimeout(guest.release, 2000);
    this.#changed();
  }
}
