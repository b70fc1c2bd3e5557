/**
 * The record's Y.Doc, kept encrypted in IndexedDB (DESIGN §3).
 *
 * - Every local update is sealed and written (durability "strict") before `state` says "saved".
 * - Opening reads the newest snapshot that opens plus the updates not folded into it, and applies
 *   them all inside one `doc.transact` (never `Y.mergeUpdates`: ~9× slower here).
 * - Compaction folds updates into a new sealed snapshot in one transaction, under a Web Lock so two
 *   tabs never compact at once. The previous snapshot and the updates folded into the new one are
 *   kept for one generation: if the newest snapshot is damaged, the record opens from the previous
 *   one with nothing lost.
 * - Other tabs are nudged over a BroadcastChannel to re-read storage; the nudge carries no data and
 *   is never trusted for any (it only says "look again").
 * - A write the device refuses (storage full) stays in memory and is retried; nothing already saved
 *   is touched.
 */
import * as Y from 'yjs';
import {
  aad,
  fromUtf8,
  importFileKey,
  newId,
  open,
  openChunk,
  randomBytes,
  seal,
  sealChunk,
  utf8,
} from '../crypto';
import {
  openVaultDb,
  profileRange,
  type SnapshotRecord,
  type UpdateRecord,
  type VaultDb,
} from './db';
import { isQuotaError } from './errors';
import type { UnlockedProfile } from './profiles';
import { touchedPaths } from './touched';

/** Transactions with this origin came from storage: they are never written back. */
export const STORAGE_ORIGIN = Symbol('carnet-storage');

export type SaveState = 'saved' | 'saving' | 'retrying';

export type RecordDamage =
  /**
   * An update that did not open; `touched` lists the record paths it changed and `labels` what
   * the user called them (from the sealed metadata beside it), if that still opens.
   */
  | { kind: 'update'; key: string; touched: string[] | null; labels: string[] }
  /** A snapshot that did not open; `recovered` when an older one opened in its place. */
  | { kind: 'snapshot'; generation: number; recovered: boolean };

export type RecordStoreOptions = {
  /** Fold updates into a snapshot once this many are unfolded (default 500). */
  compactThreshold?: number;
  /** Delay before retrying a refused write, in ms (default 2000, doubling to 60 s). */
  retryDelayMs?: number;
  /**
   * What the user calls the thing at a path ("entries/<id>" → "Penicillin"), kept sealed beside
   * each update so a damage report can name an entry whose only copy is the damaged update.
   */
  labelFor?: (path: string, doc: Y.Doc) => string | null;
};

const CHANNEL = 'carnet-vault';
type Nudge = { profileId: string };

type Pending = {
  id: string;
  update: Uint8Array;
  touched: string[];
  labels: string[];
  at: number;
};
type UpdateMeta = { touched: string[]; labels?: string[]; at: number };

export class RecordStore {
  readonly damage: RecordDamage[] = [];
  #state: SaveState = 'saved';
  #lastError: unknown = null;
  #pending: Pending[] = [];
  #flushing: Promise<void> | null = null;
  #seen = new Set<string>();
  #appliedGeneration = -1;
  #unfolded = 0;
  #listeners = new Set<() => void>();
  #channel: BroadcastChannel | null = null;
  #refreshing: Promise<void> = Promise.resolve();
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retryWake: (() => void) | null = null;
  #closed = false;
  readonly #compactThreshold: number;
  readonly #retryDelayMs: number;
  readonly #labelFor: RecordStoreOptions['labelFor'];

  private constructor(
    readonly profile: UnlockedProfile,
    readonly doc: Y.Doc,
    private readonly db: VaultDb,
    options: RecordStoreOptions,
  ) {
    this.#compactThreshold = options.compactThreshold ?? 500;
    this.#retryDelayMs = options.retryDelayMs ?? 2000;
    this.#labelFor = options.labelFor;
  }

  /** Loads the profile's record into `doc` and starts saving its changes. */
  static async open(
    profile: UnlockedProfile,
    doc: Y.Doc,
    options: RecordStoreOptions = {},
  ): Promise<RecordStore> {
    const store = new RecordStore(profile, doc, await openVaultDb(), options);
    await store.#load();
    doc.on('update', store.#onUpdate);
    if (typeof BroadcastChannel !== 'undefined') {
      store.#channel = new BroadcastChannel(CHANNEL);
      store.#channel.onmessage = (event: MessageEvent<Nudge>) => {
        if (event.data?.profileId === profile.profileId) void store.refresh();
      };
    }
    return store;
  }

  get state(): SaveState {
    return this.#state;
  }

  /** Why the last write failed while `state` is "retrying". */
  get lastError(): unknown {
    return this.#lastError;
  }

  /** Called on every change of `state`, of `damage`, or of the doc from another tab. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once every change made so far is durably stored. */
  async whenSaved(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  /** Retry a refused write now instead of waiting for the next attempt. */
  retryNow(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryWake?.();
  }

  /**
   * Stops saving; waits for what is pending first. With `compact`, folds this session's changes
   * into a snapshot before closing, so the next opening reads one snapshot instead of many small
   * updates. The doc itself is the caller's to destroy.
   */
  async close({ compact = false }: { compact?: boolean } = {}): Promise<void> {
    await this.whenSaved();
    if (compact && this.#unfolded > 0) await this.compact().catch(() => undefined);
    this.#closed = true;
    this.doc.off('update', this.#onUpdate);
    this.#channel?.close();
    this.#listeners.clear();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }

  #setState(state: SaveState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#emit();
  }

  #onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction): void => {
    if (origin === STORAGE_ORIGIN || this.#closed) return;
    const id = `${Date.now().toString(36).padStart(9, '0')}-${newId()}`;
    const touched = touchedPaths(tr);
    const labels = this.#labelFor
      ? touched.map((path) => this.#labelFor!(path, this.doc)).filter((label) => label !== null)
      : [];
    this.#pending.push({ id, update, touched, labels, at: Date.now() });
    // Yjs integrates a client's updates in clock order: with one client id per session, a single
    // damaged update would leave every later update of that session pending, and most of the
    // record unreadable. A fresh id per transaction makes each stored update depend only on the
    // items it really edits, so damage stays confined to the entries it touched. The cost is a
    // few bytes per transaction in the state vector, folded by compaction.
    this.doc.clientID = crypto.getRandomValues(new Uint32Array(1))[0]!;
    this.#setState('saving');
    this.#flushing ??= this.#flush();
  };

  async #flush(): Promise<void> {
    let delay = this.#retryDelayMs;
    while (this.#pending.length > 0) {
      const batch = this.#pending.slice();
      try {
        await this.#write(batch);
        this.#pending.splice(0, batch.length);
        for (const item of batch) this.#seen.add(item.id);
        this.#unfolded += batch.length;
        this.#lastError = null;
        delay = this.#retryDelayMs;
        this.#channel?.postMessage({ profileId: this.profile.profileId } satisfies Nudge);
      } catch (error) {
        // Kept in memory, retried: a full disk or a passing failure must not lose the edit.
        this.#lastError = error;
        this.#setState('retrying');
        await new Promise<void>((resolve) => {
          this.#retryWake = resolve;
          this.#retryTimer = setTimeout(resolve, delay);
        });
        this.#retryWake = null;
        delay = Math.min(delay * 2, 60_000);
        if (!isQuotaError(error) && this.#closed) break;
      }
    }
    this.#flushing = null;
    this.#setState('saved');
    if (this.#unfolded >= this.#compactThreshold) void this.compact();
  }

  async #write(batch: Pending[]): Promise<void> {
    const { profileId } = this.profile;
    const key = this.profile.docKey;
    const records = batch.map(({ id, update, touched, labels, at }): [string, UpdateRecord] => {
      const meta: UpdateMeta = { touched, labels, at };
      return [
        id,
        {
          body: seal(key, update, aad('doc', profileId, id)),
          meta: seal(key, utf8(JSON.stringify(meta)), aad('update-meta', profileId, id)),
          folded: 0,
        },
      ];
    });
    const tx = this.db.transaction('updates', 'readwrite', { durability: 'strict' });
    for (const [id, record] of records) void tx.store.put(record, [profileId, id]);
    await tx.done;
  }

  #openUpdate(id: string, record: UpdateRecord): Uint8Array | null {
    const { profileId } = this.profile;
    try {
      return open(this.profile.docKey, record.body, aad('doc', profileId, id), 'update');
    } catch {
      let touched: string[] | null = null;
      let labels: string[] = [];
      try {
        const sealed = open(this.profile.docKey, record.meta, aad('update-meta', profileId, id));
        const meta = JSON.parse(fromUtf8(sealed)) as UpdateMeta;
        touched = meta.touched;
        labels = meta.labels ?? [];
      } catch {
        touched = null;
      }
      this.damage.push({ kind: 'update', key: id, touched, labels });
      return null;
    }
  }

  async #sealSnapshot(generation: number, state: Uint8Array): Promise<SnapshotRecord> {
    const { profileId } = this.profile;
    const raw = randomBytes(32);
    try {
      const body = await sealChunk(
        await importFileKey(raw),
        state,
        aad('snapshot', profileId, String(generation)),
      );
      const key = seal(
        this.profile.docKey,
        raw,
        aad('snapshot-key', profileId, String(generation)),
      );
      return { key, body };
    } finally {
      raw.fill(0);
    }
  }

  async #openSnapshot(generation: number, record: SnapshotRecord): Promise<Uint8Array | null> {
    const { profileId } = this.profile;
    try {
      const raw = open(
        this.profile.docKey,
        record.key,
        aad('snapshot-key', profileId, String(generation)),
      );
      const key = await importFileKey(raw);
      raw.fill(0);
      return await openChunk(key, record.body, aad('snapshot', profileId, String(generation)));
    } catch {
      return null;
    }
  }

  /**
   * Reads the newest snapshot and every update in one transaction, and opens the snapshot; only
   * if it is damaged are older ones read, one by one, until one opens.
   */
  async #readAll() {
    const range = profileRange(this.profile.profileId);
    const tx = this.db.transaction(['snapshots', 'updates'], 'readonly');
    const snapshots = tx.objectStore('snapshots');
    const updates = tx.objectStore('updates');
    const [newest, snapshotKeys, updateKeys, updateValues] = await Promise.all([
      snapshots.openCursor(range, 'prev').then((cursor) => cursor?.value ?? null),
      snapshots.getAllKeys(range),
      updates.getAllKeys(range),
      updates.getAll(range),
    ]);
    const generations = snapshotKeys.map(([, generation]) => generation).sort((a, b) => b - a);
    const damagedSnapshots: number[] = [];
    let base: { generation: number; state: Uint8Array } | null = null;
    for (const generation of generations) {
      const record =
        generation === generations[0]
          ? newest
          : await this.db.get('snapshots', [this.profile.profileId, generation]);
      const state = record ? await this.#openSnapshot(generation, record) : null;
      if (state) {
        base = { generation, state };
        break;
      }
      damagedSnapshots.push(generation);
    }
    const baseGeneration = base?.generation ?? -1;
    let stored = updateKeys.map(([, id], i) => ({ id, record: updateValues[i]! }));
    if (damagedSnapshots.length > 0) {
      // The newest snapshot did not open: what was folded into it (and not into the base we fell
      // back to) is needed again.
      const range = profileRange(this.profile.profileId);
      const foldedTx = this.db.transaction('folded');
      const [keys, values] = await Promise.all([
        foldedTx.store.getAllKeys(range),
        foldedTx.store.getAll(range),
      ]);
      stored = stored.concat(keys.map(([, id], i) => ({ id, record: values[i]! })));
    }
    // Updates folded into the base snapshot are already in it.
    const unfolded = stored.filter(
      ({ record }) => record.folded === 0 || record.folded > baseGeneration,
    );
    return {
      base,
      damagedSnapshots,
      unfolded,
      // Generations start at 1: `folded: 0` means "not folded yet".
      maxGeneration: generations[0] ?? 0,
      updateIds: updateKeys.map(([, id]) => id),
    };
  }

  async #load(): Promise<void> {
    const { base, damagedSnapshots, unfolded, updateIds } = await this.#readAll();
    for (const generation of damagedSnapshots) {
      this.damage.push({ kind: 'snapshot', generation, recovered: base !== null });
    }
    const bodies: Uint8Array[] = [];
    for (const { id, record } of unfolded) {
      const body = this.#openUpdate(id, record);
      if (body) bodies.push(body);
    }
    this.doc.transact(() => {
      if (base) Y.applyUpdate(this.doc, base.state, STORAGE_ORIGIN);
      for (const body of bodies) Y.applyUpdate(this.doc, body, STORAGE_ORIGIN);
    }, STORAGE_ORIGIN);
    this.#appliedGeneration = base?.generation ?? -1;
    for (const id of updateIds) this.#seen.add(id);
    this.#unfolded = unfolded.length;
    if (this.#unfolded >= this.#compactThreshold) this.#compactWhenIdle();
  }

  /**
   * Compaction right after opening would compete with the first screen for the main thread (it
   * rebuilds the whole record): wait until the page is idle.
   */
  #compactWhenIdle(): void {
    const run = () => void this.compact();
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 30_000 });
    else setTimeout(run, 2_000);
  }

  /** Applies what other tabs stored since we last looked. Safe to call any time. */
  refresh(): Promise<void> {
    this.#refreshing = this.#refreshing.then(async () => {
      if (this.#closed) return;
      const { base, unfolded } = await this.#readAll();
      const fresh = unfolded.filter(({ id }) => !this.#seen.has(id));
      const newBase = base && base.generation > this.#appliedGeneration ? base : null;
      if (!newBase && fresh.length === 0) return;
      const damageBefore = this.damage.length;
      const bodies = fresh.map(({ id, record }) => this.#openUpdate(id, record));
      this.doc.transact(() => {
        if (newBase) Y.applyUpdate(this.doc, newBase.state, STORAGE_ORIGIN);
        for (const body of bodies) if (body) Y.applyUpdate(this.doc, body, STORAGE_ORIGIN);
      }, STORAGE_ORIGIN);
      if (newBase) this.#appliedGeneration = newBase.generation;
      for (const { id } of fresh) this.#seen.add(id);
      if (this.damage.length !== damageBefore || fresh.length > 0 || newBase) this.#emit();
    });
    return this.#refreshing;
  }

  /**
   * Folds every stored update into a new snapshot generation, built from storage alone (so it holds
   * exactly what is durably saved). One tab at a time, through a Web Lock.
   */
  async compact(): Promise<void> {
    const run = () => this.#compact();
    if (typeof navigator !== 'undefined' && navigator.locks) {
      await navigator.locks.request(
        `carnet-compact-${this.profile.profileId}`,
        { ifAvailable: true },
        async (lock) => {
          if (lock) await run();
        },
      );
    } else {
      await run();
    }
  }

  async #compact(): Promise<void> {
    if (this.#closed) return;
    const { profileId } = this.profile;
    const { base, unfolded, maxGeneration } = await this.#readAll();
    const fresh = new Y.Doc();
    const folded: { id: string; record: UpdateRecord }[] = [];
    fresh.transact(() => {
      if (base) Y.applyUpdate(fresh, base.state);
      for (const item of unfolded) {
        try {
          const body = open(this.profile.docKey, item.record.body, aad('doc', profileId, item.id));
          Y.applyUpdate(fresh, body);
          folded.push(item);
        } catch {
          // Damaged: left as it is, and reported again at each opening.
        }
      }
    });
    if (folded.length === 0) {
      fresh.destroy();
      return;
    }
    const generation = maxGeneration + 1;
    const snapshot = await this.#sealSnapshot(generation, Y.encodeStateAsUpdate(fresh));
    fresh.destroy();

    const keep = base?.generation ?? -1;
    const tx = this.db.transaction(['snapshots', 'updates', 'folded'], 'readwrite', {
      durability: 'strict',
    });
    const snapshots = tx.objectStore('snapshots');
    const updates = tx.objectStore('updates');
    const foldedStore = tx.objectStore('folded');
    void snapshots.put(snapshot, [profileId, generation]);
    for (const { id, record } of folded) {
      void updates.delete([profileId, id]);
      void foldedStore.put({ ...record, folded: generation }, [profileId, id]);
    }
    // The previous good snapshot stays as a fallback, with the updates folded into the new one.
    for (const [, old] of await snapshots.getAllKeys(profileRange(profileId))) {
      if (old !== generation && old !== keep) void snapshots.delete([profileId, old]);
    }
    let cursor = await foldedStore.openCursor(profileRange(profileId));
    while (cursor) {
      if (cursor.value.folded <= keep) void cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
    this.#unfolded = Math.max(0, this.#unfolded - folded.length);
  }
}
