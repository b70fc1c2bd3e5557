import { coreEn } from './en';
import { coreFr } from './fr';
import type { MessageKey, Messages } from './messages';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's own name, shown the same whatever the current language. */
export const LOCALE_NAMES: Record<Locale, string> = { fr: 'Français', en: 'English' };

/**
 * The messages in use. From the start, the core ones (the header and the home page); the areas'
 * messages (record, sharing, receiving…) join them once `loadAreas()` has run, which every other
 * page awaits before it shows (App.svelte). This keeps most of the catalogues out of a first
 * visit's download.
 */
export const CATALOGUES: Record<Locale, Messages> = {
  // Filled up by loadAreas(); until then only core keys are looked up.
  fr: { ...coreFr } as Messages,
  en: { ...coreEn } as Messages,
};

let areas: Promise<void> | null = null;

/** Adds every area's messages to CATALOGUES, once; resolves when they are there. */
export function loadAreas(): Promise<void> {
  areas ??= import('./messages').then(({ en, fr }) => {
    Object.assign(CATALOGUES.en, en);
    Object.assign(CATALOGUES.fr, fr);
  });
  return areas;
}

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
  const message = messages[key];
  if (message === undefined) {
    // An area's key used before loadAreas(): a bug, loud in tests, readable for a user.
    console.error(`message ${key} is not loaded`);
    return key;
  }
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}

export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

export type { MessageKey, Messages };
