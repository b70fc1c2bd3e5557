/**
 * The patient's identity, in the root Y.Map `profile` (DESIGN §2). Every field is optional: the
 * patient fills it in over time. Other keys of `profile` (the profile's nickname) are left alone.
 */
import * as v from 'valibot';
import type * as Y from 'yjs';
import { InvalidEntryError, toIssues } from './errors';
import { date, oneOf, text } from './field-schemas';
import { insKeyIsValid, insShapeIsValid, normalizeIns } from './ins';
import { isPlainObject, mergePatch, withoutBlanks } from './schemas';
import { BLOOD_GROUPS, SEXES } from './vocabulary';

const IDENTITY_FIELDS = {
  /** Nom de naissance: the name the INS is attached to. */
  familyName: v.optional(text()),
  /** Given names, as on the identity document. */
  givenNames: v.optional(text()),
  birthDate: v.optional(date()),
  sex: v.optional(oneOf(SEXES)),
  bloodGroup: v.optional(oneOf(BLOOD_GROUPS)),
  /** Matricule INS, stored without spaces. */
  ins: v.optional(
    v.pipe(
      v.string('wrong-type'),
      v.transform(normalizeIns),
      v.check(insShapeIsValid, 'invalid-format'),
      // The key means nothing until the shape is right: one issue at a time.
      v.check((ins) => !insShapeIsValid(ins) || insKeyIsValid(ins), 'invalid-checksum'),
    ),
  ),
};
const IDENTITY_SCHEMA = v.strictObject(IDENTITY_FIELDS);
const FIELDS = Object.keys(IDENTITY_FIELDS) as (keyof Identity)[];

export type Identity = v.InferOutput<typeof IDENTITY_SCHEMA>;

/** Every identity field, in the order the profile shows them. */
export const IDENTITY_FIELD_NAMES = Object.keys(IDENTITY_FIELDS) as readonly (keyof Identity)[];
/** A value sets the field, null or "" clears it, undefined keeps it. */
export type IdentityPatch = {
  [F in keyof Identity]?: v.InferInput<typeof IDENTITY_SCHEMA>[F] | null;
};

function profileMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('profile');
}

export function readIdentity(doc: Y.Doc): Identity {
  const profile = profileMap(doc);
  const identity: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = profile.get(field);
    if (value !== undefined) identity[field] = value;
  }
  return identity as Identity;
}

/**
 * Validates the identity as it would be after `patch` and writes the fields that change in one
 * transaction. Returns false when nothing changes. Throws InvalidEntryError.
 */
export function updateIdentity(doc: Y.Doc, patch: IdentityPatch): boolean {
  if (!isPlainObject(patch)) throw new InvalidEntryError([{ field: '', code: 'wrong-type' }]);
  const merged = mergePatch(readIdentity(doc), patch);
  const result = v.safeParse(IDENTITY_SCHEMA, withoutBlanks(merged));
  if (!result.success) throw new InvalidEntryError(toIssues(result.issues));
  const identity: Record<string, unknown> = result.output;
  const profile = profileMap(doc);
  const changes = FIELDS.filter((field) => identity[field] !== profile.get(field));
  if (changes.length === 0) return false;
  doc.transact(() => {
    for (const field of changes) {
      if (identity[field] === undefined) profile.delete(field);
      else profile.set(field, identity[field]);
    }
  });
  return true;
}
