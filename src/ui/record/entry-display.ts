/**
 * Showing entries: a field's value as words in the user's language, an entry's name and date.
 * Pure functions over a `translate` function, so the same code serves every screen and unit tests.
 */
import { entryDate, labelOf, type Entry, type EntryKind, type FieldValue } from '../../lib/record';
import type { Locale, MessageKey, MessageParams } from '../i18n/locale';
import { ENTRY_FORMS, type FieldSpec, type OptionList } from './entry-fields';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The message naming a choice of a list: `option.<list>.<code>`. */
export function optionKey(list: OptionList, code: string): MessageKey {
  return `option.${list}.${code}` as MessageKey;
}

/** The label of a field of a kind: `field.<kind>.<name>`. */
export function fieldKey(kind: EntryKind, name: string): MessageKey {
  return `field.${kind}.${name}` as MessageKey;
}

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

/** One formatter per locale and style: building one costs ~50 µs, and lists format hundreds. */
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter as F;
}

/** A calendar day `YYYY-MM-DD` in words ("12 mai 2024"); anything else as it is. */
export function formatDay(day: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  return cached(
    `day:${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }),
  ).format(new Date(year, month - 1, date));
}

/** An instant (or a day) in the user's time zone, with the time when there is one. */
export function formatDateTime(value: string, locale: Locale): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value, locale);
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return cached(
    `time:${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }),
  ).format(time);
}

function formatNumber(value: number, locale: Locale): string {
  return cached(
    `number:${locale}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
  ).format(value);
}

/** A measurement's reading: "72,5 kg", "130/80 mmHg". */
export function measurementValue(entry: Entry, t: Translate, locale: Locale): string {
  const unit = typeof entry.unit === 'string' ? t(optionKey('unit', entry.unit)) : '';
  if (typeof entry.systolic === 'number' && typeof entry.diastolic === 'number') {
    return `${formatNumber(entry.systolic, locale)}/${formatNumber(entry.diastolic, locale)} ${unit}`;
  }
  if (typeof entry.value === 'number') return `${formatNumber(entry.value, locale)} ${unit}`;
  return unit;
}

function specOf(kind: EntryKind, name: string): FieldSpec | undefined {
  return ENTRY_FORMS[kind].find((field) => field.name === name);
}

/**
 * A field's value in words, or null when it has none. `documentTitle` names the document a
 * directive points to.
 */
export function displayValue(
  entry: Entry,
  name: string,
  t: Translate,
  locale: Locale,
  documentTitle: (id: string) => string | null = () => null,
): string | null {
  const value: FieldValue | undefined = entry[name];
  if (value === undefined || value === null || value === '') return null;
  const spec = specOf(entry.kind, name);
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : null;
  if (typeof value === 'boolean') return t(value ? 'entry.yes' : 'entry.no');
  if (entry.kind === 'measurement' && ['value', 'systolic', 'diastolic'].includes(name)) {
    const unit = typeof entry.unit === 'string' ? t(optionKey('unit', entry.unit)) : '';
    return typeof value === 'number' ? `${formatNumber(value, locale)} ${unit}`.trim() : null;
  }
  switch (spec?.input) {
    case 'select':
      return t(optionKey(spec.list, String(value)));
    case 'date':
      return formatDay(String(value), locale);
    case 'datetime':
      return formatDateTime(String(value), locale);
    case 'number':
      return typeof value === 'number' ? formatNumber(value, locale) : String(value);
    case 'document':
      return documentTitle(String(value)) ?? t('entry.untitled');
    default:
      return String(value);
  }
}

/**
 * What to call an entry in a list: its own name (title, substance…), or for entries named by a
 * code (a measurement, a habit, a wish) that code in words.
 */
export function entryTitle(entry: Entry, t: Translate): string {
  switch (entry.kind) {
    case 'measurement':
      return typeof entry.type === 'string'
        ? t(optionKey('measure', entry.type))
        : t('kind.measurement');
    case 'lifestyle':
      return typeof entry.topic === 'string'
        ? t(optionKey('lifestyleTopic', entry.topic))
        : t('kind.lifestyle');
    case 'directive':
      return typeof entry.type === 'string'
        ? t(optionKey('directiveType', entry.type))
        : t('kind.directive');
    case 'appointment':
      return labelOf(entry) ?? t('kind.appointment');
    default:
      return labelOf(entry) ?? t('entry.untitled');
  }
}

/** A short line under the title: the detail that matters most for each kind. */
export function entryDetail(entry: Entry, t: Translate, locale: Locale): string | null {
  const show = (name: string) => displayValue(entry, name, t, locale);
  switch (entry.kind) {
    case 'document':
      return [show('type'), show('author')].filter(Boolean).join(' · ') || null;
    case 'medication':
      return [show('dosage'), show('status')].filter(Boolean).join(' · ') || null;
    case 'allergy':
      return [show('reaction'), show('severity')].filter(Boolean).join(' · ') || null;
    case 'measurement':
      return measurementValue(entry, t, locale);
    case 'lifestyle':
      return [show('status'), show('detail')].filter(Boolean).join(' · ') || null;
    case 'family-history':
      return [show('relationship'), show('onsetAge')].filter(Boolean).join(' · ') || null;
    case 'appointment':
      return [show('professional'), show('place')].filter(Boolean).join(' · ') || null;
    case 'contact':
      return [show('role'), show('phone')].filter(Boolean).join(' · ') || null;
    case 'directive':
      return show('choice');
    case 'immunization':
      return [show('dose'), show('professional')].filter(Boolean).join(' · ') || null;
    case 'condition':
      return show('status');
    default:
      return show('place');
  }
}

/** The entry's date in words (day, or day and time), or null for kinds that are not events. */
export function entryWhen(entry: Entry, locale: Locale): string | null {
  const date = entryDate(entry);
  return date ? formatDateTime(date, locale) : null;
}

/** Where an entry is shown on its own: documents in the viewer, the rest on the entry page. */
export function entryPath(entry: Pick<Entry, 'id' | 'kind'>): string {
  return entry.kind === 'document'
    ? `#/record/documents/${entry.id}`
    : `#/record/entry/${entry.id}`;
}
