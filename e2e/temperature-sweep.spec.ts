import { expect, test } from './fixtures';
import { TINY, backendText } from './helpers';

test('runs a tiny τ sweep (1, 8, no Square) and shows one row per τ with percentages and settings', async ({ page }) => {
  await page.goto(`/?${TINY}&method=ltd&epochs=1&teacherEpochs=1`);
  expect(await backendText(page)).toMatch(/^webgpu/);

  const sweep = page.getByRole('region', { name: 'Temperature sweep' });
  const temperatures = sweep.getByRole('textbox', { name: 'Temperatures' });
  const run = sweep.getByRole('button', { name: 'Run τ sweep' });
  // A τ outside [1, 50] is named and the button waits.
  await temperatures.fill('1, 80');
  await expect(sweep).toContainText('τ = 80 is outside');
  await expect(run).toBeDisabled();

  await temperatures.fill('1, 8');
  await sweep.getByRole('checkbox', { name: 'Include Square attack' }).uncheck();
  await run.click();
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled(); // one engine job at a time
  await expect(sweep.getByRole('progressbar', { name: 'Temperature sweep progress' })).toBeVisible();

  const rows = page.getByRole('table', { name: 'Temperature sweep data' }).locator('tbody tr');
  await expect(rows).toHaveCount(2, { timeout: 240_000 });
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(cells.map((c) => Number(c[0]))).toEqual([1, 8]);
  for (const [, natural, pgd, aaLite, square] of cells) {
    for (const value of [Number(natural), Number(pgd)]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
    expect([aaLite, square]).toEqual(['—', '—']);
  }
  await expect(sweep).toContainText('PGD: PGD-3, 1 restart, ε = 0.05, 64 test points');
  await expect(sweep).toContainText('Square: not run');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 30_000 });
});
