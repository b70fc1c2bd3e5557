/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy, parseSignalingSetting } from './src/server/csp.js';

// Signaling servers other than the app's own origin are fixed at build time, because the CSP that
// lets the page reach them is (see src/server/csp.js).
const signaling = parseSignalingSetting(process.env.CARNET_SIGNALING_URL);

/** Writes the CSP into the built index.html. Not in dev: Vite's dev server injects inline code. */
function cspMeta(): Plugin {
  return {
    name: 'carnet-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: {
            'http-equiv': 'Content-Security-Policy',
            content: contentSecurityPolicy({ signalingOrigins: signaling.origins }),
          },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

export default defineConfig({
  // index.html lives in src/ so the repository's top level stays what README describes.
  root: 'src',
  publicDir: '../public',
  // Relative URLs: the built app runs from any folder of any static host.
  base: './',
  define: {
    __CARNET_SIGNALING_URLS__: JSON.stringify(signaling.urls),
    __CARNET_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0'),
  },
  build: {
    target: 'es2022',
    // CARNET_DIST lets several checkouts' test runs build side by side; dist/ otherwise.
    outDir: process.env.CARNET_DIST ?? '../dist',
    emptyOutDir: true,
    // Inlined data: URLs would need a looser CSP for fonts; ship every asset as a file.
    assetsInlineLimit: 0,
  },
  plugins: [
    svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) }),
    cspMeta(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        name: 'Carnet — mon carnet de santé',
        short_name: 'Carnet',
        description:
          'Votre dossier de santé, uniquement sur vos appareils. Your health record, only on your devices.',
        lang: 'fr',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5d66',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // The whole app shell, every lazily loaded page included, so any screen opens offline.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2,wasm,mjs,pfb}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  test: {
    root: '.',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
