import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import { createRecord, expectSaved, go } from '../support/record';

// Read in place from the shared sample data: the IPS implementation guide's example summary
// (7 entries: 2 treatments, 2 illnesses, 1 allergy, 2 contacts; the rest is kept as it came).
const IPS_SUMMARY = readFileSync(
  new URL('../../../shared/data/fhir/ips/IPS_IG-bundle-01.json', import.meta.url),
);

async function chooseFile(page: Page, name: string, buffer: Buffer, mimeType = 'application/json') {
  await page
    .getByLabel('Fichier à importer (.json ou .xml)')
    .setInputFiles({ name, mimeType, buffer });
}

async function expectPreviewOfSummary(page: Page) {
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('import-total')).toHaveText(
    '7 éléments seront ajoutés à votre carnet.',
  );
  const counts = preview.getByTestId('import-counts');
  await expect(counts.locator('[data-kind="medication"]')).toHaveText('2 Traitements');
  await expect(counts.locator('[data-kind="condition"]')).toHaveText('2 Maladies et antécédents');
  await expect(counts.locator('[data-kind="allergy"]')).toHaveText('1 Allergies');
  await expect(counts.locator('[data-kind="contact"]')).toHaveText('2 Contacts');
  // The "no known food allergy" and the lab results are listed with why they are not entries.
  await expect(preview.getByTestId('import-kept')).toContainText(
    'Indique qu’il n’y a rien à signaler',
  );
}

test('a FHIR patient summary is previewed, imported once, and exported back', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await createRecord(page);
  await go(page, '#/record/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Importer et exporter' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // A file that is not JSON: a clear message, nothing imported.
  await chooseFile(page, 'cassé.json', Buffer.from('{"resourceType": "Bundle", '));
  await expect(
    page.getByRole('region', { name: 'Importer un fichier' }).getByRole('alert'),
  ).toContainText('Ce fichier est illisible : ce n’est pas du JSON');
  await expect(page.getByTestId('import-preview')).toHaveCount(0);

  await chooseFile(page, 'IPS_IG-bundle-01.json', IPS_SUMMARY);
  await expect(
    page.getByRole('region', { name: 'Importer un fichier' }).getByRole('alert'),
  ).toHaveText('');
  await expectPreviewOfSummary(page);
  await expect(page.getByTestId('import-preview')).toContainText(
    'Les champs de votre identité encore vides seront remplis',
  );
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Ajouter à mon carnet' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('7 éléments ajoutés à votre carnet.');
  await expect(report).toContainText('Identité complétée');
  await expectSaved(page);
  expect(await axeViolations(page)).toEqual([]);

  await report.getByRole('link', { name: 'Voir mon profil médical' }).click();
  await expect(page).toHaveURL(/#\/record\/profile$/);
  await expect(page.getByText('Malignant tumor of breast')).toBeVisible();
  await expect(page.getByText('Black Cohosh Extract herbal supplement')).toBeVisible();

  // The same file again adds nothing.
  await go(page, '#/record/import');
  await chooseFile(page, 'IPS_IG-bundle-01.json', IPS_SUMMARY);
  await expect(page.getByTestId('import-nothing-new')).toBeVisible();
  await page.getByRole('button', { name: 'Ajouter à mon carnet' }).click();
  await expect(page.getByTestId('import-report')).toContainText('Rien de nouveau');
  await go(page, '#/record/profile');
  await expect(page.getByText('Malignant tumor of breast')).toHaveCount(1);

  // The whole record, exported, imports into a fresh record with the same counts.
  await go(page, '#/record/import');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger tout mon carnet (FHIR)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^carnet-fhir-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = readFileSync((await download.path())!);

  const other = await browser.newContext();
  const fresh = await other.newPage();
  try {
    await createRecord(fresh);
    await go(fresh, '#/record/import');
    await chooseFile(fresh, download.suggestedFilename(), exported);
    await expectPreviewOfSummary(fresh);
    await fresh.getByRole('button', { name: 'Ajouter à mon carnet' }).click();
    await expect(fresh.getByTestId('import-report')).toContainText(
      '7 éléments ajoutés à votre carnet.',
    );
    await expectSaved(fresh);
    await go(fresh, '#/record/profile');
    await expect(fresh.getByText('Malignant tumor of breast')).toBeVisible();
  } finally {
    await other.close();
  }
});

test('the import screen is in the record menu, and IPS and zip exports download', async ({
  page,
}) => {
  await createRecord(page);
  await page
    .getByRole('navigation')
    .getByRole('link', { name: 'Importer et exporter' })
    .first()
    .click();
  await expect(page).toHaveURL(/#\/record\/import$/);
  for (const [button, name] of [
    ['Télécharger ma synthèse médicale (IPS)', /^carnet-ips-.*\.json$/],
    ['Télécharger tout mon carnet et ses fichiers (zip)', /^carnet-.*\.zip$/],
  ] as const) {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: button }).click();
    expect((await downloading).suggestedFilename()).toMatch(name);
  }
});

test('on a phone, the preview fits the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await createRecord(page);
  await go(page, '#/record/import');
  await chooseFile(page, 'IPS_IG-bundle-01.json', IPS_SUMMARY);
  await expectPreviewOfSummary(page);
  const { scrollWidth, width } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(width);
  expect(await axeViolations(page)).toEqual([]);
});

test('a CDA document goes through the same screen', async ({ page }) => {
  await createRecord(page);
  await go(page, '#/record/import');
  const vaccinations = readFileSync(
    new URL('../../../shared/data/cda/VAC_2023.01.xml', import.meta.url),
  );
  await chooseFile(page, 'VAC_2023.01.xml', vaccinations, 'text/xml');
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('import-counts').locator('[data-kind="document"]')).toHaveText(
    /^1 /,
  );
  await page.getByRole('button', { name: 'Ajouter à mon carnet' }).click();
  await expect(page.getByTestId('import-report')).toContainText('ajoutés à votre carnet');
  await expectSaved(page);
});
