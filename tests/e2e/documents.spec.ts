import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import { pngImage } from '../support/images';
import { flipStoredByte, vaultKeys } from '../support/raw-idb';
import {
  addAllergy,
  addDocument,
  createRecord,
  expectSaved,
  go,
  pdfWithText,
  unlock,
} from '../support/record';

test.use({ locale: 'fr-FR', colorScheme: 'light' });

/** Dark pixels on a canvas: a blank page has none, a page with a line of text has hundreds. */
function darkPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100 && data[i + 3]! > 0) dark++;
    }
    return dark;
  });
}

async function expectPdfRendered(page: Page, title: string): Promise<void> {
  const pageImage = page.getByRole('img', { name: `Page 1 sur 1 de « ${title} »` });
  await expect(pageImage).toBeVisible();
  await expect.poll(() => darkPixels(pageImage.locator('canvas'))).toBeGreaterThan(100);
}

async function downloadedBytes(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await click();
  return readFileSync(await (await download).path());
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, width } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scrollWidth, `${what}: sideways scroll at ${width}px`).toBeLessThanOrEqual(width);
}

const PRESCRIPTION = pdfWithText('Amoxicilline 1 g matin et soir pendant 6 jours');
const XRAY = pngImage(120, 80);

test('a patient adds a PDF and a photo, sorts them, reads them offline and gets them back intact', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await createRecord(page);
  await go(page, '#/record/documents');
  await expect(page.getByText('Aucun document pour le moment')).toBeVisible();

  // On a phone, the camera opens straight away.
  const camera = page.getByLabel('Prendre une photo');
  await expect(camera).toHaveAttribute('type', 'file');
  await expect(camera).toHaveAttribute('capture', 'environment');
  await expect(camera).toHaveAttribute('accept', 'image/*');

  // A PDF from the picker, opened from the keyboard; its title is the file's name until the
  // patient types one.
  await page.getByLabel('Choisir un fichier').focus();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (
    await chooser
  ).setFiles({ name: 'ordonnance-lefevre.pdf', mimeType: 'application/pdf', buffer: PRESCRIPTION });
  await expect(page.getByTestId('chosen-file')).toHaveText('ordonnance-lefevre.pdf');
  await expect(page.getByLabel(/^Titre/)).toHaveValue('ordonnance-lefevre');
  await expect(page.getByLabel(/^Titre/)).toBeFocused();
  expect(await axeViolations(page), 'the add form').toEqual([]);

  // Saving without a type is refused beside the field; the chosen file stays chosen.
  await page.getByLabel(/^Titre/).fill('Ordonnance du Dr Lefèvre');
  await page.getByRole('button', { name: 'Ajouter le document' }).click();
  const type = page.getByLabel(/^Type de document/);
  await expect(type).toHaveAttribute('aria-invalid', 'true');
  await expect(type).toBeFocused();
  await expect(page.getByText('Veuillez remplir ce champ.')).toBeVisible();
  await expect(page.getByTestId('chosen-file')).toHaveText('ordonnance-lefevre.pdf');
  expect(await axeViolations(page), 'the add form, with a problem').toEqual([]);

  await type.selectOption({ label: 'Ordonnance' });
  await expect(page.getByText('Veuillez remplir ce champ.')).toHaveCount(0);
  await page.getByLabel(/^Date du document/).fill('2023-03-14');
  await page.getByLabel(/^Auteur/).fill('Dr Lefèvre');
  await page.getByLabel(/^Mots-clés/).fill('antibiotique, ORL ,');
  await page.getByLabel(/Confidentiel/).check();
  await page.getByRole('button', { name: 'Ajouter le document' }).click();
  const list = page.getByTestId('document-list');
  const prescription = list.getByRole('listitem').filter({ hasText: 'Ordonnance du Dr Lefèvre' });
  await expect(prescription).toContainText('Ordonnance · 14 mars 2023 · Par Dr Lefèvre');
  await expect(prescription).toContainText('Confidentiel');
  await expect(prescription).toContainText('antibiotique');
  await expect(prescription).toContainText('ORL');
  await expect(prescription).toContainText(/ordonnance-lefevre\.pdf, \d+\s*octets/);
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Le document « Ordonnance du Dr Lefèvre » a été ajouté.' }),
  ).toBeVisible();
  await expect(prescription.getByRole('link')).toBeFocused();
  await expectSaved(page);

  // A photo dropped on the zone.
  const drop = page.getByTestId('document-drop');
  const dataTransfer = await page.evaluateHandle(
    (bytes) => {
      const transfer = new DataTransfer();
      const file = new File([new Uint8Array(bytes)], 'radio-genou.png', { type: 'image/png' });
      transfer.items.add(file);
      return transfer;
    },
    [...XRAY],
  );
  await drop.dispatchEvent('dragenter', { dataTransfer });
  await expect(drop).toContainText('Relâchez pour ajouter ce fichier');
  await drop.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('chosen-file')).toHaveText('radio-genou.png');
  await page.getByLabel(/^Titre/).fill('Radio du genou');
  await page.getByLabel(/^Type de document/).selectOption({ label: 'Imagerie' });
  await page.getByRole('button', { name: 'Ajouter le document' }).click();
  await expect(list).toContainText('Radio du genou');
  await expectSaved(page);

  // Newest first; then by type, by year.
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').first()).toContainText('Radio du genou');
  const thisYear = String(new Date().getFullYear());
  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Ordonnance' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Ordonnance du Dr Lefèvre');
  await expect(page.getByText('1 document', { exact: true })).toBeVisible();
  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Imagerie' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Radio du genou');
  await page.getByLabel('Année').selectOption('2023');
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByText('Aucun document ne correspond à ces choix.')).toBeVisible();
  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Tous les types' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Ordonnance du Dr Lefèvre');
  await page.getByLabel('Année').selectOption(thisYear);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Radio du genou');
  await page.getByLabel('Année').selectOption({ label: 'Toutes les années' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  expect(await axeViolations(page), 'the list').toEqual([]);

  // The download is the original, byte for byte.
  const fromList = await downloadedBytes(page, () =>
    list.getByRole('button', { name: /Télécharger.*Ordonnance du Dr Lefèvre/ }).click(),
  );
  expect(fromList.equals(PRESCRIPTION)).toBe(true);

  // The viewer draws the PDF and tells what it is.
  await list.getByRole('link', { name: 'Ordonnance du Dr Lefèvre' }).click();
  await expect(page).toHaveURL(/#\/record\/documents\/[\w-]+$/);
  await expect(page.locator('main h1')).toHaveText('Ordonnance du Dr Lefèvre');
  await expectPdfRendered(page, 'Ordonnance du Dr Lefèvre');
  await expect(page.getByText('Page 1 sur 1', { exact: true })).toBeVisible();
  const details = page.getByTestId('document-details');
  for (const shown of ['Ordonnance', '14 mars 2023', 'Dr Lefèvre', 'antibiotique, ORL', 'Oui']) {
    await expect(details).toContainText(shown);
  }
  await expect(page.getByRole('link', { name: 'Modifier ou supprimer' })).toHaveAttribute(
    'href',
    /#\/record\/entry\/[\w-]+$/,
  );
  expect(await axeViolations(page), 'the PDF viewer').toEqual([]);
  const before = await darkPixels(page.locator('main canvas'));
  await page.getByRole('button', { name: 'Agrandir' }).click();
  await expect(page.getByText('Zoom 150 %')).toBeVisible();
  await expect.poll(() => darkPixels(page.locator('main canvas'))).toBeGreaterThan(before);
  const fromViewer = await downloadedBytes(page, () =>
    page.getByRole('link', { name: "Télécharger l'original" }).click(),
  );
  expect(fromViewer.equals(PRESCRIPTION)).toBe(true);

  // The photo, shown as it is.
  await page.getByRole('link', { name: 'Tous les documents' }).click();
  await list.getByRole('link', { name: 'Radio du genou' }).click();
  const photo = page.getByRole('img', { name: 'Radio du genou' });
  await expect
    .poll(() => photo.evaluate((image: HTMLImageElement) => image.naturalWidth))
    .toBe(120);
  expect(await axeViolations(page), 'the image viewer').toEqual([]);

  // A phone, offline: the record, the list and the PDF come from this device alone.
  await page.setViewportSize({ width: 390, height: 844 });
  await context.setOffline(true);
  await page.reload();
  await unlock(page);
  await go(page, '#/record/documents');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expectNoSidewaysScroll(page, 'the list');
  await page.getByLabel('Choisir un fichier').setInputFiles({
    name: 'un-nom-de-fichier-très-long-sans-espaces-pour-voir-s-il-déborde.pdf',
    mimeType: 'application/pdf',
    buffer: PRESCRIPTION,
  });
  await expectNoSidewaysScroll(page, 'the add form');
  await page.getByRole('button', { name: 'Annuler' }).click();
  await list.getByRole('link', { name: 'Ordonnance du Dr Lefèvre' }).click();
  await expectPdfRendered(page, 'Ordonnance du Dr Lefèvre');
  await expectNoSidewaysScroll(page, 'the viewer');
  await context.setOffline(false);
});

test('a file that is not really a PDF is said so, and can still be downloaded', async ({
  page,
}) => {
  await createRecord(page);
  await go(page, '#/record/documents');
  const notPdf = Buffer.from('Ceci est du texte, pas un PDF.\n', 'utf8');
  await page.getByLabel('Choisir un fichier').setInputFiles({
    name: 'faux.pdf',
    mimeType: 'application/pdf',
    buffer: notPdf,
  });
  await page.getByLabel(/^Type de document/).selectOption({ label: 'Autre' });
  await page.getByRole('button', { name: 'Ajouter le document' }).click();
  await page.getByTestId('document-list').getByRole('link', { name: 'faux' }).click();
  await expect(page.getByText(/^Ce PDF ne peut pas être affiché/)).toBeVisible();
  const bytes = await downloadedBytes(page, () =>
    page.getByRole('link', { name: "Télécharger l'original" }).click(),
  );
  expect(bytes.equals(notPdf)).toBe(true);
  expect(await axeViolations(page), 'the viewer, with an unreadable PDF').toEqual([]);
});

test('a file too big for the space left is refused, stays chosen, and is saved once there is room', async ({
  page,
  context,
  baseURL,
}) => {
  // A device with ~6 MiB free for Carnet (Chromium applies a quota to connections opened after it).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', {
    origin: baseURL!,
    quotaSize: 6 * 1024 * 1024,
  });
  await createRecord(page);
  await addAllergy(page, 'Pénicilline');
  await go(page, '#/record/documents');
  await page.getByLabel('Choisir un fichier').setInputFiles({
    name: 'scanner.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(8 * 1024 * 1024, 7),
  });
  await page.getByLabel(/^Titre/).fill('Scanner complet');
  await page.getByLabel(/^Type de document/).selectOption({ label: 'Imagerie' });
  await page.getByRole('button', { name: 'Ajouter le document' }).click();
  await expect(page.getByText("Cet appareil n'a plus de place de stockage.")).toBeVisible();
  await expect(page.getByTestId('chosen-file')).toHaveText('scanner.pdf');
  await expect(page.getByLabel(/^Titre/)).toHaveValue('Scanner complet');
  await expect(page.getByTestId('document-list').getByRole('listitem')).toHaveCount(0);
  expect(await axeViolations(page), 'the add form, storage full').toEqual([]);

  // Room again: the same file, still chosen, goes in at the next try.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: baseURL! });
  await page.getByRole('button', { name: 'Ajouter le document' }).click();
  await expect(page.getByTestId('document-list')).toContainText('Scanner complet');
  await expect(page.getByText("Cet appareil n'a plus de place de stockage.")).toHaveCount(0);
  await expectSaved(page);

  // Nothing saved before the refusal was lost, and the retried document is there for good.
  await page.reload();
  await unlock(page);
  await expect(page.getByTestId('summary-allergy-list')).toContainText('Pénicilline');
  await go(page, '#/record/documents');
  await expect(page.getByTestId('document-list')).toContainText('Scanner complet');
});

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the list, the add form and the viewer pass axe-core', async ({ page }) => {
    await createRecord(page);
    await go(page, '#/record/documents');
    await page.getByLabel('Choisir un fichier').setInputFiles({
      name: 'ordonnance.pdf',
      mimeType: 'application/pdf',
      buffer: PRESCRIPTION,
    });
    await page.getByLabel(/Confidentiel/).check();
    await page.getByRole('button', { name: 'Ajouter le document' }).click();
    await expect(page.getByText('Veuillez remplir ce champ.')).toBeVisible();
    expect(await axeViolations(page), 'the add form, with a problem').toEqual([]);
    await page.getByLabel(/^Type de document/).selectOption({ label: 'Ordonnance' });
    await page.getByRole('button', { name: 'Ajouter le document' }).click();
    await expect(page.getByTestId('document-list')).toContainText('Confidentiel');
    expect(await axeViolations(page), 'the list').toEqual([]);
    await page.getByTestId('document-list').getByRole('link', { name: 'ordonnance' }).click();
    await expectPdfRendered(page, 'ordonnance');
    expect(await axeViolations(page), 'the viewer').toEqual([]);
  });
});

test('a damaged file is marked in the list and said so in the viewer', async ({ page }) => {
  await createRecord(page);
  const before = await vaultKeys(page, 'chunks');
  await addDocument(page, 'Analyse de sang', {
    name: 'analyse.pdf',
    mimeType: 'application/pdf',
    buffer: pdfWithText('Glycemie 0,95 g/L'),
  });
  const victim = (await vaultKeys(page, 'chunks')).find((key) => !before.includes(key))!;
  await flipStoredByte(page, 'chunks', victim, 60);
  await page.reload();
  await unlock(page);
  await go(page, '#/record/documents');
  const item = page.getByTestId('document-list').getByRole('listitem');
  await expect(item).toContainText('Fichier abîmé');
  await expect(item.getByRole('button', { name: /Télécharger/ })).toHaveCount(0);
  await item.getByRole('link', { name: 'Analyse de sang' }).click();
  await expect(page.getByRole('alert')).toContainText('Ce fichier est abîmé sur cet appareil');
  await expect(page.getByRole('link', { name: "Télécharger l'original" })).toHaveCount(0);
});
