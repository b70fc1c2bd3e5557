import * as Y from 'yjs';
import { WrongPassphraseError } from '../../lib/crypto';
import {
  createEntry,
  entryLabel,
  labelForPath,
  listAllergies,
  listDocuments,
  type DocumentType,
  type Entry,
} from '../../lib/record';
import {
  RecordStore,
  createProfile,
  deleteFile,
  readHeader,
  unlockProfile,
  verifyFile,
  writeFile,
  type RecordDamage,
  type SaveState,
  type UnlockedProfile,
} from '../../lib/vault';

export type LockReason = 'user' | 'inactivity' | 'deleted';

/**
 * The open record, if any: the only holder of the profile's keys and its Y.Doc. Locking drops both.
 * Components read its fields; they change through its methods, which call lib/.
 */
class Session {
  profileId = $state<string | null>(null);
  allergies = $state<Entry[]>([]);
  documents = $state<Entry[]>([]);
  saveState = $state<SaveState>('saved');
  saveError = $state<unknown>(null);
  damage = $state<RecordDamage[]>([]);
  /** fileId → first damaged chunk, for files that failed their check. */
  damagedFiles = $state<Record<string, number>>({});
  autoLockMinutes = $state(10);
  lockReason = $state<LockReason | null>(null);
  nickname = $state('');

  #profile: UnlockedProfile | null = null;
  #doc: Y.Doc | null = null;
  #store: RecordStore | null = null;

  get isOpen(): boolean {
    return this.profileId !== null;
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
  }

  #refreshQueued = false;

  /** Many updates in one tick (a sync, an import) cost one refresh of what the screens show. */
  #scheduleRefresh(): void {
    if (this.#refreshQueued) return;
    this.#refreshQueued = true;
    queueMicrotask(() => {
      this.#refreshQueued = false;
      this.#refreshEntries();
    });
  }

  #refreshEntries(): void {
    if (!this.#doc) return;
    this.allergies = listAllergies(this.#doc);
    this.documents = listDocuments(this.#doc);
    const nickname = this.#doc.getMap('profile').get('nickname');
    this.nickname = typeof nickname === 'string' ? nickname : '';
  }

  /** Verifies every attached file in the background and marks the damaged ones. */
  async #checkFiles(profile: UnlockedProfile): Promise<void> {
    for (const entry of listDocuments(this.#doc!)) {
      if (typeof entry.fileId !== 'string' || profile.locked) continue;
      const damaged = await verifyFile(profile, entry.fileId).catch(() => null);
      if (damaged && !profile.locked) {
        this.damagedFiles = { ...this.damagedFiles, [entry.fileId]: damaged.chunk };
      }
    }
  }

  /** Throws InvalidEntryError (nothing written) when a field is missing or wrong. */
  addAllergy(substance: string, reaction: string): void {
    createEntry(this.#requireDoc(), 'allergy', { substance, reaction });
  }

  /** What the user calls an entry, for messages about it. */
  labelOf(id: string): string | null {
    return this.#doc ? entryLabel(this.#doc, id) : null;
  }

  /** Stores the file encrypted, then adds the document entry that points to it. */
  async addDocument(
    details: { title: string; type: DocumentType; date: string },
    file: File,
  ): Promise<void> {
    const profile = this.#requireProfile();
    const stored = await writeFile(profile, file);
    try {
      createEntry(this.#requireDoc(), 'document', {
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
  async lock(reason: LockReason = 'user'): Promise<void> {
    const store = this.#store;
    const doc = this.#doc;
    const profile = this.#profile;
    this.#store = null;
    this.#doc = null;
    this.#profile = null;
    this.profileId = null;
    this.allergies = [];
    this.documents = [];
    this.nickname = '';
    this.damage = [];
    this.damagedFiles = {};
    this.lockReason = reason;
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
}

export const session = new Session();
export { WrongPassphraseError };
