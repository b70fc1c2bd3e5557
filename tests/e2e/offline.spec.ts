import { test, expect } from '../support/fixtures';

test('after one visit the app opens and moves between pages with no network', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)))
    .toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('main h1')).toBeVisible();
  // Pages loaded on demand come from the precache as well.
  await page.getByRole('link', { name: /Réglages|Settings/ }).click();
  await expect(page.locator('main h1')).toHaveText(/Réglages|Settings/);
  await page.goto('/#/create');
  await expect(page.locator('main h1')).toBeVisible();

  // A new tab opened while offline works too.
  const second = await context.newPage();
  await second.goto('/#/settings');
  await expect(second.locator('main h1')).toHaveText(/Réglages|Settings/);
  await context.setOffline(false);
});

test('the web manifest makes Carnet installable', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href!, page.url()).toString();
  const manifest = await (await request.get(manifestUrl)).json();
  expect(manifest).toMatchObject({
    name: expect.stringContaining('Carnet'),
    short_name: 'Carnet',
    description: expect.any(String),
    display: 'standalone',
    theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
  });
  const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
  for (const [sizes, purpose] of [
    ['192x192', 'any'],
    ['512x512', 'any'],
    ['512x512', 'maskable'],
  ]) {
    const icon = icons.find((i) => i.sizes === sizes && i.purpose === purpose);
    expect(icon, `${sizes} ${purpose} icon`).toBeDefined();
    const [width] = sizes!.split('x').map(Number);
    const natural = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      return image.naturalWidth;
    }, new URL(icon!.src, manifestUrl).toString());
    expect(natural).toBe(width);
  }
});
