import { expect, test } from './fixtures';
import { TINY, waitForRows } from './helpers';

/** Two clusters in the file's own units, 60 rows a class: x in [100, 129] or [300, 329], y in [-1, 1]. */
const rows = Array.from({ length: 120 }, (_, i) => `${(i % 2 ? 300 : 100) + (i % 30)},${((i % 9) - 4) / 4},${i % 2}`);
const csv = (lines: string[]) => Buffer.from(['x,y,label', ...lines].join('\n'));

test('loads own 2-D data from a CSV, plots and trains on it; a bad row raises an alert naming its line and the set stays', async ({ page }) => {
  await page.goto(`/?dataset=csv&method=natural&epochs=1&${TINY}`);
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue('mlp');
  const status = page.getByRole('status', { name: 'Dataset status' });
  await expect(status).toHaveText('Nothing loaded yet.');
  const picker = page.getByLabel('2-D data (CSV)');

  await picker.setInputFiles({ name: 'clusters.csv', mimeType: 'text/csv', buffer: csv(rows) });
  await expect(status).toContainText('clusters.csv: 120 rows (96 training + 24 test), 2 classes (rows per label 0: 60, 1: 60)');
  await expect(status).toContainText('x from 100 to 329, y from -1 to 1 scaled to [0, 1]');
  // TINY's 128 training points are more than the file's 96: the plot shows all of them.
  const plot = page.getByRole('figure', { name: 'Data plot' });
  await expect(plot).toContainText('96 training points, 2 classes');

  await page.getByRole('button', { name: 'Train' }).click();
  const [[epoch, natural]] = await waitForRows(page, 1);
  expect(epoch).toBe(1);
  expect(natural).toBeGreaterThanOrEqual(0);
  await expect(plot).toContainText('decision regions');

  const bad = [...rows];
  bad[4] = '104,abc,0'; // line 6 of the file (the header is line 1)
  bad[9] = '109,0.5'; // line 11
  await picker.setInputFiles({ name: 'typo.csv', mimeType: 'text/csv', buffer: csv(bad) });
  const alert = page.getByRole('alert').filter({ hasText: 'typo.csv' });
  await expect(alert).toContainText('2 bad rows: line 6: y "abc" is not a number; line 11: 2 fields, expected 3 (x, y, label)');
  await expect(status).toContainText('clusters.csv: 120 rows');
  await expect(plot).toContainText('96 training points, 2 classes');
});
