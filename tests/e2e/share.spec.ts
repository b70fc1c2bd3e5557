import jsQR from 'jsqr';
import type { Page } from '@playwright/test';
import { parseShareLink } from '../../src/lib/share';
import { axeViolations } from '../support/axe';
import { test, expect } from '../support/fixtures';
import {
  addAllergy,
  addDocument,
  createRecord,
  expectSaved,
  go,
  pdfWithText,
  unlock,
} from '../support/record';

test.use({ locale: 'fr-FR' });

/** Reads the QR code drawn on the share screen's canvas, as a phone camera would. */
async function scanQr(page: Page): Promise<string | null> {
  const image = await page.getByTestId('share-qr').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return { pixels: Array.from(data.data), width: data.width, height: data.height };
  });
  const code = jsQR(Uint8ClampedArray.from(image.pixels), image.width, image.height);
  return code?.data ?? null;
}

async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

test('an emergency summary is shared by a QR code, logged, and stopped', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await createRecord(page);
  await addAllergy(page, 'Pénicilline', 'Urticaire');
  await go(page, '#/record/share');
  await expect(page.getByRole('heading', { level: 1, name: 'Partager' })).toBeVisible();
  await expect(page.getByText('Aucun partage pour l’instant.')).toBeVisible();

  const create = page.getByRole('button', { name: 'Créer le partage' });
  await expect(create).toBeDisabled();
  await page.getByRole('checkbox', { name: /Résumé d’urgence/ }).check();
  await expect(page.getByTestId('share-summary')).toContainText('1 élément(s) : 1 allergie');
  await expect(page.getByLabel('Durée')).toHaveValue('30');
  await expect(page.getByRole('radio', { name: 'Voir seulement' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Usage unique' })).toBeChecked();
  expect(await axeViolations(page)).toEqual([]);

  const before = await page.evaluate(() => Date.now());
  await create.click();
  await expect(page.getByRole('img', { name: 'QR code du lien de partage' })).toBeVisible();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/^http:\/\/[^/]+\/#\/s\/[A-Za-z0-9_-]{56}$/);
  await expect.poll(() => scanQr(page)).toBe(link);
  const parsed = parseShareLink(link, before);
  expect(parsed.rights).toEqual({ view: true, download: false, deposit: false });
  expect(parsed.singleUse).toBe(true);
  expect(parsed.expiresAt).toBeGreaterThan(before + 29 * 60_000);
  expect(parsed.expiresAt).toBeLessThanOrEqual(before + 31 * 60_000);
  await expect(page.getByTestId('share-countdown')).toContainText(
    /Temps restant : (30:00|29:\d\d)/,
  );
  await expect(page.getByText(/6 chiffres/)).toBeVisible();
  await expect(page.getByText(/Gardez Carnet ouvert/)).toBeVisible();
  // Nobody has asked yet; the relay is up, so nothing is said about it.
  await expect(page.getByRole('heading', { level: 3, name: 'Professionnels' })).toBeVisible();
  await expect(page.getByText('Personne ne s’est encore connecté.')).toBeVisible();
  await expect(page.getByTestId('access-request')).toHaveCount(0);
  await expect(page.getByTestId('share-unreachable')).toHaveCount(0);
  await expect(page.getByText(/ne peut pas encore se connecter/)).toHaveCount(0);

  const history = page.getByTestId('share-history');
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history).toContainText('Partage créé : 1 allergie, jusqu’au');
  await expect(page.getByTestId('share-log-verdict')).toContainText('Journal intact');
  expect(await axeViolations(page)).toEqual([]);
  expect(await sidewaysScroll(page)).toBe(0);
  // 390 px at 200 % zoom.
  await page.setViewportSize({ width: 195, height: 844 });
  expect(await sidewaysScroll(page)).toBe(0);
  await page.setViewportSize({ width: 390, height: 844 });

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copier le lien' }).click();
  await expect(page.getByText('Lien copié.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  await page.getByRole('button', { name: 'Arrêter maintenant' }).click();
  await expect(page.getByTestId('share-qr')).toHaveCount(0);
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText(
    'Partage terminé : vous l’avez arrêté',
  );
  await expect(page.getByTestId('share-log-verdict')).toContainText('Journal intact');
  await expectSaved(page);
});

test('a share ends by itself when its time is up, logged once', async ({ page }) => {
  await page.clock.install();
  await createRecord(page);
  await addAllergy(page, 'Pénicilline');
  await go(page, '#/record/share');
  await page.getByRole('checkbox', { name: /Résumé d’urgence/ }).check();
  await page.getByLabel('Durée').selectOption('5');
  await page.getByRole('button', { name: 'Créer le partage' }).click();
  await expect(page.getByTestId('share-countdown')).toContainText(/Temps restant : (5:00|4:\d\d)/);

  await page.clock.fastForward('04:00');
  await expect(page.getByTestId('share-countdown')).toContainText(/Temps restant : (1:00|0:\d\d)/);
  await page.clock.fastForward('01:01');
  await expect(page.getByTestId('share-qr')).toHaveCount(0);
  await expect(page.getByText('Le partage est terminé : son temps est écoulé.')).toBeVisible();
  await page.clock.fastForward('00:30');
  const history = page.getByTestId('share-history');
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText(
    'Partage terminé : temps écoulé',
  );
  await expect(page.getByTestId('share-log-verdict')).toContainText('Journal intact');
});

test('a confidential document is shared only when picked one by one', async ({ page }) => {
  await createRecord(page);
  await addAllergy(page, 'Pénicilline');
  await addDocument(page, 'Radio du genou', {
    name: 'genou.pdf',
    mimeType: 'application/pdf',
    buffer: pdfWithText('Genou'),
  });
  await addDocument(
    page,
    'Compte rendu psy',
    { name: 'psy.pdf', mimeType: 'application/pdf', buffer: pdfWithText('Compte rendu') },
    { confidential: true },
  );

  await go(page, '#/record/share');
  const summary = page.getByTestId('share-summary');
  await page.getByRole('checkbox', { name: /Tout sauf le confidentiel/ }).check();
  await expect(summary).toContainText('2 élément(s) : 1 document, 1 allergie');
  await expect(summary).toContainText('1 fichier(s)');
  await page.getByRole('checkbox', { name: /Tout sauf le confidentiel/ }).uncheck();
  await page.getByRole('checkbox', { name: 'Documents', exact: true }).check();
  await expect(summary).toContainText('1 élément(s) : 1 document');

  await page.getByText(/^Documents \(2\)/).click();
  const secret = page.getByRole('checkbox', { name: /Compte rendu psy/ });
  await expect(page.locator('label').filter({ hasText: 'Compte rendu psy' })).toContainText(
    'Confidentiel',
  );
  await secret.check();
  await expect(summary).toContainText('2 élément(s) : 2 documents');
  await expect(summary).toContainText('2 fichier(s)');
  expect(await axeViolations(page)).toEqual([]);
});

test('locking the record ends its share, and another record never shows it', async ({ page }) => {
  await createRecord(page);
  await addAllergy(page, 'Pénicilline');
  await go(page, '#/record/share');
  await page.getByRole('checkbox', { name: /Résumé d’urgence/ }).check();
  await page.getByRole('button', { name: 'Créer le partage' }).click();
  await expect(page.getByTestId('share-qr')).toBeVisible();

  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await unlock(page);
  await go(page, '#/record/share');
  await expect(page.getByRole('heading', { level: 1, name: 'Partager' })).toBeVisible();
  await expect(page.getByTestId('share-history')).toContainText('Partage créé');
  // Its end was written before the record closed, so the history has no share left dangling.
  await expect(page.getByTestId('share-history')).toContainText('Partage terminé');
  await expect(page.getByTestId('share-qr')).toHaveCount(0);
});

test('the share screen says when the connection server cannot be reached', async ({ page }) => {
  // Every attempt to reach the relay is cut, as on a network that blocks it, until it is back.
  let blocked = true;
  await page.routeWebSocket(/\/signal\b/, (socket) => {
    if (blocked) socket.close();
    else socket.connectToServer();
  });
  await createRecord(page);
  await addAllergy(page, 'Pénicilline');
  await go(page, '#/record/share');
  await page.getByRole('checkbox', { name: /Résumé d’urgence/ }).check();
  await page.getByRole('button', { name: 'Créer le partage' }).click();
  await expect(page.getByTestId('share-unreachable')).toHaveText(
    'Le serveur de connexion est injoignable ; les professionnels ne peuvent pas se connecter. Vérifiez le réseau.',
  );
  expect(await axeViolations(page)).toEqual([]);

  blocked = false;
  await expect(page.getByTestId('share-unreachable')).toHaveCount(0, { timeout: 30_000 });
});

test('connection servers for sharing are edited in the settings, checked, and kept', async ({
  page,
}) => {
  await page.goto('/#/settings');
  const ice = page.getByTestId('ice-settings');
  await expect(
    ice.getByRole('heading', { name: 'Serveurs de connexion pour le partage (ICE)' }),
  ).toBeVisible();
  await expect(ice).toContainText('aucun n’est nécessaire');
  await expect(ice.getByTestId('ice-none')).toBeVisible();
  await expect(page.getByText(/choisi par qui héberge cette copie de Carnet/)).toBeVisible();

  await ice.getByRole('button', { name: 'Ajouter un serveur' }).click();
  const url = ice.getByLabel('Adresse');
  await expect(url).toBeFocused();
  await url.fill('http://x');
  await ice.getByRole('button', { name: 'Enregistrer les serveurs' }).click();
  await expect(ice.getByRole('alert')).toHaveText(
    'Certains serveurs sont à corriger avant de pouvoir être enregistrés.',
  );
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toBeFocused();
  await expect(ice).toContainText('Cette adresse doit commencer par stun:, turn: ou turns:');
  expect(await axeViolations(page)).toEqual([]);
  await page.reload();
  await expect(ice.getByTestId('ice-none')).toBeVisible();
  await expect(ice.getByTestId('ice-server')).toHaveCount(0);

  await ice.getByRole('button', { name: 'Ajouter un serveur' }).click();
  await ice.getByLabel('Adresse').fill('turn:turn.example.org:3478');
  await ice.getByLabel(/^Identifiant/).fill('patient');
  await ice.getByRole('button', { name: 'Enregistrer les serveurs' }).click();
  await expect(ice.getByLabel(/^Mot de passe/)).toHaveAttribute('aria-invalid', 'true');
  await ice.getByLabel(/^Mot de passe/).fill('s3cret');
  await ice.getByRole('button', { name: 'Ajouter un serveur' }).click();
  await ice.getByLabel('Adresse').nth(1).fill('stun:stun.example.org');
  await ice.getByRole('button', { name: 'Enregistrer les serveurs' }).click();
  await expect(ice.getByRole('status')).toHaveText('Serveurs enregistrés.');
  await expect(ice.getByRole('alert')).toHaveText('');

  await page.reload();
  await expect(ice.getByTestId('ice-server')).toHaveCount(2);
  await expect(ice.getByLabel('Adresse').first()).toHaveValue('turn:turn.example.org:3478');
  await expect(ice.getByLabel(/^Identifiant/).first()).toHaveValue('patient');
  await expect(ice.getByLabel(/^Mot de passe/).first()).toHaveValue('s3cret');
  await expect(ice.getByLabel('Adresse').nth(1)).toHaveValue('stun:stun.example.org');
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 195, height: 844 });
  expect(await sidewaysScroll(page)).toBe(0);
  await page.setViewportSize({ width: 390, height: 844 });

  await ice.getByRole('button', { name: 'Retirer le serveur 1' }).click();
  await ice.getByRole('button', { name: 'Enregistrer les serveurs' }).click();
  await expect(ice.getByRole('status')).toHaveText('Serveurs enregistrés.');
  await page.reload();
  await expect(ice.getByTestId('ice-server')).toHaveCount(1);
  await expect(ice.getByLabel('Adresse')).toHaveValue('stun:stun.example.org');
});
