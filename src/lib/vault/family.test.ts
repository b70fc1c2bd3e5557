import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TamperedError, WrongPassphraseError, fromBase64Url, toBase64Url } from '../crypto';
import { ProfileNotFoundError } from './errors';
import {
  NotLinkedError,
  createLinkedProfile,
  linkExistingProfile,
  linkProfile,
  listFamily,
  openLinkedProfile,
  renameLink,
  unlinkProfile,
} from './family';
import {
  changePassphrase,
  createProfileKeepingMasterKey,
  deleteProfile,
  unlockProfile,
  type UnlockedProfile,
} from './profiles';
import { RecordStore } from './record-store';
import { TEST_KDF, contains, freshIndexedDb, rawValues, testProfile } from './test-support';

const PARENT = 'la phrase de maman';
const CHILD = 'la phrase de léa';

let parent: UnlockedProfile;
let parentDoc: Y.Doc;

beforeEach(async () => {
  freshIndexedDb();
  parent = await testProfile(PARENT);
  parentDoc = new Y.Doc();
});

function createChild(label = 'Léa', passphrase = CHILD): Promise<UnlockedProfile> {
  return createLinkedProfile(parentDoc, parent, { passphrase, label, kdf: TEST_KDF });
}

/** The stored link of a child, as the parent's record holds it. */
function storedLink(doc: Y.Doc, childId: string): { key: string } {
  return doc.getMap('family').get(childId) as { key: string };
}

describe('family records', () => {
  it("a parent opens a child's record it created, with the child's keys and no passphrase", async () => {
    const created = await createChild();
    const opened = await openLinkedProfile(parentDoc, parent, created.profileId);
    const alone = await unlockProfile(created.profileId, CHILD);
    expect(opened.profileId).toBe(created.profileId);
    expect(opened.docKey).toEqual(alone.docKey);
    expect(opened.blobKey).toEqual(alone.blobKey);
    expect(listFamily(parentDoc)).toEqual([
      { profileId: created.profileId, label: 'Léa', linkedAt: expect.any(Number) },
    ]);
  });

  it("the child's record still opens on its own, and only with its own passphrase", async () => {
    const { profileId } = await createChild();
    await expect(unlockProfile(profileId, CHILD)).resolves.toBeDefined();
    await expect(unlockProfile(profileId, PARENT)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('links an existing record once its passphrase is typed; a wrong one links nothing', async () => {
    const other = await testProfile('le carnet de papi');
    await expect(
      linkExistingProfile(parentDoc, parent, other.profileId, 'pas la bonne phrase'),
    ).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(listFamily(parentDoc)).toEqual([]);

    const linked = await linkExistingProfile(
      parentDoc,
      parent,
      other.profileId,
      'le carnet de papi',
      'Papi',
    );
    expect(linked.docKey).toEqual(other.docKey);
    const opened = await openLinkedProfile(parentDoc, parent, other.profileId);
    expect(opened.docKey).toEqual(other.docKey);
    expect(listFamily(parentDoc).map((link) => link.label)).toEqual(['Papi']);
  });

  it("keeps the link when the child's passphrase changes: the master key is only re-wrapped", async () => {
    const child = await createChild();
    await changePassphrase(child.profileId, CHILD, 'une toute nouvelle phrase', TEST_KDF);
    const opened = await openLinkedProfile(parentDoc, parent, child.profileId);
    expect(opened.docKey).toEqual(child.docKey);
  });

  it("after unlinking, the parent cannot open the child's record; the child's passphrase still does", async () => {
    const { profileId } = await createChild();
    unlinkProfile(parentDoc, profileId);
    expect(listFamily(parentDoc)).toEqual([]);
    await expect(openLinkedProfile(parentDoc, parent, profileId)).rejects.toBeInstanceOf(
      NotLinkedError,
    );
    await expect(unlockProfile(profileId, CHILD)).resolves.toBeDefined();
  });

  it('refuses a record that is not linked', async () => {
    await createChild();
    const stranger = await testProfile('un autre carnet');
    await expect(openLinkedProfile(parentDoc, parent, stranger.profileId)).rejects.toBeInstanceOf(
      NotLinkedError,
    );
    expect(() => unlinkProfile(parentDoc, stranger.profileId)).toThrow(NotLinkedError);
  });

  it('refuses a sealed key with any byte changed', async () => {
    const { profileId } = await createChild();
    const sealed = fromBase64Url(storedLink(parentDoc, profileId).key);
    const outcomes: string[] = [];
    for (let i = 1; i < sealed.length; i++) {
      const changed = sealed.slice();
      changed[i] = changed[i]! ^ 0x01;
      parentDoc.getMap('family').set(profileId, {
        ...storedLink(parentDoc, profileId),
        key: toBase64Url(changed),
      });
      outcomes.push(
        await openLinkedProfile(parentDoc, parent, profileId).then(
          () => 'opened',
          (error: unknown) => (error instanceof TamperedError ? 'TamperedError' : String(error)),
        ),
      );
    }
    expect(outcomes).toEqual(Array.from({ length: sealed.length - 1 }, () => 'TamperedError'));
  });

  it('refuses a link that is not a sealed key at all', async () => {
    const { profileId } = await createChild();
    parentDoc.getMap('family').set(profileId, { ...storedLink(parentDoc, profileId), key: '*' });
    await expect(openLinkedProfile(parentDoc, parent, profileId)).rejects.toBeInstanceOf(
      TamperedError,
    );
    parentDoc.getMap('family').set(profileId, 'not a link');
    await expect(openLinkedProfile(parentDoc, parent, profileId)).rejects.toBeInstanceOf(
      TamperedError,
    );
  });

  it("a key sealed for one child does not open another child's record", async () => {
    const lea = await createChild('Léa');
    const tom = await createChild('Tom', 'la phrase de tom');
    parentDoc.getMap('family').set(tom.profileId, storedLink(parentDoc, lea.profileId));
    await expect(openLinkedProfile(parentDoc, parent, tom.profileId)).rejects.toBeInstanceOf(
      TamperedError,
    );
    await expect(openLinkedProfile(parentDoc, parent, lea.profileId)).resolves.toBeDefined();
  });

  it("a link copied into another parent's record does not open there", async () => {
    const { profileId } = await createChild();
    const stranger = await testProfile('quelqu’un d’autre');
    const strangerDoc = new Y.Doc();
    strangerDoc.getMap('family').set(profileId, storedLink(parentDoc, profileId));
    await expect(openLinkedProfile(strangerDoc, stranger, profileId)).rejects.toBeInstanceOf(
      TamperedError,
    );
  });

  it('a record deleted from this device is reported missing; its link stays until removed', async () => {
    const { profileId } = await createChild();
    await deleteProfile(profileId);
    await expect(openLinkedProfile(parentDoc, parent, profileId)).rejects.toBeInstanceOf(
      ProfileNotFoundError,
    );
    expect(listFamily(parentDoc).map((link) => link.profileId)).toEqual([profileId]);
  });

  it('a record cannot be linked to itself', async () => {
    await expect(linkExistingProfile(parentDoc, parent, parent.profileId, PARENT)).rejects.toThrow(
      /itself/,
    );
  });

  it('renames a link without touching its key', async () => {
    const { profileId } = await createChild('Léa');
    const before = storedLink(parentDoc, profileId).key;
    renameLink(parentDoc, profileId, 'Léa (8 ans)');
    expect(listFamily(parentDoc)[0]?.label).toBe('Léa (8 ans)');
    expect(storedLink(parentDoc, profileId).key).toBe(before);
  });

  it("once the parent's profile is locked, its links open nothing", async () => {
    const { profileId } = await createChild();
    parent.lock();
    await expect(openLinkedProfile(parentDoc, parent, profileId)).rejects.toThrow(/locked/);
  });

  it("the child's key is kept sealed inside the parent's record: never in clear, in memory or at rest", async () => {
    const store = await RecordStore.open(parent, parentDoc);
    const { profile: child, masterKey } = await createProfileKeepingMasterKey({
      passphrase: CHILD,
      kdf: TEST_KDF,
    });
    linkProfile(parentDoc, parent, child.profileId, masterKey, 'Léa');
    await store.whenSaved();
    await store.close();

    expect(contains(Y.encodeStateAsUpdate(parentDoc), masterKey)).toBe(false);
    const atRest = await rawValues();
    for (const secret of [masterKey, child.docKey, child.blobKey]) {
      expect(atRest.some((value) => contains(value, secret))).toBe(false);
    }

    // The parent unlocks again with their passphrase and still opens the child's record.
    const again = await unlockProfile(parent.profileId, PARENT);
    const reopened = new Y.Doc();
    await (await RecordStore.open(again, reopened)).close();
    const opened = await openLinkedProfile(reopened, again, child.profileId);
    expect(opened.docKey).toEqual(child.docKey);
  });
});
