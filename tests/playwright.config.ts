import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './support/chromium';
import { TEST_ORIGIN, webServer } from './support/server';

// Paths here are relative to this file; `npm test` builds dist/ before Playwright starts.
export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  // Several tests derive a 64 MiB Argon2id key five or more times, two tests at a time on 2 cores.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: TEST_ORIGIN,
    // Most of Carnet's users read French; a test that needs another language says so.
    locale: 'fr-FR',
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer,
});
