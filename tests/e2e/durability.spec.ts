import { expect, test } from '@playwright/test';
import { KillableBrowser } from '../support/killable-browser';
import { addAllergy, addDocument, createRecord, pdfWithText, unlock } from '../support/record';
import { TEST_ORIGIN } from '../support/server';

// Playwright's trace recorder would try to stop tracing on the browser this test kills on purpose.
test.use({ trace: 'off', screenshot: 'off' });

test('every edit shown as saved survives the browser being killed', async () => {
  const profileDir = KillableBrowser.tempProfile();
  const first = await KillableBrowser.launch(profileDir);
  const page = await first.browser.contexts()[0]!.newPage();
  await page.goto(`${TEST_ORIGIN}/`);
  await page.getByRole('button', { name: 'Français' }).click();
  await createRecord(page);
  const allergies = ['Pénicilline', 'Arachide', 'Latex', 'Iode', 'Pollen'];
  for (const allergy of allergies) await addAllergy(page, allergy);
  await addDocument(page, 'Compte rendu opératoire', {
    name: 'cr-operatoire.pdf',
    mimeType: 'application/pdf',
    buffer: pdfWithText('Appendicectomie sans complication'),
  });
  // The last edit goes in immediately before the crash, as soon as the UI says "saved".
  await addAllergy(page, 'Lactose');
  await first.kill();

  const second = await KillableBrowser.launch(profileDir);
  try {
    const again = await second.browser.contexts()[0]!.newPage();
    await again.goto(`${TEST_ORIGIN}/#/open`);
    // The language lives in localStorage, which Chromium flushes lazily: a crash may forget it.
    const french = again.getByRole('button', { name: 'Français' });
    if (await french.isVisible()) await french.click();
    await unlock(again);
    for (const allergy of [...allergies, 'Lactose']) {
      await expect(again.getByTestId('summary-allergy-list')).toContainText(allergy);
    }
    await expect(again.getByTestId('summary-document-list')).toContainText(
      'Compte rendu opératoire',
    );
    await expect(again.getByTestId('damage-notice')).toHaveCount(0);
  } finally {
    await second.kill();
  }
});
