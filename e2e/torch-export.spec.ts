import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test('"Export as PyTorch script" downloads one .py named after the settings, carrying them', async ({ page }) => {
  await page.goto('/?method=trades&lambda=4&seed=9');
  await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('trades');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export as PyTorch script' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('ltd-blobs-mlp-trades-lambda4-eps0.05-seed9.py');
  const script = (await readFile((await download.path())!)).toString();
  expect(script.startsWith('#!/usr/bin/env python3')).toBe(true);
  const line = /^CONFIG = json\.loads\(r"""([\s\S]*?)"""\)$/m.exec(script)!;
  expect(JSON.parse(line[1])).toMatchObject({ dataset: 'blobs', method: 'trades', lambda: 4, seed: 9 });
  // The worker's copy is python/ltd_torch.py itself: only its CONFIG line differs.
  expect(script.replace(line[0], 'CONFIG = None')).toBe((await readFile('python/ltd_torch.py')).toString());
});
