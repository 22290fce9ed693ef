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
  const settings = JSON.parse(/CONFIG = json\.loads\(r"""([\s\S]*?)"""\)/.exec(script)![1]);
  expect(settings).toMatchObject({ dataset: 'blobs', method: 'trades', lambda: 4, seed: 9 });
  expect(script).toContain('TRADES (Zhang et al. 2019)');
});
