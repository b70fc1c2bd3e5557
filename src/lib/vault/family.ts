/**
 * Family records: a parent's record may open a child's record without the child's passphrase.
 *
 * The parent's record keeps, in its own Y.Doc (root map `family`), each linked child's master key
 * sealed under the parent's `guardian` purpose key, with the AAD
 * `carnet/v1/guardian-key/<parentId>/<childId>`: a sealed key copied under another child, or into
 * another parent's record, does not open. Nothing in clear on the device says which records are
 * linked, since the map itself is inside the parent's sealed record; and the child's key is sealed
 * a second time, so it never appears in the parent's record as plain bytes (an export or a synced
 * copy of the parent's Y.Doc holds only the sealed form).
 *
 * The child's master key never changes (a new passphrase only re-wraps it), so a link survives the
 * child's passphrase change; it ends when the parent removes it.
 */
import * as Y from 'yjs';
import { TamperedError, aad, fromBase64Url, open, seal, toBase64Url } from '../crypto';
import {
  createProfileKeepingMasterKey,
  openProfileWithMasterKey,
  unwrapProfileMasterKey,
  type CreateProfileOptions,
  type UnlockedProfile,
} from './profiles';

/** A record the open record may open: what the parent's screens show of it. */
export type FamilyLink = { profileId: string; label: string; linkedAt: number };

/** One value of the `family` map; `key` is the sealed master key, base64url. */
type StoredLink = { key: string; label: string; linkedAt: number };

/** The open record holds no link to this profile. */
export class NotLinkedError extends Error {
  override readonly name = 'NotLinkedError';
  constructor(readonly profileId: string) {
    super(`no link to profile ${profileId}`);
  }
}

const WHAT = 'family link';

function familyMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('family');
}

function asStoredLink(value: unknown): StoredLink | null {
  if (!value || typeof value !== 'object') return null;
  const { key, label, linkedAt } = value as Partial<StoredLink>;
  if (typeof key !== 'string' || typeof label !== 'string' || typeof linkedAt !== 'number') {
    return null;
  }
  return { key, label, linkedAt };
}

/** The records this record may open, oldest link first. */
export function listFamily(doc: Y.Doc): FamilyLink[] {
  const links: FamilyLink[] = [];
  for (const [profileId, value] of familyMap(doc)) {
    const link = asStoredLink(value);
    if (link) links.push({ profileId, label: link.label, linkedAt: link.linkedAt });
  }
  return links.sort((a, b) => a.linkedAt - b.linkedAt);
}

/**
 * Seals `childMasterKey` into the guardian's record. The key is the caller's to wipe. Linking a
 * record again replaces its link (and keeps its label unless a new one is given).
 */
export function linkProfile(
  doc: Y.Doc,
  guardian: UnlockedProfile,
  childId: string,
  childMasterKey: Uint8Array,
  label?: string,
): void {
  if (childId === guardian.profileId) throw new Error('a record cannot be linked to itself');
  const sealed = seal(
    guardian.guardianKey,
    childMasterKey,
    aad('guardian-key', guardian.profileId, childId),
  );
  const previous = asStoredLink(familyMap(doc).get(childId));
  const link: StoredLink = {
    key: toBase64Url(sealed),
    label: label ?? previous?.label ?? '',
    linkedAt: Date.now(),
  };
  familyMap(doc).set(childId, link);
}

/**
 * Creates a record for a child, with the child's own passphrase (so it also opens on its own), and
 * links it to the guardian's record. Returns the child's unlocked profile; the caller locks it.
 */
export async function createLinkedProfile(
  doc: Y.Doc,
  guardian: UnlockedProfile,
  options: CreateProfileOptions,
): Promise<UnlockedProfile> {
  const { profile, masterKey } = await createProfileKeepingMasterKey(options);
  try {
    linkProfile(doc, guardian, profile.profileId, masterKey, options.label ?? '');
  } finally {
    masterKey.fill(0);
  }
  return profile;
}

/**
 * Links a record already on this device, whose passphrase the guardian types once. Throws
 * WrongPassphraseError (nothing is linked then). Returns the record's unlocked profile, so the
 * caller may read its nickname; the caller locks it.
 */
export async function linkExistingProfile(
  doc: Y.Doc,
  guardian: UnlockedProfile,
  profileId: string,
  passphrase: string,
  label?: string,
): Promise<UnlockedProfile> {
  if (profileId === guardian.profileId) throw new Error('a record cannot be linked to itself');
  const masterKey = await unwrapProfileMasterKey(profileId, passphrase);
  try {
    linkProfile(doc, guardian, profileId, masterKey, label);
    return await openProfileWithMasterKey(profileId, masterKey.slice());
  } finally {
    masterKey.fill(0);
  }
}

/** Changes the name the guardian's screens show for a linked record. */
export function renameLink(doc: Y.Doc, childId: string, label: string): void {
  const link = asStoredLink(familyMap(doc).get(childId));
  if (!link) throw new NotLinkedError(childId);
  if (link.label !== label) familyMap(doc).set(childId, { ...link, label });
}

/** Removes the sealed key; the child's record and passphrase are untouched. */
export function unlinkProfile(doc: Y.Doc, childId: string): void {
  if (!familyMap(doc).has(childId)) throw new NotLinkedError(childId);
  familyMap(doc).delete(childId);
}

/**
 * Opens a linked record with the key its guardian keeps. Throws NotLinkedError, TamperedError (the
 * sealed key was changed, or belongs to another record or another guardian), or
 * ProfileNotFoundError (the record is no longer on this device).
 */
export async function openLinkedProfile(
  doc: Y.Doc,
  guardian: UnlockedProfile,
  childId: string,
): Promise<UnlockedProfile> {
  const value = familyMap(doc).get(childId);
  if (value === undefined) throw new NotLinkedError(childId);
  const link = asStoredLink(value);
  if (!link) throw new TamperedError(WHAT);
  let sealed: Uint8Array;
  try {
    sealed = fromBase64Url(link.key);
  } catch {
    throw new TamperedError(WHAT);
  }
  const masterKey = open(
    guardian.guardianKey,
    sealed,
    aad('guardian-key', guardian.profileId, childId),
    WHAT,
  );
  return openProfileWithMasterKey(childId, masterKey);
}
