import { expect, test } from './fixtures';
import { backendText } from './helpers';

/**
 * Smaller than TINY (spelled out: the first of a repeated URL key wins). Three whole runs: 41–55 s on
 * SwiftShader on a loaded 2-core machine; the whole `npm test` ran in about 10 minutes of CI's 20
 * without it, so it is in; run-repeats.test.ts covers the group logic in a second.
 */
const SMALL = 'trainSize=64&testSize=32&evalSubset=32&batchSize=64&trainPgdSteps=2&evalPgdSteps=2&hiddenUnits=8';

test('Train with Repeats 3 trains seeds 1, 2, 3 in turn and charts their mean with n in Accuracy data', async ({ page }) => {
  await page.goto(`/?${SMALL}&epochs=1&teacherEpochs=1&seed=1`);
  expect(await backendText(page)).toMatch(/^webgpu/);
  const controls = page.getByRole('group', { name: 'Run controls' });
  await controls.getByRole('combobox', { name: 'Repeats' }).selectOption('3');
  await controls.getByRole('button', { name: 'Train' }).click();
  await expect(controls.getByRole('combobox', { name: 'Repeats' })).toBeDisabled();

  // One row per epoch; n counts the seeds that reached it: 3 once the last run has its epoch.
  const rows = page.getByRole('table', { name: 'Accuracy data' }).locator('tbody tr');
  await expect(rows.locator('td').nth(3)).toHaveText('3', { timeout: 180_000 });
  await expect(controls.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });
  const [epoch, natural, pgd, n, naturalRange] = await rows.first().locator('td').allTextContents();
  expect([Number(epoch), Number(n)]).toEqual([1, 3]);
  for (const value of [Number(natural), Number(pgd)]) {
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(100);
  }
  expect(naturalRange).toMatch(/^\d+\.\d–\d+\.\d$/);
  const chart = page.getByRole('figure', { name: 'Accuracy chart' });
  await expect(chart).toContainText('Natural accuracy (mean, seeds 1–3)');
  await expect(page.getByRole('table', { name: 'Accuracy data' })).toContainText('Runs 1–3');
});
