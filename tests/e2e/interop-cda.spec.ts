import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import { addDocument, createRecord } from '../support/record';

test.use({ locale: 'fr-FR', colorScheme: 'light' });

// Read in place from the shared sample data (CI-SIS example imaging report, ANS).
const IMAGING_REPORT = readFileSync(
  new URL('../../../shared/data/cda/IMG_CR_IMG_2024.01.xml', import.meta.url),
);

async function openDocument(page: Page, title: string): Promise<void> {
  await page.getByTestId('document-list').getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, width } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scrollWidth, `sideways scroll at ${width}px`).toBeLessThanOrEqual(width);
}

test('a CDA imaging report attached as a document shows its narrative, sections and tables', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await createRecord(page);
  await addDocument(page, 'Scanner thoracique', {
    name: 'IMG_CR_IMG_2024.01.xml',
    mimeType: 'text/xml',
    buffer: IMAGING_REPORT,
  });
  await openDocument(page, 'Scanner thoracique');

  const narrative = page.getByRole('region', { name: 'Contenu de « Scanner thoracique »' });
  await expect(narrative).toBeVisible();
  // Section titles are headings, subsections one level down.
  await expect(
    narrative.getByRole('heading', { level: 2, name: 'Résultats', exact: true }),
  ).toBeVisible();
  await expect(
    narrative.getByRole('heading', { level: 3, name: 'Complications' }).first(),
  ).toBeVisible();
  // The findings are a list, as the radiologist wrote them.
  await expect(
    narrative.getByRole('listitem').filter({ hasText: "Pas d'embolie pulmonaire proximale." }),
  ).toBeVisible();
  // Tables keep their column headers.
  const technique = narrative
    .getByRole('group', { name: 'Tableau : Technique d’imagerie' })
    .first();
  await expect(technique.getByRole('columnheader', { name: "Acte d'imagerie" })).toBeVisible();
  await expect(technique.getByRole('cell', { name: 'Tomodensitométrie' })).toBeVisible();
  // The WADO link to the images keeps its words but is no link: nothing is fetched from it.
  await expect(narrative.getByText('images examen 1')).toBeVisible();
  await expect(narrative.getByRole('link')).toHaveCount(0);
  await expect(narrative.getByText('[image ou fichier joint, non affiché]')).toBeVisible();
  await expect(page.getByText('Ce type de fichier ne peut pas être affiché ici')).toHaveCount(0);

  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
});

test('a CDA narrative with a script, an iframe and outside links runs and fetches nothing', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const hostile = `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <id root="1.2.3.4.5" extension="piege"/>
  <code code="18748-4" codeSystem="2.16.840.1.113883.6.1"/>
  <title>Compte rendu piégé</title>
  <effectiveTime value="20240305"/>
  <recordTarget><patientRole><patient><name><family>PAT</family></name></patient></patientRole></recordTarget>
  <component><structuredBody><component><section>
    <title>Conclusion</title>
    <text>
      <paragraph>Examen normal.<script>alert('cda')</script></paragraph>
      <paragraph>&lt;img src="https://tracker.example/pixel.png" onerror="alert(1)"&gt;</paragraph>
      <xhtml:iframe src="https://tracker.example/frame"/>
      <xhtml:img src="https://tracker.example/img.png"/>
      <linkHtml href="https://tracker.example/images">voir les images</linkHtml>
      <renderMultiMedia referencedObject="photo"/>
    </text>
  </section></component></structuredBody></component>
</ClinicalDocument>`;
  await createRecord(page);
  await addDocument(page, 'Compte rendu piégé', {
    name: 'piege.xml',
    mimeType: 'text/xml',
    buffer: Buffer.from(hostile),
  });
  await openDocument(page, 'Compte rendu piégé');

  const narrative = page.getByRole('region', { name: 'Contenu de « Compte rendu piégé »' });
  await expect(narrative.getByText('Examen normal.')).toBeVisible();
  // Escaped markup is shown as the characters it is, never parsed.
  await expect(
    narrative.getByText('<img src="https://tracker.example/pixel.png"', { exact: false }),
  ).toBeVisible();
  await expect(narrative.getByText('voir les images')).toBeVisible();
  await expect(narrative.locator('script, iframe, img, a, object, embed')).toHaveCount(0);
  expect(dialogs).toEqual([]);
  expect(requests.filter((url) => !url.startsWith(new URL(page.url()).origin))).toEqual([]);
});
