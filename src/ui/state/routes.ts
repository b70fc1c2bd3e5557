/** The app's screens, addressed by the URL fragment so the app runs from any static host. */
export type ComingFeature = 'create' | 'open' | 'scan';

export type Route =
  | { name: 'home' }
  | { name: 'settings' }
  | { name: 'coming'; feature: ComingFeature }
  | { name: 'not-found'; path: string };

const COMING: readonly string[] = ['create', 'open', 'scan'] satisfies ComingFeature[];

/** `#/settings` → settings; an empty or bare `#` is home; anything unknown is not-found. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/settings') return { name: 'settings' };
  const feature = path.slice(1);
  if (COMING.includes(feature)) return { name: 'coming', feature: feature as ComingFeature };
  return { name: 'not-found', path };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'settings':
      return '#/settings';
    case 'coming':
      return `#/${route.feature}`;
    case 'not-found':
      return `#${route.path}`;
  }
}
