import { expect, test } from './fixtures';
import { TINY, TINY_DETECTOR, backendText } from './helpers';

test('trains a tiny defensively distilled student, runs the detector, shows the verdict and the PGD vs Square bars', async ({ page }) => {
  await page.goto(`/?${TINY}&method=defensive-distillation&optimizer=adam&learningRate=0.001&epochs=1&teacherEpochs=1&${TINY_DETECTOR}`);
  expect(await backendText(page)).toMatch(/^webgpu/);

  const detector = page.getByRole('region', { name: 'Gradient masking detector' });
  const run = detector.getByRole('button', { name: 'Run detector' });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(run).toBeDisabled(); // no detector while a run trains
  await expect(page.getByText('Finished', { exact: true })).toBeVisible({ timeout: 180_000 });

  await run.click();
  await expect(detector.getByRole('progressbar', { name: 'Detector progress' })).toBeVisible();
  const verdict = detector.getByRole('status', { name: 'Detector verdict' });
  await expect(verdict).toContainText(/\b(clean|suspected|masked)\b/, { timeout: 180_000 });

  const bars = detector.getByRole('figure', { name: 'PGD vs Square success' });
  for (const name of ['PGD success', 'Square success']) {
    const bar = bars.getByRole('meter', { name });
    await expect(bar).toBeVisible();
    const value = Number(await bar.getAttribute('aria-valuenow'));
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(100);
  }
  // Every figure carries its settings; the six checks each say pass or fail.
  await expect(bars).toContainText('PGD-2, 1 restart, ε = 0.05, 32 test points');
  await expect(bars).toContainText('Square, 10 queries');
  await expect(detector.getByRole('list', { name: 'Masking checks' }).getByRole('listitem')).toHaveCount(6);
  await expect(page.getByRole('table', { name: 'Epsilon sweep data' }).locator('tbody tr')).toHaveCount(4);
});
