import { expect, test } from './fixtures';
import { TINY, backendText } from './helpers';

test('runs a tiny λ sweep (0, 6, no Square): one LTD row per λ and TRADES as the reference row, with settings', async ({ page }) => {
  await page.goto(`/?${TINY}&method=ltd&epochs=1&teacherEpochs=1&tau=3`);
  expect(await backendText(page)).toMatch(/^webgpu/);

  const sweep = page.getByRole('region', { name: 'Lambda sweep' });
  const lambdas = sweep.getByRole('textbox', { name: 'Lambdas' });
  const run = sweep.getByRole('button', { name: 'Run λ sweep' });
  await lambdas.fill('0, six');
  await expect(sweep).toContainText('Lambdas: "six" is not a number.');
  await expect(run).toBeDisabled();

  await lambdas.fill('6, 0');
  await sweep.getByRole('checkbox', { name: 'Include Square attack in the λ sweep' }).uncheck();
  await run.click();
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled(); // one engine job at a time
  await expect(sweep.getByRole('progressbar', { name: 'Lambda sweep progress' })).toBeVisible();

  const rows = page.getByRole('table', { name: 'Lambda sweep data' }).locator('tbody tr');
  await expect(rows).toHaveCount(3, { timeout: 240_000 });
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(cells.map((c) => [c[0], Number(c[1])])).toEqual([['LTD τ = 3', 0], ['LTD τ = 3', 6], ['TRADES', 6]]);
  for (const [, , natural, pgd, square] of cells) {
    for (const value of [Number(natural), Number(pgd)]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
    expect(square).toBe('—');
  }
  await expect(sweep).toContainText('PGD: PGD-3, 1 restart, ε = 0.05, 64 test points');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 30_000 });
});

test('@slow Step trains one batch while paused and stays paused', async ({ page }) => {
  // Spelled out (not TINY&…: the first of a repeated key wins): 32 batches an epoch, so there is room to step.
  await page.goto('/?trainSize=512&testSize=64&evalSubset=64&batchSize=16&trainPgdSteps=3&evalPgdSteps=3&hiddenUnits=16&epochs=2&teacherEpochs=1');
  expect(await backendText(page)).toMatch(/^webgpu/);
  const step = page.getByRole('button', { name: 'Step' });
  await expect(step).toBeDisabled();
  await page.getByRole('button', { name: 'Train' }).click();
  const progress = page.getByRole('progressbar', { name: 'Training progress' });
  await expect(progress).toHaveAttribute('aria-valuetext', /student/i, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.locator('.run-status')).toHaveText('Paused', { timeout: 60_000 });
  const before = Number(await progress.getAttribute('aria-valuenow'));
  await expect(step).toBeEnabled();
  for (let i = 0; i < 8; i++) await step.click();
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(before);
  await expect(page.locator('.run-status')).toHaveText('Paused');
  await page.getByRole('button', { name: 'Stop' }).click();
});
