import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import { PASSPHRASE, addAllergy, createRecord, go, unlock } from '../support/record';

test.use({ locale: 'fr-FR' });

function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

const CHILD_PASSPHRASE = 'girafe violette trampoline nuage';
const GRANDPA_PASSPHRASE = 'pipe vieux chêne barque soleil';

test("a parent opens a child's record with no passphrase and comes back; locked, the child's record opens only with its own", async ({
  page,
}) => {
  const heading = page.getByRole('heading', { level: 1 });
  const banner = page.getByTestId('family-banner');
  await createRecord(page, { nickname: 'Maman' });
  await go(page, '#/record/family');
  await expect(heading).toHaveText('Carnets de la famille');
  await expect(page.getByText("Aucun carnet n'est encore relié à celui-ci.")).toBeVisible();

  await page.getByLabel('Prénom ou surnom').fill('Léa');
  await page.getByLabel('Phrase secrète de son carnet', { exact: true }).fill(CHILD_PASSPHRASE);
  await page.getByLabel('Retapez la phrase secrète de son carnet').fill(CHILD_PASSPHRASE);
  await page.getByRole('button', { name: 'Créer son carnet' }).click();
  await expect(page.getByText('Le carnet de Léa est créé et relié au vôtre.')).toBeVisible();
  await expect(page.getByTestId('family-list')).toContainText('Léa');

  // Opened from the parent's record: no passphrase asked, and the screen says whose record it is.
  await page.getByRole('button', { name: 'Ouvrir le carnet de Léa' }).click();
  await expect(page).toHaveURL(/#\/record$/);
  await expect(heading).toHaveText('Carnet de Léa');
  await expect(banner).toContainText('Vous consultez le carnet de Léa depuis le carnet de Maman.');
  await addAllergy(page, 'Arachide', 'Urticaire');
  await expect(page.getByRole('main')).toContainText('Arachide');

  await page.getByRole('button', { name: 'Revenir au carnet de Maman' }).click();
  await expect(heading).toHaveText('Carnets de la famille');
  await expect(banner).toHaveCount(0);
  await go(page, '#/record/profile');
  await expect(heading).toHaveText('Profil médical');
  await expect(page.getByRole('main')).not.toContainText('Arachide');
  await go(page, '#/record');
  await expect(heading).toHaveText('Carnet de Maman');

  // Locking from the child's record closes both.
  await go(page, '#/record/family');
  await page.getByRole('button', { name: 'Ouvrir le carnet de Léa' }).click();
  await expect(heading).toHaveText('Carnet de Léa');
  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await expect(page).toHaveURL(/#\/open$/);
  await go(page, '#/record');
  await expect(heading).toHaveText('Ouvrir mon carnet');

  // On its own, the child's record opens with its passphrase, not with the parent's.
  await page.getByRole('radio', { name: 'Carnet 2' }).check();
  await page.getByLabel('Phrase secrète').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Ouvrir', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText("Cette phrase secrète n'ouvre pas ce carnet");
  await unlock(page, CHILD_PASSPHRASE, 'Carnet 2');
  await expect(heading).toHaveText('Carnet de Léa');
  await expect(banner).toHaveCount(0);
  await go(page, '#/record/profile');
  await expect(page.getByRole('main')).toContainText('Arachide');
});

test('linking a record of this device takes its passphrase once; a wrong one is refused', async ({
  page,
}) => {
  const heading = page.getByRole('heading', { level: 1 });
  const list = page.getByTestId('family-list');
  await createRecord(page, { nickname: 'Papi', passphrase: GRANDPA_PASSPHRASE });
  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await createRecord(page, { nickname: 'Maman' });
  // At 200% zoom on a phone (a 195 px wide viewport), nothing on the way scrolls sideways.
  await page.setViewportSize({ width: 195, height: 422 });
  await go(page, '#/record/family');
  await expect(heading).toHaveText('Carnets de la famille');
  expect(await sidewaysScroll(page)).toBe(0);
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('radio', { name: 'Carnet 1' }).check();
  await page.getByLabel('Phrase secrète du carnet choisi').fill('pas la bonne phrase du tout');
  await page.getByRole('button', { name: 'Relier', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText(
    "Cette phrase secrète n'ouvre pas ce carnet",
  );
  await expect(page.getByText("Aucun carnet n'est encore relié à celui-ci.")).toBeVisible();

  await page.getByLabel('Phrase secrète du carnet choisi').fill(GRANDPA_PASSPHRASE);
  await page.getByRole('button', { name: 'Relier', exact: true }).click();
  await expect(page.getByText('Le carnet de Papi est relié au vôtre.')).toBeVisible();
  await expect(list).toContainText('Papi');
  await expect(
    page.getByText("Il n'y a pas d'autre carnet à relier sur cet appareil."),
  ).toBeVisible();
  expect(await sidewaysScroll(page)).toBe(0);
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Ouvrir le carnet de Papi' }).click();
  await expect(heading).toHaveText('Carnet de Papi');
  expect(await sidewaysScroll(page)).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Revenir au carnet de Maman' }).click();
  await expect(heading).toHaveText('Carnets de la famille');

  // Removing the link leaves the record on the device, to be linked again with its passphrase.
  await page.getByRole('button', { name: 'Retirer le lien avec le carnet de Papi' }).click();
  await page.getByRole('button', { name: 'Oui, retirer le lien' }).click();
  await expect(page.getByText("Le carnet de Papi n'est plus relié au vôtre.")).toBeVisible();
  await expect(page.getByText("Aucun carnet n'est encore relié à celui-ci.")).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Carnet 1' })).toBeVisible();
});
