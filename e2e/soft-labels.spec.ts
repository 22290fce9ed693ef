import { expect, test } from './fixtures';
import { TINY, waitForRows } from './helpers';

test('shows the teacher’s soft labels at the live τ beside one-hot and oracle, and G per epoch on blobs', async ({ page }) => {
  await page.goto(`/?${TINY}&epochs=1&teacherEpochs=30&dataset=blobs&method=ltd`);
  const inspector = page.getByRole('region', { name: 'Soft labels' });
  await expect(inspector).toContainText('Train an LTD run to see the teacher’s soft labels');

  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRows(page, 1);

  // Six points, each with a one-hot, a teacher (τ = 5) and an oracle bar group.
  const teacherBars = inspector.getByRole('img', { name: /^Teacher, τ = 5:/ });
  await expect(teacherBars).toHaveCount(6);
  await expect(inspector.getByRole('img', { name: /^Oracle p\(c \| x\):/ })).toHaveCount(6);
  await expect(inspector.getByRole('img', { name: /^One-hot label:/ })).toHaveCount(6);
  const probs = async (name: RegExp) =>
    ((await inspector.getByRole('img', { name }).last().getAttribute('aria-label')) ?? '').match(/\d\.\d\d/g)!.map(Number);
  const atFive = await probs(/^Teacher, τ = 5:/);

  // Lowering τ sharpens the labels live (raising it flattens them): a sure point's top probability rises.
  const tau = page.getByRole('slider', { name: 'Teacher temperature' });
  await tau.fill('1');
  await expect(inspector.getByRole('img', { name: /^Teacher, τ = 1:/ })).toHaveCount(6);
  const atOne = await probs(/^Teacher, τ = 1:/);
  expect(Math.max(...atOne)).toBeGreaterThan(Math.max(...atFive));

  // G: one row per student epoch, the student's G finite, one-hot labels at ∞.
  const figure = page.getByRole('figure', { name: 'Discrepancy G(Z)' });
  await expect(figure).toContainText('One-hot labels: G = ∞');
  const cells = await page.getByRole('table', { name: 'Discrepancy data' }).locator('tbody tr td').allTextContents();
  expect(cells).toHaveLength(4);
  expect(Number(cells[1])).toBeGreaterThan(0);
  expect(Number(cells[3])).toBe(5);
});
