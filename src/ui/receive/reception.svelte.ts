/**
 * The professional's side of one request, for the receive page: reach the patient's device through
 * the signaling relay (peer.ts), run the session (guest-session.ts), and expose what the page shows
 * as reactive state. Memory only, from the start: nothing here writes to IndexedDB, Cache Storage,
 * localStorage or anywhere else, and when the session ends every received byte is zeroed, the
 * entries forgotten and every object URL revoked.
 */
import {
  GuestSession,
  connectAsGuest,
  signalingUrls,
  deriveShareKeys,
  type GuestEndReason,
  type GuestLinkState,
  type PeerLink,
  type ProfessionalIdentity,
  type ReceivedFile,
  type SentDeposit,
  type ShareLink,
  type ShareTerms,
} from '../../lib/share';
import { listEntries, type Entry } from '../../lib/record';
import { iceServers } from '../state/ice-servers.svelte';

export type ReceptionEnd =
  | GuestEndReason
  /** The link's time ran out before the patient's device answered. */
  | 'link-expired';

export type ReceptionState =
  /** Reaching the patient's device; `link` says how far. */
  | { step: 'connecting'; link: GuestLinkState }
  | { step: 'handshake' }
  | { step: 'awaiting-approval'; code: string }
  | { step: 'live'; code: string; terms: ShareTerms; synced: boolean }
  | { step: 'ended'; reason: ReceptionEnd };

/** A shared file as the page lists it. */
export type FileView = {
  fileId: string;
  name: string;
  mime: string;
  size: number;
  received: number;
  complete: boolean;
  failed: boolean;
};

export class Reception {
  state = $state.raw<ReceptionState>({ step: 'connecting', link: 'signaling-connecting' });
  /** The shared entries, as the record's pages list them. */
  entries = $state.raw<Entry[]>([]);
  /** Shared identity fields (name, birth date…) as the patient chose them. */
  profile = $state.raw<Record<string, unknown>>({});
  files = $state.raw<FileView[]>([]);
  deposits = $state.raw<SentDeposit[]>([]);

  readonly #link: ShareLink;
  readonly #identity: ProfessionalIdentity;
  readonly #abort = new AbortController();
  #peer: PeerLink | null = null;
  #session: GuestSession | null = null;
  // Not shown on screen: a plain Set (what the page lists is in the $state fields above).
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #objectUrls = new Set<string>();
  #refresh = false;
  /** The shared doc changed since the entries were last read (file progress leaves it alone). */
  #docChanged = true;
  #linkTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(link: ShareLink, identity: ProfessionalIdentity) {
    this.#link = link;
    this.#identity = identity;
  }

  /** Starts reaching the patient's device. */
  async start(): Promise<void> {
    const link = this.#link;
    this.#linkTimer = setTimeout(
      () => this.#abort.abort(new Error('link-expired')),
      Math.max(0, link.expiresAt - Date.now()),
    );
    let peer: PeerLink;
    try {
      peer = await connectAsGuest({
        signalingUrls: signalingUrls(__CARNET_SIGNALING_URLS__, location),
        keys: deriveShareKeys(link.secret),
        iceServers: iceServers.forConnection(),
        signal: this.#abort.signal,
        onState: (state) => {
          if (this.state.step === 'connecting') this.state = { step: 'connecting', link: state };
        },
      });
    } catch {
      clearTimeout(this.#linkTimer);
      if (this.state.step !== 'ended') {
        this.state = {
          step: 'ended',
          reason: Date.now() >= link.expiresAt ? 'link-expired' : 'left',
        };
      }
      return;
    }
    clearTimeout(this.#linkTimer);
    if (this.#abort.signal.aborted) return peer.close();
    this.#peer = peer;
    this.state = { step: 'handshake' };
    this.#session = new GuestSession(peer.channel, {
      secret: link.secret,
      identity: this.#identity,
      onChange: () => this.#changed(),
    });
    this.#session.doc.on('update', () => (this.#docChanged = true));
  }

  /** The bytes of a complete file (memory only), or null. */
  bytesOf(fileId: string): Uint8Array[] | null {
    return this.#session?.files.get(fileId)?.bytes ?? null;
  }

  /**
   * An object URL for a complete file, revoked when the session ends (or earlier by `revoke`).
   * The page uses it for an image or a download.
   */
  objectUrl(fileId: string): string | null {
    const file: ReceivedFile | undefined = this.#session?.files.get(fileId);
    if (!file?.bytes) return null;
    const url = URL.createObjectURL(new Blob(file.bytes as BlobPart[], { type: file.meta.mime }));
    this.#objectUrls.add(url);
    return url;
  }

  revoke(url: string): void {
    if (this.#objectUrls.delete(url)) URL.revokeObjectURL(url);
  }

  /** Tells the patient's device a document was opened (it logs it). */
  opened(entryId: string): void {
    this.#session?.opened(entryId);
  }

  deposit(file: File): Promise<void> {
    if (!this.#session) return Promise.reject(new Error('no session'));
    return this.#session.deposit(file);
  }

  /** The professional leaves (or the tab closes): the patient's device is told, all is wiped. */
  leave(): void {
    this.#abort.abort(new Error('left'));
    clearTimeout(this.#linkTimer);
    if (this.#session) this.#session.leave();
    else {
      this.#peer?.close();
      if (this.state.step !== 'ended') this.state = { step: 'ended', reason: 'left' };
      this.#wipe();
    }
  }

  #changed(): void {
    // Many changes come in one burst (a sync, file progress): read the session once per task.
    if (this.#refresh) return;
    this.#refresh = true;
    queueMicrotask(() => {
      this.#refresh = false;
      this.#read();
    });
  }

  #read(): void {
    const session = this.#session;
    if (!session) return;
    if (session.phase === 'ended') {
      this.state = { step: 'ended', reason: session.endReason ?? 'patient-gone' };
      this.#wipe();
      return;
    }
    if (session.phase === 'handshake') this.state = { step: 'handshake' };
    else if (session.phase === 'awaiting-approval') {
      this.state = { step: 'awaiting-approval', code: session.code! };
    } else {
      const synced = this.state.step === 'live' && this.state.synced;
      this.state = { step: 'live', code: session.code!, terms: session.terms!, synced };
      void session.synced.then(() => {
        if (this.state.step === 'live' && !this.state.synced) {
          this.state = { ...this.state, synced: true };
        }
      });
      // Listing every entry again on each file chunk would cost O(entries) per 64 KiB received.
      if (this.#docChanged) {
        this.#docChanged = false;
        this.entries = listEntries(session.doc);
        this.profile = session.doc.getMap('profile').toJSON();
      }
      this.files = [...session.files.values()].map(({ meta, received, bytes, failed }) => ({
        fileId: meta.fileId,
        name: meta.name,
        mime: meta.mime,
        size: meta.size,
        received,
        complete: bytes !== null,
        failed,
      }));
      this.deposits = [...session.deposits.values()].map((deposit) => ({ ...deposit }));
    }
  }

  #wipe(): void {
    for (const url of this.#objectUrls) URL.revokeObjectURL(url);
    this.#objectUrls.clear();
    this.#session?.wipe();
    this.#session = null;
    this.#peer?.close();
    this.#peer = null;
    this.entries = [];
    this.profile = {};
    this.files = [];
    this.deposits = [];
  }
}
