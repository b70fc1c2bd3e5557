import { describe, expect, it } from 'vitest';
import { lengthOnlyStrength, passphraseStrength } from './passphrase-policy';

describe('passphrase policy', () => {
  it('refuses a keyboard walk and a short word, accepts a few unrelated words', async () => {
    expect((await passphraseStrength('azertyuiop', 'fr')).acceptable).toBe(false);
    expect((await passphraseStrength('soleil', 'fr')).tooShort).toBe(true);
    expect((await passphraseStrength('cheval agrafe pile correcte', 'fr')).acceptable).toBe(true);
  });

  it('counts the nickname against the passphrase even typed without its accents', async () => {
    const without = await passphraseStrength('helenebeaulieu', 'fr');
    const withName = await passphraseStrength('helenebeaulieu', 'fr', ['Hélène Beaulieu']);
    expect(withName.score).toBeLessThan(without.score);
    expect(withName.acceptable).toBe(false);
  });

  it('gives advice in the language asked for', async () => {
    const fr = await passphraseStrength('azertyuiop', 'fr');
    const en = await passphraseStrength('azertyuiop', 'en');
    expect(fr.warning).not.toBe('');
    expect(fr.warning).not.toBe(en.warning);
  });

  it('without dictionaries, judges by length alone and more strictly', () => {
    expect(lengthOnlyStrength('short').acceptable).toBe(false);
    expect(lengthOnlyStrength('twelve chars').acceptable).toBe(false);
    expect(lengthOnlyStrength('fourteen chars').acceptable).toBe(true);
  });
});
