/**
 * The shares in progress on this device (DESIGN §4). Each holds its secret and the copy of the
 * record it syncs in memory only, for as long as it lasts: the professional connects to this
 * page, so closing it ends every share. The secret is never written anywhere.
 */
import type * as Y from 'yjs';
import { newId, randomBytes } from '../../lib/crypto';
import {
  SECRET_BYTES,
  encodeShareLink,
  type ShareEndReason,
  type ShareRights,
  type ShareScope,
  type ShareSummary,
} from '../../lib/share';
import { expiryFor } from '../share/terms';
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
};

class Shares {
  active = $state.raw<ActiveShare[]>([]);
  /** Why the last share ended by itself, for the screen to say so. */
  lastEnded = $state<{ shareId: string; reason: ShareEndReason } | null>(null);
  #held = new Map<string, Held>();

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
    this.#held.set(shareId, { profileId: session.profileId, secret, doc, timer });
    const share: ActiveShare = { shareId, link, expiresAt, rights, singleUse, summary };
    this.active = [...this.active, share];
    this.lastEnded = null;
    return share;
  }

  /** Ends, as closed, the shares not made from the record `profileId` (null: every share). */
  endAllBut(profileId: string | null): void {
    for (const [shareId, held] of this.#held) {
      if (held.profileId !== profileId) this.end(shareId, 'closed');
    }
  }

  /** Ends a share once (later calls do nothing), forgets its secret, and logs why. */
  end(shareId: string, reason: ShareEndReason): void {
    const held = this.#held.get(shareId);
    if (!held) return;
    this.#held.delete(shareId);
    clearTimeout(held.timer);
    held.secret.fill(0);
    held.doc.destroy();
    this.active = this.active.filter((share) => share.shareId !== shareId);
    if (reason !== 'revoked') this.lastEnded = { shareId, reason };
    // Only the record the share was made from holds its story.
    if (session.isOpen && session.profileId === held.profileId) {
      session.recordAudit({ type: 'share-ended', shareId, reason });
    }
  }
}

export const shares = new Shares();

// A share belongs to the record it was made from. Locking ends every share, logged as closed
// while the record can still be written; switching to another record (family) ends the others
// too, though their end cannot be logged then, the record being already closed.
session.onBeforeLock(() => shares.endAllBut(null));

$effect.root(() => {
  $effect(() => {
    const open = session.profileId;
    shares.endAllBut(open);
  });
});
