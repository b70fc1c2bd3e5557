import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for commands the tests spawn. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The address the test and bench configs serve the built app (and its signaling relay) on. */
export const TEST_PORT = Number(process.env.CARNET_TEST_PORT ?? 4173);
export const TEST_ORIGIN = `http://127.0.0.1:${TEST_PORT}`;

/** The built app the tests serve: dist/, or CARNET_DIST (absolute) when set for the build too. */
export const DIST = process.env.CARNET_DIST ?? join(REPO_ROOT, 'dist');

export const webServer = {
  command: `node src/server/start.js --host 127.0.0.1 --port ${TEST_PORT} --dist ${JSON.stringify(DIST)}`,
  cwd: REPO_ROOT,
  url: `${TEST_ORIGIN}/`,
  reuseExistingServer: !process.env.CI,
  stdout: 'pipe',
  stderr: 'pipe',
  timeout: 30_000,
} as const;
