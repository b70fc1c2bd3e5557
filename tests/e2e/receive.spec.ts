import { randomBytes } from 'node:crypto';
import { chromium, type Page } from '@playwright/test';
import { encodeShareLink, type ShareOffer } from '../../src/lib/share';
import { axeViolations } from '../support/axe';
import { chromiumLaunchOptions } from '../support/chromium';
import { expect, ProblemLog, test, watchPage, cspViolations } from '../support/fixtures';
import { qrVideo } from '../support/qr-video';
import { TEST_ORIGIN } from '../support/server';

test.use({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });

/** A fixed "now" for the page's clock, so expiries and the countdown read the same every run. */
const NOW = Date.UTC(2030, 0, 15, 9, 0, 0);

function offer(expiresAt: number, rights: Partial<ShareOffer['rights']> = {}): ShareOffer {
  return {
    secret: new Uint8Array(randomBytes(32)),
    expiresAt,
    rights: { view: true, download: false, deposit: false, ...rights },
    singleUse: true,
  };
}

function linkFor(expiresAt: number, rights: Partial<ShareOffer['rights']> = {}): string {
  return encodeShareLink(offer(expiresAt, rights), TEST_ORIGIN);
}

/** The link with the payload character at `index` replaced by another base64url character. */
function withCharChanged(link: string, index: number): string {
  const at = link.indexOf('#/s/') + 4 + index;
  const replacement = link[at] === 'A' ? 'B' : 'A';
  return link.slice(0, at) + replacement + link.slice(at + 1);
}

async function open(page: Page, link: string): Promise<void> {
  await page.clock.install({ time: NOW });
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossier de santé partagé');
}

async function expectProblem(page: Page, title: string, next: string | RegExp): Promise<void> {
  const alert = page.getByTestId('link-problem');
  await expect(alert.getByRole('heading')).toHaveText(title);
  await expect(alert).toContainText(next);
  await expect(page.getByRole('button', { name: "Demander l'accès" })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
}

/** A 390px phone at 200% zoom lays out 195 CSS pixels: nothing may need a sideways scroll. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 195, height: 422 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  if (size) await page.setViewportSize(size);
}

test('a valid link shows its rights, a running countdown and the identity form', async ({
  page,
}) => {
  await open(page, linkFor(NOW + 10 * 60_000, { download: true }));
  await page.clock.pauseAt(NOW + 60_000);
  await expect(page.getByTestId('countdown')).toHaveText('9:00');
  await page.clock.runFor(1000);
  await expect(page.getByTestId('countdown')).toHaveText('8:59');

  const rights = page.getByTestId('rights');
  await expect(rights).toContainText('Consulter les éléments et documents partagés');
  await expect(rights).toContainText('Télécharger les documents partagés');
  await expect(rights).not.toContainText('Envoyer un document');
  await expect(page.getByText("Rien n'est enregistré sur cet appareil.")).toBeVisible();
  await expect(page.getByLabel('Votre nom')).toBeVisible();
  await expect(page.getByLabel('Profession', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Numéro RPPS (facultatif)')).toBeVisible();
  // axe waits on timers of its own: let time flow again.
  await page.clock.resume();
  expect(await axeViolations(page)).toEqual([]);
  await expectNoSidewaysScroll(page);

  // The clock passes the expiry while the page is open: the form gives way to the explanation.
  await page.clock.fastForward('09:00');
  await expectProblem(
    page,
    'Ce lien a expiré',
    'Demandez au patient de vous montrer un nouveau code.',
  );
  await expect(page.getByTestId('link-problem')).toContainText('15 janvier 2030 à 10:10');
});

test('the identity form refuses a bad RPPS, then waits for the patient', async ({ page }) => {
  await open(page, linkFor(NOW + 10 * 60_000, { deposit: true }));
  await expect(page.getByTestId('rights')).toContainText('Envoyer un document au patient');

  await page.getByRole('button', { name: "Demander l'accès" }).click();
  await expect(page.getByRole('alert')).toContainText('Certains champs sont à corriger.');
  await expect(page.getByLabel('Votre nom')).toBeFocused();
  await expect(page.getByText('Obligatoire.')).toHaveCount(2);

  await page.getByLabel('Votre nom').fill('Dr Claire Martin');
  await page.getByLabel('Profession', { exact: true }).fill('Médecin généraliste');
  await page.getByLabel('Numéro RPPS (facultatif)').fill('1234');
  await page.getByRole('button', { name: "Demander l'accès" }).click();
  await expect(page.getByLabel('Numéro RPPS (facultatif)')).toBeFocused();
  await expect(page.getByLabel('Numéro RPPS (facultatif)')).toHaveAccessibleDescription(
    /Un numéro RPPS compte exactement 11 chiffres\./,
  );
  await expect(page.getByText('Obligatoire.')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);

  await page.getByLabel('Numéro RPPS (facultatif)').fill('10123456789');
  await page.getByRole('button', { name: "Demander l'accès" }).click();
  // Nobody shares this link: the page reaches the relay, then waits for the patient's device.
  const status = page.getByTestId('reception-status');
  await expect(status).toHaveAttribute('data-link', 'waiting-for-patient');
  await expect(status).toContainText("En attente de l'appareil du patient…");
  await expect(status.getByRole('heading')).toBeFocused();
  await expect(page.getByTestId('countdown')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Nothing of this visit was kept on the device.
  const stored = await page.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    databases: (await indexedDB.databases()).map((database) => database.name),
  }));
  expect(stored).toEqual({ local: [], session: [], databases: [] });

  // The professional gives up before the patient answers.
  await page.getByRole('button', { name: 'Annuler' }).click();
  const ended = page.getByTestId('reception-ended');
  await expect(ended).toHaveAttribute('data-reason', 'left');
  await expect(ended.getByRole('heading')).toHaveText('Vous avez quitté le partage');
  await expect(page.getByTestId('reception-status')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});

test('an expired link says since when, and to ask for a new code', async ({ page }) => {
  await open(page, linkFor(NOW - 60 * 60_000));
  await expectProblem(
    page,
    'Ce lien a expiré',
    'Demandez au patient de vous montrer un nouveau code.',
  );
  await expect(page.getByTestId('link-problem')).toContainText(
    "Il était utilisable jusqu'au 15 janvier 2030 à 09:00.",
  );
});

test('a link cut short asks to scan again', async ({ page }) => {
  await open(page, linkFor(NOW + 60_000).slice(0, -7));
  await expectProblem(page, 'Ce lien est incomplet', 'Scannez à nouveau le code du patient');
});

test('a link with a changed tag or expiry is called altered', async ({ page }) => {
  const link = linkFor(NOW + 60_000);
  await open(page, withCharChanged(link, 55));
  await expectProblem(page, 'Ce lien a été modifié', "Ne l'utilisez pas.");

  // Byte 33 onwards is the expiry: character 46 carries bits of its third byte.
  await page.goto(withCharChanged(link, 46));
  await expectProblem(page, 'Ce lien a été modifié', "Ne l'utilisez pas.");
});

test('text that is no Carnet link is called mistyped', async ({ page }) => {
  await open(page, `${linkFor(NOW + 60_000)}AAAA`);
  await expectProblem(
    page,
    "Ce n'est pas un lien de partage Carnet",
    'Le lien est incomplet ou mal saisi.',
  );
});

test('a link from a newer Carnet asks to update', async ({ page }) => {
  // link.ts: byte 0 is the version; 0x02 is reserved for the next format. 42 bytes in all.
  const bytes = Buffer.concat([Buffer.from([0x02]), randomBytes(41)]);
  await open(page, `${TEST_ORIGIN}/#/s/${bytes.toString('base64url')}`);
  await expectProblem(
    page,
    "Ce lien vient d'une version plus récente de Carnet",
    'Mettez Carnet à jour',
  );
});

test('a link pasted on the scan page opens the receive page', async ({ page }) => {
  await page.clock.install({ time: NOW });
  await page.goto('/#/scan');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scanner le code d’un patient');
  // This browser has no camera: the page says so and offers the paste field.
  await expect(page.getByTestId('camera-problem')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await expectNoSidewaysScroll(page);

  await page.getByLabel('Coller le lien').fill('pas un lien');
  await page.getByRole('button', { name: 'Ouvrir le lien' }).click();
  await expect(page.getByLabel('Coller le lien')).toHaveAccessibleDescription(
    'Ceci ne ressemble pas à un lien de partage Carnet.',
  );

  await page.getByLabel('Coller le lien').fill(` ${linkFor(NOW + 10 * 60_000)}\n`);
  await page.getByRole('button', { name: 'Ouvrir le lien' }).click();
  await expect(page).toHaveURL(/#\/s\/[A-Za-z0-9_-]{56}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossier de santé partagé');
  await expect(page.getByRole('button', { name: "Demander l'accès" })).toBeVisible();
});

test('the scan page reads a code through the camera and opens the link', async () => {
  const link = linkFor(Date.now() + 10 * 60_000, { download: true });
  const browser = await chromium.launch(
    chromiumLaunchOptions([
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${qrVideo(link)}`,
    ]),
  );
  try {
    const context = await browser.newContext({ locale: 'fr-FR', baseURL: TEST_ORIGIN });
    const page = await context.newPage();
    const log = new ProblemLog();
    await watchPage(page, log);
    // Keep a hand on every camera stream the page opens, to see it stopped once the page is left.
    await page.addInitScript(() => {
      const streams: MediaStream[] = [];
      Object.assign(window, { cameraStreams: streams });
      const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        const stream = await open(constraints);
        streams.push(stream);
        return stream;
      };
    });
    await page.goto('/#/scan');
    await expect(page).toHaveURL(link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossier de santé partagé');
    await expect(page.getByTestId('rights')).toContainText('Télécharger les documents partagés');
    const tracks = await page.evaluate(() =>
      (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams.flatMap((stream) =>
        stream.getTracks().map((track) => track.readyState),
      ),
    );
    expect(tracks.length).toBeGreaterThan(0);
    expect(tracks).toEqual(tracks.map(() => 'ended'));
    log.collect(await cspViolations(page));
    expect(log.unexpected()).toEqual([]);
  } finally {
    await browser.close();
  }
});
