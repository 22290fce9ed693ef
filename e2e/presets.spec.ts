import { expect, test } from './fixtures';
import { accuracyRows, backendText, waitForRows } from './helpers';
import { type Page } from '@playwright/test';

/** Each preset by its button's name, with the controls it must set (τ only where the method reads it). */
const PRESETS = [
  { id: 'natural', name: 'No defence (natural)', method: 'natural', tau: null },
  { id: 'trades', name: 'TRADES baseline', method: 'trades', tau: null },
  { id: 'ltd-paper', name: 'LTD, paper default (τ = 5, λ = 6)', method: 'ltd', tau: '5' },
  { id: 'ltd-hot', name: 'LTD too hot (τ = 30): Square beats PGD', method: 'ltd', tau: '30' },
  { id: 'defensive-distillation', name: 'Defensive distillation: looks robust, is masked', method: 'defensive-distillation', tau: null },
] as const;

/** The controls and the address show the preset's settings, and its button is the pressed one. */
async function expectPreset(page: Page, preset: (typeof PRESETS)[number]) {
  await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue(preset.method);
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('mnist');
  if (preset.tau) await expect(page.getByRole('slider', { name: 'Teacher temperature' })).toHaveValue(preset.tau);
  await expect(page.getByRole('combobox', { name: 'Detector budget (AA-lite)' })).toHaveValue('quick');
  // The address holds what differs from the defaults: LTD is the default method, τ = 5 the default τ.
  await expect.poll(() => new URL(page.url()).searchParams.get('method')).toBe(preset.method === 'ltd' ? null : preset.method);
  await expect.poll(() => new URL(page.url()).searchParams.get('tau')).toBe(preset.tau === '30' ? '30' : null);
  await expect(page).toHaveURL(/dataset=mnist/);
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
    await expect(status).toContainText(`Set “${preset.name}”: MNIST, Small CNN`);
    await expect(status).toContainText('Press Train to run it');
  }
  // Nothing started.
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  expect(await accuracyRows(page)).toHaveLength(0);
});

test('@slow a preset link with tiny overrides beside it trains to the end on WebGPU', async ({ page }) => {
  // The LTD preset (teacher, then student) made small enough for SwiftShader; the overrides win over the preset's own.
  const tiny = 'trainSize=64&testSize=32&evalSubset=8&batchSize=32&teacherEpochs=1&epochs=1&convChannels=2&hiddenUnits=8&trainPgdSteps=1&evalPgdSteps=1';
  await page.goto(`/?preset=ltd-paper&${tiny}`);
  expect(await backendText(page)).toMatch(/^webgpu/);
  await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('ltd');
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('mnist');
  await expect(page.getByRole('slider', { name: 'Teacher temperature' })).toHaveValue('5');
  await expect(page.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('1');
  await expect(page).toHaveURL(/trainSize=64/);
  await expect(page).not.toHaveURL(/preset=/);
  // With overrides the page no longer holds the preset itself.
  await expect(page.getByRole('button', { name: 'LTD, paper default (τ = 5, λ = 6)' })).toHaveAttribute('aria-pressed', 'false');

  await page.getByRole('button', { name: 'Train' }).click();
  const rows = await waitForRows(page, 1, 300_000);
  expect(rows).toHaveLength(1);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByRole('figure', { name: 'Accuracy chart' })).toContainText('PGD-1, ε = 0.1');
});
