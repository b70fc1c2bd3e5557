/**
 * The building blocks of the entry schemas (valibot). Each schema and action carries its issue
 * code as its message, which errors.ts reads back: codes, never sentences.
 */
import * as v from 'valibot';
import type { IssueCode } from './errors';

export const SHORT_TEXT = 200;
export const LONG_TEXT = 20_000;
const MAX_TAGS = 20;
const TAG_LENGTH = 40;

const code = (issue: IssueCode) => issue;

const string = () => v.pipe(v.string(code('wrong-type')), v.trim());

/** Trimmed, non-blank text of at most `max` characters. */
export function text(max = SHORT_TEXT) {
  return v.pipe(string(), v.nonEmpty(code('required')), v.maxLength(max, code('too-long')));
}

export function oneOf<const T extends readonly string[]>(options: T) {
  return v.picklist(options, code('not-in-list'));
}

export function flag() {
  return v.boolean(code('wrong-type'));
}

export function integer(min: number, max: number) {
  return v.pipe(
    v.number(code('wrong-type')),
    v.integer(code('not-an-integer')),
    v.minValue(min, code('out-of-range')),
    v.maxValue(max, code('out-of-range')),
  );
}

/** A finite number; its range depends on other fields and is checked by the entry's schema. */
export function quantity() {
  return v.pipe(v.number(code('wrong-type')), v.finite(code('wrong-type')));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD ("2024-02-30" is not one), years 1800–2200. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1800 || year > 2200) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * ISO 8601 date and time with its UTC offset ("2025-03-04T09:30+01:00"). Without an offset the
 * instant would depend on the device's time zone, so it is refused.
 */
export function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  return match !== null && isCalendarDate(match[1]!) && !Number.isNaN(Date.parse(value));
}

/**
 * Stored as UTC ("2025-03-04T08:30:00.000Z"), so stored instants sort as strings; the UI shows
 * them in the device's time zone.
 */
const toUtc = (value: string) => new Date(value).toISOString();

export function date() {
  return v.pipe(string(), v.check(isCalendarDate, code('invalid-date')));
}

export function dateTime() {
  return v.pipe(string(), v.check(isDateTime, code('invalid-datetime')), v.transform(toUtc));
}

/** A day, or an instant when the time matters (a measurement taken at 8:00). */
export function dateOrDateTime() {
  return v.pipe(
    string(),
    v.check((value) => isCalendarDate(value) || isDateTime(value), code('invalid-date')),
    v.transform((value) => (isCalendarDate(value) ? value : toUtc(value))),
  );
}

/** Trimmed, without duplicates; none left means none. */
export function tags() {
  return v.pipe(
    v.array(v.pipe(string(), v.maxLength(TAG_LENGTH, code('too-long'))), code('wrong-type')),
    v.transform((list) => [...new Set(list.filter((tag) => tag !== ''))]),
    v.maxLength(MAX_TAGS, code('too-many')),
  );
}

function pattern(regex: RegExp, max: number) {
  return v.pipe(
    string(),
    v.maxLength(max, code('too-long')),
    v.regex(regex, code('invalid-format')),
  );
}

/** What people write on a card: digits, spaces, dots, dashes, brackets, a leading +. */
export const phone = () => pattern(/^\+?[0-9][0-9 ().-]{1,28}[0-9]$/, 30);
export const email = () => pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 254);
/** RPPS: the 11-digit number of a French health professional. */
export const rpps = () => pattern(/^\d{11}$/, 11);
/** An id made by newId(): 22 base64url characters. */
export const id = () => pattern(/^[A-Za-z0-9_-]{22}$/, 22);
export const sha256 = () => pattern(/^[0-9a-f]{64}$/, 64);
export const mime = () => pattern(/^[\w.+-]+\/[\w.+-]+$/, 255);
