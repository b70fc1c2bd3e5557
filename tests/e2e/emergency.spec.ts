import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import type { Page } from '@playwright/test';
import { axeViolations } from '../support/axe';
import { test, expect } from '../support/fixtures';
import { addAllergy, addEntry, createRecord, expectSaved, go, unlock } from '../support/record';

test.use({ locale: 'fr-FR' });

type Pixels = { base64: string; width: number; height: number };

/** What jsQR makes of an image's RGBA pixels. */
function decode({ base64, width, height }: Pixels): string | null {
  const pixels = new Uint8ClampedArray(Buffer.from(base64, 'base64'));
  return jsQR(pixels, width, height)?.data ?? null;
}

/**
 * A canvas's RGBA pixels, run in the page. They leave it as base64: a plain array of millions of
 * numbers takes minutes to pass.
 */
function pixelsOf(canvas: HTMLCanvasElement): Pixels {
  const { data, width, height } = canvas
    .getContext('2d')!
    .getImageData(0, 0, canvas.width, canvas.height);
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) {
    binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  }
  return { base64: btoa(binary), width, height };
}

/** Reads the QR code drawn on the emergency screen, as a phone camera would. */
async function scanQr(page: Page): Promise<string | null> {
  return decode(await page.getByTestId('emergency-qr').evaluate(pixelsOf));
}

/** Reads the QR code in a PNG: the page decodes the image onto a canvas, jsQR reads it. */
async function scanPng(page: Page, png: Buffer): Promise<string | null> {
  const canvas = await page.evaluateHandle(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    return canvas;
  }, png.toString('base64'));
  const image = await canvas.evaluate(pixelsOf);
  expect([image.width, image.height]).toEqual([1080, 1920]);
  return decode(image);
}

async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

test('the emergency card shows the chosen allergy in a QR code, on a lock-screen image and in print', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await createRecord(page);
  await addAllergy(page, 'Pénicilline', 'Œdème', 'Grave');
  await addEntry(page, 'medication', [
    [/^Médicament/, 'Lévothyrox'],
    [/^Posologie/, '75 µg le matin'],
  ]);

  // The menu leads there directly on a phone: it is not folded under "Autres rubriques".
  await go(page, '#/record');
  await page.getByRole('link', { name: 'Carte d’urgence' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Carte d’urgence' })).toBeVisible();

  // Nothing chosen yet: everything is offered, and what the record lacks is said.
  const allergies = page.getByRole('checkbox', { name: /^Allergies/ });
  await expect(allergies).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^Groupe sanguin/ })).toBeChecked();
  await expect(page.locator('label', { hasText: 'Groupe sanguin' })).toContainText(
    'Rien dans votre carnet pour l’instant',
  );
  // Only the blood group, the allergies and the treatments.
  for (const name of [
    /^Mon nom/,
    /^Maladies/,
    /^Personnes à prévenir/,
    /^Personne de confiance/,
    /^Directives/,
    /^Don d’organes/,
  ]) {
    await page.getByRole('checkbox', { name }).uncheck();
  }
  await expectSaved(page);

  const text = page.getByTestId('emergency-text');
  await expect(text).toContainText('- Pénicilline (GRAVE) : Œdème');
  await expect(text).toContainText('Traitements en cours :\n- Lévothyrox, 75 µg le matin');
  const scanned = await scanQr(page);
  expect(scanned).toContain("CARTE D'URGENCE / EMERGENCY CARD");
  expect(scanned).toContain('Pénicilline (GRAVE)');
  expect(scanned).toBe(await text.textContent());
  // The code's text alternative is that text, shown beside it.
  await expect(page.getByRole('img', { name: /QR code de la carte d’urgence/ })).toHaveAttribute(
    'aria-describedby',
    'emergency-text',
  );

  // Unticking the allergies takes them off the code, and the choice stays with the record.
  await allergies.uncheck();
  await expectSaved(page);
  await expect.poll(() => scanQr(page)).not.toContain('Pénicilline');
  expect(await scanQr(page)).toContain('Lévothyrox');
  await page.reload();
  await unlock(page);
  await go(page, '#/record/emergency');
  await expect(page.getByRole('checkbox', { name: /^Allergies/ })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^Traitements/ })).toBeChecked();
  await page.getByRole('checkbox', { name: /^Allergies/ }).check();
  await expect.poll(() => scanQr(page)).toContain('Pénicilline');

  // The lock-screen image: a PNG whose code reads the same.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger l’image pour l’écran verrouillé' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('carte-urgence.png');
  const png = readFileSync(await download.path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const fromImage = await scanPng(page, png);
  expect(fromImage).toContain('Pénicilline (GRAVE)');
  expect(fromImage).toBe(await scanQr(page));

  expect(await axeViolations(page)).toEqual([]);
  expect(await sidewaysScroll(page)).toBe(0);
  await page.setViewportSize({ width: 195, height: 844 }); // 390 px at 200 % zoom
  expect(await sidewaysScroll(page)).toBe(0);
  await page.setViewportSize({ width: 390, height: 844 });

  // Printed (on A4, about 720 px wide inside the margins): the card, and nothing else.
  await page.setViewportSize({ width: 720, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  const card = page.getByTestId('wallet-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText('Pénicilline (GRAVE)');
  await expect(page.getByRole('navigation', { name: 'Rubriques du carnet' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimer la carte' })).toBeHidden();
  // A bank card's size: 85.6 × 54 mm at 96 CSS pixels to the inch.
  const front = await card.getByRole('group', { name: 'Recto de la carte' }).boundingBox();
  expect(front!.width).toBeCloseTo((85.6 / 25.4) * 96, 0);
  expect(front!.height).toBeCloseTo((54 / 25.4) * 96, 0);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the emergency screen is accessible in English too, and asks for a choice when none is left', async ({
  page,
}) => {
  await createRecord(page);
  await addAllergy(page, 'Latex', '', 'Modérée');
  await go(page, '#/settings');
  await page.getByRole('radio', { name: 'English' }).check();
  await go(page, '#/record/emergency');
  await expect(page.getByRole('heading', { level: 1, name: 'Emergency card' })).toBeVisible();
  await expect(page.getByTestId('emergency-text')).toContainText('- Latex (moderate)');
  expect(await scanQr(page)).toContain("EMERGENCY CARD / CARTE D'URGENCE");
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page)).toEqual([]);
  // The code stays dark on light, as readers need, whatever the page's colours.
  expect(await scanQr(page)).toContain('Latex');

  for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
  await expect(page.getByText('Choose at least one thing for the card to show.')).toBeVisible();
  await expect(page.getByTestId('emergency-qr')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});
