import { expect, test } from './fixtures';
import { screenshot, seriousViolations } from './axe';
import { backendText } from './helpers';

test('the main page has no serious or critical accessibility violations, closed and with every collapsible part open', async ({ page }) => {
  await page.goto('/');
  await backendText(page);
  // The data set's preview is part of the page a person first sees.
  await expect(page.getByRole('img', { name: 'Scatter plot of the training data' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'main-page-fresh');

  // Every <details> on the page (More settings, Why temperature matters…), opened by keyboard.
  const summaries = page.locator('details > summary');
  const count = await summaries.count();
  expect(count).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < count; i++) {
    await summaries.nth(i).focus();
    await page.keyboard.press('Enter');
  }
  await expect(page.locator('details:not([open])')).toHaveCount(0);
  // Opening "Why temperature matters" mounts the calculator and the simulation: scan them too.
  await expect(page.getByRole('group', { name: 'Theorem 1 (Appendix C, condition (12))' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Binary simulation data' })).toBeAttached();
  expect(await seriousViolations(page)).toEqual([]);
});

test('presentation mode has no serious or critical accessibility violations before anything is measured', async ({ page }) => {
  await page.goto('/?present=1');
  await backendText(page);
  await expect(page.getByRole('status', { name: 'Natural accuracy' })).toContainText('—');
  expect(await seriousViolations(page)).toEqual([]);
  // Every chart on stage in turn.
  const stage = page.getByRole('region', { name: 'Chart on stage' });
  const label = await stage.locator('.present-bar-text').textContent();
  const charts = Number(/of (\d+)/.exec(label ?? '')?.[1]);
  expect(charts).toBeGreaterThanOrEqual(4);
  for (let i = 1; i < charts; i++) {
    await page.keyboard.press(']');
    await expect(stage.locator('.present-bar-text')).toContainText(`Chart ${i + 1} of ${charts}`);
    expect(await seriousViolations(page)).toEqual([]);
  }
});
