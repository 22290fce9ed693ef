import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fashionFiles } from '../src/engine/data/test-files';
import { waitForRows } from './helpers';

/** MNIST small enough for SwiftShader: a 4-channel CNN, two batches, one PGD step. */
const TINY_MNIST =
  'dataset=mnist&model=cnn&method=natural&trainSize=64&testSize=32&evalSubset=16&batchSize=32&epochs=1' +
  '&trainPgdSteps=1&evalPgdSteps=1&convChannels=4&hiddenUnits=16&optimizer=adam&learningRate=0.003';

const asPayload = (files: Array<{ name: string; bytes: Uint8Array }>) =>
  files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(f.bytes) }));

async function downloads(page: Page, count: number, click: () => Promise<void>) {
  const all: Array<{ name: string; text: Buffer }> = [];
  const done = new Promise<void>((resolve) => {
    page.on('download', async (d) => {
      all.push({ name: d.suggestedFilename(), text: await readFile((await d.path())!) });
      if (all.length === count) resolve();
    });
  });
  await click();
  await done;
  return all;
}

test('trains a small CNN on the embedded MNIST, exports it and imports it back', async ({ page }) => {
  await page.goto(`/?${TINY_MNIST}`);
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue('cnn');
  await expect(page.getByLabel('Data files')).toHaveCount(0); // MNIST is embedded: no files to pick
  await page.getByRole('button', { name: 'Train' }).click();
  const [[epoch, natural]] = await waitForRows(page, 1);
  expect(epoch).toBe(1);
  expect(natural).toBeGreaterThanOrEqual(0);

  const metrics = await downloads(page, 2, () => page.getByRole('button', { name: 'Export metrics' }).click());
  expect(metrics.map((m) => m.name).sort()).toEqual(['metrics.csv', 'metrics.json']);
  expect(metrics.find((m) => m.name === 'metrics.csv')!.text.toString()).toMatch(/^run,label,dataset,model,method/);

  const model = await downloads(page, 2, () => page.getByRole('button', { name: 'Export model' }).click());
  expect(model.map((m) => m.name).sort()).toEqual(['student.json', 'student.weights.bin']);
  await page.getByLabel('Import model').setInputFiles(model.map((m) => ({ name: m.name, mimeType: 'application/octet-stream', buffer: m.text })));
  await expect(page.getByRole('status', { name: 'Imported model' })).toContainText('inputs [28, 28, 1], 10 classes');

  // The same model does not fit CIFAR-10; the refusal names both shapes.
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('cifar10');
  await page.getByLabel('Import model').setInputFiles(model.map((m) => ({ name: m.name, mimeType: 'application/octet-stream', buffer: m.text })));
  await expect(page.getByRole('alert').filter({ hasText: 'student.json' })).toContainText('inputs [28, 28, 1] and gives 10 classes; CIFAR-10');
});

test('offers the embedded Fashion-MNIST subset, loads the files over it, and a corrupted file raises an alert naming it while the loaded set stays', async ({ page }) => {
  await page.goto('/?dataset=fashion-mnist');
  const status = page.getByRole('status', { name: 'Dataset status' });
  // Fetched from the page's own origin (public/data/fashion-mnist-subset.bin): nothing to pick first.
  await expect(status).toContainText('12,000 training + 2,000 test images, 28×28×1, 10 classes, from the embedded subset');
  const picker = page.getByLabel('Data files');
  await picker.setInputFiles(asPayload(fashionFiles(8, 4)));
  await expect(status).toContainText('8 training + 4 test images, 28×28×1');

  await picker.setInputFiles(asPayload([{ name: 'train-images-idx3-ubyte.gz', bytes: new Uint8Array([0x42, 0x41, 0x44, 0x21, 7, 7, 7]) }]));
  await expect(page.getByRole('alert').filter({ hasText: 'train-images-idx3-ubyte.gz' })).toContainText('not gzip');
  await expect(status).toContainText('8 training + 4 test images');
});
