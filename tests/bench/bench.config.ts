import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium';
import { TEST_ORIGIN, webServer } from '../support/server';

/**
 * `npm run bench`: Playwright drives real Chromium pages (and plain Node where a bench needs no
 * page) and each bench records its metrics into bench-results.json. One worker, so benches never
 * compete with each other for the two cores; ratios are always measured side by side in one run.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../../test-results/bench',
  globalSetup: './reset.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  timeout: 10 * 60_000,
  use: {
    baseURL: TEST_ORIGIN,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
  },
  webServer,
});
