import { en, fr, type MessageKey, type Messages } from './messages';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's own name, shown the same whatever the current language. */
export const LOCALE_NAMES: Record<Locale, string> = { fr: 'Français', en: 'English' };

export const CATALOGUES: Record<Locale, Messages> = { fr, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first of the browser's preferred languages that Carnet speaks ("fr-CA" → fr); English when
 * none matches, as the more widely read of the two.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; a missing parameter is left visible rather than silently blank. */
export function format(
  messages: Messages,
  key: MessageKey,
  params: MessageParams = {},
  locale: Locale = 'en',
): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}

export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

export type { MessageKey, Messages };
