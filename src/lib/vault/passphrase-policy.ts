/**
 * How strong a passphrase is, with zxcvbn-ts (the maintained TypeScript port of Dropbox's zxcvbn),
 * its French and English dictionaries loaded on demand so they never weigh on the first screen.
 *
 * Policy: at least 10 characters and a zxcvbn score of 2 ("somewhat guessable") or more; 0–1 is
 * refused. With Argon2id at 64 MiB per guess, a score-2 passphrase (~10^8 guesses) costs an
 * attacker years of one GPU; the meter still pushes towards 3–4.
 */
export const MIN_PASSPHRASE_LENGTH = 10;
export const MIN_SCORE = 2;

export type PassphraseStrength = {
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
  tooShort: boolean;
  /** Advice in the requested language, from zxcvbn's own translations. */
  warning: string;
  suggestions: string[];
};

type Checker = (passphrase: string, userInputs: string[]) => PassphraseStrength;
const checkers = new Map<'fr' | 'en', Promise<Checker>>();

function loadChecker(locale: 'fr' | 'en'): Promise<Checker> {
  let checker = checkers.get(locale);
  if (!checker) {
    checker = (async () => {
      const [{ ZxcvbnFactory }, common, en, fr] = await Promise.all([
        import('@zxcvbn-ts/core'),
        import('@zxcvbn-ts/language-common'),
        import('@zxcvbn-ts/language-en'),
        import('@zxcvbn-ts/language-fr'),
      ]);
      const zxcvbn = new ZxcvbnFactory({
        translations: locale === 'fr' ? fr.translations : en.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
      });
      return (passphrase: string, userInputs: string[]) => {
        const result = zxcvbn.check(passphrase, userInputs);
        const tooShort = [...passphrase].length < MIN_PASSPHRASE_LENGTH;
        return {
          score: result.score,
          acceptable: !tooShort && result.score >= MIN_SCORE,
          tooShort,
          warning: result.feedback.warning ?? '',
          suggestions: result.feedback.suggestions,
        };
      };
    })();
    checkers.set(locale, checker);
    // A failed load (flaky network on first visit) must not be remembered: try again next time.
    checker.catch(() => checkers.delete(locale));
  }
  return checker;
}

/** `userInputs`: words the passphrase should not lean on (the nickname, "carnet", …). */
export async function passphraseStrength(
  passphrase: string,
  locale: 'fr' | 'en',
  userInputs: string[] = [],
): Promise<PassphraseStrength> {
  const check = await loadChecker(locale);
  // "Léa Martin" must also count when typed "leamartin": split into words, with and without accents.
  const words = userInputs
    .flatMap((input) => input.split(/[\s'-]+/))
    .filter(Boolean)
    .flatMap((word) => [
      word.toLowerCase(),
      word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''),
    ]);
  return check(passphrase, ['carnet', 'santé', 'sante', 'health', ...new Set(words)]);
}

/**
 * When the dictionaries cannot be loaded at all, judge by length alone (stricter than the normal
 * rule: 14 characters) rather than leave the patient unable to create a record.
 */
export function lengthOnlyStrength(passphrase: string): PassphraseStrength {
  const length = [...passphrase].length;
  const score = length >= 20 ? 3 : length >= 14 ? 2 : length >= MIN_PASSPHRASE_LENGTH ? 1 : 0;
  return {
    score,
    acceptable: length >= 14,
    tooShort: length < MIN_PASSPHRASE_LENGTH,
    warning: '',
    suggestions: [],
  };
}
