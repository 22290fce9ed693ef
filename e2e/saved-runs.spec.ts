import { expect, test } from './fixtures';
import { TINY, backendText, waitForRows } from './helpers';

const LABEL = 'LTD τ=5 λ=6 ε=0.05';

test('saves a finished run, keeps it across a reload, shows it in the chart and deletes it', async ({ page }) => {
  await page.goto(`/?${TINY}&epochs=1&teacherEpochs=1`);
  expect(await backendText(page)).toMatch(/^webgpu/);

  const panel = page.getByRole('region', { name: 'Saved runs' });
  const save = panel.getByRole('button', { name: 'Save run' });
  await expect(save).toBeDisabled();

  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRows(page, 1);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });
  await save.click();
  await expect(panel.getByRole('row', { name: new RegExp(LABEL) })).toBeVisible();
  await expect(save).toBeDisabled(); // the same run is not saved twice

  await page.reload();
  const row = panel.getByRole('row', { name: new RegExp(LABEL) });
  await expect(row).toContainText('PGD-3 ε=0.05 on 64');
  await expect(row).toContainText(/\d+\.\d%/);

  const show = panel.getByRole('button', { name: `Show ${LABEL}` });
  await show.click();
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('figure', { name: 'Accuracy chart' })).toContainText(`(saved: ${LABEL})`);

  // By keyboard: focus Delete and press Enter.
  await panel.getByRole('button', { name: `Delete ${LABEL}` }).focus();
  await page.keyboard.press('Enter');
  await expect(panel).toContainText('No saved runs yet.');
  await expect(page.getByRole('figure', { name: 'Accuracy chart' })).not.toContainText(LABEL);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
