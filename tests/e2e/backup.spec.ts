import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import {
  PASSPHRASE,
  addAllergy,
  addDocument,
  createRecord,
  expectSaved,
  go,
  pdfWithText,
} from '../support/record';

test.use({ locale: 'fr-FR' });

const PRESCRIPTION = pdfWithText('Ordonnance du Dr Lefevre');

async function downloaded(page: Page, click: () => Promise<void>) {
  const download = page.waitForEvent('download');
  await click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

async function restore(page: Page, name: string, bytes: Buffer, passphrase: string) {
  const start = page.getByRole('button', { name: 'Choisir un fichier de sauvegarde' });
  if (await start.isVisible()) await start.click();
  await page
    .getByLabel('Fichier de sauvegarde')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  await page.getByLabel('Phrase secrète de la sauvegarde').fill(passphrase);
  await page.getByRole('button', { name: 'Restaurer', exact: true }).click();
}

test('a backup brings back the record, its document and its share history once deleted', async ({
  page,
}) => {
  await createRecord(page, { nickname: 'Camille' });
  await expect(page.getByTestId('backup-reminder')).toContainText(
    'Vous n’avez jamais sauvegardé ce carnet',
  );
  await addAllergy(page, 'Pénicilline', 'Urticaire');
  await addDocument(page, 'Ordonnance du Dr Lefèvre', {
    name: 'ordonnance.pdf',
    mimeType: 'application/pdf',
    buffer: PRESCRIPTION,
  });
  await go(page, '#/record/share');
  await page.getByRole('checkbox', { name: /Résumé d’urgence/ }).check();
  await page.getByRole('button', { name: 'Créer le partage' }).click();
  await page.getByRole('button', { name: 'Arrêter maintenant' }).click();
  const history = page.getByTestId('share-history');
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('Partage terminé');
  const historyBefore = await history.innerText();
  await expectSaved(page);

  // The backup, from Settings.
  await go(page, '#/settings');
  await expect(page.getByTestId('backup-last')).toHaveText('Aucune sauvegarde pour l’instant.');
  const backup = await downloaded(page, () =>
    page.getByRole('button', { name: 'Faire une sauvegarde' }).click(),
  );
  expect(backup.name).toMatch(/^carnet-\d{4}-\d{2}-\d{2}\.carnet$/);
  expect(backup.bytes.subarray(0, 13).toString('latin1')).toBe('CARNET-BACKUP');
  // Sealed: nothing the patient typed or attached is in the file in clear.
  for (const marker of ['Pénicilline', 'Camille', 'Ordonnance du Dr', 'Lefevre']) {
    expect(backup.bytes.includes(Buffer.from(marker)), marker).toBe(false);
  }
  await expect(page.getByText(`Sauvegarde enregistrée sous le nom ${backup.name}.`)).toBeVisible();
  await expect(page.getByTestId('backup-last')).toContainText('Dernière sauvegarde :');
  expect(await axeViolations(page)).toEqual([]);
  await go(page, '#/record');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Carnet de Camille');
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);

  // The record is deleted from this device.
  await go(page, '#/settings');
  await page.getByLabel(/Pour confirmer, tapez le mot/).fill('SUPPRIMER');
  await page.getByRole('button', { name: 'Supprimer définitivement' }).click();
  await expect(page).toHaveURL(/#\/open$/);
  await expect(page.getByText("Il n'y a pas encore de carnet sur cet appareil.")).toBeVisible();

  // Half the file: refused, and nothing appears.
  await restore(
    page,
    'coupée.carnet',
    backup.bytes.subarray(0, backup.bytes.length >> 1),
    PASSPHRASE,
  );
  await expect(
    page.getByRole('alert').filter({ hasText: 'Cette sauvegarde est incomplète' }),
  ).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.reload();
  await expect(page.getByText("Il n'y a pas encore de carnet sur cet appareil.")).toBeVisible();

  // A wrong passphrase: refused.
  await restore(page, backup.name, backup.bytes, 'cheval agrafe pile incorrecte');
  await expect(
    page.getByRole('alert').filter({ hasText: "Cette phrase secrète n'ouvre pas ce carnet" }),
  ).toBeVisible();

  // The right one: the record opens as it was.
  await restore(page, backup.name, backup.bytes, PASSPHRASE);
  await expect(page).toHaveURL(/#\/record$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Carnet de Camille');
  await expect(page.getByTestId('summary-allergy-list')).toContainText('Pénicilline');
  // Restored from a backup made just now: no reminder.
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);

  await go(page, '#/record/share');
  await expect(history.getByRole('listitem')).toHaveCount(2);
  expect(await history.innerText()).toBe(historyBefore);
  await expect(page.getByTestId('share-log-verdict')).toContainText('Journal intact');

  await go(page, '#/record/documents');
  const list = page.getByTestId('document-list');
  const again = await downloaded(page, () =>
    list.getByRole('button', { name: /Télécharger.*Ordonnance du Dr Lefèvre/ }).click(),
  );
  expect(again.bytes.equals(PRESCRIPTION)).toBe(true);
  await list.getByRole('link', { name: 'Ordonnance du Dr Lefèvre' }).click();
  await expect(
    page.getByRole('img', { name: 'Page 1 sur 1 de « Ordonnance du Dr Lefèvre »' }),
  ).toBeVisible();

  // Restoring it again on this device is refused while the record is here.
  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await expect(page).toHaveURL(/#\/open$/);
  await restore(page, backup.name, backup.bytes, PASSPHRASE);
  await expect(
    page.getByRole('alert').filter({ hasText: 'Ce carnet est déjà sur cet appareil' }),
  ).toBeVisible();
});
