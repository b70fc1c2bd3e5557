/**
 * Issue 5 end to end: a patient's page and a professional's page in two browser contexts (or two
 * browsers, for the fake camera), on loopback, through the real signaling relay of `npm start` and
 * a real WebRTC data channel. Nothing here is mocked.
 */
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { deriveShareKeys, encodeShareLink, parseShareLink } from '../../src/lib/share';
import { axeViolations } from '../support/axe';
import { chromiumLaunchOptions } from '../support/chromium';
import { cspViolations, expect, ProblemLog, test, watchPage } from '../support/fixtures';
import { OwnServer } from '../support/own-server';
import { qrVideo } from '../support/qr-video';
import {
  addAllergy,
  addDocument,
  createRecord,
  expectSaved,
  go,
  pdfWithText,
  unlock,
} from '../support/record';
import { REPO_ROOT, TEST_ORIGIN } from '../support/server';
import '../bench/harness/api';
import { restoreVault } from '../bench/harness/vault-copy';

test.use({ locale: 'fr-FR' });

const DOCTOR = { name: 'Dr Claire Martin', profession: 'Médecin généraliste', rpps: '10101010101' };

type ShareChoice = {
  /** Checkbox names on the Share screen: presets or kinds. */
  pick: RegExp[];
  access?: 'Voir seulement' | 'Voir et enregistrer les documents';
  deposit?: boolean;
  singleUse?: boolean;
};

/** Makes a share on the patient's Share screen; returns its link. */
async function startShare(patient: Page, choice: ShareChoice): Promise<string> {
  await go(patient, '#/record/share');
  for (const name of choice.pick) await patient.getByRole('checkbox', { name }).check();
  await patient.getByRole('radio', { name: choice.access ?? 'Voir seulement' }).check();
  if (choice.deposit) await patient.getByRole('checkbox', { name: /Aussi m’envoyer/ }).check();
  if (choice.singleUse === false) {
    await patient.getByRole('checkbox', { name: 'Usage unique' }).uncheck();
  }
  await patient.getByRole('button', { name: 'Créer le partage' }).click();
  return patient.getByTestId('share-link').inputValue();
}

/** A professional's browser context, as on another computer: its own storage, French. */
async function professionalContext(browser: Browser, origin = TEST_ORIGIN, clock = false) {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL: origin });
  // A clock the test drives (expiry), installed before any script of the page runs.
  if (clock) await context.clock.install();
  const page = await context.newPage();
  const log = new ProblemLog();
  await watchPage(page, log);
  return { context, page, log };
}

/** On the professional's page of a link: states who they are and asks. */
async function askAccess(page: Page, who: { name: string; profession: string; rpps?: string }) {
  await page.getByLabel('Votre nom').fill(who.name);
  await page.getByLabel('Profession', { exact: true }).fill(who.profession);
  if (who.rpps) await page.getByLabel(/Numéro RPPS/).fill(who.rpps);
  await page.getByRole('button', { name: "Demander l'accès" }).click();
}

/** The code both screens show, once the keys are agreed. */
async function codeOn(locator: ReturnType<Page['getByTestId']>): Promise<string> {
  await expect(locator).toHaveAttribute('data-code', /^\d{6}$/);
  return (await locator.getAttribute('data-code'))!;
}

/** Everything the professional's page still holds: DOM text, IndexedDB, Cache Storage. */
async function professionalTraces(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [document.documentElement.outerHTML];
    for (const { name, version } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name, version);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const decoder = new TextDecoder('latin1');
        parts.push(
          JSON.stringify(values, (_key, value: unknown) =>
            value instanceof Uint8Array || value instanceof ArrayBuffer
              ? decoder.decode(value)
              : value,
          ),
        );
      }
      db.close();
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        if (response) parts.push(new TextDecoder('latin1').decode(await response.arrayBuffer()));
      }
    }
    return parts.join('\n');
  });
}

/** Dark pixels on the PDF's first page canvas: it rendered. */
async function pdfDarkPixels(page: Page): Promise<number> {
  return page
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 3]! > 0) dark++;
      return dark;
    });
}

test('scan, compare codes, allow: the professional sees exactly what was chosen, and the relay saw nothing of it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const capture = join(mkdtempSync(join(tmpdir(), 'carnet-capture-')), 'relay.jsonl');
  writeFileSync(capture, '');
  const server = await OwnServer.start({ args: ['--capture-signaling', capture] });
  let proBrowser: Browser | null = null;
  let patientContext: BrowserContext | null = null;
  try {
    patientContext = await browser.newContext({
      locale: 'fr-FR',
      baseURL: server.origin,
    });
    const patient = await patientContext.newPage();
    const patientLog = new ProblemLog();
    await watchPage(patient, patientLog);
    await createRecord(patient);
    await addAllergy(patient, 'Pénicilline', 'Urticaire géante');
    await addDocument(patient, 'Radio du genou', {
      name: 'genou-radio.pdf',
      mimeType: 'application/pdf',
      buffer: pdfWithText('Genou droit sans fracture'),
    });
    // A confidential document, never picked: it must not reach the professional.
    await addDocument(
      patient,
      'Compte rendu psy',
      {
        name: 'psy-secret.pdf',
        mimeType: 'application/pdf',
        buffer: pdfWithText('Compte rendu confidentiel'),
      },
      { confidential: true },
    );

    const link = await startShare(patient, { pick: [/Tout sauf le confidentiel/] });
    expect(link.startsWith(`${server.origin}/#/s/`)).toBe(true);

    // The professional's browser, whose camera sees the patient's QR code.
    proBrowser = await chromium.launch(
      chromiumLaunchOptions([
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${qrVideo(link)}`,
      ]),
    );
    const { page: pro, log: proLog } = await professionalContext(proBrowser, server.origin);
    await pro.goto('/#/scan');
    await expect(pro).toHaveURL(link);
    await askAccess(pro, DOCTOR);

    const request = patient.getByTestId('access-request');
    await expect(request).toContainText('Dr Claire Martin');
    await expect(request).toContainText('Médecin généraliste');
    await expect(request).toContainText('10101010101');
    const patientCode = await codeOn(patient.getByTestId('request-code'));
    const proCode = await codeOn(pro.getByTestId('reception-code'));
    expect(proCode).toBe(patientCode);
    expect(await axeViolations(patient)).toEqual([]);
    expect(await axeViolations(pro)).toEqual([]);
    await request.getByRole('button', { name: 'Autoriser' }).click();

    // Exactly the chosen entries: the allergy and the knee X-ray; not the confidential report.
    const entries = pro.getByTestId('shared-entry');
    await expect(entries).toHaveCount(2);
    await expect(entries.filter({ hasText: 'Pénicilline' })).toHaveCount(1);
    await expect(entries.filter({ hasText: 'Radio du genou' })).toHaveCount(1);
    await expect(pro.locator('body')).not.toContainText('Compte rendu psy');
    await expect(pro.getByTestId('countdown')).toBeVisible();
    // View only: no download.
    await expect(pro.getByRole('button', { name: /Télécharger/ })).toHaveCount(0);
    await pro
      .getByRole('button', { name: /Ouvrir/ })
      .first()
      .click();
    await expect.poll(() => pdfDarkPixels(pro), { timeout: 20_000 }).toBeGreaterThan(50);
    expect(await axeViolations(pro)).toEqual([]);

    // The patient's log tells it: the hello with the code, allowed, the document sent and opened.
    const history = patient.getByTestId('share-history');
    await expect(history).toContainText('Dr Claire Martin');
    await expect(history).toContainText(patientCode);
    await expect(history).toContainText('Vous avez accepté la connexion');
    await expect(history).toContainText('Radio du genou');
    await expect(patient.getByTestId('share-log-verdict')).toContainText('Journal intact');

    // The relay passed on a handful of sealed messages for one random room, and nothing else.
    const relayed = readFileSync(capture, 'utf8').trim().split('\n').filter(Boolean);
    expect(relayed.length).toBeGreaterThan(0);
    const roomId = deriveShareKeys(parseShareLink(link, Date.now()).secret).roomId;
    const pdf = pdfWithText('Genou droit sans fracture').toString('latin1');
    for (const line of relayed) {
      const { topic, message } = JSON.parse(line) as { topic: string; message: string };
      expect(topic).toBe(roomId);
      for (const secretText of [
        'Pénicilline',
        'Penicilline',
        'Urticaire',
        'Radio du genou',
        'genou-radio.pdf',
        'Genou droit',
        'Claire',
        'Martin',
        'Médecin',
        '10101010101',
        'psy',
        pdf.slice(0, 40),
        patientCode,
      ]) {
        expect(message).not.toContain(secretText);
      }
    }
    for (const [page, log] of [
      [patient, patientLog],
      [pro, proLog],
    ] as const) {
      log.collect(await cspViolations(page));
      expect(log.unexpected()).toEqual([]);
    }
  } finally {
    await proBrowser?.close();
    await patientContext?.close();
    await server.stop();
    rmSync(capture, { force: true });
  }
});

/**
 * The usual start: the patient (the test's own page) has a record with an allergy, shares it as
 * `choice` says; a professional in a second context opens the link, asks, and is allowed.
 */
async function allowedSession(
  browser: Browser,
  patient: Page,
  choice: ShareChoice,
  prepare: (patient: Page) => Promise<void> = async () => undefined,
  clock = false,
) {
  await createRecord(patient);
  await addAllergy(patient, 'Pénicilline', 'Urticaire géante');
  await prepare(patient);
  const link = await startShare(patient, choice);
  const professional = await professionalContext(browser, TEST_ORIGIN, clock);
  await professional.page.goto(link);
  await askAccess(professional.page, DOCTOR);
  const request = patient.getByTestId('access-request');
  await expect(request).toContainText('Dr Claire Martin');
  const code = await codeOn(professional.page.getByTestId('reception-code'));
  await expect(patient.getByTestId('request-code')).toHaveAttribute('data-code', code);
  await request.getByRole('button', { name: 'Autoriser' }).click();
  return { ...professional, link, code };
}

async function closeProfessional(professional: {
  context: BrowserContext;
  page: Page;
  log: ProblemLog;
}) {
  professional.log.collect(await cspViolations(professional.page));
  expect(professional.log.unexpected()).toEqual([]);
  await professional.context.close();
}

test('a single-use link: a second professional is turned away, and the patient’s log shows both', async ({
  browser,
  page: patient,
}) => {
  const first = await allowedSession(browser, patient, { pick: [/Résumé d’urgence/] });
  await expect(first.page.getByTestId('shared-entry')).toHaveCount(1);

  const second = await professionalContext(browser);
  await second.page.goto(first.link);
  await askAccess(second.page, { name: 'Jean Dupont', profession: 'Pharmacien' });
  const ended = second.page.getByTestId('reception-ended');
  await expect(ended).toHaveAttribute('data-reason', 'already-used');
  await expect(ended).toContainText(/déjà été utilisé/);
  await expect(second.page.getByTestId('reception-code')).toHaveCount(0);
  // The patient was not asked; the first professional is still connected.
  await expect(patient.getByTestId('access-request')).toHaveCount(0);
  await expect(first.page.getByTestId('shared-entry')).toHaveCount(1);

  const history = patient.getByTestId('share-history');
  await expect(history).toContainText('Dr Claire Martin');
  await expect(history).toContainText('Jean Dupont');
  await expect(history).toContainText('Pharmacien');
  await expect(patient.getByTestId('share-log-verdict')).toContainText('Journal intact');
  await closeProfessional(second);
  await closeProfessional(first);
});

test('the patient refuses: the professional is told and sees nothing', async ({
  browser,
  page: patient,
}) => {
  await createRecord(patient);
  await addAllergy(patient, 'Pénicilline', 'Urticaire géante');
  const link = await startShare(patient, { pick: [/Résumé d’urgence/] });
  const professional = await professionalContext(browser);
  await professional.page.goto(link);
  await askAccess(professional.page, DOCTOR);
  await patient.getByTestId('access-request').getByRole('button', { name: 'Refuser' }).click();
  const ended = professional.page.getByTestId('reception-ended');
  await expect(ended).toHaveAttribute('data-reason', 'refused');
  expect(await professionalTraces(professional.page)).not.toContain('Pénicilline');
  await expect(patient.getByTestId('share-history')).toContainText(/refus/i);
  expect(await axeViolations(professional.page)).toEqual([]);
  await closeProfessional(professional);
});

test('at expiry both sides close, and the professional’s page keeps no trace', async ({
  browser,
  page: patient,
}) => {
  await patient.clock.install();
  const session = await allowedSession(
    browser,
    patient,
    { pick: [/Résumé d’urgence/] },
    undefined,
    true,
  );
  const pro = session.page;
  await expect(pro.getByTestId('shared-entry')).toContainText('Urticaire géante');
  await expect(pro.getByTestId('countdown')).toBeVisible();
  // Thirty minutes pass on both devices (each ends the share by its own clock).
  await patient.clock.fastForward('30:05');
  await pro.clock.fastForward('30:05');
  const ended = pro.getByTestId('reception-ended');
  await expect(ended).toHaveAttribute('data-reason', 'expired');
  await expect(patient.getByTestId('share-qr')).toHaveCount(0);
  await expect(patient.getByTestId('share-history')).toContainText('Partage terminé');
  const traces = await professionalTraces(pro);
  expect(traces).not.toContain('Pénicilline');
  expect(traces).not.toContain('Urticaire');
  await closeProfessional(session);
});

/**
 * A 10,000-entry record (the sample record of the benches, built and sealed by lib/vault in the
 * bench harness page, then copied as it is into the app's origin: typing it in would take hours).
 */
async function patientWithLargeRecord(browser: Browser, patient: Page): Promise<void> {
  const harnessDir = mkdtempSync(join(tmpdir(), 'carnet-harness-'));
  execFileSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'tests/bench/harness/vite.config.ts',
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, CARNET_BENCH_HARNESS_DIST: harnessDir },
      stdio: 'ignore',
    },
  );
  const harnessServer = await OwnServer.start({ serve: harnessDir });
  const harnessContext = await browser.newContext();
  try {
    const harness = await harnessContext.newPage();
    await harness.goto(`${harnessServer.origin}/`);
    await harness.waitForFunction(() => window.benchReady === true, null, { timeout: 30_000 });
    const vault = await harness.evaluate((options) => window.bench.buildSampleVault(options), {
      entries: 10_000,
      seed: 5,
    });
    const dump = await harness.evaluate(() => window.bench.dumpVault());
    await patient.goto('/');
    await patient.evaluate(() => navigator.serviceWorker.ready);
    // As plain JSON: Playwright's argument types recurse without end on PortableValue.
    const restore = restoreVault as (dump: unknown) => Promise<number>;
    expect(await patient.evaluate(restore, dump as unknown)).toBeGreaterThan(0);
    await patient.reload();
    await unlock(patient, vault.passphrase);
    await expect(patient.getByRole('heading', { level: 1 })).toHaveText('Mon carnet');
  } finally {
    await harnessContext.close();
    await harnessServer.stop();
    rmSync(harnessDir, { recursive: true, force: true });
  }
}

test('sharing everything from a 10,000-entry record completes, and the session stays live', async ({
  browser,
  page: patient,
}) => {
  test.setTimeout(240_000);
  await patientWithLargeRecord(browser, patient);
  const link = await startShare(patient, { pick: [/Tout sauf le confidentiel/], deposit: true });
  await expect(patient.getByTestId('share-summary')).toHaveCount(1);
  const professional = await professionalContext(browser);
  const pro = professional.page;
  await pro.goto(link);
  await askAccess(pro, DOCTOR);
  await patient.getByTestId('access-request').getByRole('button', { name: 'Autoriser' }).click();
  await expect(pro.getByTestId('shared-count')).toHaveAttribute('data-count', /^\d{4,}$/, {
    timeout: 60_000,
  });
  const count = Number(await pro.getByTestId('shared-count').getAttribute('data-count'));
  expect(count).toBeGreaterThan(9_000);

  // Still live afterwards: a document sent back arrives and can be added.
  await pro
    .getByTestId('deposit-form')
    .getByLabel('Choisir un fichier')
    .setInputFiles({
      name: 'suite-de-soins.pdf',
      mimeType: 'application/pdf',
      buffer: pdfWithText('Suite de soins'),
    });
  await pro.getByRole('button', { name: 'Envoyer au patient' }).click();
  const deposit = patient.getByTestId('deposit-request');
  await expect(deposit).toContainText('suite-de-soins.pdf');
  await closeProfessional(professional);
});

test('stopping the share mid-transfer stops the file and wipes the professional’s page', async ({
  browser,
  page: patient,
}) => {
  test.setTimeout(120_000);
  // Random bytes do not compress: 32 MiB take seconds on the data channel.
  const big = randomBytes(32 * 1024 * 1024);
  const session = await allowedSession(
    browser,
    patient,
    { pick: [/Tout sauf le confidentiel/], access: 'Voir et enregistrer les documents' },
    (page) =>
      addDocument(page, 'IRM du genou', {
        name: 'irm-genou.pdf',
        mimeType: 'application/pdf',
        buffer: big,
      }),
  );
  const pro = session.page;
  const arrival = pro.getByTestId('file-arrival');
  await expect(arrival).toHaveAttribute('data-state', 'receiving');
  await patient.getByRole('button', { name: 'Arrêter maintenant' }).click();
  const ended = pro.getByTestId('reception-ended');
  await expect(ended).toHaveAttribute('data-reason', 'revoked');
  await expect(ended).toContainText('Le patient a arrêté le partage');
  const traces = await professionalTraces(pro);
  for (const text of ['Pénicilline', 'Urticaire', 'IRM du genou', 'irm-genou.pdf']) {
    expect(traces).not.toContain(text);
  }
  // No document drawn, no image, no link to received bytes.
  expect(await pro.locator('main canvas, main img, a[href^="blob:"]').count()).toBe(0);
  // The patient's log: the share ended by the patient, the file never logged as sent.
  const history = patient.getByTestId('share-history');
  await expect(history).toContainText('Partage terminé');
  await expect(history).not.toContainText('Document envoyé : IRM du genou');
  await closeProfessional(session);
});

test('a document sent back by the professional lands in the record once the patient accepts it', async ({
  browser,
  page: patient,
}) => {
  const session = await allowedSession(browser, patient, {
    pick: [/Résumé d’urgence/],
    deposit: true,
  });
  const pro = session.page;
  await expect(pro.getByTestId('shared-entry')).toHaveCount(1);
  await pro
    .getByTestId('deposit-form')
    .getByLabel('Choisir un fichier')
    .setInputFiles({
      name: 'ordonnance-amoxicilline.pdf',
      mimeType: 'application/pdf',
      buffer: pdfWithText('Amoxicilline 1 g matin et soir'),
    });
  await pro.getByRole('button', { name: 'Envoyer au patient' }).click();
  await expect(pro.getByTestId('deposit-outcome')).toHaveAttribute('data-outcome', 'waiting');

  const deposit = patient.getByTestId('deposit-request');
  await expect(deposit).toContainText('Dr Claire Martin');
  await expect(deposit).toContainText('ordonnance-amoxicilline.pdf');
  expect(await axeViolations(patient)).toEqual([]);
  await deposit.getByRole('button', { name: 'Ajouter au dossier' }).click();
  await expect(patient.getByTestId('deposit-settled')).toContainText('ordonnance-amoxicilline.pdf');
  await expect(pro.getByTestId('deposit-outcome')).toHaveAttribute('data-outcome', 'accepted');

  // In the record, with its author; and in the log.
  await expectSaved(patient);
  await go(patient, '#/record/documents');
  await patient
    .getByTestId('document-list')
    .getByRole('link', { name: 'ordonnance-amoxicilline.pdf' })
    .click();
  await expect(patient.locator('main')).toContainText('Dr Claire Martin, Médecin généraliste');
  await expect.poll(() => pdfDarkPixels(patient), { timeout: 20_000 }).toBeGreaterThan(50);
  await go(patient, '#/record/share');
  await expect(patient.getByTestId('share-history')).toContainText('ordonnance-amoxicilline.pdf');
  await closeProfessional(session);
});

test('the professional is told when the relay cannot be reached, or the patient’s device does not answer', async ({
  browser,
}) => {
  const secret = new Uint8Array(randomBytes(32));
  const rights = { view: true, download: false, deposit: false };
  const expiresAt = Date.now() + 20 * 60_000;

  // No patient listening: the page keeps offering, and after a while says the device is silent.
  const silent = await professionalContext(browser, TEST_ORIGIN, true);
  await silent.page.goto(
    encodeShareLink({ secret, expiresAt, rights, singleUse: true }, TEST_ORIGIN),
  );
  await askAccess(silent.page, DOCTOR);
  const status = silent.page.getByTestId('reception-status');
  await expect(status).toHaveAttribute('data-link', 'waiting-for-patient');
  await silent.page.clock.fastForward(15_000);
  await expect(status).toHaveAttribute('data-link', 'patient-silent');
  await expect(status).toContainText('Carnet');
  expect(await axeViolations(silent.page)).toEqual([]);
  await closeProfessional(silent);

  // The relay is gone (its server stopped after the page loaded).
  const server = await OwnServer.start();
  const away = await professionalContext(browser, server.origin);
  await away.page.goto(
    encodeShareLink({ secret, expiresAt, rights, singleUse: true }, server.origin),
  );
  await expect(away.page.getByRole('button', { name: "Demander l'accès" })).toBeVisible();
  await server.stop();
  await askAccess(away.page, DOCTOR);
  await expect(away.page.getByTestId('reception-status')).toHaveAttribute(
    'data-link',
    'signaling-unreachable',
  );
  expect(await axeViolations(away.page)).toEqual([]);
  // The failed WebSocket is logged by Chromium itself.
  away.log.expect('console');
  await closeProfessional(away);
});
