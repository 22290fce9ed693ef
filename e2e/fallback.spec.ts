import { expect, test } from '@playwright/test';
import { TINY, backendText, waitForRows } from './helpers';

// Runs in the `no-webgpu` project: Chromium launched with WebGPU disabled.
test('falls back from WebGPU, says why, and still trains', async ({ page }) => {
  await page.goto(`/?${TINY}&epochs=1&teacherEpochs=1`);
  const text = await backendText(page);
  expect(text).toMatch(/^(webgl|cpu)/);
  expect(text).toMatch(/WebGPU/);
  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRows(page, 1);
});
