/**
 * The accessibility scan and the screenshots the e2e suite leaves for a person to look at
 * (`screenshots/`, gitignored).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe-core's serious and critical violations on the page as it is now, each as
 * "rule (impact): element — what fails", so a failing test names what to fix. Moderate and minor
 * findings are axe's advice, not failures here.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`));
}

/** Where the suite writes screenshots: outside test-results/, which Playwright empties at every run. */
export const SCREENSHOTS = 'screenshots';

/** A full-page screenshot as `screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}
