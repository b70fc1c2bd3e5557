/**
 * Profiles on this device (a parent and each child): creating one, unlocking it, changing its
 * passphrase, deleting it. Each profile has its own salt, master key and purpose keys.
 */
import {
  KDF_DEFAULTS,
  SALT_BYTES,
  deriveKekOffThread as deriveKek,
  newId,
  newMasterKey,
  purposeKey,
  randomBytes,
  unwrapMasterKey,
  wrapMasterKey,
  type KdfParams,
} from '../crypto';
import { openVaultDb, profileRange, type HeaderRecord, type StoredKdf } from './db';
import { ProfileNotFoundError } from './errors';

export const DEFAULT_AUTO_LOCK_MINUTES = 10;

/** What the unlock screen may show: no name unless the user opted in for that profile. */
export type ProfileSummary = { profileId: string; createdAt: number; label?: string };

/** The keys of an open profile. `lock()` wipes them; nothing else keeps a copy. */
export class UnlockedProfile {
  #docKey: Uint8Array;
  #blobKey: Uint8Array;
  #guardianKey: Uint8Array;
  #backupKey: Uint8Array;
  #locked = false;

  constructor(
    readonly profileId: string,
    masterKey: Uint8Array,
  ) {
    this.#docKey = purposeKey(masterKey, 'doc');
    this.#blobKey = purposeKey(masterKey, 'blob');
    this.#guardianKey = purposeKey(masterKey, 'guardian');
    this.#backupKey = purposeKey(masterKey, 'backup');
    masterKey.fill(0);
  }

  get docKey(): Uint8Array {
    this.#assertOpen();
    return this.#docKey;
  }

  get blobKey(): Uint8Array {
    this.#assertOpen();
    return this.#blobKey;
  }

  /** Seals the master keys of the records this one may open without their passphrase. */
  get guardianKey(): Uint8Array {
    this.#assertOpen();
    return this.#guardianKey;
  }

  /** Seals the records of a `.carnet` backup file (lib/interop/backup.ts). */
  get backupKey(): Uint8Array {
    this.#assertOpen();
    return this.#backupKey;
  }

  get locked(): boolean {
    return this.#locked;
  }

  lock(): void {
    this.#docKey.fill(0);
    this.#blobKey.fill(0);
    this.#guardianKey.fill(0);
    this.#backupKey.fill(0);
    this.#locked = true;
  }

  #assertOpen(): void {
    if (this.#locked) throw new Error('profile is locked');
  }
}

export type KdfSettings = { memoryKiB: number; iterations: number; parallelism: number };

export type CreateProfileOptions = {
  passphrase: string;
  /** Shown in clear on the unlock screen only when `showLabel` is true. */
  label?: string;
  showLabel?: boolean;
  kdf?: KdfSettings;
};

function kdfParams(stored: StoredKdf): KdfParams {
  return { ...stored };
}

export async function listProfiles(): Promise<ProfileSummary[]> {
  const db = await openVaultDb();
  const headers = await db.getAll('headers');
  return headers
    .sort((a, b) => a.createdAt - b.createdAt)
    .map(({ profileId, createdAt, publicLabel }) =>
      publicLabel ? { profileId, createdAt, label: publicLabel } : { profileId, createdAt },
    );
}

export async function createProfile(options: CreateProfileOptions): Promise<UnlockedProfile> {
  const { profile, masterKey } = await createProfileKeepingMasterKey(options);
  masterKey.fill(0);
  return profile;
}

/**
 * Creates a profile and also hands back a copy of its master key, for a guardian to seal
 * (family.ts). Not part of lib/vault's public surface: the caller wipes the copy at once.
 */
export async function createProfileKeepingMasterKey(
  options: CreateProfileOptions,
): Promise<{ profile: UnlockedProfile; masterKey: Uint8Array }> {
  const profileId = newId();
  const kdf: StoredKdf = {
    algorithm: 'argon2id',
    ...(options.kdf ?? KDF_DEFAULTS),
    salt: randomBytes(SALT_BYTES),
  };
  const kek = await deriveKek(options.passphrase, kdfParams(kdf));
  const masterKey = newMasterKey();
  const header: HeaderRecord = {
    v: 1,
    profileId,
    createdAt: Date.now(),
    kdf,
    wrappedMasterKey: wrapMasterKey(kek, masterKey, profileId),
    autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
    ...(options.showLabel && options.label ? { publicLabel: options.label } : {}),
  };
  kek.fill(0);
  const db = await openVaultDb();
  await db.put('headers', header, profileId);
  return { profile: new UnlockedProfile(profileId, masterKey.slice()), masterKey };
}

export async function readHeader(profileId: string): Promise<HeaderRecord> {
  const db = await openVaultDb();
  const header = await db.get('headers', profileId);
  if (!header) throw new ProfileNotFoundError(profileId);
  return header;
}

/** Throws WrongPassphraseError when the passphrase does not open the profile. */
export async function unlockProfile(
  profileId: string,
  passphrase: string,
): Promise<UnlockedProfile> {
  return new UnlockedProfile(profileId, await unwrapProfileMasterKey(profileId, passphrase));
}

/**
 * The master key itself, for a guardian to seal (family.ts); the caller wipes it. Not part of
 * lib/vault's public surface. Throws WrongPassphraseError.
 */
export async function unwrapProfileMasterKey(
  profileId: string,
  passphrase: string,
): Promise<Uint8Array> {
  const header = await readHeader(profileId);
  const kek = await deriveKek(passphrase, kdfParams(header.kdf));
  try {
    return unwrapMasterKey(kek, header.wrappedMasterKey, profileId);
  } finally {
    kek.fill(0);
  }
}

/**
 * Opens a profile from a master key a guardian kept sealed (family.ts), without its passphrase.
 * The key is wiped once the purpose keys are derived. Throws ProfileNotFoundError when the profile
 * is no longer on this device.
 */
export async function openProfileWithMasterKey(
  profileId: string,
  masterKey: Uint8Array,
): Promise<UnlockedProfile> {
  try {
    await readHeader(profileId);
  } catch (error) {
    masterKey.fill(0);
    throw error;
  }
  return new UnlockedProfile(profileId, masterKey);
}

/**
 * Re-wraps the master key under a new passphrase (and a fresh salt); the record itself is not
 * touched. The old passphrase must be given: a stolen unlocked session cannot lock the owner out.
 */
export async function changePassphrase(
  profileId: string,
  oldPassphrase: string,
  newPassphrase: string,
  kdf: KdfSettings = KDF_DEFAULTS,
): Promise<void> {
  const header = await readHeader(profileId);
  const oldKek = await deriveKek(oldPassphrase, kdfParams(header.kdf));
  const masterKey = unwrapMasterKey(oldKek, header.wrappedMasterKey, profileId);
  oldKek.fill(0);
  const stored: StoredKdf = { algorithm: 'argon2id', ...kdf, salt: randomBytes(SALT_BYTES) };
  const newKek = await deriveKek(newPassphrase, kdfParams(stored));
  const wrappedMasterKey = wrapMasterKey(newKek, masterKey, profileId);
  newKek.fill(0);
  masterKey.fill(0);
  const db = await openVaultDb();
  await db.put('headers', { ...header, kdf: stored, wrappedMasterKey }, profileId);
}

export async function updateProfileSettings(
  profileId: string,
  changes: Partial<Pick<HeaderRecord, 'autoLockMinutes' | 'publicLabel'>>,
): Promise<HeaderRecord> {
  const db = await openVaultDb();
  const tx = db.transaction('headers', 'readwrite');
  const header = await tx.store.get(profileId);
  if (!header) throw new ProfileNotFoundError(profileId);
  const next: HeaderRecord = { ...header, ...changes };
  if (changes.publicLabel === undefined && 'publicLabel' in changes) delete next.publicLabel;
  await tx.store.put(next, profileId);
  await tx.done;
  return next;
}

/**
 * Writes back a profile's header as a backup kept it (lib/interop/backup.ts), once everything else
 * of the profile is stored: the profile then appears whole, or not at all.
 */
export async function restoreProfileHeader(header: HeaderRecord): Promise<void> {
  const db = await openVaultDb();
  const tx = db.transaction('headers', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put(header, header.profileId), tx.done]);
}

/**
 * Crypto-shredding (DESIGN §3): the header, which holds the only wrapped copy of the master key, is
 * destroyed first and durably; from then on the rest is unreadable noise, deleted after.
 */
export async function deleteProfile(profileId: string): Promise<void> {
  const db = await openVaultDb();
  const headerTx = db.transaction('headers', 'readwrite', { durability: 'strict' });
  await headerTx.store.delete(profileId);
  await headerTx.done;
  const tx = db.transaction(['updates', 'folded', 'snapshots', 'files', 'chunks'], 'readwrite');
  const range = profileRange(profileId);
  await Promise.all([
    tx.objectStore('updates').delete(range),
    tx.objectStore('folded').delete(range),
    tx.objectStore('snapshots').delete(range),
    tx.objectStore('files').delete(range),
    tx.objectStore('chunks').delete(range),
    tx.done,
  ]);
}
