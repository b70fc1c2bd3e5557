import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LaunchOptions } from '@playwright/test';

/**
 * Playwright cannot download its own browsers on our machines, so the tests drive the system
 * Chromium: CHROMIUM_PATH if set, else the usual install locations.
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      [
        'No Chromium found for the browser tests.',
        'Install one (Debian/Ubuntu: sudo apt-get install chromium),',
        'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
      ].join('\n'),
    );
  }
  return found;
}

/**
 * Flags measured on these machines (see ../shared/RECIPES.md): headless as root needs
 * --no-sandbox; the background-networking flags stop Chromium calling Google's hosts through a
 * closed network; the loopback/fake-media flags let WebRTC connect in a sandbox that only has `lo`.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--allow-loopback-in-peer-connection',
  '--use-fake-ui-for-media-stream',
];

export function chromiumLaunchOptions(extraArgs: string[] = []): LaunchOptions {
  return {
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, ...extraArgs],
    // Chromium's crash handler would otherwise write under $HOME.
    env: { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'carnet-chromium-')) },
  };
}
