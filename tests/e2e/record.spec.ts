import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import { pngImage } from '../support/images';
import {
  addDocument,
  addEntry,
  createRecord,
  go,
  pdfWithText,
  unlock,
  type EntryField,
} from '../support/record';

const nextMonth = (() => {
  const date = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  return `${date.toISOString().slice(0, 10)}T14:30`;
})();

/** Every kind of entry a patient keeps, with what each one must show afterwards. */
const ENTRIES: [kind: string, fields: EntryField[], shows: string][] = [
  [
    'medication',
    [
      [/^Médicament/, 'Paracétamol'],
      [/^Posologie/, '1 g trois fois par jour'],
    ],
    'Paracétamol',
  ],
  ['condition', [[/^Maladie ou problème/, 'Asthme']], 'Asthme'],
  ['procedure', [[/^Opération ou acte/, 'Appendicectomie']], 'Appendicectomie'],
  [
    'hospitalisation',
    [
      [/^Motif/, 'Pneumonie'],
      [/^Hôpital/, 'CHU de Nantes'],
    ],
    'Pneumonie',
  ],
  [
    'allergy',
    [
      [/^Substance/, 'Pénicilline'],
      [/^Réaction/, 'Urticaire'],
      [/^Gravité/, 'Grave', 'select'],
    ],
    'Pénicilline',
  ],
  [
    'immunization',
    [
      [/^Vaccin/, 'Vaccination antigrippale'],
      [/^Dose/, 'Rappel'],
    ],
    'Vaccination antigrippale',
  ],
  ['measurement', [[/^Valeur/, '72,5']], '72,5'],
  [
    'lifestyle',
    [
      [/^Sujet/, 'Tabac', 'select'],
      [/^Situation/, 'Par le passé', 'select'],
    ],
    'Tabac',
  ],
  [
    'family-history',
    [
      [/^Membre de la famille/, 'Mère', 'select'],
      [/^Maladie/, 'Diabète de type 2'],
    ],
    'Diabète de type 2',
  ],
  [
    'appointment',
    [
      [/^Date et heure/, nextMonth],
      [/^Avec/, 'Dr Lefèvre'],
      [/^Lieu/, 'Cabinet médical'],
      [/^Motif/, 'Contrôle annuel'],
    ],
    'Contrôle annuel',
  ],
  [
    'contact',
    [
      [/^Nom/, 'Jeanne Dupont'],
      [/^Qui est-ce/, 'Personne de confiance', 'select'],
      [/^Téléphone/, '06 12 34 56 78'],
    ],
    'Jeanne Dupont',
  ],
  [
    'directive',
    [
      [/^Type de volonté/, "Don d'organes", 'select'],
      [/^Mon choix/, 'Je refuse de donner certains organes', 'select'],
    ],
    'Je refuse de donner certains organes',
  ],
];

/** Where each kind is listed: the section that must show it after a reload. */
const SECTION_OF: Record<string, string> = {
  appointment: 'agenda',
  contact: 'circle',
  directive: 'wishes',
  document: 'documents',
};

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const path = testInfo.outputPath(`screenshots/${name}-${size.width}x${size.height}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`${name} ${size.width}×${size.height}`, { path, contentType: 'image/png' });
}

test('a patient keeps one entry of every kind; all of it is there after a reload, and the PDF renders offline', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await createRecord(page);
  for (const [kind, fields] of ENTRIES) await addEntry(page, kind, fields);
  await addDocument(page, 'Ordonnance du Dr Lefèvre', {
    name: 'ordonnance.pdf',
    mimeType: 'application/pdf',
    buffer: pdfWithText('Amoxicilline 1 g matin et soir'),
  });
  await addDocument(page, 'Photo de la cicatrice', {
    name: 'cicatrice.png',
    mimeType: 'image/png',
    buffer: pngImage(),
  });

  // Offline from here: the reload, the unlock and the viewer come from this device alone.
  await context.setOffline(true);
  await page.reload();
  await unlock(page);
  for (const [kind, , shows] of ENTRIES) {
    await go(page, `#/record/${SECTION_OF[kind] ?? 'profile'}`);
    await expect(page.locator('main'), `${kind} after reload`).toContainText(shows);
  }
  await go(page, '#/record/documents');
  await expect(page.getByTestId('document-list')).toContainText('Ordonnance du Dr Lefèvre');
  await expect(page.getByTestId('document-list')).toContainText('Photo de la cicatrice');

  await page
    .getByRole('link', { name: /Ordonnance du Dr Lefèvre/ })
    .first()
    .click();
  const canvas = page.locator('main canvas').first();
  await expect(canvas).toBeVisible();
  await expect
    .poll(() =>
      canvas.evaluate((element: HTMLCanvasElement) => {
        const { data } = element
          .getContext('2d')!
          .getImageData(0, 0, element.width, element.height);
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark++;
        return dark;
      }),
    )
    .toBeGreaterThan(50);

  await go(page, '#/record/documents');
  await page
    .getByRole('link', { name: /Photo de la cicatrice/ })
    .first()
    .click();
  const image = page.locator('main img[alt*="Photo de la cicatrice"]');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  await context.setOffline(false);

  // Screenshots of the main screens, phone then desktop, for a person to look at.
  for (const size of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    for (const [name, hash] of <[string, string][]>[
      ['home', '#/record'],
      ['documents', '#/record/documents'],
      ['profile', '#/record/profile'],
      ['agenda', '#/record/agenda'],
      ['timeline', '#/record/story'],
    ]) {
      await go(page, hash);
      await expect(page.locator('main h1')).toBeVisible();
      await shot(page, testInfo, name);
    }
  }
});

test('every screen of the record passes axe-core, and an entry can be edited, binned and restored', async ({
  page,
}) => {
  await createRecord(page);
  await addEntry(page, 'medication', [[/^Médicament/, 'Lévothyrox']]);
  await go(page, '#/record/profile');
  await page
    .getByRole('link', { name: /Lévothyrox/ })
    .first()
    .click();
  await expect(page.getByTestId('entry-details')).toContainText('Lévothyrox');
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Modifier' }).click();
  await page.getByLabel(/^Posologie/).fill('75 µg le matin');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('entry-details')).toContainText('75 µg le matin');

  await page.getByRole('button', { name: 'Mettre à la corbeille' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'corbeille' })).toBeVisible();
  await go(page, '#/record/bin');
  await expect(page.getByTestId('bin-list')).toContainText('Lévothyrox');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Restaurer « Lévothyrox »' }).click();
  await expect(page.getByText('La corbeille est vide.')).toBeVisible();
  await go(page, '#/record/profile');
  await expect(page.locator('main')).toContainText('Lévothyrox');

  // A refused entry says why beside the field, and nothing is written.
  await go(page, '#/record/new/measurement');
  await page.getByLabel(/^Valeur/).fill('720');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByText("Cette valeur n'est pas possible.")).toBeVisible();
  await expect(page.getByLabel(/^Valeur/)).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);

  // From a measure's chart, the form starts on that measure and its unit.
  await go(page, '#/record/profile/measure/blood-pressure');
  await page.getByRole('link', { name: 'Ajouter une mesure' }).click();
  await expect(page.getByLabel(/^Mesure/)).toHaveValue('blood-pressure');
  await expect(page.getByLabel(/^Unité/)).toHaveValue('mm[Hg]');
  await expect(page.getByLabel(/^Systolique/)).toBeVisible();

  const screens = [
    '#/record',
    '#/record/documents',
    '#/record/profile',
    '#/record/profile/measure/weight',
    '#/record/agenda',
    '#/record/circle',
    '#/record/wishes',
    '#/record/story',
    '#/record/search',
    '#/record/bin',
    '#/record/family',
    '#/record/new/appointment',
    '#/record/new/contact',
  ];
  for (const hash of screens) {
    await go(page, hash);
    await expect(page.locator('main h1')).toBeVisible();
    expect(await axeViolations(page), hash).toEqual([]);
  }

  // 200% zoom on a phone is a 195 px wide page: nothing may need sideways scrolling.
  await page.setViewportSize({ width: 195, height: 422 });
  for (const hash of screens) {
    await go(page, hash);
    await expect(page.locator('main h1')).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, hash).toBeLessThanOrEqual(0);
  }
});

test('the record can be used from the keyboard alone', async ({ page }) => {
  await createRecord(page);
  // The record's menu is reached with Tab and followed with Enter.
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page
      .getByRole('link', { name: 'Profil médical' })
      .evaluate((link) => link === document.activeElement);
  }
  expect(found).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/record\/profile$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // An entry is added by typing, choosing with the arrow keys and pressing Enter.
  await go(page, '#/record/new/allergy');
  await page.getByLabel(/^Substance/).focus();
  await page.keyboard.type('Arachide');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Œdème');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  // Enter in a text field sends the form (a select keeps Enter for itself).
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/record\/profile$/);
  await expect(page.getByTestId('allergy-list')).toContainText('Arachide');
  await expect(page.getByTestId('allergy-list')).toContainText('Légère');
});
