import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import { addDocument, createRecord, expectSaved, go, pdfWithText } from '../support/record';

type Field = [label: RegExp | string, value: string, how?: 'select' | 'check'];

/** Adds an entry through the generic form (`#/record/new/<kind>`), then back to its section. */
async function addEntry(page: Page, kind: string, fields: Field[], section: string) {
  await go(page, `#/record/new/${kind}`);
  for (const [label, value, how] of fields) {
    const field = page.getByLabel(label);
    if (how === 'select') await field.selectOption({ label: value });
    else if (how === 'check') await field.check();
    else await field.fill(value);
  }
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/record/${section}$`));
  await expectSaved(page);
}

const addContact = (page: Page, fields: Field[]) => addEntry(page, 'contact', fields, 'circle');
const addWish = (page: Page, fields: Field[]) => addEntry(page, 'directive', fields, 'wishes');

test('the close circle: who to call in an emergency, the trusted person, the care team', async ({
  page,
}) => {
  await createRecord(page);
  await go(page, '#/record/circle');
  await expect(page.getByTestId('circle-empty')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ajouter un contact' })).toHaveAttribute(
    'href',
    '#/record/new/contact',
  );

  await addContact(page, [
    [/^Nom/, 'Dr Paul Zola'],
    [/^Qui est-ce/, 'Spécialiste', 'select'],
    [/^Spécialité/, 'Cardiologue'],
  ]);
  await addContact(page, [
    [/^Nom/, 'Dr Marie Lefèvre'],
    [/^Qui est-ce/, 'Médecin traitant', 'select'],
    [/^Téléphone/, '01 23 45 67 89'],
    [/^E-mail/, 'm.lefevre@example.fr'],
    [/^Adresse/, '12 rue de la Paix\n75002 Paris'],
  ]);
  await addContact(page, [
    [/^Nom/, 'Jeanne Dupont'],
    [/^Qui est-ce/, 'Personne de confiance', 'select'],
    [/^Lien/, 'sœur'],
    [/^Téléphone/, '06 12 34 56 78'],
  ]);
  await addContact(page, [
    [/^Nom/, 'Paul Martin'],
    [/^Qui est-ce/, 'Famille', 'select'],
    ["À prévenir en cas d'urgence", '', 'check'],
    [/^Lien/, 'fils'],
    [/^Téléphone/, '+33 6 98 76 54 32'],
  ]);

  const emergency = page.getByRole('region', { name: "En cas d'urgence, prévenir" });
  await expect(emergency.getByRole('heading', { level: 3 })).toHaveText(['Paul Martin']);
  await expect(emergency).toContainText('Famille — fils');
  await expect(emergency.getByRole('link', { name: '+33 6 98 76 54 32' })).toHaveAttribute(
    'href',
    'tel:+33698765432',
  );

  const trusted = page.getByRole('region', { name: 'Personne de confiance' });
  await expect(trusted.getByRole('heading', { level: 3 })).toHaveText(['Jeanne Dupont']);
  await expect(trusted).toContainText('les médecins doivent la consulter');
  await expect(trusted.getByRole('link', { name: '06 12 34 56 78' })).toHaveAttribute(
    'href',
    'tel:0612345678',
  );

  const care = page.getByRole('region', { name: 'Équipe de soins' });
  await expect(care.getByRole('heading', { level: 3 })).toHaveText([
    'Dr Marie Lefèvre',
    'Dr Paul Zola',
  ]);
  const gp = care.getByTestId('contact').first();
  await expect(gp).toContainText('Médecin traitant');
  await expect(gp).toContainText('12 rue de la Paix');
  await expect(gp.getByRole('link', { name: '01 23 45 67 89' })).toHaveAttribute(
    'href',
    'tel:0123456789',
  );
  await expect(gp.getByRole('link', { name: 'm.lefevre@example.fr' })).toHaveAttribute(
    'href',
    'mailto:m.lefevre@example.fr',
  );
  await expect(care.getByTestId('contact').nth(1)).toContainText('Spécialiste — Cardiologue');

  const family = page.getByRole('region', { name: 'Famille et amis' });
  await expect(family.getByRole('heading', { level: 3 })).toHaveText(['Paul Martin']);
  await expect(page.getByTestId('circle-empty')).toBeHidden();
  expect(await axeViolations(page)).toEqual([]);

  // A contact's name opens it whole, to change or delete.
  await care.getByRole('link', { name: 'Dr Marie Lefèvre' }).click();
  await expect(page).toHaveURL(/#\/record\/entry\//);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dr Marie Lefèvre');
});

test('wishes: advance directives with their signed document, and the organ donation choice', async ({
  page,
}) => {
  await createRecord(page);
  await go(page, '#/record/wishes');
  const advance = page.getByRole('region', { name: 'Directives anticipées' });
  const donation = page.getByRole('region', { name: "Don d'organes" });
  await expect(advance).toContainText("Vous n'avez pas écrit de directives anticipées.");
  await expect(donation).toContainText("Vous n'avez pas noté votre choix.");
  await expect(donation).toContainText('chacun est présumé donneur');
  await expect(
    advance.getByRole('link', { name: 'Écrire mes directives anticipées' }),
  ).toHaveAttribute('href', '#/record/new/directive');
  expect(await axeViolations(page)).toEqual([]);

  await go(page, '#/record/documents');
  await addDocument(page, 'Directives signées', {
    name: 'directives.pdf',
    mimeType: 'application/pdf',
    buffer: pdfWithText('Mes directives anticipees'),
  });
  await addWish(page, [
    [/^Type de volonté/, 'Directives anticipées', 'select'],
    [
      /^Mes directives/,
      'Je refuse tout acharnement thérapeutique.\nSoulager ma douleur avant tout.',
    ],
    [/^Document signé/, 'Directives signées', 'select'],
    [/^Rédigées le/, '2024-05-12'],
  ]);
  await addWish(page, [
    [/^Type de volonté/, "Don d'organes", 'select'],
    [/^Mon choix/, "J'accepte de donner mes organes", 'select'],
    [/^Rédigées le/, '2019-01-15'],
  ]);
  await addWish(page, [
    [/^Type de volonté/, "Don d'organes", 'select'],
    [/^Mon choix/, 'Je refuse de donner mes organes', 'select'],
    [/^Rédigées le/, '2024-06-01'],
  ]);

  const directive = advance.getByTestId('advance-directive');
  await expect(directive.getByRole('heading')).toHaveText('Rédigées le 12 mai 2024');
  await expect(directive).toContainText('Je refuse tout acharnement thérapeutique.');
  await expect(directive).toContainText('Soulager ma douleur avant tout.');

  // The latest choice holds; the earlier one is kept behind a disclosure.
  const choice = donation.getByTestId('organ-donation');
  await expect(choice).toContainText('Je refuse de donner mes organes');
  await expect(choice).toContainText('Noté le 1 juin 2024');
  await expect(donation).toContainText('registre national des refus');
  await expect(donation).toContainText('Le noter dans Carnet ne vaut pas inscription');
  await expect(donation.getByRole('link', { name: 'Changer mon choix' })).toBeVisible();
  await expect(donation.getByText("J'accepte de donner mes organes")).toBeHidden();
  await donation.getByText('Choix précédents (1)').click();
  await expect(donation.getByText("J'accepte de donner mes organes")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The signed document opens in the viewer.
  await directive.getByRole('link', { name: 'Directives signées' }).click();
  await expect(page).toHaveURL(/#\/record\/documents\/[A-Za-z0-9_-]{22}$/);
});
