import {
  CATALOGUES,
  format,
  isLocale,
  pickLocale,
  type Locale,
  type MessageKey,
  type MessageParams,
} from './locale';

/** Where the chosen language is remembered: not health data, so plain localStorage is fine. */
const STORAGE_KEY = 'carnet.locale';

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null; // storage disabled: fall back to the browser's languages
  }
}

/** The current language, reactive: components that call `t()` re-render when it changes. */
class I18n {
  locale = $state<Locale>(storedLocale() ?? pickLocale(navigator.languages ?? []));

  constructor() {
    document.documentElement.lang = this.locale;
  }

  t = (key: MessageKey, params?: MessageParams): string =>
    format(CATALOGUES[this.locale], key, params, this.locale);

  setLocale(locale: Locale): void {
    this.locale = locale;
    document.documentElement.lang = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Not remembered across visits, but the page still switches.
    }
  }
}

export const i18n = new I18n();
export const t = i18n.t;
