import { expect, test } from './fixtures';
import { LEARNS, waitForRows } from './helpers';

/** Cells of a table's body rows, as text. */
async function cells(page: import('@playwright/test').Page, name: string): Promise<string[][]> {
  return page.getByRole('table', { name }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

test('@slow measures the trained teacher’s calibration: entropy up towards ln 3, max-probability down towards 1/3, reliability counts, G on blobs', async ({ page }, testInfo) => {
  await page.goto(`/?${LEARNS}&epochs=1&dataset=blobs&method=ltd`);
  const region = page.getByRole('region', { name: 'Teacher calibration' });
  const button = region.getByRole('button', { name: 'Measure teacher calibration' });
  await expect(button).toBeDisabled();

  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRows(page, 1);
  await expect(button).toBeEnabled();
  await button.click();
  await expect(region.getByRole('status', { name: 'Calibration status' })).toHaveText(/Measured on 64 test points of blobs, 99 values of τ/, { timeout: 60_000 });

  // One row per slider value (1 to 50 by 0.5): τ, entropy, % of ln 3, max-prob, G.
  const soft = (await cells(page, 'Soft-label calibration data')).map((row) => row.map(Number));
  expect(soft).toHaveLength(99);
  expect(soft[0][0]).toBe(1);
  expect(soft.at(-1)![0]).toBe(50);
  for (const [, entropy, share, maxProb, g] of soft) {
    expect(entropy).toBeGreaterThanOrEqual(0);
    expect(entropy).toBeLessThanOrEqual(Math.log(3) + 1e-4);
    expect(share).toBeLessThanOrEqual(100);
    expect(maxProb).toBeGreaterThanOrEqual(1 / 3 - 1e-4);
    expect(maxProb).toBeLessThanOrEqual(1);
    expect(g).toBeGreaterThanOrEqual(0);
  }
  // Hotter is flatter, all the way.
  for (let i = 1; i < soft.length; i++) {
    expect(soft[i][1]).toBeGreaterThanOrEqual(soft[i - 1][1] - 1e-4);
    expect(soft[i][3]).toBeLessThanOrEqual(soft[i - 1][3] + 1e-4);
  }
  expect(soft.at(-1)![3]).toBeLessThan(0.4);

  // Ten bins holding the 64 test points, accuracies and confidences as probabilities.
  const bins = await cells(page, 'Reliability data');
  expect(bins).toHaveLength(10);
  expect(bins.reduce((n, row) => n + Number(row[1]), 0)).toBe(64);
  for (const [, count, confidence, accuracy] of bins) {
    if (Number(count) === 0) continue;
    expect(Number(confidence)).toBeGreaterThanOrEqual(1 / 3 - 1e-3);
    expect(Number(accuracy)).toBeLessThanOrEqual(1);
  }

  // The reading follows the slider without asking the engine again.
  const reading = region.getByTestId('calibration-reading');
  await expect(reading).toContainText('At the slider’s τ = 5:');
  await expect(reading).toContainText(/G (is lowest|keeps falling)/);
  await page.getByRole('slider', { name: 'Teacher temperature' }).fill('20');
  await expect(reading).toContainText('At the slider’s τ = 20:');
  await region.screenshot({ path: testInfo.outputPath('teacher-calibration.png') }); // for people
});
