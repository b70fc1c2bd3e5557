import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../support/fixtures';
import { OwnServer } from '../support/own-server';

test.use({ locale: 'fr-FR' });

test('a new version is offered, and applied only when the user says so', async ({ page }) => {
  const server = await OwnServer.start();
  try {
    await page.goto(`${server.origin}/`);
    await expect(
      page.getByText('Carnet est prêt à fonctionner sans connexion internet.'),
    ).toBeVisible();
    await page.getByRole('button', { name: 'OK' }).click();
    // A returning visitor: the page is now served and controlled by the installed worker.
    await page.reload();
    await expect
      .poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)))
      .toBe(true);

    // Publish a "new build": any byte change in sw.js makes the browser install a new worker.
    appendFileSync(join(server.dist, 'sw.js'), '\n// next build\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    const prompt = page.getByText('Une nouvelle version de Carnet est prête.');
    await expect(prompt).toBeVisible();
    // Nothing happens behind the user's back: the new worker waits.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.waiting?.state;
        }),
      )
      .toBe('installed');

    await Promise.all([
      page.waitForEvent('framenavigated'),
      page.getByRole('button', { name: 'Mettre à jour' }).click(),
    ]);
    await expect(page.locator('main h1')).toBeVisible();
    await expect(prompt).toBeHidden();
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return Boolean(registration?.active && !registration.waiting);
        }),
      )
      .toBe(true);
  } finally {
    await server.stop();
  }
});
