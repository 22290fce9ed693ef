import { readFile } from 'node:fs/promises';
import { DEFAULT_CONFIG } from '../src/shared/config';
import { type RunRecord, runLabel } from '../src/shared/run-record';
import { SCREENSHOTS, seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { TINY, backendText, waitForRows } from './helpers';

const LABEL = 'LTD τ=5 λ=6 ε=0.05';

/** A run as another machine's Export metrics (or the command line's --out) writes it: one epoch, hand-made figures. */
function exportedRun(id: number, change: Partial<RunRecord['config']>, natAcc: number): RunRecord {
  const config = { ...DEFAULT_CONFIG, ...change };
  const point = { epoch: 1, natAcc, robustAcc: natAcc / 2, loss: 0.5, lr: 0.05, tau: config.tau, lambda: config.lambda, seconds: 2 };
  return {
    id, label: runLabel(config), config, teacher: [], student: [point], robustAttack: { attack: 'PGD', epsilon: config.epsilon, steps: 10, restarts: 1, subset: 500 },
    teacherCached: false, liveChanges: [], outcome: 'completed',
  };
}
const BEST = exportedRun(1, { method: 'trades' }, 99.5);
const WORST = exportedRun(2, { tau: 30 }, 0.5);

test('keeps a finished run across a reload, overlays it, imports runs, sorts, exports and deletes by keyboard', async ({ page }) => {
  await page.goto(`/?${TINY}&epochs=1&teacherEpochs=1`);
  expect(await backendText(page)).toMatch(/^webgpu/);
  const history = page.getByRole('region', { name: 'Run history' });
  const runs = history.getByRole('table', { name: 'Runs' });
  const chart = page.getByRole('figure', { name: 'Accuracy chart' });

  // No Save step: the run is in the history once it finishes.
  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRows(page, 1);
  await expect(runs.getByRole('row', { name: new RegExp(LABEL) })).toBeVisible({ timeout: 60_000 });

  await page.reload();
  const trained = runs.getByRole('row', { name: new RegExp(LABEL) });
  await expect(trained).toContainText('trained here');
  await expect(trained).toContainText('PGD-3 ε=0.05 on 64');
  await expect(trained).toContainText(/\d+\.\d%/);
  await expect(trained.getByRole('cell').nth(9)).toHaveText('—'); // Square: the detector has not examined it

  const overlay = history.getByRole('checkbox', { name: `Overlay ${LABEL}` });
  await overlay.check();
  await expect(chart).toContainText(`(saved: ${LABEL})`);
  await overlay.uncheck();
  await expect(chart).not.toContainText(LABEL);

  const file = JSON.stringify({ exported: '2025-01-01T00:00:00.000Z', runs: [BEST, WORST] });
  await history.getByLabel('Import runs').setInputFiles({ name: 'elsewhere.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(history.getByRole('status', { name: 'Import status' })).toHaveText('Imported 2 runs from elsewhere.json.');
  await expect(runs.getByRole('row', { name: new RegExp(BEST.label) })).toContainText('imported: metrics JSON');
  await expect(runs.locator('tbody tr')).toHaveCount(3);

  // Sort by natural accuracy from the keyboard: the header's button, then Enter.
  await history.getByRole('button', { name: 'Natural', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(runs.getByRole('columnheader', { name: 'Natural' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(runs.locator('tbody tr').first()).toContainText(WORST.label);
  await expect(runs.locator('tbody tr').last()).toContainText(BEST.label);
  expect(await seriousViolations(page)).toEqual([]);
  await history.screenshot({ path: `${SCREENSHOTS}/run-history.png` }); // for a person to look at

  const download = page.waitForEvent('download');
  await history.getByRole('button', { name: 'Export JSON' }).click();
  const exported = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as { runs: Array<RunRecord & { history: { origin: { kind: string } } }> };
  expect(exported.runs.map((r) => [r.label, r.history.origin.kind])).toEqual([
    [WORST.label, 'imported'], [LABEL, 'trained'], [BEST.label, 'imported'],
  ]);
  expect(exported.runs[2].student).toEqual(BEST.student);

  await history.getByRole('button', { name: `Delete ${WORST.label}` }).focus();
  await page.keyboard.press('Enter');
  await expect(runs.locator('tbody tr')).toHaveCount(2);
  await expect(runs).not.toContainText(WORST.label);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
