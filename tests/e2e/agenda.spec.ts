import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import { createRecord, expectSaved, go, unlock } from '../support/record';

// The tests' "now": Monday 4 March 2030, 9:00 in Paris (UTC+1 until the end of March).
const NOW = new Date('2030-03-04T08:00:00Z');
test.use({ timezoneId: 'Europe/Paris' });

type Recorded = { title: string; body?: string };
declare global {
  interface Window {
    __notifications?: Recorded[];
  }
}

type AppointmentFields = {
  start: string;
  end?: string;
  professional?: string;
  place?: string;
  reason?: string;
  reminder?: string;
};

/** Adds an appointment through the generic form, as a patient would; back on the agenda. */
async function addAppointment(page: Page, fields: AppointmentFields): Promise<void> {
  await go(page, '#/record/new/appointment');
  await page.getByLabel(/^Date et heure/).fill(fields.start);
  if (fields.end) await page.getByLabel(/^Fin/).fill(fields.end);
  if (fields.professional) await page.getByLabel(/^Avec/).fill(fields.professional);
  if (fields.place) await page.getByLabel(/^Lieu/).fill(fields.place);
  if (fields.reason) await page.getByLabel(/^Motif/).fill(fields.reason);
  if (fields.reminder) {
    await page.getByLabel(/^Me le rappeler/).selectOption({ label: fields.reminder });
  }
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page).toHaveURL(/#\/record\/agenda$/);
  await expectSaved(page);
}

const CARDIOLOGY: AppointmentFields = {
  start: '2030-03-06T14:30',
  end: '2030-03-06T15:00',
  professional: 'Dr Hélène Lefèvre',
  place: 'Hôpital Saint-Éloi, Montpellier',
  reason: 'Contrôle cardiologique',
  reminder: 'La veille',
};

/** The text of a downloaded calendar, its folded lines (RFC 5545 §3.1) joined again. */
function calendarText(download: Download, path: string): string {
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  return readFileSync(path, 'utf8').replace(/\r\n[ \t]/g, '');
}

test('appointments are listed by day, soonest first, and export to a calendar file', async ({
  page,
}) => {
  await page.clock.install({ time: NOW });
  await createRecord(page);
  await addAppointment(page, {
    start: '2030-03-12T10:00',
    professional: 'Dr Martin',
    place: 'Cabinet dentaire',
    reason: 'Détartrage',
  });
  await addAppointment(page, CARDIOLOGY);
  await addAppointment(page, { start: '2030-02-20T11:00', reason: 'Vaccin antigrippal' });

  const upcoming = page.getByTestId('agenda-upcoming');
  await expect(upcoming.getByRole('heading', { level: 3 })).toHaveText([
    'Mercredi 6 mars 2030',
    'Mardi 12 mars 2030',
  ]);
  const items = upcoming.getByTestId('appointment');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('14:30 – 15:00');
  await expect(items.first()).toContainText('Contrôle cardiologique');
  await expect(items.first()).toContainText('Dr Hélène Lefèvre');
  await expect(items.first()).toContainText('Hôpital Saint-Éloi, Montpellier');
  await expect(items.first()).toContainText(/Rappel\s*La veille/);
  await expect(items.nth(1)).toContainText('Détartrage');
  await expect(upcoming).not.toContainText('Vaccin antigrippal');

  // Past appointments wait behind a disclosure, most recent first.
  await expect(page.getByTestId('agenda-past')).toBeHidden();
  await page.getByText('Afficher les rendez-vous passés (1)').click();
  await expect(page.getByTestId('agenda-past')).toContainText('20 février 2030');
  await expect(page.getByTestId('agenda-past')).toContainText('Vaccin antigrippal');
  expect(await axeViolations(page)).toEqual([]);

  // One appointment: its own calendar file, in UTC, with the reminder as an alarm.
  let downloading = page.waitForEvent('download');
  await items
    .first()
    .getByRole('button', { name: /^Exporter \(\.ics\).*Contrôle cardiologique/ })
    .click();
  let download = await downloading;
  expect(download.suggestedFilename()).toBe('rendez-vous-2030-03-06.ics');
  const one = calendarText(download, await download.path());
  expect(one).toContain('SUMMARY:Contrôle cardiologique — Dr Hélène Lefèvre\r\n');
  expect(one).toContain('DTSTART:20300306T133000Z\r\n');
  expect(one).toContain('DTEND:20300306T140000Z\r\n');
  expect(one).toContain('LOCATION:Hôpital Saint-Éloi\\, Montpellier\r\n');
  expect(one).toMatch(/BEGIN:VALARM\r\nACTION:DISPLAY\r\n.*TRIGGER:-PT24H\r\nEND:VALARM/s);
  expect(one.match(/BEGIN:VEVENT/g)).toHaveLength(1);

  // All of them, past ones included, each with its own UID.
  downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tout exporter (.ics)' }).click();
  download = await downloading;
  expect(download.suggestedFilename()).toBe('agenda.ics');
  const all = calendarText(download, await download.path());
  expect(all.match(/BEGIN:VEVENT/g)).toHaveLength(3);
  const uids = [...all.matchAll(/^UID:(.+)$/gm)].map((match) => match[1]);
  expect(new Set(uids).size).toBe(3);
  for (const summary of [
    'Vaccin antigrippal',
    'Contrôle cardiologique',
    'Détartrage — Dr Martin',
  ]) {
    expect(all).toContain(`SUMMARY:${summary}`);
  }
  expect(all).toContain('DTSTART:20300220T100000Z');
});

test('a due reminder shows in the app and, once allowed, as a notification that only tells the time', async ({
  page,
  context,
}) => {
  // Record every system notification the app constructs.
  await page.addInitScript(() => {
    const Real = window.Notification;
    window.__notifications = [];
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        window.__notifications!.push({ title, body: options?.body });
        super(title, options);
      }
      static override get permission() {
        return Real.permission;
      }
      static override requestPermission() {
        return Real.requestPermission();
      }
    }
    window.Notification = Recording;
  });
  await page.clock.install({ time: NOW });
  await createRecord(page);
  await addAppointment(page, CARDIOLOGY);

  const banner = page.getByTestId('reminders');
  await expect(page.getByTestId('appointment')).toHaveCount(1);
  await expect(banner).toBeEmpty();

  // Notifications are asked for from the agenda only, and explained there.
  await expect(
    page.getByText("Une notification peut s'afficher sur l'écran verrouillé"),
  ).toBeVisible();
  await context.grantPermissions(['notifications']);
  await page.getByRole('button', { name: 'Recevoir les rappels comme notifications' }).click();
  await expect(page.getByTestId('notification-state')).toHaveText(
    "Les rappels s'affichent aussi comme notifications sur cet appareil, tant que Carnet est ouvert.",
  );

  // The day before at 14:31: past the reminder time. Time stands still while it jumps, and a
  // key press counts as activity, so the inactivity lock does not take the jump for a long absence.
  await page.clock.pauseAt(new Date((await page.evaluate(() => Date.now())) + 1000));
  await page.clock.setSystemTime(new Date('2030-03-05T13:31:00Z'));
  await page.keyboard.press('Shift');
  await page.clock.runFor(61_000);
  await page.clock.resume();

  await expect(banner).toContainText('Rappel : rendez-vous demain à 14:30.');
  await expect(banner).toContainText('Dr Hélène Lefèvre');
  await expect(banner).toContainText('Contrôle cardiologique');
  await expect
    .poll(() => page.evaluate(() => window.__notifications))
    .toEqual([{ title: 'Carnet', body: 'Rendez-vous demain à 14:30' }]);
  expect(await axeViolations(page)).toEqual([]);

  // Dismissed, it stays away and is not notified again.
  await banner.getByRole('button', { name: /^Fermer/ }).click();
  await expect(banner).toBeEmpty();
  await page.clock.runFor(61_000);
  await expect(banner).toBeEmpty();
  expect(await page.evaluate(() => window.__notifications)).toHaveLength(1);

  // It is also on the other screens, and gone once the record is locked.
  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await expect(page).toHaveURL(/#\/open$/);
  // The banner goes with the record (it is loaded only while one is open).
  await expect(banner).toHaveCount(0);
});

test('refused or unavailable notifications are explained, and reminders stay in the app', async ({
  page,
}) => {
  await page.addInitScript(() => {
    let permission: NotificationPermission = 'default';
    Object.defineProperty(Notification, 'permission', { get: () => permission });
    Notification.requestPermission = async () => (permission = 'denied');
  });
  await createRecord(page);
  await go(page, '#/record/agenda');
  await page.getByRole('button', { name: 'Recevoir les rappels comme notifications' }).click();
  await expect(page.getByTestId('notification-state')).toContainText(
    'Les notifications sont bloquées pour Carnet.',
  );
  await expect(
    page.getByRole('button', { name: 'Recevoir les rappels comme notifications' }),
  ).toBeHidden();

  const other = await page.context().newPage();
  await other.addInitScript(() => {
    // @ts-expect-error: a browser without the Notification API
    delete window.Notification;
  });
  await other.goto('/#/open');
  await unlock(other);
  await go(other, '#/record/agenda');
  await expect(other.getByTestId('notification-state')).toContainText(
    'Ce navigateur ne peut pas afficher de notifications pour Carnet',
  );
  await expect(
    other.getByRole('button', { name: 'Recevoir les rappels comme notifications' }),
  ).toBeHidden();
  await other.close();
});
