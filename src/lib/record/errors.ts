/**
 * The record's typed errors. Validation problems are codes, not sentences: the UI translates them
 * in one place (STYLE: errors are typed classes in lib/, mapped to messages in ui/).
 */
import * as v from 'valibot';

export const ISSUE_CODES = [
  /** Missing or blank. */
  'required',
  /** A string where a number belongs, an object where a string belongs… */
  'wrong-type',
  'too-long',
  'too-many',
  /** Not one of the values a closed list allows. */
  'not-in-list',
  /** Not a real calendar date written YYYY-MM-DD. */
  'invalid-date',
  /** Not a full ISO 8601 date and time with a UTC offset. */
  'invalid-datetime',
  'out-of-range',
  'not-an-integer',
  /** A unit the measurement type does not allow. */
  'unit-not-allowed',
  /** A field that does not apply here (a systolic value on a weight, a choice on a text…). */
  'not-applicable',
  /** A field this kind of entry does not have. */
  'unknown-field',
  /** id, kind, createdAt, updatedAt, source, deletedAt: set by the record, not by the caller. */
  'reserved-field',
  'end-before-start',
  /** A phone number, an e-mail address, a file id… not written as it must be. */
  'invalid-format',
  /** An INS whose control key does not match. */
  'invalid-checksum',
  /** Some of the attached file's fields without the others. */
  'incomplete-file',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** One problem: which field ("" for the input as a whole) and what is wrong with it. */
export type EntryIssue = { field: string; code: IssueCode };

const KNOWN = new Set<string>(ISSUE_CODES);

/** Input that does not make a valid entry or identity; nothing was written. */
export class InvalidEntryError extends Error {
  override readonly name = 'InvalidEntryError';
  constructor(readonly issues: readonly EntryIssue[]) {
    super(
      `invalid entry: ${issues.map(({ field, code }) => `${field || '(input)'} ${code}`).join(', ')}`,
    );
  }
}

/** No entry has this id, or it is in the bin where the operation does not apply. */
export class EntryNotFoundError extends Error {
  override readonly name = 'EntryNotFoundError';
  constructor(readonly id: string) {
    super(`no entry ${id}`);
  }
}

/**
 * Valibot issues → our issues. Every schema and action in schemas.ts carries its code as its
 * message; the object schemas' own issues (a missing key, a key too many, not an object) are told
 * apart by what they expected.
 */
export function toIssues(issues: readonly v.BaseIssue<unknown>[]): EntryIssue[] {
  const out: EntryIssue[] = [];
  for (const issue of issues) {
    const field = v.getDotPath(issue) ?? '';
    let code: IssueCode;
    if (issue.type === 'strict_object' || issue.type === 'object') {
      if (issue.expected === 'never') code = 'unknown-field';
      else if (field && issue.input === undefined) code = 'required';
      else code = 'wrong-type';
    } else {
      code = KNOWN.has(issue.message) ? (issue.message as IssueCode) : 'wrong-type';
    }
    if (!out.some((seen) => seen.field === field && seen.code === code)) out.push({ field, code });
  }
  return out;
}
