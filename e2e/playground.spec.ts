import { expect, test } from './fixtures';
import { TINY, accuracyRows, backendText, waitForRows } from './helpers';

/** The main thread's longest task allowed while training (DESIGN.md: nothing blocks it; loose, as these machines are loaded). */
const MAX_TASK_MS = 200;

test('trains LTD on WebGPU, charts every epoch, pauses, resumes and resets, and the main thread stays free', async ({ page, longTasks }) => {
  await page.goto(`/?${TINY}&epochs=6&teacherEpochs=1`);

  expect(await backendText(page)).toMatch(/^webgpu/);
  await longTasks.reset(); // page load and first render are not training
  await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('ltd');

  // Teacher temperature by keyboard: 5 → 3 in four steps of 0.5.
  const tau = page.getByRole('slider', { name: 'Teacher temperature' });
  await tau.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await expect(tau).toHaveValue('3');
  await expect(page).toHaveURL(/tau=3/);

  await page.getByRole('button', { name: 'Train' }).click();
  const progress = page.getByRole('progressbar', { name: 'Training progress' });
  await expect(progress).toHaveAttribute('aria-valuetext', /Teacher|Student|Evaluating/);
  await waitForRows(page, 2);
  await expect(page.getByRole('figure', { name: 'Accuracy chart' })).toContainText('PGD-3, 1 restart, ε = 0.05');

  // Pause: the engine stops at the next batch boundary, after which no row appears.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByText('Paused', { exact: true })).toBeVisible({ timeout: 60_000 });
  const pausedRows = (await accuracyRows(page)).length;
  await page.waitForTimeout(4000);
  expect((await accuracyRows(page)).length).toBe(pausedRows);
  expect(pausedRows).toBeLessThan(6);

  // Space resumes when focus is not in a field.
  await page.locator('h1').click();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await waitForRows(page, pausedRows + 1);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });
  // Every chart, the data plot and the progress bar updated meanwhile; none of it may block input.
  const tasks = await longTasks.durations();
  test.info().annotations.push({ type: 'long tasks while training (ms)', description: tasks.map(Math.round).join(', ') || 'none' });
  expect(Math.max(0, ...tasks), `main-thread long tasks while training (ms): ${tasks.map(Math.round).join(', ')}`).toBeLessThan(MAX_TASK_MS);

  await page.getByRole('button', { name: 'Reset' }).click();
  expect(await accuracyRows(page)).toHaveLength(0);
});

test('draws a second run next to the first when τ changes', async ({ page }) => {
  await page.goto(`/?${TINY}&epochs=1&teacherEpochs=1&tau=2`);
  expect(await backendText(page)).toMatch(/^webgpu/);
  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRows(page, 1);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });

  const tau = page.getByRole('slider', { name: 'Teacher temperature' });
  await tau.fill('8');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('table', { name: 'Accuracy data' })).toContainText('τ=8');
  await waitForRows(page, 1);
  // The legend keeps the first run, labelled with its τ.
  await expect(page.getByRole('figure', { name: 'Accuracy chart' })).toContainText('τ=2');
});

test('refuses a bad setting by name and keeps the page working', async ({ page }) => {
  await page.goto('/?tau=99');
  await expect(page.getByRole('alert')).toContainText('Teacher temperature (tau) must be at most 50');
  const epochs = page.getByRole('spinbutton', { name: 'Epochs' });
  await epochs.fill('0');
  await expect(page.getByText('Epochs (epochs) must be at least 1')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();
  await epochs.fill('2');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });

  // Budget fields outside the config keep what is typed and refuse it by name, without snapping.
  const subset = page.getByRole('spinbutton', { name: 'Detector subset' });
  await subset.fill('0');
  await expect(page.getByText('Detector subset must be a whole number from 1 to 10000')).toBeVisible();
  await subset.fill('');
  await subset.pressSequentially('50');
  await expect(subset).toHaveValue('50');
  await expect(page.getByText('Detector subset must be')).toHaveCount(0);
});
