import { expect, test } from './fixtures';
import { backendText } from './helpers';

/**
 * A defensively distilled student that learns something, yet small enough for SwiftShader: 256
 * blobs in batches of 32, 2 + 2 epochs at Adam 0.1 (in Node: teacher 70 %, student 67 %, well
 * above chance). At the method's T_d = 50 its logits saturate, so most input gradients are
 * exactly zero.
 */
const DISTILLED =
  'method=defensive-distillation&trainSize=256&testSize=64&evalSubset=32&batchSize=32&evalPgdSteps=2&epochs=2&teacherEpochs=2&learningRate=0.1&hiddenUnits=32';
/** Tiny detector budgets (URL parameters read by the detector store): AA-lite quick, Square with 10 queries. */
const DETECTOR =
  'detectorSubset=24&detectorQueries=10&detectorSteps=2&detectorRestarts=1&detectorAttack=aa-lite&detectorBudget=quick&detectorMultiples=1,3';

test('trains a tiny defensively distilled student, runs the detector: the verdict names the failing checks, AA-lite shows its breakdown', async ({ page }) => {
  await page.goto(`/?${DISTILLED}&${DETECTOR}`);
  expect(await backendText(page)).toMatch(/^webgpu/);

  const detector = page.getByRole('region', { name: 'Gradient masking detector' });
  const run = detector.getByRole('button', { name: 'Run detector' });
  await expect(detector.getByRole('combobox', { name: 'Detector attack' })).toHaveValue('aa-lite');
  await expect(detector.getByRole('combobox', { name: 'Detector budget (AA-lite)' })).toHaveValue('quick');
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(run).toBeDisabled(); // no detector while a run trains
  await expect(page.getByText('Finished', { exact: true })).toBeVisible({ timeout: 180_000 });

  const t1 = Date.now();
  await run.click();
  await expect(detector.getByRole('progressbar', { name: 'Detector progress' })).toBeVisible();
  const verdict = detector.getByRole('status', { name: 'Detector verdict' });
  await expect(verdict).toContainText(/\b(clean|suspected|masked|no verdict)\b/, { timeout: 180_000 });
  test.info().annotations.push({ type: 'timing', description: `training ${(t1 - t0) / 1000} s, detector ${(Date.now() - t1) / 1000} s` });
  // The distilled student's signature: its input gradients vanish, and the verdict says which check failed.
  await expect(verdict).toContainText(/\b(suspected|masked)\b/);
  await expect(verdict).toContainText(/Failed: .*6\. Input gradients do not vanish/);
  // The report's first line: the accuracy chart's own attack (the run's PGD-2) beside AA-lite on the same points, with the rule.
  const headline = detector.getByLabel("Chart's attack vs AA-lite");
  await expect(headline).toContainText(/Accuracy chart's attack PGD-2: \d+\.\d% robust · AA-lite: \d+\.\d% on the same 24 points · gap -?\d+\.\d points \(AA-lite alone breaks \d+, PGD-2 alone \d+; McNemar exact p = /);
  await expect(headline).toContainText("a gap of at least 15 points and McNemar's exact one-sided p <");

  // AA-lite's line: robust accuracy in percent, then AutoAttack's breakdown member by member.
  const aaLite = detector.getByRole('group', { name: 'AA-lite breakdown' });
  await expect(aaLite).toContainText(/^AA-lite \(quick\): robust accuracy \d+(\.\d)?% — APGD-CE \d+, APGD-margin \d+, Square \d+ of \d+ clean-correct points broken/);
  await expect(aaLite.getByRole('listitem')).toHaveCount(3);
  await expect(aaLite).toContainText('Square 10 q.');

  const bars = detector.getByRole('figure', { name: 'White-box vs Square success' });
  for (const name of ['White-box success', 'Square success', 'PGD success']) {
    const bar = bars.getByRole('meter', { name });
    await expect(bar).toBeVisible();
    const value = Number(await bar.getAttribute('aria-valuenow'));
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(100);
  }
  // Every figure carries its settings; the six checks each say pass or fail.
  await expect(bars).toContainText('AA-lite white-box part (quick): APGD-CE 20 it. → APGD-margin 20 it., 1 restart, ε = 0.05, 24 test points');
  await expect(bars).toContainText('PGD-2, 1 restart, ε = 0.05, 24 test points');
  await expect(bars).toContainText('Square, 10 queries');
  await expect(detector.getByRole('list', { name: 'Masking checks' }).getByRole('listitem')).toHaveCount(6);
  await expect(detector.getByRole('list', { name: 'Attack-failure indicators' }).getByRole('listitem')).toHaveCount(6);
  await expect(detector.getByRole('list', { name: 'Attack-failure indicators' })).toContainText('10. Transfer from the teacher at T = 50');
  await expect(page.getByRole('table', { name: 'Epsilon sweep data' }).locator('tbody tr')).toHaveCount(2);

  // The run's row in the history takes the detector's Square figure (with its queries and subset) and verdict.
  const row = page.getByRole('region', { name: 'Run history' }).getByRole('table', { name: 'Runs' }).getByRole('row', { name: /Defensive distillation/ });
  const word = (await verdict.textContent())!.match(/\b(suspected|masked)\b/)![1];
  await expect(row.getByRole('cell').nth(9)).toContainText(/^\d+\.\d%Square 10 q\. ε=0\.05 on 24$/);
  await expect(row.getByRole('cell').nth(10)).toHaveText(word);
  await expect(row.getByRole('cell').nth(8)).toContainText(/detector: \d+\.\d% AA-lite \(quick\) ε=0\.05 on 24/);
});

test('loads the constant classifier as a demo without training, and the detector gives it no verdict', async ({ page }) => {
  await page.goto(`/?${DETECTOR}`);
  expect(await backendText(page)).toMatch(/^webgpu/);
  const detector = page.getByRole('region', { name: 'Gradient masking detector' });
  const demo = detector.getByRole('group', { name: 'Try the detector on a known model' });
  await demo.getByRole('combobox', { name: 'Demo model' }).selectOption('constant');
  await expect(demo).toContainText('A sound detector says no verdict');
  await demo.getByRole('button', { name: 'Load demo model' }).click();
  await expect(demo).toContainText(/Loaded: Constant classifier \(blobs, \d+\.\d% natural accuracy\), examined at ε = 0\.1/, { timeout: 60_000 });
  await expect(detector.getByRole('combobox', { name: 'Model to examine' })).toHaveValue('demo');
  await detector.getByRole('button', { name: 'Run detector' }).click();
  const verdict = detector.getByRole('status', { name: 'Detector verdict' });
  await expect(verdict).toContainText('no verdict', { timeout: 180_000 });
  await expect(detector.getByLabel('Why no verdict')).toContainText(/not clearly above chance/);
  await expect(detector.getByText(/^Report on the demo model \(Blobs \(3 Gaussian classes, 2-D\)\) at ε = 0\.1/)).toBeVisible();
});

// @slow (e2e:all): in one of two clean-clone CI runs the natural demo's load ended without its
// "Loaded" line (the cause not yet found); the curves' recharts figures are also covered by
// src/page/detector/DetectorCurvesView.test.tsx in npm test.
test('@slow draws the curves a reviewer asks for: convergence, Square against queries and, when ticked, the robustness curve', async ({ page }) => {
  await page.goto(`/?${DETECTOR}&detectorRobustnessCurve=1`);
  const detector = page.getByRole('region', { name: 'Gradient masking detector' });
  await expect(detector.getByRole('checkbox', { name: 'Robustness curve' })).toBeChecked();
  const demo = detector.getByRole('group', { name: 'Try the detector on a known model' });
  await demo.getByRole('combobox', { name: 'Demo model' }).selectOption('natural');
  await demo.getByRole('button', { name: 'Load demo model' }).click();
  await expect(demo).toContainText(/Loaded: Natural training/, { timeout: 120_000 });
  await detector.getByRole('button', { name: 'Run detector' }).click();
  await expect(detector.getByRole('progressbar', { name: 'Detector progress' })).toBeVisible();
  await expect(detector.getByRole('status', { name: 'Detector verdict' })).toContainText(/\b(clean|suspected|masked|no verdict)\b/, { timeout: 240_000 });
  const figures = { 'Convergence curves': 'convergence-curves', 'Square success against queries': 'square-queries', 'Robustness curve': 'robustness-curve' };
  for (const [name, file] of Object.entries(figures)) {
    const figure = detector.getByRole('figure', { name });
    await expect(figure.locator('svg.recharts-surface').first()).toBeVisible();
    await expect(figure.locator('path.recharts-line-curve').first()).toBeAttached();
    // For the closing note (screenshots/ is not committed); the pointer off the charts, so no tooltip covers them.
    await page.mouse.move(0, 0);
    await figure.screenshot({ path: `screenshots/${file}.png` });
  }
  await expect(detector.getByRole('figure', { name: 'Convergence curves' })).toContainText(/APGD-CE: 20 iterations, \d+\.\d% broken/);
  await expect(detector.getByRole('figure', { name: 'Square success against queries' })).toContainText(/budget 10 queries per point: mean/);
  await expect(detector.getByRole('figure', { name: 'Robustness curve' })).toContainText('7 bisection steps');
  await expect(detector.getByRole('table', { name: 'Robustness curve data' }).locator('tbody tr')).toHaveCount(2);
});
