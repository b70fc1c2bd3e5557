import { test as base, expect, type Page } from '@playwright/test';

type PageProblem = { kind: 'console' | 'pageerror' | 'csp'; text: string };

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * Every browser test fails if the page logs an error, throws, or trips the Content-Security-Policy:
 * a page that "works" while the CSP silently blocks something is broken for real users.
 * Tests that provoke a problem on purpose call `problems.expect(kind)` to take it off the list.
 */
export const test = base.extend<{ problems: ProblemLog }>({
  problems: [
    async ({ page }, use) => {
      const log = new ProblemLog();
      await watchPage(page, log);
      await use(log);
      log.collect(await cspViolations(page));
      expect(log.unexpected(), 'console errors, page errors or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export class ProblemLog {
  readonly seen: PageProblem[] = [];
  #allowed = new Set<PageProblem['kind']>();

  add(problem: PageProblem): void {
    this.seen.push(problem);
  }

  collect(csp: string[]): void {
    for (const text of csp) {
      if (!this.seen.some((p) => p.kind === 'csp' && p.text === text))
        this.add({ kind: 'csp', text });
    }
  }

  expect(kind: PageProblem['kind']): void {
    this.#allowed.add(kind);
  }

  unexpected(): PageProblem[] {
    return this.seen.filter((problem) => !this.#allowed.has(problem.kind));
  }
}

export async function watchPage(page: Page, log: ProblemLog): Promise<void> {
  page.on('console', (message) => {
    if (message.type() === 'error') log.add({ kind: 'console', text: message.text() });
  });
  page.on('pageerror', (error) => log.add({ kind: 'pageerror', text: String(error) }));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
}

export async function cspViolations(page: Page): Promise<string[]> {
  if (page.isClosed()) return [];
  try {
    return await page.evaluate(() => window.__cspViolations ?? []);
  } catch {
    return []; // the page was navigating away or closed
  }
}

export { expect };
