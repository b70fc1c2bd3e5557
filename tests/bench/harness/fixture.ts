import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, test as base, expect, type Page } from '@playwright/test';
import { HARNESS_ORIGIN } from './location';
import './api';

/**
 * Benches that run lib/ code in the harness page. The browser context is a persistent one, with
 * its profile in a fresh temporary folder: IndexedDB then lives on disk as on a user's device
 * (Playwright's default contexts are incognito-like, where Chromium keeps IndexedDB in memory),
 * and each test starts with empty storage. Any error the page throws or logs fails the test.
 */
export const test = base.extend<{ harness: Harness }>({
  context: async ({ launchOptions }, use) => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'carnet-bench-profile-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      ...launchOptions,
      viewport: { width: 1280, height: 800 },
    });
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },
  harness: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const harness = new Harness(page);
    await harness.load();
    await page.evaluate(() => window.bench.resetStorage());
    await use(harness);
    expect(errors, 'errors in the harness page').toEqual([]);
  },
});

export class Harness {
  constructor(readonly page: Page) {}

  /** Loads (or reloads) the harness page: a fresh JS heap, the same storage. */
  async load(): Promise<void> {
    const response = await this.page.goto(`${HARNESS_ORIGIN}/`);
    expect(response?.ok(), 'the bench harness page (built by npm run bench)').toBe(true);
    await this.page.waitForFunction(() => window.benchReady === true, null, { timeout: 30_000 });
  }

  /** A full garbage collection, so one run's garbage is not collected during the next one. */
  async collectGarbage(): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.detach();
  }

  /** The page's JS heap in use, after a full garbage collection, in bytes. */
  async usedHeapBytes(): Promise<number> {
    const cdp = await this.page.context().newCDPSession(this.page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return usedSize;
  }
}

export { expect };

/** Rounds to `digits` decimals for bench-results.json. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
