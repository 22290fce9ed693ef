import { type Page, expect } from '@playwright/test';

/** Settings small enough for SwiftShader (a CPU pretending to be a GPU): seconds per epoch. */
/** aaQueries=10: a completed run's final AA-lite (quick) point runs Square at 10 queries, not 1000 (minutes on SwiftShader). */
export const TINY = 'trainSize=128&testSize=64&evalSubset=64&batchSize=64&trainPgdSteps=3&evalPgdSteps=3&hiddenUnits=16&aaQueries=10';

/** Rows of the Accuracy data table, each as [epoch, natural %, PGD %]. */
export async function accuracyRows(page: Page): Promise<number[][]> {
  const rows = page.getByRole('table', { name: 'Accuracy data' }).locator('tbody tr');
  const texts = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return texts.map((cells) => cells.map(Number));
}

/** Wait until the table has at least `count` rows, every number a percentage. */
export async function waitForRows(page: Page, count: number, timeout = 180_000): Promise<number[][]> {
  await expect
    .poll(async () => (await accuracyRows(page)).length, { timeout, intervals: [500, 1000, 2000] })
    .toBeGreaterThanOrEqual(count);
  const rows = await accuracyRows(page);
  for (const [epoch, natural, pgd] of rows) {
    expect(Number.isInteger(epoch)).toBe(true);
    for (const value of [natural, pgd]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
  }
  return rows;
}

/**
 * TINY, but the model learns: in Node (tfjs cpu, seed 1) the teacher reaches 95 % after its three
 * epochs and the LTD student 78 % after one (chance is 33 %), so the detector has a model to judge
 * rather than "no verdict". Spelled out rather than `${TINY}&…`: the first of a repeated URL key
 * wins, so TINY's batch size and training size would override these.
 */
export const LEARNS =
  'trainSize=256&testSize=64&evalSubset=64&batchSize=16&trainPgdSteps=3&evalPgdSteps=3&hiddenUnits=32&learningRate=0.1&teacherEpochs=3&aaQueries=10';

/** Natural accuracy (%) a LEARNS student must clear after its first epoch: well above chance. */
export const LEARNED = 60;

/** Tiny detector budgets (URL parameters read by the detector store), so SwiftShader takes seconds. */
export const TINY_DETECTOR =
  'detectorSubset=16&detectorQueries=10&detectorSteps=2&detectorRestarts=1&detectorAttack=aa-lite&detectorBudget=quick&detectorMultiples=1,3';

/** The Backend status once the engine has chosen (longer on a first `npm run dev` load, which compiles modules). */
export async function backendText(page: Page, timeout = 60_000): Promise<string> {
  const status = page.getByRole('status', { name: 'Backend' });
  await expect(status).not.toHaveText(/starting/, { timeout });
  return (await status.textContent()) ?? '';
}
