import { test, expect } from '../support/fixtures';

test.describe('a French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('a newcomer sees what Carnet is and the three ways in', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Votre dossier de santé, gardé par vous',
    );
    await expect(page.getByRole('link', { name: /Créer mon carnet/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Ouvrir mon carnet/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Je suis professionnel de santé/ })).toBeVisible();
    await expect(page.getByText('Bientôt disponible')).toHaveCount(0);
  });

  test('a health professional reaches the scanner from the home page', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: /Je suis professionnel de santé/ }).click();
    await expect(page).toHaveURL(/#\/scan$/);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Scanner le code d’un patient');
    await expect(heading).toBeFocused();
    await expect(page).toHaveTitle('Scanner le code d’un patient — Carnet');
    await expect(page.getByLabel('Coller le lien')).toBeVisible();
  });

  test('switching to English is remembered after a reload', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('link', { name: /Create my record/ })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('link', { name: /Create my record/ })).toBeVisible();
    await expect(page.getByTestId('language-switch')).toHaveText('Français');
  });

  test('the language can be chosen in the settings', async ({ page }) => {
    await page.goto('/#/settings');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages');
    await page.getByRole('radio', { name: 'English' }).check();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await expect(page).toHaveTitle('Settings — Carnet');
    await page.reload();
    await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();
  });

  test('an unknown address says the page does not exist', async ({ page }) => {
    await page.goto('/#/nulle-part');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  });
});

test.describe('an English browser', () => {
  test.use({ locale: 'en-GB' });

  test('gets Carnet in English', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Your health record, kept by you',
    );
    await expect(page.getByTestId('language-switch')).toHaveText('Français');
  });

  test('shows the signaling address beside the app in the settings', async ({ page, baseURL }) => {
    await page.goto('/#/settings');
    const wsUrl = `${baseURL!.replace(/^http/, 'ws')}/signal`;
    await expect(page.getByText(wsUrl)).toBeVisible();
  });
});

test.describe('a browser in another language', () => {
  test.use({ locale: 'de-DE' });

  test('falls back to English', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
