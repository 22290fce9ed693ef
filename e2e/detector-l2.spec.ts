import { expect, test } from './fixtures';
import { backendText } from './helpers';

/**
 * The L2 threat model end to end: a tiny PGD-AT student on blobs trained under L2 (ε₂ = 0.07,
 * the toys' L2 default), then the detector, every attack of it under L2, to a verdict.
 */
const L2_RUN = 'norm=l2&method=pgd-at&trainSize=128&testSize=64&evalSubset=24&batchSize=32&evalPgdSteps=2&trainPgdSteps=2&epochs=2&hiddenUnits=16';
const DETECTOR = 'detectorSubset=24&detectorQueries=10&detectorSteps=2&detectorRestarts=1&detectorAttack=pgd&detectorBudget=quick&detectorMultiples=1,3';

test('an L2 run trains and the detector, under L2, reaches a verdict; captions name the norm', async ({ page }) => {
  await page.goto(`/?${L2_RUN}&${DETECTOR}`);
  expect(await backendText(page)).toMatch(/^webgpu/);
  const settings = page.getByRole('region', { name: 'Settings' });
  const norm = settings.getByRole('combobox', { name: 'Threat model' });
  await expect(norm).toHaveValue('l2');
  await expect(norm.getByRole('option')).toHaveText(['L∞', 'L2']);
  await expect(settings.getByRole('slider', { name: 'Epsilon' })).toHaveAttribute('aria-valuetext', /0\.07 \(L2\)/);

  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByText('Finished', { exact: true })).toBeVisible({ timeout: 180_000 });

  const detector = page.getByRole('region', { name: 'Gradient masking detector' });
  await detector.getByRole('button', { name: 'Run detector' }).click();
  const verdict = detector.getByRole('status', { name: 'Detector verdict' });
  await expect(verdict).toContainText(/\b(clean|suspected|masked|no verdict)\b/, { timeout: 180_000 });
  const bars = detector.getByRole('figure', { name: 'White-box vs Square success' });
  await expect(bars).toContainText('PGD-2, 1 restart, ε₂ = 0.07, 24 test points');
  await expect(page.getByRole('table', { name: 'Epsilon sweep data' }).locator('tbody tr')).toHaveCount(2);
});
