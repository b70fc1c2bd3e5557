/** The app's screens, addressed by the URL fragment so the app runs from any static host. */
export type ComingFeature = 'scan';

export type Route =
  | { name: 'home' }
  | { name: 'settings' }
  | { name: 'create' }
  | { name: 'open' }
  | { name: 'record' }
  | { name: 'coming'; feature: ComingFeature }
  | { name: 'not-found'; path: string };

const SIMPLE = ['settings', 'create', 'open', 'record'] as const;
const COMING: readonly string[] = ['scan'] satisfies ComingFeature[];

/** `#/settings` → settings; an empty or bare `#` is home; anything unknown is not-found. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  const name = path.slice(1);
  const simple = SIMPLE.find((candidate) => candidate === name);
  if (simple) return { name: simple };
  if (COMING.includes(name)) return { name: 'coming', feature: name as ComingFeature };
  return { name: 'not-found', path };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'coming':
      return `#/${route.feature}`;
    case 'not-found':
      return `#${route.path}`;
    default:
      return `#/${route.name}`;
  }
}
