/**
 * The `test` every spec imports: it fails any test whose page logged a console error or threw an
 * uncaught error, whatever the test itself checks (a white page starts as one of those), and it
 * records the page's main-thread long tasks for the specs that bound them.
 */
import { type Page, test as base, expect } from '@playwright/test';

export { expect };

export interface LongTasks {
  /** Forget the long tasks so far (page load, shader compilation…): measure from here. */
  reset(): Promise<void>;
  /** Durations (ms) of the tasks over 50 ms on the page's main thread since the last reset. */
  durations(): Promise<number[]>;
}

interface Fixtures {
  /**
   * The `backend` URL parameter every `page.goto` gets unless its URL names one: the `webgpu` and
   * `dev` projects set 'webgpu', since their specs test the engine on WebGPU, which the page by
   * itself now passes over for wasm on these machines' software adapter (SwiftShader). Null: the
   * page chooses, as a visitor's does. Set per project in playwright.config.ts, or per spec with
   * `test.use({ urlBackend: null })`.
   */
  urlBackend: string | null;
  /**
   * Console errors a test provokes on purpose, as patterns; anything else fails the test.
   * Set with `test.use({ allowedConsoleErrors: [/…/] })`.
   */
  allowedConsoleErrors: RegExp[];
  /** Fails the test on console errors and page errors (automatic: every test has it). */
  failOnPageErrors: void;
  longTasks: LongTasks;
}

declare global {
  interface Window {
    __longTasks?: number[];
  }
}

async function observeLongTasks(page: Page) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    // Older browsers without the longtask entry type simply record nothing.
    try {
      new PerformanceObserver((list) => window.__longTasks!.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
    } catch {
      /* not supported */
    }
  });
}

/** `url` with `backend=<backend>` added when it names none (relative URLs stay relative). */
export function withBackend(url: string, backend: string | null): string {
  if (backend === null) return url;
  const parsed = new URL(url, 'http://relative.invalid');
  if (parsed.searchParams.has('backend')) return url;
  parsed.searchParams.set('backend', backend);
  return parsed.origin === 'http://relative.invalid' ? `${parsed.pathname}${parsed.search}${parsed.hash}` : parsed.href;
}

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  urlBackend: [null, { option: true }],

  page: async ({ page, urlBackend }, use) => {
    const goto = page.goto.bind(page);
    page.goto = (url, options) => goto(withBackend(url, urlBackend), options);
    await use(page);
  },

  failOnPageErrors: [
    async ({ page, allowedConsoleErrors }, use, testInfo) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (allowedConsoleErrors.some((pattern) => pattern.test(text))) return;
        const where = message.location();
        problems.push(`console error: ${text}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
      });
      await use();
      // Not when the test already failed: its own error says more, and this one would hide it.
      if (testInfo.status === testInfo.expectedStatus) {
        expect(problems, 'console errors and page errors while the test ran').toEqual([]);
      }
    },
    { auto: true },
  ],

  longTasks: async ({ page }, use) => {
    await observeLongTasks(page);
    await use({
      reset: () => page.evaluate(() => void window.__longTasks!.splice(0)),
      durations: () => page.evaluate(() => [...window.__longTasks!]),
    });
  },
});
