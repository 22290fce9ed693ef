import { expect, test } from './fixtures';
import { LEARNED, LEARNS, TINY_DETECTOR, backendText, waitForRows } from './helpers';

// Runs in the `dev` project, against `npm run dev` as the README says: React StrictMode runs
// every effect twice there, which once made the engine's backend search race (WebGL or CPU
// instead of WebGPU) and a store selector loop until the page went white after Run detector.
// The shared fixture fails this test on any console error or page error.
test('npm run dev trains on WebGPU, and the detector runs to a verdict after Stop and again after Reset', async ({ page }, testInfo) => {
  // Two detector runs on a model that learned (every clean-correct point is attacked), in dev mode.
  test.setTimeout(360_000);
  await page.goto(`/?${LEARNS}&epochs=3&${TINY_DETECTOR}`);
  expect(await backendText(page, 120_000)).toMatch(/^webgpu — adapter/);

  await page.getByRole('button', { name: 'Train' }).click();
  // The detector judges a model that learned (else its verdict is rightly "no verdict").
  const [[, natural]] = await waitForRows(page, 1);
  expect(natural).toBeGreaterThan(LEARNED);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });

  const detector = page.getByRole('region', { name: 'Gradient masking detector' });
  const run = detector.getByRole('button', { name: 'Run detector' });
  const progress = detector.getByRole('progressbar', { name: 'Detector progress' });
  const verdict = detector.getByRole('status', { name: 'Detector verdict' });
  await run.click();
  await expect(progress).toBeVisible();
  await expect(verdict).toContainText(/\b(clean|suspected|masked)\b/, { timeout: 180_000 });
  await expect(detector.getByRole('list', { name: 'Masking checks' }).getByRole('listitem')).not.toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('dev-detector.png'), fullPage: true }); // the run and its verdict, for people

  // Reset clears the runs; the engine keeps the last student, and the detector examines it again.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('table', { name: 'Accuracy data' }).locator('tbody tr')).toHaveCount(0);
  await run.click();
  await expect(progress).toBeVisible();
  await expect(progress).toBeHidden({ timeout: 180_000 });
  await expect(verdict).toContainText(/\b(clean|suspected|masked)\b/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('region', { name: /\(failed\)$/ })).toHaveCount(0);
});
