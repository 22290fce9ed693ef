import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { screenshot, seriousViolations } from './axe';
import { LEARNED, LEARNS, TINY_DETECTOR, backendText } from './helpers';

/** Press Tab until the button `name` has focus (a teacher without a mouse), then return it. */
async function tabTo(page: Page, name: string, presses = 40): Promise<Locator> {
  const button = page.getByRole('button', { name, exact: true });
  for (let i = 0; i < presses; i++) {
    if (await button.evaluate((el) => el === document.activeElement)) return button;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the button “${name}” in ${presses} presses`);
}

/** The percentage a big-number status shows, e.g. 81.3 for "Natural accuracy81.3%Student after…". */
async function percentIn(status: Locator): Promise<number> {
  const match = /(\d+(?:\.\d)?)%/.exec((await status.textContent()) ?? '');
  if (!match) throw new Error(`no percentage in “${await status.textContent()}”`);
  return Number(match[1]);
}

test('@slow presentation mode: train and run the detector by keyboard, read the three numbers with their attacks, walk the tour through the presets, leave with Esc', async ({ page }) => {
  // A teacher, a student epoch and the detector on SwiftShader, on a machine shared with other suites: 2–4 minutes measured.
  test.setTimeout(480_000);
  await page.goto(`/?present=1&${LEARNS}&epochs=1&${TINY_DETECTOR}`);
  await backendText(page);
  const natural = page.getByRole('status', { name: 'Natural accuracy' });
  const robust = page.getByRole('status', { name: 'Robust accuracy' });
  const square = page.getByRole('status', { name: 'Square accuracy' });
  const verdict = page.getByRole('status', { name: 'Detector verdict' });
  // Nothing measured yet: dashes, each with what to do.
  await expect(natural).toContainText('—no student trained yet: press Train');
  await expect(square).toContainText('not measured yet: run the detector');
  await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveCount(0);

  // Train, from the keyboard.
  await (await tabTo(page, 'Train')).press('Enter');
  await expect(natural).toContainText('%', { timeout: 200_000 });
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 60_000 });
  expect(await percentIn(natural)).toBeGreaterThan(LEARNED); // the judged model learned
  await expect(natural).toContainText('Student after epoch 1');
  // The white-box number names its attack, ε and subset (LEARNS: PGD-3 on 64 points).
  await expect(robust).toContainText(/White-box, epoch 1: PGD-3, 1 restart, ε = 0\.05, 64 test points/);
  const robustValue = await percentIn(robust);
  expect(robustValue).toBeGreaterThanOrEqual(0);
  expect(robustValue).toBeLessThanOrEqual(100);
  await expect(square).toContainText('—');

  // The detector, from the keyboard: Square and the verdict arrive, on the same 16 points as its white-box side.
  await (await tabTo(page, 'Run detector')).press('Enter');
  await expect(square).toContainText(/\d%/, { timeout: 200_000 });
  await expect(square).toContainText(/Black-box: Square, 10 queries, ε = 0\.05, 16 test points\. On the same points the white-box side \(APGD-CE.*\) leaves \d+(\.\d)?%/);
  await expect(verdict).toContainText(/^Detector verdict(clean|suspected|masked)/);
  await expect(verdict).toContainText(/\d+ warning signs and \d+ attack-failure indicators on 16 test points/);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'presentation');

  // The tour, by arrow keys only: step k of n, held at both ends.
  const step = page.getByRole('region', { name: 'Guided tour' }).locator('.present-bar-text');
  await expect(step).toContainText(/^Step 1 of \d+/);
  const steps = Number(/of (\d+)/.exec((await step.textContent()) ?? '')?.[1]);
  expect(steps).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('ArrowLeft');
  await expect(step).toContainText('Step 1 of');
  for (let k = 2; k <= steps; k++) {
    await page.keyboard.press('ArrowRight');
    await expect(step).toContainText(`Step ${k} of ${steps}`);
  }
  await page.keyboard.press('ArrowRight');
  await expect(step).toContainText(`Step ${steps} of ${steps}`);
  // Each preset's step set the page up for it as it opened: the last is defensive distillation, the one before LTD at τ = 20.
  await expect(step).toContainText('Defensive distillation');
  await expect.poll(() => new URL(page.url()).searchParams.get('method')).toBe('defensive-distillation');
  await expect(page.getByRole('status', { name: 'Tour settings' })).toContainText('Set: Fashion-MNIST');
  await page.keyboard.press('ArrowLeft');
  await expect(step).toContainText(`Step ${steps - 1} of ${steps}`);
  await expect.poll(() => new URL(page.url()).searchParams.get('tau')).toBe('20');
  expect(new URL(page.url()).searchParams.get('present')).toBe('1');
  // One chart at a time: ] puts the next on stage.
  const chart = page.getByRole('region', { name: 'Chart on stage' }).locator('.present-bar-text');
  const before = await chart.textContent();
  await page.keyboard.press(']');
  await expect(chart).not.toHaveText(before ?? '');

  // Esc leaves: the main page is back, present=1 is gone from the address, focus is on the way back in.
  await page.keyboard.press('Escape');
  const enter = page.getByRole('button', { name: 'Presentation mode' });
  await expect(enter).toBeFocused();
  expect(new URL(page.url()).searchParams.get('present')).toBeNull();
  await expect(page.getByRole('figure', { name: 'Accuracy chart' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Gradient masking detector' })).toContainText('Verdict:');
  // The main page with a run and a detector report on it (checks, bars, ε sweep): the scan of a fresh page cannot see these.
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'main-page');

  // And back in with Enter: the same numbers, kept by the page.
  await page.keyboard.press('Enter');
  await expect(natural).toContainText('Student after epoch 1');
  await expect(square).toContainText('Black-box: Square');
  expect(new URL(page.url()).searchParams.get('present')).toBe('1');
  await page.getByRole('button', { name: 'Leave presentation' }).press('Enter');
  await expect(enter).toBeFocused();
});

test('presentation mode by keyboard alone, nothing trained: enter, walk the tour through the presets (each step sets its preset), Esc leaves', async ({ page }) => {
  await page.goto('/');
  await backendText(page);
  await (await tabTo(page, 'Presentation mode')).press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('present')).toBe('1');
  await expect(page.getByRole('status', { name: 'Natural accuracy' })).toContainText('no student trained yet: press Train');
  await expect(page.getByRole('status', { name: 'Square accuracy' })).toContainText('not measured yet: run the detector');

  const step = page.getByRole('region', { name: 'Guided tour' }).locator('.present-bar-text');
  await expect(step).toContainText(/^Step 1 of \d+/);
  const steps = Number(/of (\d+)/.exec((await step.textContent()) ?? '')?.[1]);
  const methods = ['natural', 'trades', 'ltd', 'ltd', 'defensive-distillation'];
  expect(steps).toBe(1 + methods.length);
  for (let k = 2; k <= steps; k++) {
    await page.keyboard.press('ArrowRight');
    await expect(step).toContainText(`Step ${k} of ${steps}`);
    await expect(page.getByRole('status', { name: 'Tour settings' })).toContainText('Set: Fashion-MNIST');
    // The address leaves out settings at their default, and LTD is the default method.
    await expect.poll(() => new URL(page.url()).searchParams.get('method') ?? 'ltd').toBe(methods[k - 2]);
  }
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => new URL(page.url()).searchParams.get('tau')).toBe('20');

  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Presentation mode' })).toBeFocused();
  expect(new URL(page.url()).searchParams.get('present')).toBeNull();
});
