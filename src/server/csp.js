// @ts-check
/**
 * The Content-Security-Policy of the app, in one place: the build writes it into index.html as a
 * <meta> (so it holds on any static host), the bundled server repeats what a <meta> cannot carry.
 *
 * Strict on purpose (DESIGN §7): no inline script, no eval, no inline style, and `connect-src`
 * limited to the app's own origin (which serves the signaling WebSocket at /signal) plus the
 * signaling servers named at build time. A user cannot widen it at run time: a CSP can only be
 * tightened from inside the page, so whoever hosts Carnet decides which signaling servers it may
 * reach.
 */

/**
 * @param {{ signalingOrigins?: readonly string[] }} [options]
 * @returns {string}
 */
export function contentSecurityPolicy({ signalingOrigins = [] } = {}) {
  /** @type {Record<string, string[]>} */
  const directives = {
    'default-src': ["'none'"],
    // 'wasm-unsafe-eval' lets the page compile WebAssembly (Argon2id, 3× faster than pure JS);
    // it does not allow eval() or new Function() (DESIGN §7).
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'font-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", ...signalingOrigins],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'object-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * Turns the build-time setting CARNET_SIGNALING_URL (a comma-separated list of ws:// or wss://
 * URLs) into CSP sources. Throws on anything that is not a WebSocket URL, so a typo fails the
 * build instead of shipping an app that cannot connect.
 *
 * @param {string | undefined} setting
 * @returns {{ urls: string[], origins: string[] }}
 */
export function parseSignalingSetting(setting) {
  const urls = (setting ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const origins = urls.map((text) => {
    let url;
    try {
      url = new URL(text);
    } catch {
      throw new Error(`CARNET_SIGNALING_URL: "${text}" is not a URL`);
    }
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      throw new Error(`CARNET_SIGNALING_URL: "${text}" must start with ws:// or wss://`);
    }
    return `${url.protocol}//${url.host}`;
  });
  return { urls, origins: [...new Set(origins)] };
}

/** Headers the bundled server adds to every response: what a <meta> CSP cannot say. */
export const securityHeaders = Object.freeze({
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
});
