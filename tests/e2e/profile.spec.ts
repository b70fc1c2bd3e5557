import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import {
  addEntry,
  createRecord,
  expectSaved,
  go,
  unlock,
  type EntryField as Field,
} from '../support/record';

const weight = (date: string, value: string, unit = 'kg'): Field[] => [
  [/^Date et heure/, date],
  [/^Valeur/, value],
  [/^Unité/, unit, 'select'],
];

const pressure = (date: string, systolic: string, diastolic: string): Field[] => [
  [/^Mesure/, 'Tension artérielle', 'select'],
  [/^Date et heure/, date],
  [/^Systolique/, systolic],
  [/^Diastolique/, diastolic],
];

async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

test('a patient fills in the medical profile: identity, and every section lists its entries', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await createRecord(page);
  await go(page, '#/record/profile');
  await expect(page.getByTestId('profile-allergies')).toContainText('Aucune allergie enregistrée.');
  expect(await axeViolations(page), 'empty profile').toEqual([]);

  // Identity: a wrong INS key is refused beside the field, and nothing is saved.
  await page.getByRole('button', { name: 'Modifier mon identité' }).click();
  await page.getByLabel('Nom de naissance').fill('Martin');
  await page.getByLabel('Prénoms').fill('Claire Marie');
  await page.getByLabel('Date de naissance').fill('1955-08-14');
  await page.getByLabel('Sexe').selectOption({ label: 'Féminin' });
  await page.getByLabel('Groupe sanguin').selectOption({ label: 'A+' });
  const ins = page.getByLabel(/^Matricule INS/);
  await ins.fill('2 55 08 14 168 025 39');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(ins).toHaveAttribute('aria-invalid', 'true');
  await expect(ins).toHaveAccessibleDescription(/Ce numéro n'est pas valide/);
  await expect(ins).toBeFocused();
  expect(await axeViolations(page), 'identity form with an error').toEqual([]);
  await ins.fill('2 55 08 14 168 025 38');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('identity-ins')).toHaveText('2 55 08 14 168 025 38');
  await expect(page.getByTestId('identity-familyName')).toHaveText('Martin');
  await expect(page.getByTestId('identity-birthDate')).toHaveText('14 août 1955');
  await expect(page.getByTestId('identity-sex')).toHaveText('Féminin');
  await expect(page.getByTestId('identity-bloodGroup')).toHaveText('A+');
  await expectSaved(page);

  // The section's own link opens the generic form.
  await page.getByRole('link', { name: 'Ajouter une allergie' }).click();
  await expect(page).toHaveURL(/#\/record\/new\/allergy$/);
  await addEntry(page, 'allergy', [
    [/^Substance/, 'Pénicilline'],
    [/^Réaction/, 'Urticaire géante'],
    [/^Gravité/, 'Grave', 'select'],
  ]);
  await addEntry(page, 'allergy', [
    [/^Substance/, 'Acariens'],
    [/^Gravité/, 'Légère', 'select'],
  ]);
  await addEntry(page, 'medication', [
    [/^Médicament/, 'Metformine'],
    [/^Posologie/, '500 mg matin et soir'],
  ]);
  await addEntry(page, 'medication', [
    [/^Médicament/, 'Amoxicilline'],
    [/^Statut/, 'Terminé', 'select'],
  ]);
  await addEntry(page, 'condition', [[/^Maladie ou problème/, 'Asthme']]);
  await addEntry(page, 'procedure', [
    [/^Opération ou acte/, 'Appendicectomie'],
    [/^Date/, '1998-04-02'],
  ]);
  await addEntry(page, 'hospitalisation', [
    [/^Motif/, 'Pneumonie'],
    [/^Hôpital/, 'CHU de Nantes'],
  ]);
  await addEntry(page, 'immunization', [
    [/^Vaccin/, 'DTPolio'],
    [/^Dose/, 'Rappel'],
    [/^Prochaine dose/, '2034-05-01'],
  ]);
  await addEntry(page, 'measurement', weight('2024-03-10T08:00', '71,4'));
  await addEntry(page, 'lifestyle', [
    [/^Sujet/, 'Tabac', 'select'],
    [/^Situation/, 'Par le passé', 'select'],
    [/^Précisions/, 'Arrêt en 2010'],
  ]);
  await addEntry(page, 'family-history', [
    [/^Membre de la famille/, 'Mère', 'select'],
    [/^Maladie/, 'Diabète de type 2'],
  ]);

  // Each entry is in its own section; the severe allergy says so in words, first.
  const allergies = page.getByTestId('allergy-list').getByRole('listitem');
  await expect(allergies).toHaveCount(2);
  await expect(allergies.first()).toContainText('Pénicilline');
  await expect(allergies.first()).toContainText('Urticaire géante');
  await expect(allergies.first()).toContainText('Gravité : Grave');
  await expect(allergies.nth(1)).toContainText('Gravité : Légère');
  await expect(page.getByTestId('profile-current-treatments')).toContainText('Metformine');
  await expect(page.getByTestId('profile-current-treatments')).toContainText(
    '500 mg matin et soir',
  );
  await expect(page.getByTestId('profile-current-treatments')).not.toContainText('Amoxicilline');
  await expect(page.getByTestId('profile-past-treatments')).toContainText('Amoxicilline');
  await expect(page.getByTestId('profile-conditions')).toContainText('Asthme');
  await expect(page.getByTestId('profile-procedures')).toContainText('Appendicectomie');
  await expect(page.getByTestId('profile-procedures')).toContainText('2 avril 1998');
  await expect(page.getByTestId('profile-hospitalisations')).toContainText('Pneumonie');
  await expect(page.getByTestId('profile-vaccinations')).toContainText('DTPolio');
  await expect(page.getByTestId('profile-vaccinations')).toContainText(
    'Prochaine dose prévue le 1 mai 2034',
  );
  await expect(page.getByTestId('profile-measurements')).toContainText('Poids');
  await expect(page.getByTestId('profile-measurements')).toContainText('71,4 kg');
  await expect(page.getByTestId('profile-lifestyle')).toContainText('Tabac');
  await expect(page.getByTestId('profile-lifestyle')).toContainText('Par le passé');
  await expect(page.getByTestId('profile-family-history')).toContainText('Diabète de type 2');
  await expect(page.getByTestId('profile-family-history')).toContainText('Mère');

  // The page's contents lead to each section.
  await page
    .getByRole('navigation', { name: 'Sur cette page' })
    .getByRole('link', { name: 'Antécédents familiaux' })
    .click();
  await expect(page.getByRole('heading', { name: 'Antécédents familiaux' })).toBeFocused();
  await expect(page).toHaveURL(/#\/record\/profile$/);

  expect(await axeViolations(page), 'full profile').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page), 'full profile, dark').toEqual([]);
  expect(await sidewaysScroll(page), 'phone').toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 195, height: 422 });
  expect(await sidewaysScroll(page), '200% zoom').toBeLessThanOrEqual(0);

  // The identity is kept in the record with the rest.
  await page.reload();
  await unlock(page);
  await go(page, '#/record/profile');
  await expect(page.getByTestId('identity-ins')).toHaveText('2 55 08 14 168 025 38');
});

test('a measure’s chart plots its readings over time, blood pressure as two series', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await createRecord(page);
  await go(page, '#/record/profile/measure/weight');
  await expect(page.getByTestId('chart-empty')).toBeVisible();

  await addEntry(page, 'measurement', weight('2024-01-10T08:00', '72,5'));
  await addEntry(page, 'measurement', weight('2024-02-10T08:00', '71'));
  // Pounds, drawn in kilograms with the others: 154 lb = 69.85 kg.
  await addEntry(page, 'measurement', weight('2024-03-10T08:00', '154', 'lb'));
  await addEntry(page, 'measurement', pressure('2024-03-01T09:00', '135', '85'));
  await addEntry(page, 'measurement', pressure('2024-03-08T09:00', '128', '82'));

  const tiles = page.getByTestId('measure-tiles');
  await expect(tiles).toContainText('154 lb');
  await expect(tiles).toContainText('128/82 mmHg');
  await tiles.getByRole('link', { name: /Poids/ }).click();
  await expect(page).toHaveURL(/#\/record\/profile\/measure\/weight$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Poids');

  const chart = page.getByRole('img', { name: 'Poids' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('.point')).toHaveCount(3);
  await expect(chart).toHaveAccessibleDescription(
    /3 mesures, du 10 janvier 2024 à 08:00 au 10 mars 2024 à 08:00/,
  );
  await expect(page.getByText('Valeurs de 69,85 à 72,5 kg.', { exact: true })).toBeVisible();
  // The line goes down: each point lower (a larger y) than the one before.
  const ys = await chart
    .locator('circle.point')
    .evaluateAll((points) => points.map((point) => Number(point.getAttribute('cy'))));
  expect(ys[1]).toBeGreaterThan(ys[0]!);
  expect(ys[2]).toBeGreaterThan(ys[1]!);
  const rows = page.getByTestId('measure-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.last()).toContainText('154 lb');
  await expect(page.getByTestId('measure-readings').getByRole('listitem')).toHaveCount(3);
  expect(await axeViolations(page), 'weight chart').toEqual([]);
  expect(await sidewaysScroll(page), 'phone').toBeLessThanOrEqual(0);

  // A reading's link leads to its page, where it can be edited.
  await page.getByTestId('measure-readings').getByRole('link').first().click();
  await expect(page.getByTestId('entry-details')).toContainText('154 lb');

  await go(page, '#/record/profile/measure/blood-pressure');
  const pressureChart = page.getByRole('img', { name: 'Tension artérielle' });
  await expect(pressureChart.locator('[data-series]')).toHaveCount(2);
  await expect(pressureChart.locator('[data-series="systolic"] .point')).toHaveCount(2);
  await expect(pressureChart.locator('[data-series="diastolic"] .point')).toHaveCount(2);
  // Told apart by a dashed line and square marks, not by colour alone, and named in a legend.
  await expect(pressureChart.locator('[data-series="diastolic"] path')).toHaveAttribute(
    'stroke-dasharray',
    /\d/,
  );
  await expect(pressureChart.locator('[data-series="diastolic"] rect.point')).toHaveCount(2);
  const legend = page.getByRole('list', { name: 'Légende' });
  await expect(legend).toContainText('Systolique');
  await expect(legend).toContainText('Diastolique');
  await expect(page.getByText('Diastolique de 82 à 85 mmHg.', { exact: true })).toBeVisible();
  expect(await axeViolations(page), 'blood-pressure chart').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page), 'blood-pressure chart, dark').toEqual([]);
  await page.setViewportSize({ width: 195, height: 422 });
  expect(await sidewaysScroll(page), '200% zoom').toBeLessThanOrEqual(0);
});
