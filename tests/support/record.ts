import { expect, type Page } from '@playwright/test';

/** Steps a patient takes, in French (the tests run with locale fr-FR unless they say otherwise). */
export const PASSPHRASE = 'cheval agrafe pile correcte';

/** Goes to a screen of the app; works with or without a configured baseURL. */
export async function go(page: Page, hash: string): Promise<void> {
  const current = page.url();
  await page.goto(
    current.startsWith('http') ? new URL(`/${hash}`, current).toString() : `/${hash}`,
  );
}

export async function createRecord(
  page: Page,
  options: { nickname?: string; showNickname?: boolean; passphrase?: string } = {},
): Promise<void> {
  const passphrase = options.passphrase ?? PASSPHRASE;
  await go(page, '#/create');
  if (options.nickname) await page.getByLabel('Surnom de ce carnet').fill(options.nickname);
  if (options.showNickname) await page.getByLabel('Afficher ce surnom').check();
  await page.getByLabel('Phrase secrète', { exact: true }).fill(passphrase);
  await page.getByLabel('Retapez la phrase secrète').fill(passphrase);
  await page.getByRole('button', { name: 'Créer mon carnet' }).click();
  await expect(page).toHaveURL(/#\/record$/);
  await expectSaved(page);
}

export async function unlock(page: Page, passphrase = PASSPHRASE, which?: string): Promise<void> {
  if (!/#\/(open|record)$/.test(page.url())) await go(page, '#/open');
  if (which) await page.getByRole('radio', { name: which }).check();
  await page.getByLabel('Phrase secrète').fill(passphrase);
  await page.getByRole('button', { name: 'Ouvrir', exact: true }).click();
  await expect(page.getByTestId('save-status')).toBeVisible();
}

export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

export type EntryField = [label: RegExp, value: string, how?: 'select'];

/**
 * Adds one entry through the generic form (`#/record/new/<kind>`): each field by its label (a
 * select by its option's text), then "Ajouter"; waits until the form has left and it is saved.
 */
export async function addEntry(page: Page, kind: string, fields: EntryField[]): Promise<void> {
  await go(page, `#/record/new/${kind}`);
  for (const [label, value, how] of fields) {
    const field = page.getByLabel(label);
    if (how === 'select') await field.selectOption({ label: value });
    else await field.fill(value);
  }
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page).not.toHaveURL(/#\/record\/new\//);
  await expectSaved(page);
}

/** Adds an allergy through the generic form (`#/record/new/allergy`), as a patient would. */
export async function addAllergy(
  page: Page,
  substance: string,
  reaction = '',
  severity?: 'Légère' | 'Modérée' | 'Grave',
): Promise<void> {
  await go(page, '#/record/new/allergy');
  await page.getByLabel(/^Substance/).fill(substance);
  if (reaction) await page.getByLabel(/^Réaction/).fill(reaction);
  if (severity) await page.getByLabel(/^Gravité/).selectOption({ label: severity });
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page).toHaveURL(/#\/record\/profile$/);
  await expectSaved(page);
}

/**
 * Adds a document through the documents screen: the file from the picker, then its title (the
 * type "Autre", the date today, confidential if asked), saved and listed.
 */
export async function addDocument(
  page: Page,
  title: string,
  file: { name: string; mimeType: string; buffer: Buffer },
  options: { confidential?: boolean } = {},
): Promise<void> {
  await go(page, '#/record/documents');
  await page.getByLabel('Choisir un fichier').setInputFiles(file);
  await page.getByLabel(/^Titre/).fill(title);
  await page.getByLabel(/^Type de document/).selectOption({ label: 'Autre' });
  if (options.confidential) await page.getByLabel(/Confidentiel/).check();
  await page.getByRole('button', { name: 'Ajouter le document' }).click();
  await expect(page.getByTestId('document-list')).toContainText(title);
  await expectSaved(page);
}

/** A small but real PDF with a line of text, as a scanned prescription would be. */
export function pdfWithText(text: string): Buffer {
  const stream = `BT /F1 18 Tf 40 700 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
