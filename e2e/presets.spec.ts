import { expect, test } from './fixtures';
import { SCREENSHOTS, screenshot } from './axe';
import { accuracyRows, backendText, TINY_DETECTOR, waitForRows } from './helpers';
import { type Page } from '@playwright/test';

/** Each training preset by its button's name, with the controls it must set (τ only where the method reads it). */
const PRESETS = [
  { id: 'natural', name: 'No defence (natural)', method: 'natural', tau: null },
  { id: 'trades', name: 'TRADES baseline', method: 'trades', tau: null },
  { id: 'ltd-paper', name: 'LTD, paper default (τ = 5, λ = 6)', method: 'ltd', tau: '5' },
  { id: 'ltd-hot', name: 'LTD too hot (τ = 20): flat logits, PGD overstates', method: 'ltd', tau: '20' },
  { id: 'defensive-distillation', name: 'Defensive distillation (T = 20): looks robust, is masked', method: 'defensive-distillation', tau: null },
] as const;
const SWEEP_PRESET = 'Table 4 in a tab: the τ sweep on Fashion-MNIST';

/** The controls and the address show the preset's settings, and its button is the pressed one. */
async function expectPreset(page: Page, preset: (typeof PRESETS)[number]) {
  await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue(preset.method);
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('fashion-mnist');
  if (preset.tau) await expect(page.getByRole('slider', { name: 'Teacher temperature' })).toHaveValue(preset.tau);
  await expect(page.getByRole('combobox', { name: 'Detector budget (AA-lite)' })).toHaveValue('quick');
  // The address holds what differs from the defaults: LTD is the default method, τ = 5 the default τ.
  await expect.poll(() => new URL(page.url()).searchParams.get('method')).toBe(preset.method === 'ltd' ? null : preset.method);
  await expect.poll(() => new URL(page.url()).searchParams.get('tau')).toBe(preset.tau === '20' ? '20' : null);
  await expect(page).toHaveURL(/dataset=fashion-mnist/);
  await expect(page).toHaveURL(/detectorBudget=quick/);
  await expect(page).not.toHaveURL(/preset=/);
  const region = page.getByRole('region', { name: 'Presets' });
  for (const other of PRESETS) {
    await expect(region.getByRole('button', { name: other.name })).toHaveAttribute('aria-pressed', String(other.id === preset.id));
  }
}

test('a preset link opens with its settings, and each preset button sets the controls and the address without training', async ({ page }) => {
  await page.goto('/?preset=defensive-distillation');
  expect(await backendText(page)).toMatch(/^webgpu/);
  await expectPreset(page, PRESETS[4]);

  const region = page.getByRole('region', { name: 'Presets' });
  const status = region.getByRole('status', { name: 'Preset status' });
  for (const [i, preset] of PRESETS.slice(0, 4).entries()) {
    const button = region.getByRole('button', { name: preset.name });
    // The first by keyboard: the buttons are native, so Enter presses them.
    if (i === 0) {
      await button.focus();
      await page.keyboard.press('Enter');
    } else {
      await button.click();
    }
    await expectPreset(page, preset);
    // WebGPU on SwiftShader is a CPU: the CPU size, and the line under the presets says so.
    await expect(status).toContainText(`Set “${preset.name}” (CPU size, about`);
    await expect(status).toContainText('Fashion-MNIST, Small CNN');
    await expect(status).toContainText('Press Train to run it');
  }
  await expect(region.getByRole('note', { name: 'Preset size' })).toContainText('Presets use their CPU size (webgpu runs on the CPU here (a software adapter))');
  // The τ sweep preset fills the Temperature sweep panel, with the paper's Table 4 beside its chart.
  await region.getByRole('button', { name: SWEEP_PRESET }).click();
  await expect(status).toContainText('Press Run τ sweep in the Temperature sweep panel');
  const sweep = page.getByRole('region', { name: 'Temperature sweep' });
  await expect(sweep.getByRole('textbox', { name: 'Temperatures' })).toHaveValue('1, 5, 20');
  await expect(sweep.getByRole('checkbox', { name: 'Include AA-lite' })).toBeChecked();
  await expect(sweep.getByRole('checkbox', { name: 'Include Square attack' })).toBeChecked();
  await expect(sweep.getByRole('table', { name: 'Paper’s Table 4 data' })).toContainText('94.39');
  // Nothing started.
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  expect(await accuracyRows(page)).toHaveLength(0);
});

/**
 * Overrides beside `?preset=` that make any preset small enough for SwiftShader (they win over the
 * preset's own). E2E_PRESETS_FULL=1 drops them, so that on a machine with a real GPU the
 * screenshots show the presets' own end states; on SwiftShader they show the tiny runs' (layout,
 * flow, a verdict), not the figures the README reports.
 */
const FULL = Boolean(process.env.E2E_PRESETS_FULL);
const TINY_PRESET = FULL
  ? ''
  : `trainSize=64&testSize=32&evalSubset=8&batchSize=32&teacherEpochs=1&epochs=1&convChannels=2&hiddenUnits=8&trainPgdSteps=1&evalPgdSteps=1&${TINY_DETECTOR}`;

for (const preset of PRESETS) {
  // One preset's whole flow (about 45 s on SwiftShader) is in `npm test`; the other four, the same
  // flow with other settings, run with E2E_ALL=1 (`npm run e2e:all`).
  const tag = preset.id === 'natural' ? '' : '@slow ';
  test(`${tag}the ${preset.id} preset link${FULL ? '' : ' with tiny overrides'} trains and runs the detector to a verdict on WebGPU, leaving a screenshot of its end state`, async ({ page }) => {
    // Tiny on SwiftShader: a teacher and a student epoch, then the detector on 16 points; minutes on a shared 2-core machine.
    test.setTimeout(FULL ? 3_600_000 : 480_000);
    await page.goto(`/?preset=${preset.id}${FULL ? '' : `&${TINY_PRESET}`}`);
    expect(await backendText(page)).toMatch(/^webgpu/);
    await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue(preset.method);
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('fashion-mnist');
    if (preset.tau) await expect(page.getByRole('slider', { name: 'Teacher temperature' })).toHaveValue(preset.tau);
    await expect(page).not.toHaveURL(/preset=/);
    // With overrides the page no longer holds the preset itself; without, its button is the pressed one.
    await expect(page.getByRole('button', { name: preset.name })).toHaveAttribute('aria-pressed', String(FULL));
    const epochs = Number(await page.getByRole('spinbutton', { name: 'Epochs' }).inputValue());
    if (!FULL) {
      expect(epochs).toBe(1);
      await expect(page).toHaveURL(/trainSize=64/);
    }

    await page.getByRole('button', { name: 'Train' }).click();
    const rows = await waitForRows(page, epochs, FULL ? 3_000_000 : 300_000);
    expect(rows).toHaveLength(epochs);
    await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
    await expect(page.getByRole('figure', { name: 'Accuracy chart' })).toContainText(`PGD-${FULL ? 10 : 1}, 1 restart, ε = 0.1`);

    const detector = page.getByRole('region', { name: 'Gradient masking detector' });
    await detector.getByRole('button', { name: 'Run detector' }).click();
    const verdict = detector.getByRole('status', { name: 'Detector verdict' });
    await expect(verdict).toContainText(/\b(clean|suspected|masked|no verdict)\b/, { timeout: FULL ? 3_000_000 : 240_000 });
    await expect(detector).toContainText(`${FULL ? 200 : 16} test points`);
    await screenshot(page, `preset-${preset.id}${FULL ? '' : '-tiny'}`);
  });
}

test(`@slow the Table 4 preset link${FULL ? '' : ' with tiny overrides'} sweeps τ with PGD, AA-lite and Square as three lines beside the paper's table, leaving a screenshot`, async ({ page }) => {
  test.setTimeout(FULL ? 3_600_000 : 600_000);
  // Two τ, a one-epoch student each, 8 points attacked, Square at 20 queries: the flow and the picture, not the figures.
  const tiny = `${TINY_PRESET}&sweepQueries=20`;
  await page.goto(`/?preset=table-4${FULL ? '' : `&${tiny}`}`);
  expect(await backendText(page)).toMatch(/^webgpu/);
  const sweep = page.getByRole('region', { name: 'Temperature sweep' });
  await expect(sweep.getByRole('textbox', { name: 'Temperatures' })).toHaveValue('1, 5, 20');
  await expect(sweep.getByRole('checkbox', { name: 'Include AA-lite' })).toBeChecked();
  if (!FULL) await sweep.getByRole('textbox', { name: 'Temperatures' }).fill('1, 20');
  await sweep.getByRole('button', { name: 'Run τ sweep' }).click();
  const rows = sweep.getByRole('table', { name: 'Temperature sweep data' }).locator('tbody tr');
  await expect(rows).toHaveCount(FULL ? 3 : 2, { timeout: FULL ? 3_000_000 : 540_000 });
  const legend = sweep.locator('.chart-legend li');
  await expect(legend).toHaveText(['Natural accuracy', 'PGD accuracy', 'AA-lite accuracy', 'Square accuracy']);
  await expect(sweep.getByRole('note', { name: 'Logit scale and checks per τ' })).toContainText('Student logit scale (mean max |z|): τ = 1:');
  await expect(sweep.getByRole('table', { name: 'Paper’s Table 4 data' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });
  await screenshot(page, `preset-table-4${FULL ? '' : '-tiny'}`);
  await sweep.screenshot({ path: `${SCREENSHOTS}/preset-table-4${FULL ? '' : '-tiny'}-panel.png` });
});
