import type { Locator } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import { addEntry, createRecord, expectSaved, go, pdfWithText } from '../support/record';

/** In a month, at 14:30 local time, as a datetime-local field takes it. */
const nextMonth = (() => {
  const at = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T14:30`;
})();

/** The text of each link of a list, in order. */
const linkTexts = (list: Locator) => list.getByRole('link').allInnerTexts();

/** Where each expected title first appears in `texts`; -1 when it does not. */
const positions = (texts: string[], titles: string[]) =>
  titles.map((title) => texts.findIndex((text) => text.includes(title)));

test('the summary, the story and the search show a patient their record, from any entry kind', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await createRecord(page);

  await test.step('an empty record says so on the summary, with a way to add each thing', async () => {
    await go(page, '#/record');
    await expect(page.getByRole('heading', { level: 1, name: 'Mon carnet' })).toBeVisible();
    await expect(page.getByTestId('summary-next')).toContainText('Aucun rendez-vous à venir.');
    await expect(page.getByTestId('summary-allergies')).toContainText(
      'Aucune allergie enregistrée.',
    );
    await expect(page.getByTestId('summary-treatments')).toContainText(
      'Aucun traitement en cours.',
    );
    await expect(page.getByTestId('summary-documents')).toContainText(
      "Aucun document pour l'instant.",
    );
    await expect(
      page.getByTestId('summary-allergies').getByRole('link', { name: 'Ajouter une allergie' }),
    ).toHaveAttribute('href', '#/record/new/allergy');
    await expect(page.getByRole('link', { name: 'Ajouter une mesure' })).toHaveAttribute(
      'href',
      '#/record/new/measurement',
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step('the patient adds entries of several kinds', async () => {
    await addEntry(page, 'medication', [
      [/^Médicament/, 'Paracétamol'],
      [/^Posologie/, '1 g matin et soir'],
      [/^Prescrit par/, 'Dr Lefèvre'],
      [/^Commencé le/, '2023-03-01'],
    ]);
    await addEntry(page, 'medication', [
      [/^Médicament/, 'Amoxicilline'],
      [/^Commencé le/, '2020-01-10'],
      [/^Arrêté le/, '2020-01-17'],
    ]);
    await addEntry(page, 'immunization', [
      [/^Vaccin(\W|$)/, 'Vaccination antigrippale'],
      [/^Date de l'injection/, '2021-10-15'],
    ]);
    await addEntry(page, 'allergy', [
      [/^Substance/, 'Pollen de bouleau'],
      [/^Réaction/, 'Rhinite'],
      [/^Gravité/, 'Légère', 'select'],
    ]);
    await addEntry(page, 'allergy', [
      [/^Substance/, 'Pénicilline'],
      [/^Réaction/, 'Urticaire géante'],
      [/^Gravité/, 'Grave', 'select'],
      [/^Constatée le/, '2019-06-01'],
    ]);
    await addEntry(page, 'appointment', [
      [/^Date et heure/, nextMonth],
      [/^Avec/, 'Dr Lefèvre'],
      [/^Lieu/, 'Cabinet médical, Valence'],
      [/^Motif/, 'Contrôle annuel'],
    ]);
    await addEntry(page, 'measurement', [[/^Valeur/, '72,5']]);
  });

  await test.step('the summary shows the next appointment, allergies and current treatments', async () => {
    await go(page, '#/record');
    const next = page.getByTestId('summary-next');
    await expect(next).toContainText('Contrôle annuel');
    await expect(next).toContainText('Dr Lefèvre');
    await expect(next).toContainText('Cabinet médical, Valence');
    await expect(next.getByRole('link', { name: 'Contrôle annuel' })).toHaveAttribute(
      'href',
      /^#\/record\/entry\//,
    );

    // Most severe first, its severity in words.
    const allergies = page.getByTestId('summary-allergy-list').getByRole('listitem');
    await expect(allergies).toHaveCount(2);
    await expect(allergies.nth(0)).toContainText('Pénicilline');
    await expect(allergies.nth(0)).toContainText(/Gravité : Grave/i);
    await expect(allergies.nth(0)).toContainText('Urticaire géante');
    await expect(allergies.nth(1)).toContainText('Pollen de bouleau');
    await expect(allergies.nth(1)).toContainText(/Gravité : Légère/i);

    // A treatment that ended is not a current one.
    const treatments = page.getByTestId('summary-treatments');
    await expect(treatments).toContainText('Paracétamol');
    await expect(treatments).toContainText('1 g matin et soir');
    await expect(treatments).not.toContainText('Amoxicilline');
    expect(await axeViolations(page)).toEqual([]);
  });

  const story = page.getByTestId('story');
  const chronology = [
    'Contrôle annuel',
    'Poids',
    'Paracétamol',
    'Vaccination antigrippale',
    'Amoxicilline',
    'Pénicilline',
  ];

  await test.step('the story lists every dated entry, newest first, under years and months', async () => {
    await go(page, '#/record/story');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Mon histoire de santé' }),
    ).toBeVisible();
    await expect(story.getByRole('link')).toHaveCount(chronology.length);
    const order = positions(await linkTexts(story), chronology);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    // An allergy with no date has no place in time.
    await expect(story).not.toContainText('Pollen de bouleau');
    await expect(story.getByRole('heading', { level: 2, name: '2021' })).toBeVisible();
    await expect(story.getByRole('heading', { level: 3, name: 'Octobre 2021' })).toBeVisible();
    await expect(story.getByRole('link', { name: /Vaccination antigrippale/ })).toHaveAttribute(
      'href',
      /^#\/record\/entry\//,
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step('the story keeps to the kinds chosen', async () => {
    await page.getByText('Filtrer par type').click();
    const all = page.getByRole('button', { name: 'Tout', exact: true });
    const vaccinations = page.getByRole('button', { name: 'Vaccinations' });
    const treatments = page.getByRole('button', { name: 'Traitements' });
    await expect(all).toHaveAttribute('aria-pressed', 'true');
    await vaccinations.click();
    await expect(vaccinations).toHaveAttribute('aria-pressed', 'true');
    await expect(all).toHaveAttribute('aria-pressed', 'false');
    await expect(story.getByRole('link')).toHaveCount(1);
    await expect(story).toContainText('Vaccination antigrippale');

    await treatments.click();
    await expect(story.getByRole('link')).toHaveCount(3);
    expect(
      positions(await linkTexts(story), [
        'Paracétamol',
        'Vaccination antigrippale',
        'Amoxicilline',
      ]),
    ).toEqual([0, 1, 2]);
    await expect(page.getByTestId('story-filter-showing')).toContainText(
      'Traitements, Vaccinations',
    );
    expect(await axeViolations(page)).toEqual([]);

    await all.click();
    await expect(treatments).toHaveAttribute('aria-pressed', 'false');
    await expect(story.getByRole('link')).toHaveCount(chronology.length);
  });

  await test.step('search finds entries of every kind whatever the accents and capitals', async () => {
    await go(page, '#/record/search');
    const field = page.getByRole('searchbox', { name: 'Rechercher dans mon carnet' });
    const status = page.getByRole('status').filter({ hasText: /résultat/ });
    const results = page.getByTestId('search-results');

    await field.fill('paracetamol');
    await expect(status).toHaveText('1 résultat pour « paracetamol ».');
    await expect(results.getByRole('link')).toHaveCount(1);
    await expect(results).toContainText('Paracétamol');
    await expect(results).toContainText('Traitement');

    await field.fill('vaccin');
    await expect(status).toHaveText('1 résultat pour « vaccin ».');
    await expect(results).toContainText('Vaccination antigrippale');

    await field.fill('PENICILLINE');
    await expect(status).toHaveText('1 résultat pour « PENICILLINE ».');
    await expect(results).toContainText('Pénicilline');
    await expect(results.getByRole('link', { name: /Pénicilline/ })).toHaveAttribute(
      'href',
      /^#\/record\/entry\//,
    );

    // One name, two kinds of entry: the treatment he prescribed and the appointment with him.
    await field.fill('lefevre');
    await expect(status).toHaveText('2 résultats pour « lefevre ».');
    await expect(results).toContainText('Paracétamol');
    await expect(results).toContainText('Contrôle annuel');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Rendez-vous' });
    await expect(status).toHaveText('1 résultat pour « lefevre ».');
    await expect(results).not.toContainText('Paracétamol');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Tous les types' });

    await field.fill('xyzzy');
    await expect(status).toHaveText('Aucun résultat pour « xyzzy ».');
    await expect(results).toHaveCount(0);

    // Enter searches at once.
    await field.fill('urticaire');
    await field.press('Enter');
    await expect(status).toHaveText('1 résultat pour « urticaire ».');
    await expect(results).toContainText('Pénicilline');
  });
});

test("a document's title, author and tags are found by the search", async ({ page }) => {
  await createRecord(page);
  await go(page, '#/record/documents');
  await page.getByLabel('Choisir un fichier').setInputFiles({
    name: 'echo.pdf',
    mimeType: 'application/pdf',
    buffer: pdfWithText('Echographie cardiaque'),
  });
  await page.getByLabel(/^Titre/).fill('Échographie cardiaque');
  await page.getByLabel(/^Type de document/).selectOption({ label: 'Imagerie' });
  await page.getByLabel(/^Auteur/).fill('Dr Anne-Marie Dubois');
  await page.getByLabel(/^Mots-clés/).fill('cœur, suivi annuel');
  await page.getByRole('button', { name: 'Ajouter le document' }).click();
  await expect(page.getByTestId('document-list')).toContainText('Échographie cardiaque');
  await expectSaved(page);

  await go(page, '#/record');
  await expect(page.getByTestId('summary-document-list')).toContainText('Échographie cardiaque');
  await expect(
    page.getByTestId('summary-document-list').getByRole('link', { name: /Échographie/ }),
  ).toHaveAttribute('href', /^#\/record\/documents\//);

  await go(page, '#/record/search');
  const field = page.getByRole('searchbox', { name: 'Rechercher dans mon carnet' });
  const results = page.getByTestId('search-results');
  for (const query of ['echographie', 'DUBOIS', 'coeur', 'suivi annuel']) {
    await field.fill(query);
    await expect(page.getByRole('status').filter({ hasText: /résultat/ })).toHaveText(
      `1 résultat pour « ${query} ».`,
    );
    await expect(results, query).toContainText('Échographie cardiaque');
    await expect(results.getByRole('link')).toHaveAttribute('href', /^#\/record\/documents\//);
  }
});
