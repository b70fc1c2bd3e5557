/**
 * The shares in progress on this device (DESIGN §4). Each holds its secret and the copy of the
 * record it syncs in memory only, for as long as it lasts: the professional connects to this
 * page, so closing it ends every share. The secret is never written anywhere.
 *
 * While a share lasts, this device waits in its signaling room (peer.ts) and runs the patient's
 * side of every professional's session (host-session.ts): the requests to allow or refuse and the
 * deposits to accept are here for the screens.
 */
import type * as Y from 'yjs';
import { newId, randomBytes } from '../../lib/crypto';
import { localDay } from '../../lib/record/dates';
import {
  HostSession,
  SECRET_BYTES,
  deriveShareKeys,
  encodeShareLink,
  listenAsHost,
  signalingUrls,
  type AccessRequest,
  type Deposit,
  type GuestView,
  type HostListener,
  type ProfessionalIdentity,
  type ShareEndReason,
  type ShareRights,
  type ShareScope,
  type ShareSummary,
  type SignalingState,
} from '../../lib/share';
import { readFile } from '../../lib/vault';
import { expiryFor } from '../share/terms';
import { iceServers } from './ice-servers.svelte';
import { session } from './session.svelte';

/** What the screen shows of a share in progress. */
export type ActiveShare = {
  shareId: string;
  link: string;
  expiresAt: number;
  rights: ShareRights;
  singleUse: boolean;
  summary: ShareSummary;
};

export type NewShare = {
  scope: ShareScope;
  minutes: number;
  rights: ShareRights;
  singleUse: boolean;
};

type Held = {
  /** The record whose log tells of this share. */
  profileId: string | null;
  secret: Uint8Array;
  doc: Y.Doc;
  timer: ReturnType<typeof setTimeout>;
  host: HostSession;
  listener: HostListener;
  /** Keeps the inactivity lock away while the share lasts. */
  release: () => void;
};

/** A professional waiting for the patient's Allow or Refuse. */
export type PendingRequest = {
  shareId: string;
  guestId: string;
  identity: ProfessionalIdentity;
  code: string;
};

/** A document a professional sent back, waiting for the patient (or being stored). */
export type PendingDeposit = {
  depositId: string;
  shareId: string;
  author: string;
  name: string;
  mime: string;
  size: number;
  received: number;
  /** Every byte is here: it can be accepted. */
  complete: boolean;
  failed: boolean;
};

type HeldDeposit = {
  /** The record whose share brought it: only that record may take it in. */
  profileId: string | null;
  deposit: Deposit;
  view: PendingDeposit;
  bytes: Uint8Array[] | null;
  /** Polls how much has arrived, until it all has. */
  progress: ReturnType<typeof setInterval> | null;
};

/** How often the screen's progress of an arriving deposit is brought up to date. */
const DEPOSIT_PROGRESS_MS = 250;

class Shares {
  active = $state.raw<ActiveShare[]>([]);
  /** Why the last share ended by itself, for the screen to say so. */
  lastEnded = $state<{ shareId: string; reason: ShareEndReason } | null>(null);
  requests = $state.raw<PendingRequest[]>([]);
  deposits = $state.raw<PendingDeposit[]>([]);
  /** The professionals of each share in progress. */
  guests = $state.raw<Record<string, GuestView[]>>({});
  /** Whether this device reaches its signaling relay, per share. */
  signaling = $state.raw<Record<string, SignalingState>>({});
  #held = new Map<string, Held>();
  #answers = new Map<string, (allowed: boolean) => void>();
  #deposits = new Map<string, HeldDeposit>();
  #nextDeposit = 1;

  /**
   * Starts a share of the open record; `origin` is the app's address (with its sub-folder).
   * Logs `share-created`, and ends it as `expired` when its time is up.
   */
  create(terms: NewShare, origin: string, now = Date.now()): ActiveShare {
    const { doc, summary } = session.buildShare(terms.scope);
    const secret = randomBytes(SECRET_BYTES);
    const expiresAt = expiryFor(now, terms.minutes);
    const { rights, singleUse } = terms;
    const link = encodeShareLink({ secret, expiresAt, rights, singleUse }, origin);
    const shareId = newId();
    session.recordAudit({
      type: 'share-created',
      shareId,
      scope: summary,
      expiresAt,
      rights,
      singleUse,
    });
    const timer = setTimeout(() => this.end(shareId, 'expired'), Math.max(0, expiresAt - now));
    const profileId = session.profileId;
    const profile = session.profile;
    const host = new HostSession({
      shareId,
      secret,
      terms: { expiresAt, rights, singleUse },
      doc,
      readFile: (fileId) => readFile(profile, fileId),
      audit: (event) => {
        if (session.isOpen && session.profileId === profileId) session.recordAudit(event);
      },
      ask: (request) => this.#ask(shareId, request),
      onDeposit: (deposit) => this.#onDeposit(shareId, deposit),
      onChange: () => (this.guests = { ...this.guests, [shareId]: host.guests }),
    });
    const listener = listenAsHost({
      signalingUrls: signalingUrls(__CARNET_SIGNALING_URLS__, location),
      keys: deriveShareKeys(secret),
      iceServers: iceServers.forConnection(),
      onLink: (link) => host.accept(link.channel, () => link.close()),
      onState: (state) => (this.signaling = { ...this.signaling, [shareId]: state }),
    });
    const release = session.holdOpen();
    this.#held.set(shareId, { profileId, secret, doc, timer, host, listener, release });
    const share: ActiveShare = { shareId, link, expiresAt, rights, singleUse, summary };
    this.active = [...this.active, share];
    this.lastEnded = null;
    return share;
  }

  /**
   * Ends, as closed, the shares not made from the record `profileId` (null: every share), and
   * declines their documents still waiting: another record must not take them in, and a locked
   * record keeps nothing of them in memory.
   */
  endAllBut(profileId: string | null): void {
    for (const [shareId, held] of this.#held) {
      if (held.profileId !== profileId) this.end(shareId, 'closed');
    }
    for (const [depositId, held] of this.#deposits) {
      if (held.profileId !== profileId) this.declineDeposit(depositId);
    }
  }

  /** Ends a share once (later calls do nothing), forgets its secret, and logs why. */
  end(shareId: string, reason: ShareEndReason): void {
    const held = this.#held.get(shareId);
    if (!held) return;
    this.#held.delete(shareId);
    clearTimeout(held.timer);
    held.listener.close();
    held.host.end(reason === 'error' ? 'closed' : reason);
    held.release();
    held.secret.fill(0);
    held.doc.destroy();
    this.requests = this.requests.filter((request) => request.shareId !== shareId);
    const { [shareId]: _guests, ...guests } = this.guests;
    this.guests = guests;
    const { [shareId]: _state, ...signaling } = this.signaling;
    this.signaling = signaling;
    this.active = this.active.filter((share) => share.shareId !== shareId);
    if (reason !== 'revoked') this.lastEnded = { shareId, reason };
    // Only the record the share was made from holds its story.
    if (session.isOpen && session.profileId === held.profileId) {
      session.recordAudit({ type: 'share-ended', shareId, reason });
    }
  }
  /** The patient's answer to a request. */
  answer(request: PendingRequest, allowed: boolean): void {
    this.#answers.get(`${request.shareId}/${request.guestId}`)?.(allowed);
  }

  /** Stores a complete deposit as a document entry by its author; returns the entry id. */
  async acceptDeposit(depositId: string): Promise<string> {
    const held = this.#deposits.get(depositId);
    if (!held?.bytes) throw new Error('deposit not complete');
    if (held.profileId !== session.profileId) throw new Error('deposit of another record');
    const { view, deposit } = held;
    const file = new File(held.bytes as BlobPart[], view.name, { type: view.mime });
    const entryId = await session.addDocument(
      {
        title: view.name,
        type: 'other',
        date: localDay(Date.now()),
        author: view.author,
      },
      file,
    );
    deposit.accepted(entryId);
    this.#forgetDeposit(depositId);
    return entryId;
  }

  declineDeposit(depositId: string): void {
    this.#deposits.get(depositId)?.deposit.declined();
    this.#forgetDeposit(depositId);
  }

  #ask(shareId: string, request: AccessRequest): Promise<boolean> {
    const key = `${shareId}/${request.guestId}`;
    const pending: PendingRequest = {
      shareId,
      guestId: request.guestId,
      identity: request.identity,
      code: request.code,
    };
    return new Promise((resolve) => {
      const settle = (allowed: boolean) => {
        this.#answers.delete(key);
        this.requests = this.requests.filter((item) => item !== pending);
        resolve(allowed);
      };
      this.#answers.set(key, settle);
      request.signal.addEventListener('abort', () => settle(false), { once: true });
      this.requests = [...this.requests, pending];
    });
  }

  #onDeposit(shareId: string, deposit: Deposit): void {
    const depositId = String(this.#nextDeposit++);
    const { meta } = deposit.file;
    const held: HeldDeposit = {
      profileId: this.#held.get(shareId)?.profileId ?? session.profileId,
      deposit,
      bytes: null,
      progress: null,
      view: {
        depositId,
        shareId,
        author: deposit.author,
        name: meta.name,
        mime: meta.mime,
        size: meta.size,
        received: 0,
        complete: false,
        failed: false,
      },
    };
    this.#deposits.set(depositId, held);
    this.deposits = [...this.deposits, held.view];
    const update = (change: Partial<PendingDeposit>) => {
      held.view = { ...held.view, ...change };
      this.deposits = this.deposits.map((item) =>
        item.depositId === depositId ? held.view : item,
      );
    };
    held.progress = setInterval(() => {
      if (deposit.file.received !== held.view.received) update({ received: deposit.file.received });
    }, DEPOSIT_PROGRESS_MS);
    const stopProgress = () => {
      if (held.progress !== null) clearInterval(held.progress);
      held.progress = null;
    };
    deposit.file.chunks().then(
      (chunks) => {
        stopProgress();
        // Declined while it was arriving: nothing of it is kept.
        if (!this.#deposits.has(depositId)) return chunks.forEach((chunk) => chunk.fill(0));
        held.bytes = chunks;
        update({ received: meta.size, complete: true });
      },
      () => {
        stopProgress();
        update({ failed: true });
      },
    );
  }

  #forgetDeposit(depositId: string): void {
    const held = this.#deposits.get(depositId);
    if (held?.progress) clearInterval(held.progress);
    for (const chunk of held?.bytes ?? []) chunk.fill(0);
    this.#deposits.delete(depositId);
    this.deposits = this.deposits.filter((item) => item.depositId !== depositId);
  }
}

export const shares = new Shares();

// A share belongs to the record it was made from. Locking ends every share, logged as closed
// while the record can still be written; switching to another record (family) ends the others
// too, though their end cannot be logged then, the record being already closed.
session.onBeforeLock(() => shares.endAllBut(null));
// Closing or leaving the page ends every share at once: the professional is told (a sealed close
// frame) instead of waiting for the connection to time out.
addEventListener('pagehide', () => shares.endAllBut(null));

$effect.root(() => {
  $effect(() => {
    const open = session.profileId;
    shares.endAllBut(open);
  });
});
