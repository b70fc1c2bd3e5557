/** Where the app finds its signaling relay (DESIGN §4.3). */

/** The path at which `npm start` serves the relay beside the app. */
export const SIGNALING_PATH = '/signal';

/**
 * The signaling servers to use: the ones fixed at build time (CARNET_SIGNALING_URL, which the CSP
 * also allows), or else the relay on the app's own origin — ws:// beside http://, wss:// beside
 * https://, under the same path prefix so the app can live in a sub-folder.
 */
export function signalingUrls(
  builtIn: readonly string[],
  page: { protocol: string; host: string; pathname: string },
): string[] {
  if (builtIn.length > 0) return [...builtIn];
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  const base = page.pathname.replace(/[^/]*$/, '').replace(/\/$/, '');
  return [`${scheme}//${page.host}${base}${SIGNALING_PATH}`];
}
