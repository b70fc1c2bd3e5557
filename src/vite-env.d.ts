/// <reference types="svelte" />
/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

/** Signaling servers fixed at build time (CARNET_SIGNALING_URL); empty means the app's origin. */
declare const __CARNET_SIGNALING_URLS__: string[];
declare const __CARNET_VERSION__: string;
