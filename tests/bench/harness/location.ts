/**
 * Where the bench harness page is built and served: its own port beside the app's test server, so
 * the harness never mixes with the app (no CSP, no service worker there).
 *
 * Built under node_modules/.cache/ (git-ignored, skipped by ESLint and Prettier) and not under
 * test-results/, which every `npm run test:e2e` empties when it starts: a bench running beside an
 * e2e run would lose its page half-way. CARNET_BENCH_HARNESS_DIST (absolute, set for the build
 * too) builds and serves it elsewhere, as CARNET_DIST does for the app, so parallel runs do not
 * overwrite each other's page.
 */
export const HARNESS_OUT_DIR =
  process.env.CARNET_BENCH_HARNESS_DIST ?? 'node_modules/.cache/carnet-bench-harness';
export const HARNESS_PORT = Number(process.env.CARNET_BENCH_HARNESS_PORT ?? 4175);
export const HARNESS_ORIGIN = `http://127.0.0.1:${HARNESS_PORT}`;
