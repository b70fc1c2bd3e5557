import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from '../support/fixtures';

/** Records every URL the context asks for, the service worker's own fetches included. */
function recordRequests(context: BrowserContext, page: Page): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  page.on('websocket', (socket) => urls.push(socket.url()));
  return urls;
}

function origin(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol.replace(/^ws/, 'http')}//${parsed.host}`;
}

test('a full walk through the app requests nothing but its own origin', async ({
  page,
  context,
  baseURL,
}) => {
  const urls = recordRequests(context, page);
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload(); // now through the service worker
  for (const name of [/Créer|Create/, /Ouvrir|Open my/, /professionnel|professional/]) {
    await page.getByRole('link', { name }).click();
    await expect(page.locator('main h1')).toBeFocused();
    await page.goBack();
  }
  await page.getByRole('link', { name: /Réglages|Settings/ }).click();
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('radio', { name: 'Français' }).check();
  await page.goto('/#/no-such-page');
  await expect(page.locator('main h1')).toBeVisible();
  await page.goto('/');
  await expect(page.locator('main h1')).toBeVisible();

  expect(urls.length).toBeGreaterThan(5);
  const foreign = urls.filter((url) => origin(url) !== baseURL);
  expect(foreign, 'requests to other origins').toEqual([]);
});

test('the Content-Security-Policy is strict and enforced', async ({ page, problems }) => {
  await page.goto('/');
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(policy).toContain("connect-src 'self';");
  expect(policy).not.toContain("'unsafe-inline'");
  expect(policy).not.toContain("'unsafe-eval'");

  // An attempt to reach another server from the page is refused before any packet leaves.
  problems.expect('csp');
  problems.expect('console');
  const outcome = await page.evaluate(async () => {
    try {
      await fetch('http://127.0.0.2:9/leak');
      return 'sent';
    } catch {
      return 'blocked';
    }
  });
  expect(outcome).toBe('blocked');
  await expect
    .poll(() => page.evaluate(() => window.__cspViolations ?? []))
    .toContainEqual('connect-src blocked http://127.0.0.2:9/leak');

  // Inline script is refused too.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
});

test('the page reaches the signaling relay served beside it', async ({ page, baseURL }) => {
  await page.goto('/');
  const reply = await page.evaluate(
    async (url) => {
      const socket = new WebSocket(url);
      return await new Promise<string>((resolve, reject) => {
        socket.onopen = () => socket.send(JSON.stringify({ type: 'ping' }));
        socket.onmessage = (event) => {
          resolve(String(event.data));
          socket.close();
        };
        socket.onerror = () => reject(new Error('WebSocket failed'));
      });
    },
    `${baseURL!.replace(/^http/, 'ws')}/signal`,
  );
  expect(JSON.parse(reply)).toEqual({ type: 'pong' });
});
