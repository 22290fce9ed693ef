import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/** MNIST small enough for SwiftShader (as in data.spec.ts): a 4-channel CNN, two batches, one PGD step. */
const TINY_MNIST =
  'dataset=mnist&model=cnn&method=natural&trainSize=64&testSize=32&evalSubset=16&batchSize=32&epochs=1' +
  '&trainPgdSteps=1&evalPgdSteps=1&convChannels=4&hiddenUnits=16&optimizer=adam&learningRate=0.003';

/** How many pixels of a canvas are not black: a drawn digit has many, a blank canvas none. */
const litPixels = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 0) lit++;
    return lit;
  });

test('shows MNIST training images, then a tiny CNN’s adversarial examples with labels and the settings that made them', async ({ page }) => {
  await page.goto(`/?${TINY_MNIST}`);

  const samples = page.getByRole('figure', { name: 'Data samples' });
  await expect(samples).toBeVisible({ timeout: 60_000 });
  await expect(samples.getByRole('img')).toHaveCount(24);
  await expect(samples.getByRole('img').first()).toHaveAccessibleName(/^Training image 1: \d$/);
  expect(await litPixels(samples.getByRole('img').first())).toBeGreaterThan(20);
  await expect(page.getByRole('figure', { name: 'Data plot' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByText('Finished', { exact: true })).toBeVisible({ timeout: 180_000 });

  const region = page.getByRole('region', { name: 'Adversarial examples' });
  await region.getByRole('button', { name: 'Show adversarial examples' }).click();
  const examples = region.getByRole('list', { name: 'Adversarial example list' }).getByRole('listitem');
  await expect(examples).toHaveCount(8, { timeout: 120_000 });
  for (const example of await examples.all()) {
    await expect(example).toContainText(/(✗ broken|✓ held|wrong when clean) \d → \d \(\d+%\)/);
    await expect(example.getByRole('img')).toHaveCount(3);
  }
  const clean = examples.first().getByRole('img', { name: /^Clean input/ });
  expect(await litPixels(clean)).toBeGreaterThan(20);
  const caption = region.getByRole('figure', { name: 'Adversarial example gallery' });
  await expect(caption).toContainText(/PGD-1, 1 restart, ε = [\d.]+ \([\d.]+\/255\), first 8 test points, Student \(last run\): \d of 8 broken/);
  await expect(caption).toContainText(/amplified ×\d+\.\d/);

  // Targeted at the least likely class: the caption says so and counts the points that reached it.
  await region.getByRole('combobox', { name: 'Target' }).selectOption('least-likely');
  await region.getByRole('button', { name: 'Show adversarial examples' }).click();
  await expect(caption).toContainText(/^Targeted PGD-1, 1 restart \(targeted → least likely class, on the target’s cross-entropy\).*target reached on \d of 8\./, { timeout: 120_000 });
  for (const example of await examples.all()) await expect(example).toContainText(/targeted → \d: target (reached|missed)/);
});
