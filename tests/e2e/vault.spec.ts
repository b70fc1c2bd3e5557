import { test, expect } from '../support/fixtures';
import { findMarkersAtRest, flipStoredByte, vaultKeys } from '../support/raw-idb';
import {
  PASSPHRASE,
  addAllergy,
  addDocument,
  go,
  createRecord,
  pdfWithText,
  unlock,
} from '../support/record';

test.use({ locale: 'fr-FR' });

test('nothing the patient typed or attached is readable at rest', async ({ page }) => {
  await createRecord(page, { nickname: 'MARQUEUR-SURNOM' });
  await addAllergy(page, 'MARQUEUR-ALLERGIE', 'MARQUEUR-REACTION');
  await addDocument(page, 'MARQUEUR-TITRE', {
    name: 'MARQUEUR-FICHIER.pdf',
    mimeType: 'application/pdf',
    buffer: pdfWithText('MARQUEUR-CONTENU du compte rendu'),
  });
  // Compacted state must hold up as well as the update log.
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Carnet de MARQUEUR-SURNOM');

  const markers = ['MARQUEUR', 'SURNOM', 'ALLERGIE', 'REACTION', 'TITRE', 'FICHIER', 'CONTENU'];
  expect(await findMarkersAtRest(page, markers)).toEqual([]);
  // The search itself works: it finds what it is looking for where it is in clear.
  await page.evaluate(() => localStorage.setItem('probe', 'MARQUEUR-TEST'));
  expect(await findMarkersAtRest(page, ['MARQUEUR-TEST'])).toEqual(['localStorage: MARQUEUR-TEST']);
  await page.evaluate(() => localStorage.removeItem('probe'));
});

test('a wrong passphrase is refused plainly, and the right one opens the record', async ({
  page,
}) => {
  await createRecord(page);
  await addAllergy(page, 'Pénicilline');
  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await expect(page).toHaveURL(/#\/open$/);
  await page.getByLabel('Phrase secrète').fill('cheval agrafe pile incorrecte');
  await page.getByRole('button', { name: 'Ouvrir', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText("Cette phrase secrète n'ouvre pas ce carnet");
  await unlock(page);
  await expect(page.getByTestId('summary-allergy-list')).toContainText('Pénicilline');
});

test('a damaged entry is named, and the rest of the record opens', async ({ page }) => {
  await createRecord(page);
  await addAllergy(page, 'Latex');
  const before = await vaultKeys(page, 'updates');
  await addAllergy(page, 'Arachide');
  const victim = (await vaultKeys(page, 'updates')).find((key) => !before.includes(key))!;
  await addAllergy(page, 'Pollen de bouleau');

  await flipStoredByte(page, 'updates', victim, 40);
  await page.reload();
  await unlock(page);

  const notice = page.getByTestId('damage-notice');
  await expect(notice).toContainText('Une partie de votre carnet est endommagée');
  await expect(notice).toContainText("Une modification de « Arachide » n'a pas pu être lue.");
  const allergies = page.getByTestId('summary-allergy-list');
  await expect(allergies).toContainText('Latex');
  await expect(allergies).toContainText('Pollen de bouleau');
  await expect(allergies).not.toContainText('Arachide');
});

test('a damaged file is named and cannot be opened; the other files can', async ({ page }) => {
  await createRecord(page);
  await addDocument(page, 'Radio du genou', {
    name: 'radio-genou.pdf',
    mimeType: 'application/pdf',
    buffer: pdfWithText('Radio du genou gauche'),
  });
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

  await expect(page.getByTestId('damage-notice')).toContainText(
    'Le fichier « analyse.pdf » est abîmé et ne peut pas être ouvert.',
  );
  await go(page, '#/record/documents');
  const documents = page.getByTestId('document-list');
  await expect(
    documents.getByRole('listitem').filter({ hasText: 'Analyse de sang' }),
  ).toContainText('Fichier abîmé');
  const download = page.waitForEvent('download');
  await documents.getByRole('button', { name: /Télécharger.*Radio du genou/ }).click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(file).toString('latin1')).toContain('Radio du genou gauche');
});

test('two tabs on the same record see each other’s edits and lose none', async ({
  page,
  context,
}) => {
  await createRecord(page);
  const second = await context.newPage();
  await second.goto('/#/open');
  await unlock(second);

  await addAllergy(page, 'Ibuprofène');
  await expect(second.getByTestId('summary-allergy-list')).toContainText('Ibuprofène');
  await addAllergy(second, 'Aspirine');
  await expect(page.getByTestId('allergy-list')).toContainText('Aspirine');

  await page.reload();
  await unlock(page);
  for (const name of ['Ibuprofène', 'Aspirine']) {
    await expect(page.getByTestId('summary-allergy-list')).toContainText(name);
  }
  await second.close();
});

test('the record locks itself after the chosen time without activity', async ({ page }) => {
  await page.clock.install();
  await createRecord(page);
  await page.goto('/#/settings');
  await page.getByLabel('Verrouiller automatiquement après').selectOption('2');
  await expect(page.getByText('Enregistré.')).toBeVisible();
  await page.clock.fastForward('01:50');
  await expect(page.getByRole('button', { name: 'Verrouiller' })).toBeVisible();
  await page.clock.fastForward('00:20');
  await expect(page).toHaveURL(/#\/open$/);
  await expect(
    page.getByText('Votre carnet a été verrouillé après un moment sans activité.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Verrouiller' })).toBeHidden();
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon carnet');
});

test('changing the passphrase: the old one stops working, the record stays', async ({ page }) => {
  await createRecord(page);
  await addAllergy(page, 'Lactose');
  await page.goto('/#/settings');
  await page.getByLabel('Phrase secrète actuelle').fill(PASSPHRASE);
  await page
    .getByLabel('Nouvelle phrase secrète', { exact: true })
    .fill('girafe orange velo montagne');
  await page.getByLabel('Nouvelle phrase secrète, à nouveau').fill('girafe orange velo montagne');
  await page.getByRole('button', { name: 'Changer la phrase secrète' }).click();
  await expect(page.getByText('La phrase secrète a été changée.')).toBeVisible();

  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await page.getByLabel('Phrase secrète').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Ouvrir', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText("n'ouvre pas ce carnet");
  await unlock(page, 'girafe orange velo montagne');
  await expect(page.getByTestId('summary-allergy-list')).toContainText('Lactose');
});

test('a very weak passphrase is refused', async ({ page }) => {
  await page.goto('/#/create');
  await page.getByLabel('Phrase secrète', { exact: true }).fill('azertyuiop');
  await page.getByLabel('Retapez la phrase secrète').fill('azertyuiop');
  await expect(page.getByText(/Solidité : (très )?faible/)).toBeVisible();
  await expect(page.getByText('trop facile à deviner')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Créer mon carnet' })).toBeDisabled();
});

test('a parent and a child each have a record; names show only where chosen', async ({ page }) => {
  await createRecord(page, { nickname: 'Maman' });
  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await createRecord(page, {
    nickname: 'Léa',
    showNickname: true,
    passphrase: 'trampoline citron nuage bleu',
  });
  await addAllergy(page, 'Arachide');
  await page.getByRole('button', { name: 'Verrouiller' }).click();

  const choices = page
    .getByRole('radiogroup')
    .or(page.getByRole('group', { name: 'Quel carnet ?' }));
  await expect(choices).toContainText('Carnet 1');
  await expect(choices).toContainText('Léa');
  await expect(choices).not.toContainText('Maman');

  await unlock(page, PASSPHRASE, 'Carnet 1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Carnet de Maman');
  await expect(page.getByText('Aucune allergie enregistrée.')).toBeVisible();
});

test('deleting a record erases it from the device and no other', async ({ page }) => {
  await createRecord(page, { nickname: 'Gardé', passphrase: 'trampoline citron nuage bleu' });
  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await createRecord(page);
  await addAllergy(page, 'Pénicilline');
  await page.goto('/#/settings');
  await page.getByLabel('Pour confirmer, tapez le mot SUPPRIMER').fill('supprimer');
  await page.getByRole('button', { name: 'Supprimer définitivement' }).click();
  await expect(page).toHaveURL(/#\/open$/);
  await expect(page.getByText('Le carnet a été supprimé de cet appareil.')).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(0);
  await unlock(page, 'trampoline citron nuage bleu');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Carnet de Gardé');
  expect(await vaultKeys(page, 'headers')).toHaveLength(1);
});

test.describe('a browser that cannot store anything', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() =>
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }),
    );
  });

  test('says so clearly instead of pretending', async ({ page }) => {
    await page.goto('/#/open');
    await expect(page.getByRole('alert')).toContainText(
      'Ce navigateur ne peut pas conserver votre carnet',
    );
  });
});
