import { parseRoute, type Route } from './routes';

/** The current screen, following `location.hash`. */
class Router {
  route = $state<Route>(parseRoute(location.hash));
  /** False until the user has moved from the page the app opened on. */
  hasNavigated = false;
  /** How many times the address changed since the app opened. */
  navigations = $state(0);

  constructor() {
    addEventListener('hashchange', () => {
      this.hasNavigated = true;
      this.navigations++;
      this.route = parseRoute(location.hash);
    });
  }
}

export const router = new Router();
