import * as Y from 'yjs';
import { WrongPassphraseError } from '../../lib/crypto';
import {
  BIN_RETENTION_MS,
  createEntry,
  deleteEntry,
  entryLabel,
  labelForPath,
  listBin,
  listDocuments,
  purgeBin,
  readIdentity,
  restoreEntry,
  updateEntry,
  updateIdentity,
  type Entry,
  type EntryInput,
  type EntryKind,
  type EntryPatch,
  type Identity,
  type IdentityPatch,
  type RecordSearchIndex,
  type RecordSearchOptions,
  type SearchHit,
} from '../../lib/record';
import {
  RecordStore,
  createProfile,
  deleteFile,
  readHeader,
  unlockProfile,
  readFileBlob,
  verifyFile,
  writeFile,
  type RecordDamage,
  type SaveState,
  type UnlockedProfile,
} from '../../lib/vault';
import {
  createLinkedProfile,
  linkExistingProfile,
  listFamily,
  openLinkedProfile,
  renameLink,
  unlinkProfile,
  type FamilyLink,
} from '../../lib/vault';

import {
  appendAuditEvent,
  resolveShareScope,
  shareDocOf,
  summarizeShare,
  type AuditEvent,
  type AuditEventInput,
  type ShareScope,
  type ShareSummary,
} from '../../lib/share';
import { planFileChecks } from '../record/verify-plan';
import { lastBackupAt, markBackedUp } from '../../lib/interop/backup';
import { chooseEmergencyFields, type EmergencyField } from '../../lib/interop/emergency-card';

export type LockReason = 'user' | 'inactivity' | 'deleted';

/** A document's details as the add form gives them; the file's own fields are added here. */
export type DocumentDetails = Omit<
  EntryInput<'document'>,
  'fileId' | 'name' | 'mime' | 'size' | 'contentHash'
>;

/**
 * The open record, if any: the only holder of the profile's keys and its Y.Doc. Locking drops both.
 * Components read its fields; they change through its methods, which call lib/.
 */
class Session {
  profileId = $state<string | null>(null);
  /**
   * Grows by one after every change to the record (many changes in one tick count once). Reading
   * it inside `$derived` or `$effect` — which `read()` does — re-runs them when the record changes.
   */
  revision = $state(0);
  documents = $state<Entry[]>([]);
  saveState = $state<SaveState>('saved');
  saveError = $state<unknown>(null);
  damage = $state<RecordDamage[]>([]);
  /** fileId → first damaged chunk, for files that failed their check. */
  damagedFiles = $state<Record<string, number>>({});
  autoLockMinutes = $state(10);
  /**
   * Reasons the record stays open however long it sits idle: a share in progress (its patient
   * chose its length, and locking would cut the professional off mid-consultation). Locking by
   * hand still works, and ends the share.
   */
  #heldOpen = 0;
  lockReason = $state<LockReason | null>(null);
  nickname = $state('');

  #profile: UnlockedProfile | null = null;
  #doc: Y.Doc | null = null;
  #store: RecordStore | null = null;
  #searchIndex: Promise<RecordSearchIndex> | null = null;

  get isOpen(): boolean {
    return this.profileId !== null;
  }

  /** Whether the inactivity lock must wait (see holdOpen). */
  get heldOpen(): boolean {
    return this.#heldOpen > 0;
  }

  /** Keeps the inactivity lock from closing the record until the returned function is called. */
  holdOpen(): () => void {
    this.#heldOpen++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#heldOpen--;
    };
  }

  async create(options: { passphrase: string; label?: string; showLabel?: boolean }) {
    const profile = await createProfile(options);
    await this.#open(profile);
    if (options.label) this.#doc!.getMap('profile').set('nickname', options.label);
  }

  /** Throws WrongPassphraseError for a wrong passphrase; the session stays locked. */
  async unlock(profileId: string, passphrase: string): Promise<void> {
    const profile = await unlockProfile(profileId, passphrase);
    await this.#open(profile);
  }

  async #open(profile: UnlockedProfile): Promise<void> {
    const doc = new Y.Doc();
    const store = await RecordStore.open(profile, doc, { labelFor: labelForPath });
    this.#profile = profile;
    this.#doc = doc;
    this.#store = store;
    this.profileId = profile.profileId;
    this.lockReason = null;
    this.autoLockMinutes = (await readHeader(profile.profileId)).autoLockMinutes;
    this.damage = [...store.damage];
    this.#refreshEntries();
    doc.on('update', () => this.#scheduleRefresh());
    store.subscribe(() => {
      this.saveState = store.state;
      this.saveError = store.lastError;
      this.damage = [...store.damage];
    });
    void this.#checkFiles(profile);
    void this.#emptyBin(profile, store, doc);
  }

  #refreshQueued = false;

  /** Many updates in one tick (a sync, an import) cost one refresh of what the screens show. */
  #scheduleRefresh(): void {
    if (this.#refreshQueued) return;
    this.#refreshQueued = true;
    queueMicrotask(() => {
      this.#refreshQueued = false;
      this.#refreshEntries();
      this.revision++;
    });
  }

  #refreshEntries(): void {
    if (!this.#doc) return;
    this.documents = listDocuments(this.#doc);
    const nickname = this.#doc.getMap('profile').get('nickname');
    this.nickname = typeof nickname === 'string' ? nickname : '';
  }

  /**
   * Erases for good what has been in the bin for more than 30 days: the entries, then — once that
   * is saved, so no entry is ever left pointing at erased bytes — their files.
   */
  async #emptyBin(profile: UnlockedProfile, store: RecordStore, doc: Y.Doc): Promise<void> {
    const now = Date.now();
    const files = listBin(doc)
      .filter((entry) => now - Number(entry.deletedAt) > BIN_RETENTION_MS)
      .map((entry) => entry.fileId)
      .filter((fileId): fileId is string => typeof fileId === 'string');
    if (purgeBin(doc, now).length === 0) return;
    try {
      await store.whenSaved();
    } catch {
      return; // not saved: the files stay, to be erased at a later opening
    }
    if (store.state !== 'saved') return;
    for (const fileId of files) {
      if (profile.locked) return;
      await deleteFile(profile, fileId).catch(() => undefined);
    }
  }

  /**
   * Checks attached files in the background, a slice per opening (ui/record/verify-plan.ts), and
   * marks the damaged ones. Where the last opening stopped is kept in localStorage: a random file
   * id, which tells nothing about the record.
   */
  async #checkFiles(profile: UnlockedProfile): Promise<void> {
    const key = `carnet.checked.${profile.profileId}`;
    const files = listDocuments(this.#doc!).flatMap((entry) =>
      typeof entry.fileId === 'string'
        ? [{ fileId: entry.fileId, size: Number(entry.size) || 0 }]
        : [],
    );
    let cursor: string | null = null;
    try {
      cursor = localStorage.getItem(key);
    } catch {
      // storage disabled: start from the first file each time
    }
    const plan = planFileChecks(files, cursor);
    for (const { fileId } of plan.files) {
      if (profile.locked) return;
      const damaged = await verifyFile(profile, fileId).catch(() => null);
      if (damaged && !profile.locked) {
        this.damagedFiles = { ...this.damagedFiles, [fileId]: damaged.chunk };
      }
    }
    try {
      if (plan.cursor && !profile.locked) localStorage.setItem(key, plan.cursor);
    } catch {
      // not remembered: the next opening checks the same slice again
    }
  }

  /**
   * Runs a lib/record query over the open record. Inside `$derived`, the result follows the record:
   * `const documents = $derived(session.read((doc) => listDocuments(doc)))`. Queries only read:
   * every change goes through the methods below.
   */
  read<T>(query: (doc: Y.Doc) => T): T {
    void this.revision;
    return query(this.#requireDoc());
  }

  /** Adds an entry and returns its id. Throws InvalidEntryError; nothing is written then. */
  createEntry<K extends EntryKind>(kind: K, input: EntryInput<K>): string {
    return createEntry(this.#requireDoc(), kind, input);
  }

  /** Changes some fields of an entry. Throws InvalidEntryError or EntryNotFoundError. */
  updateEntry(id: string, patch: EntryPatch): void {
    updateEntry(this.#requireDoc(), id, patch);
  }

  /** Moves an entry to the bin, where it stays restorable for 30 days. */
  deleteEntry(id: string): void {
    deleteEntry(this.#requireDoc(), id);
  }

  restoreEntry(id: string): void {
    restoreEntry(this.#requireDoc(), id);
  }

  get identity(): Identity {
    return this.read(readIdentity);
  }

  /** Throws InvalidEntryError (an INS whose key is wrong…); nothing is written then. */
  updateIdentity(patch: IdentityPatch): void {
    updateIdentity(this.#requireDoc(), patch);
  }

  /**
   * Gives lib/interop the open record for an import or an export: `use` gets the record's Y.Doc
   * and the unlocked profile (to store or read files in the vault). Whatever it writes is saved
   * like any edit, and this resolves once it is.
   */
  async withRecord<T>(use: (doc: Y.Doc, profile: UnlockedProfile) => Promise<T> | T): Promise<T> {
    const result = await use(this.#requireDoc(), this.#requireProfile());
    await this.whenSaved();
    return result;
  }

  /** Remembers in the record which fields the emergency card shows (lib/interop). */
  chooseEmergencyFields(fields: readonly EmergencyField[]): void {
    chooseEmergencyFields(this.#requireDoc(), fields);
  }

  /** When the record was last backed up (lib/interop/backup: kept in the record), or null. */
  get lastBackupAt(): number | null {
    return this.read(lastBackupAt);
  }

  /** Remembers in the record that a backup of it was made at `at`. */
  markBackedUp(at: number): void {
    markBackedUp(this.#requireDoc(), at);
  }

  /**
   * Entries matching every word of the query, best first. The index is built on the first search
   * (a slice at a time, so a large record does not freeze the page) and then follows the record.
   */
  async search(query: string, options: RecordSearchOptions = {}): Promise<SearchHit[]> {
    // The search library loads with the first search, not with the app.
    const doc = this.#requireDoc();
    this.#searchIndex ??= import('../../lib/record/search').then(({ RecordSearchIndex }) =>
      RecordSearchIndex.build(doc),
    );
    const index = await this.#searchIndex;
    return index.search(query, options);
  }

  /** An attached file's bytes, decrypted, as a Blob of its type. Throws DamagedFileError. */
  readFile(fileId: string, type?: string): Promise<Blob> {
    return readFileBlob(this.#requireProfile(), fileId, type);
  }

  /** What the user calls an entry, for messages about it. */
  labelOf(id: string): string | null {
    return this.#doc ? entryLabel(this.#doc, id) : null;
  }

  /** Stores the file encrypted, then adds the document entry that points to it. */
  async addDocument(details: DocumentDetails, file: File): Promise<string> {
    const profile = this.#requireProfile();
    const stored = await writeFile(profile, file);
    try {
      return createEntry(this.#requireDoc(), 'document', {
        ...details,
        fileId: stored.fileId,
        name: file.name,
        mime: file.type || 'application/octet-stream',
        size: stored.size,
        contentHash: stored.contentHash,
      });
    } catch (error) {
      await deleteFile(profile, stored.fileId);
      throw error;
    }
  }

  get profile(): UnlockedProfile {
    return this.#requireProfile();
  }

  whenSaved(): Promise<void> {
    return this.#store?.whenSaved() ?? Promise.resolve();
  }

  retrySaving(): void {
    this.#store?.retryNow();
  }

  /** Drops the keys and the record from memory. Pending edits are saved first. */
  readonly #beforeLock = new Set<() => void>();

  /**
   * Runs `hook` just before the record is locked, while it can still be written (a share in
   * progress logs its end). Returns the function that removes it.
   */
  onBeforeLock(hook: () => void): () => void {
    this.#beforeLock.add(hook);
    return () => this.#beforeLock.delete(hook);
  }

  async lock(reason: LockReason = 'user'): Promise<void> {
    if (this.#doc) {
      for (const hook of this.#beforeLock) {
        try {
          hook();
        } catch {
          // A hook failing must never keep the record open.
        }
      }
    }
    const store = this.#store;
    const doc = this.#doc;
    const profile = this.#profile;
    const searchIndex = this.#searchIndex;
    this.#store = null;
    this.#doc = null;
    this.#profile = null;
    this.#searchIndex = null;
    void searchIndex?.then((index) => index.destroy());
    this.profileId = null;
    this.documents = [];
    this.nickname = '';
    this.damage = [];
    this.damagedFiles = {};
    this.lockReason = reason;
    this.#forgetGuardians();
    // Folding the session's changes now makes the next unlock read one snapshot.
    if (store) await store.close({ compact: true });
    doc?.destroy();
    profile?.lock();
  }

  #requireDoc(): Y.Doc {
    if (!this.#doc) throw new Error('no record is open');
    return this.#doc;
  }

  #requireProfile(): UnlockedProfile {
    if (!this.#profile) throw new Error('no record is open');
    return this.#profile;
  }

  // ── Family records (lib/vault/family.ts) ──────────────────────────────────────────────────────
  // A parent's record keeps each linked child's key sealed inside it, so the parent opens the
  // child's record without its passphrase. While a child's record is open that way, the parent's
  // keys (not the parent's record) stay here, so going back needs no passphrase either. Locking
  // drops them all (`#forgetGuardians`, called from `lock`).

  /** The records the open one came from, innermost last: their keys, their name, and which child. */
  #guardians: {
    profile: UnlockedProfile;
    name: string;
    childId: string;
    autoLockMinutes: number;
  }[] = [];
  #guardianShown = $state<{ name: string; childId: string } | null>(null);

  /** The record the open one was opened from ("Revenir au carnet de …"), if any. */
  get guardian(): { name: string } | null {
    const shown = this.#guardianShown;
    return shown && shown.childId === this.profileId ? { name: shown.name } : null;
  }

  /** The records the open record may open without their passphrase; follows the record. */
  get family(): FamilyLink[] {
    return this.read(listFamily);
  }

  /**
   * Creates a record for a child (its own passphrase, so it also opens on its own) and links it
   * to the open record. Returns the new record's id.
   */
  async createChildRecord(options: {
    nickname: string;
    passphrase: string;
    showNickname?: boolean;
  }): Promise<string> {
    const child = await createLinkedProfile(this.#requireDoc(), this.#requireProfile(), {
      passphrase: options.passphrase,
      label: options.nickname,
      showLabel: options.showNickname ?? false,
    });
    try {
      await this.#inRecordOf(child, (doc) =>
        doc.getMap('profile').set('nickname', options.nickname),
      );
    } finally {
      child.lock();
    }
    return child.profileId;
  }

  /** Links a record of this device by its passphrase. Throws WrongPassphraseError. */
  async linkRecord(profileId: string, passphrase: string): Promise<void> {
    const doc = this.#requireDoc();
    const child = await linkExistingProfile(doc, this.#requireProfile(), profileId, passphrase);
    try {
      const name = await this.#inRecordOf(child, (childDoc) =>
        childDoc.getMap('profile').get('nickname'),
      );
      if (typeof name === 'string' && name && this.#doc === doc) renameLink(doc, profileId, name);
    } finally {
      child.lock();
    }
  }

  /** Forgets the key the open record keeps for another; that record itself is untouched. */
  unlinkRecord(profileId: string): void {
    unlinkProfile(this.#requireDoc(), profileId);
  }

  /**
   * Opens a linked record in place of the open one, with no passphrase. Throws
   * ProfileNotFoundError (no longer on this device) or TamperedError.
   */
  async switchTo(profileId: string): Promise<void> {
    const guardian = this.#requireProfile();
    const child = await openLinkedProfile(this.#requireDoc(), guardian, profileId);
    const held = {
      profile: guardian,
      name: this.nickname,
      childId: profileId,
      autoLockMinutes: this.autoLockMinutes,
    };
    this.#guardians.push(held);
    try {
      await this.#swapRecord(child, { keepKeys: true });
    } catch (error) {
      this.#guardians.pop();
      child.lock();
      throw error;
    }
    this.#guardianShown = { name: held.name, childId: profileId };
    this.#lockAfterShortest();
  }

  /** Goes back to the record the open one was opened from, with no passphrase. */
  async switchBack(): Promise<void> {
    const held = this.#guardians.at(-1);
    if (!held || held.childId !== this.profileId) throw new Error('not opened from another record');
    const childName = this.nickname;
    this.#guardians.pop();
    await this.#swapRecord(held.profile, { keepKeys: false });
    const outer = this.#guardians.at(-1);
    this.#guardianShown = outer ? { name: outer.name, childId: outer.childId } : null;
    this.#lockAfterShortest();
    // The parent's list shows the name the child's record now goes by.
    try {
      if (childName) renameLink(this.#requireDoc(), held.childId, childName);
    } catch {
      // unlinked meanwhile (from another device): nothing to rename
    }
  }

  /**
   * Replaces the open record with `next`'s. The next record is opened before the current one is
   * let go, so the screens always have a record to read; the current one's edits are saved first,
   * and its folding into a snapshot finishes in the background, as on locking.
   */
  async #swapRecord(next: UnlockedProfile, { keepKeys }: { keepKeys: boolean }): Promise<void> {
    const store = this.#store;
    const doc = this.#doc;
    const profile = this.#profile;
    await store?.whenSaved();
    await this.#open(next);
    const searchIndex = this.#searchIndex;
    this.#searchIndex = null;
    this.damagedFiles = {};
    this.revision++;
    void searchIndex?.then((index) => index.destroy());
    void (async () => {
      await store?.close({ compact: true }).catch(() => undefined);
      doc?.destroy();
      if (!keepKeys) profile?.lock();
    })();
  }

  /** Inactivity locks every record held, so the shortest auto-lock delay among them applies. */
  #lockAfterShortest(): void {
    for (const held of this.#guardians) {
      this.autoLockMinutes = Math.min(this.autoLockMinutes, held.autoLockMinutes);
    }
  }

  /** Opens a record only long enough to read or write something in it. */
  async #inRecordOf<T>(profile: UnlockedProfile, use: (doc: Y.Doc) => T): Promise<T> {
    const doc = new Y.Doc();
    const store = await RecordStore.open(profile, doc);
    try {
      return use(doc);
    } finally {
      await store.close();
      doc.destroy();
    }
  }

  #forgetGuardians(): void {
    for (const { profile } of this.#guardians.splice(0)) profile.lock();
    this.#guardianShown = null;
  }

  // Sharing (issue 5): lib/share over the open record.

  /** Appends an event to the record's audit log of shares. Throws InvalidAuditEventError. */
  recordAudit(input: AuditEventInput): AuditEvent {
    return appendAuditEvent(this.#requireDoc(), input);
  }

  /**
   * The copy of the record a share of `scope` syncs and what it holds, both made in one step so
   * that no update lands in between. Throws ShareScopeError for a scope the screen should not build.
   */
  buildShare(scope: ShareScope): { doc: Y.Doc; summary: ShareSummary } {
    const doc = this.#requireDoc();
    const resolved = resolveShareScope(doc, scope);
    return { doc: shareDocOf(doc, resolved), summary: summarizeShare(doc, resolved) };
  }
}

export const session = new Session();
export { WrongPassphraseError };
