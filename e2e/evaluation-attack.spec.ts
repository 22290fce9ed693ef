import { expect, test } from './fixtures';
import { TINY, backendText, waitForRows } from './helpers';

test('AA-lite as the evaluation attack: the chart, its caption and the Accuracy data table name it', async ({ page }) => {
  // Natural training needs no teacher.
  await page.goto(`/?${TINY.replace('evalSubset=64', 'evalSubset=8')}&method=natural&epochs=1`);
  expect(await backendText(page)).toMatch(/^webgpu/);

  const attack = page.getByRole('combobox', { name: 'Evaluation attack' });
  await expect(attack).toHaveValue('pgd');
  await attack.selectOption({ label: 'AA-lite' });
  await page.getByRole('combobox', { name: 'AA-lite budget' }).selectOption('quick');
  // Square's 1000 queries take minutes on SwiftShader: 10 here, and the caption must say so.
  await page.getByRole('spinbutton', { name: 'AA-lite Square queries' }).fill('10');
  await expect(page).toHaveURL(/evalAttack=aa-lite/);
  await expect(page).toHaveURL(/aaBudget=quick/);
  await expect(page).toHaveURL(/aaQueries=10/);

  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRows(page, 1);
  const table = page.getByRole('table', { name: 'Accuracy data' });
  await expect(table.locator('thead th').nth(2)).toHaveText('AA-lite accuracy (%)');
  // Blobs has 3 classes: margin APGD stands in for APGD-T.
  const caption = 'AA-lite (quick): APGD-CE 20 it. → APGD-margin 20 it. → Square 10 q., 1 restart, ε = 0.05, 8 test points';
  await expect(table).toContainText(caption);
  const chart = page.getByRole('figure', { name: 'Accuracy chart' });
  await expect(chart).toContainText(`AA-lite accuracy: ${caption}`);
  await expect(chart).not.toContainText('AutoAttack');

  // The completed run ends with its final AA-lite (quick) point: a diamond at the last epoch, its legend naming attack, ε, steps and subset.
  const legend = chart.locator('.chart-legend li', { hasText: 'AA-lite (quick) ε=0.05 on 8 points, 20 steps, after epoch 1' });
  await expect(legend).toHaveCount(1, { timeout: 120_000 });
  // recharts' legend draws the marker series' icon as a diamond symbol.
  await expect(legend.locator('path.recharts-symbols')).toHaveCount(1);
  await expect(chart.locator('.recharts-surface .chart-marker')).toHaveCount(1);
  await expect(chart.locator('figcaption')).toContainText(/Diamond: AA-lite \(quick\) ε=0\.05 on 8 points, 20 steps, after epoch 1, \d+(\.\d)?\s?% robust/);
});
