import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LEARNED, LEARNS, TINY_DETECTOR, backendText, waitForRows } from './helpers';

// Runs in the `no-webgpu` project: Chromium launched with WebGPU disabled. A person without
// WebGPU gets every feature: train, the detector, the adversarial gallery, the τ sweep. WebGL
// here is SwiftShader too (a CPU behind the GPU API), so the page takes wasm and says why; WebGL
// and cpu, asked for by name, still run everything.
const SETTINGS = `${LEARNS}&epochs=1&${TINY_DETECTOR}&galleryCount=4`;

async function everyFeatureRuns(page: Page) {
  await page.getByRole('button', { name: 'Train' }).click();
  // The detector judges a model that learned (else its verdict is rightly "no verdict").
  const [[, natural]] = await waitForRows(page, 1);
  expect(natural).toBeGreaterThan(LEARNED);
  await expect(page.getByText('Finished', { exact: true })).toBeVisible({ timeout: 120_000 });

  const detector = page.getByRole('region', { name: 'Gradient masking detector' });
  await detector.getByRole('button', { name: 'Run detector' }).click();
  await expect(detector.getByRole('status', { name: 'Detector verdict' })).toContainText(/\b(clean|suspected|masked)\b/, { timeout: 120_000 });

  const gallery = page.getByRole('region', { name: 'Adversarial examples' });
  await gallery.getByRole('button', { name: 'Show adversarial examples' }).click();
  await expect(gallery.getByRole('table', { name: 'Adversarial example coordinates' }).locator('tbody tr')).toHaveCount(4, { timeout: 60_000 });

  const sweep = page.getByRole('region', { name: 'Temperature sweep' });
  await sweep.getByRole('textbox', { name: 'Temperatures' }).fill('1, 8');
  await sweep.getByRole('checkbox', { name: 'Include Square attack' }).uncheck();
  await sweep.getByRole('button', { name: 'Run τ sweep' }).click();
  await expect(page.getByRole('table', { name: 'Temperature sweep data' }).locator('tbody tr')).toHaveCount(2, { timeout: 120_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
}

test('falls back from WebGPU past software WebGL to wasm, says why, and trains, runs the detector, the gallery and a τ sweep', async ({ page }) => {
  await page.goto(`/?${SETTINGS}`);
  const text = await backendText(page);
  expect(text).toMatch(/^wasm — faster here than the software WebGL renderer \(.*SwiftShader.*\); SIMD, 1 thread/);
  expect(text).toMatch(/WebGPU/);
  await everyFeatureRuns(page);
});

test('on WebGL (?backend=webgl), software as it is here, trains, runs the detector, the gallery and a τ sweep', async ({ page }) => {
  await page.goto(`/?${SETTINGS}&backend=webgl`);
  expect(await backendText(page)).toMatch(/^webgl — webgpu skipped on request/);
  await everyFeatureRuns(page);
});

test('on the cpu backend (?backend=cpu) trains, runs the detector, the gallery and a τ sweep', async ({ page }) => {
  await page.goto(`/?${SETTINGS}&backend=cpu`);
  expect(await backendText(page)).toMatch(/^cpu — webgpu, webgl and wasm skipped on request/);
  await everyFeatureRuns(page);
});
