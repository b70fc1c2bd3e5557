import { test, expect } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import { addAllergy, addDocument, createRecord, pdfWithText } from '../support/record';

/** Every screen the app has today; each later issue adds its own. */
const PAGES = ['/#/', '/#/settings', '/#/create', '/#/open', '/#/record', '/#/scan', '/#/nowhere'];
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

for (const locale of ['fr-FR', 'en-US']) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${locale}, ${colorScheme}`, () => {
      test.use({ locale, colorScheme });

      for (const viewport of VIEWPORTS) {
        test(`every page passes axe-core on a ${viewport.name}`, async ({ page }) => {
          await page.setViewportSize(viewport);
          for (const path of PAGES) {
            await page.goto(path);
            await expect(page.locator('main h1')).toBeVisible();
            expect(await axeViolations(page), `${path} (${viewport.name})`).toEqual([]);
          }
        });
      }
    });
  }
}

test('the page is usable at 200% zoom on a phone: no sideways scrolling', async ({ page }) => {
  // 200% zoom of a 390 px wide phone is a 195 px wide CSS viewport.
  await page.setViewportSize({ width: 195, height: 422 });
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test('the whole home page works from the keyboard', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /Skip to content|Aller au contenu/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // From main, the first action is reachable by Tab and opens with Enter.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('home-create')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/create$/);
  await expect(page.locator('main h1')).toBeFocused();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`an open record, ${colorScheme}`, () => {
    test.use({ locale: 'fr-FR', colorScheme });

    test('the record, its settings and the unlock screen pass axe-core', async ({ page }) => {
      await createRecord(page, { nickname: 'Léa' });
      await addAllergy(page, 'Arachide', 'Œdème');
      await addDocument(page, 'Ordonnance', {
        name: 'ordonnance.pdf',
        mimeType: 'application/pdf',
        buffer: pdfWithText('Amoxicilline'),
      });
      // Typing a weak passphrase shows the strength meter and its warnings.
      await page.goto('/#/create');
      await page.getByLabel('Phrase secrète', { exact: true }).fill('azerty');
      await page.getByLabel('Retapez la phrase secrète').fill('azertz');
      await expect(page.getByText(/Solidité/)).toBeVisible();
      expect(await axeViolations(page), 'create, with warnings').toEqual([]);
      for (const path of ['/#/record', '/#/settings']) {
        await page.goto(path);
        await expect(page.locator('main h1')).toBeVisible();
        expect(await axeViolations(page), path).toEqual([]);
      }
      await page.getByRole('button', { name: 'Verrouiller' }).click();
      await createRecord(page, { passphrase: 'trampoline citron nuage bleu' });
      await page.getByRole('button', { name: 'Verrouiller' }).click();
      await expect(page.getByRole('radio')).toHaveCount(2);
      await page.getByRole('radio', { name: /Carnet de Léa|Carnet 1/ }).check();
      await page.getByLabel('Phrase secrète').fill('wrong wrong wrong');
      await page.getByRole('button', { name: 'Ouvrir', exact: true }).click();
      await expect(page.getByRole('alert')).toContainText("n'ouvre pas");
      expect(await axeViolations(page), 'unlock, two records, an error').toEqual([]);
    });
  });
}
