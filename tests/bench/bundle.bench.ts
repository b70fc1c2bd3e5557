import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test, expect } from '@playwright/test';
import { recordMetric } from './metrics';
import { DIST } from '../support/server';

/**
 * bundle_initial_js_gzip_kb: the gzip size of the JavaScript a first visit downloads before the
 * home screen is usable. Measured from what a real page requests (not from the build's file list),
 * so a chunk that is wrongly made eager counts, and one loaded later does not. The service worker's
 * own scripts are excluded: they load in the background, not for the first screen.
 */
test('bundle_initial_js_gzip_kb', async ({ page, baseURL }) => {
  const scripts = new Set<string>();
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.add(request.url());
  });
  await page.goto('/');
  await expect(page.locator('main h1')).toBeVisible();
  await page.waitForLoadState('networkidle');

  let bytes = 0;
  const files: Record<string, number> = {};
  for (const url of scripts) {
    const path = new URL(url).pathname;
    expect(new URL(url).origin).toBe(baseURL);
    const gzipped = gzipSync(readFileSync(join(DIST, path))).length;
    files[path] = gzipped;
    bytes += gzipped;
  }
  expect(Object.keys(files).length).toBeGreaterThan(0);
  recordMetric('bundle_initial_js_gzip_kb', {
    value: Math.round((bytes / 1024) * 10) / 10,
    unit: 'KiB',
    files,
  });
});
