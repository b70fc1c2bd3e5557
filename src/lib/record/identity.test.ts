import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { InvalidEntryError } from './errors';
import { readIdentity, updateIdentity, type IdentityPatch } from './identity';
import { insKeyIsValid } from './ins';

/** A NIR and its key: 97 − (2550814168025 mod 97) = 38. */
const INS = '255081416802538';

function issuesOf(doc: Y.Doc, patch: IdentityPatch) {
  try {
    updateIdentity(doc, patch);
    return [];
  } catch (error) {
    if (error instanceof InvalidEntryError) return error.issues;
    throw error;
  }
}

describe('the patient’s identity', () => {
  it('starts empty and keeps what is entered, normalised', () => {
    const doc = new Y.Doc();
    expect(readIdentity(doc)).toEqual({});
    updateIdentity(doc, {
      familyName: ' Dupont ',
      givenNames: 'Marie Claire',
      birthDate: '1955-08-14',
      sex: 'female',
      bloodGroup: 'O-',
      ins: '2 55 08 14 168 025 38',
    });
    expect(readIdentity(doc)).toEqual({
      familyName: 'Dupont',
      givenNames: 'Marie Claire',
      birthDate: '1955-08-14',
      sex: 'female',
      bloodGroup: 'O-',
      ins: INS,
    });
  });

  it('refuses an INS whose key does not match or whose shape is wrong', () => {
    const doc = new Y.Doc();
    expect(issuesOf(doc, { ins: '255081416802539' })).toEqual([
      { field: 'ins', code: 'invalid-checksum' },
    ]);
    expect(issuesOf(doc, { ins: '25508141680253' })).toEqual([
      { field: 'ins', code: 'invalid-format' },
    ]);
    expect(issuesOf(doc, { ins: '2550814168025AB' })).toEqual([
      { field: 'ins', code: 'invalid-format' },
    ]);
    expect(readIdentity(doc)).toEqual({});
  });

  it('computes the key of a Corsican INS with 2A as 19 and 2B as 18', () => {
    // 1 84 05 2A 123 456: body 1840519123456 → key 97 − (body mod 97) = 82.
    expect(insKeyIsValid('184052A12345682')).toBe(true);
    expect(insKeyIsValid('184052B12345682')).toBe(false);
    expect(issuesOf(new Y.Doc(), { ins: '184052a12345682' })).toEqual([]);
  });

  it('refuses a blood group or a sex not in its list', () => {
    const doc = new Y.Doc();
    expect(issuesOf(doc, { bloodGroup: 'C+' as never, sex: 'f' as never })).toEqual([
      { field: 'sex', code: 'not-in-list' },
      { field: 'bloodGroup', code: 'not-in-list' },
    ]);
  });

  it('clears a field with null and leaves the rest of the profile alone', () => {
    const doc = new Y.Doc();
    doc.getMap('profile').set('nickname', 'Moi');
    updateIdentity(doc, { familyName: 'Dupont', bloodGroup: 'A+' });
    updateIdentity(doc, { bloodGroup: null });
    expect(readIdentity(doc)).toEqual({ familyName: 'Dupont' });
    expect(doc.getMap('profile').get('nickname')).toBe('Moi');
  });

  it('writes only what changes, in one update', () => {
    const doc = new Y.Doc();
    updateIdentity(doc, { familyName: 'Dupont', bloodGroup: 'A+' });
    let updates = 0;
    doc.on('update', () => updates++);
    expect(updateIdentity(doc, { familyName: 'Dupont' })).toBe(false);
    expect(updates).toBe(0);
    expect(updateIdentity(doc, { familyName: 'Martin', givenNames: 'Jeanne' })).toBe(true);
    expect(updates).toBe(1);
  });

  it('refuses fields an identity does not have', () => {
    expect(issuesOf(new Y.Doc(), { nickname: 'Moi' } as IdentityPatch)).toEqual([
      { field: 'nickname', code: 'unknown-field' },
    ]);
  });
});
