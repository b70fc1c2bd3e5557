import { parseRoute, type Route } from './routes';

/** The current screen, following `location.hash`. */
class Router {
  route = $state<Route>(parseRoute(location.hash));
  /** False until the user has moved from the page the app opened on. */
  hasNavigated = false;

  constructor() {
    addEventListener('hashchange', () => {
      this.hasNavigated = true;
      this.route = parseRoute(location.hash);
    });
  }
}

export const router = new Router();
