import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * Builds the bench harness page (index.html + main.ts beside this file) into
 * node_modules/.cache/carnet-bench-harness/ (see location.ts), which bench.config.ts serves on
 * loopback. Minified like the app, so library code runs as it ships; no CSP, no service worker.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    target: 'es2022',
    // HARNESS_OUT_DIR of location.ts (not imported: Vite's config loader wants no imports here).
    outDir:
      process.env.CARNET_BENCH_HARNESS_DIST ??
      fileURLToPath(new URL('../../../node_modules/.cache/carnet-bench-harness', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
