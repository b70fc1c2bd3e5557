import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES, LOCALES, format, loadAreas, pickLocale, placeholders } from './locale';
import { coreEn } from './en';
import { AREAS, en, type MessageKey } from './messages';

describe('language choice', () => {
  it('follows the first preferred language Carnet speaks', () => {
    expect(pickLocale(['fr-FR', 'en-US'])).toBe('fr');
    expect(pickLocale(['de-DE', 'en-GB', 'fr'])).toBe('en');
    expect(pickLocale(['FR-ca'])).toBe('fr');
  });

  it('falls back to English for a browser that prefers neither', () => {
    expect(pickLocale(['de-DE', 'es'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});

describe('catalogues', () => {
  const keys = Object.keys(en) as MessageKey[];

  it('hold only the core messages until the areas are loaded', () => {
    expect(Object.keys(CATALOGUES.en).sort()).toEqual(Object.keys(coreEn).sort());
  });

  describe('once the areas are loaded', () => {
    beforeAll(() => loadAreas());

    it.each(LOCALES)('%s translates every message, none blank', (locale) => {
      const catalogue = CATALOGUES[locale];
      expect(Object.keys(catalogue).sort()).toEqual([...keys].sort());
      for (const key of keys) expect(catalogue[key].trim(), key).not.toBe('');
    });

    it('French and English use the same placeholders in every message', () => {
      for (const key of keys) {
        expect(placeholders(CATALOGUES.fr[key]), key).toEqual(placeholders(CATALOGUES.en[key]));
      }
    });

    it('fills placeholders, formats numbers per language, and shows a missing one', () => {
      expect(format(CATALOGUES.fr, 'settings.version', { version: '1.2' }, 'fr')).toBe(
        'Version 1.2',
      );
      expect(format(CATALOGUES.fr, 'settings.version', { version: 12345 }, 'fr')).toBe(
        'Version 12\u202f345',
      );
      expect(format(CATALOGUES.en, 'settings.version', {}, 'en')).toBe('Version {version}');
    });
  });
});

describe('areas', () => {
  it('no two areas give the same key', () => {
    const seen = new Map<string, string>();
    for (const [area, { en: messages }] of Object.entries(AREAS)) {
      for (const key of Object.keys(messages)) {
        expect(seen.get(key), `${key} in ${area}`).toBeUndefined();
        seen.set(key, area);
      }
    }
  });
});
