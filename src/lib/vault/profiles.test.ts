import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { WrongPassphraseError } from '../crypto';
import { openVaultDb } from './db';
import { ProfileNotFoundError } from './errors';
import {
  changePassphrase,
  createProfile,
  deleteProfile,
  listProfiles,
  readHeader,
  unlockProfile,
  updateProfileSettings,
} from './profiles';
import { TEST_KDF, freshIndexedDb, testProfile } from './test-support';

beforeEach(freshIndexedDb);

describe('profiles', () => {
  it('unlocks with the passphrase it was created with, and gives the same keys', async () => {
    const created = await testProfile('un mot de passe très long');
    const unlocked = await unlockProfile(created.profileId, 'un mot de passe très long');
    expect(unlocked.docKey).toEqual(created.docKey);
    expect(unlocked.blobKey).toEqual(created.blobKey);
    expect(unlocked.docKey).not.toEqual(unlocked.blobKey);
  });

  it('refuses a wrong passphrase with a typed error', async () => {
    const { profileId } = await testProfile('the right one');
    await expect(unlockProfile(profileId, 'the wrong one')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
  });

  it('keeps each profile apart, with its own keys', async () => {
    const parent = await testProfile('same passphrase');
    const child = await testProfile('same passphrase');
    expect(parent.docKey).not.toEqual(child.docKey);
    expect((await listProfiles()).map((p) => p.profileId)).toEqual([
      parent.profileId,
      child.profileId,
    ]);
  });

  it('shows no name on the unlock screen unless the user opted in', async () => {
    await createProfile({ passphrase: 'p1 p1 p1 p1', label: 'Maman', kdf: TEST_KDF });
    await createProfile({
      passphrase: 'p2 p2 p2 p2',
      label: 'Léa',
      showLabel: true,
      kdf: TEST_KDF,
    });
    const labels = (await listProfiles()).map((p) => p.label);
    expect(labels).toEqual([undefined, 'Léa']);
    const db = await openVaultDb();
    expect(JSON.stringify(await db.getAll('headers'))).not.toContain('Maman');
  });

  it('changes the passphrase by re-wrapping the same master key', async () => {
    const before = await testProfile('old passphrase');
    await changePassphrase(before.profileId, 'old passphrase', 'new passphrase', TEST_KDF);
    await expect(unlockProfile(before.profileId, 'old passphrase')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    const after = await unlockProfile(before.profileId, 'new passphrase');
    expect(after.docKey).toEqual(before.docKey);
  });

  it('will not change the passphrase without the old one', async () => {
    const { profileId } = await testProfile('old passphrase');
    await expect(
      changePassphrase(profileId, 'guess', 'attacker passphrase', TEST_KDF),
    ).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unlockProfile(profileId, 'old passphrase')).resolves.toBeDefined();
  });

  it('stores the auto-lock setting, 10 minutes by default', async () => {
    const { profileId } = await testProfile();
    expect((await readHeader(profileId)).autoLockMinutes).toBe(10);
    await updateProfileSettings(profileId, { autoLockMinutes: 3 });
    expect((await readHeader(profileId)).autoLockMinutes).toBe(3);
  });

  it('deletes a profile: header first, then every record of it, and no other profile', async () => {
    const doomed = await testProfile();
    const kept = await testProfile();
    const db = await openVaultDb();
    await db.put('updates', { body: new Uint8Array(1), meta: new Uint8Array(1), folded: 0 }, [
      doomed.profileId,
      'u1',
    ]);
    await db.put('chunks', new Uint8Array(3), [doomed.profileId, 'f', 0]);
    await db.put('chunks', new Uint8Array(3), [kept.profileId, 'f', 0]);
    await deleteProfile(doomed.profileId);
    await expect(readHeader(doomed.profileId)).rejects.toBeInstanceOf(ProfileNotFoundError);
    expect(await db.getAllKeys('updates')).toEqual([]);
    expect(await db.getAllKeys('chunks')).toEqual([[kept.profileId, 'f', 0]]);
    expect((await listProfiles()).map((p) => p.profileId)).toEqual([kept.profileId]);
  });

  it('locking wipes the keys from memory', async () => {
    const profile = await testProfile();
    const docKey = profile.docKey;
    profile.lock();
    expect(docKey.every((byte) => byte === 0)).toBe(true);
    expect(() => profile.docKey).toThrow(/locked/);
  });
});
