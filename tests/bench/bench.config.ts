import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium';
import { REPO_ROOT, TEST_ORIGIN, webServer } from '../support/server';
import { HARNESS_ORIGIN, HARNESS_OUT_DIR, HARNESS_PORT } from './harness/location';

/**
 * `npm run bench`: Playwright drives real Chromium pages (and plain Node where a bench needs no
 * page) and each bench records its metrics into bench-results.json. One worker, so benches never
 * compete with each other for the two cores; ratios are always measured side by side in one run.
 *
 * Two servers: the built app (dist/) for benches of the app itself, and the bench harness page
 * (harness/, built by harness/vite.config.ts) for benches that call lib/ code directly.
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
  webServer: [
    webServer,
    {
      command: `node src/server/start.js --host 127.0.0.1 --port ${HARNESS_PORT} --dist ${JSON.stringify(HARNESS_OUT_DIR)}`,
      cwd: REPO_ROOT,
      url: `${HARNESS_ORIGIN}/`,
      reuseExistingServer: !process.env.CI,
      stdout: 'pipe',
      stderr: 'pipe',
      timeout: 30_000,
    },
  ],
});
