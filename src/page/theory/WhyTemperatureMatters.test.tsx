// @vitest-environment happy-dom
/**
 * The "Why temperature matters" region as a person meets it: closed at first, then Theorem 1
 * with the paper's first example on screen, and the simulation chart's data table following its
 * sliders. (happy-dom: no layout, so the chart draws at its fallback width.)
 */
import { describe, expect, it } from 'vitest';
import { byRole, render, type Rendered } from '../testing/render';
import { BINARY_STEPS, DIRICHLET_TEMPERATURES } from './simulation-data';
import { WhyTemperatureMatters } from './WhyTemperatureMatters';

/** Set an input's or select's value as typing or choosing would, so React's onChange runs. */
function setValue(el: HTMLElement, value: string) {
  const proto = Object.getPrototypeOf(el) as object;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

async function openRegion(page: Rendered) {
  const details = page.container.querySelector('details')!;
  await page.update(() => {
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
  });
}

const one = (page: Rendered, role: string, name: string) => {
  const found = byRole(page.container, role, name);
  expect(found, `${role} "${name}"`).toHaveLength(1);
  return found[0];
};
const text = (page: Rendered, id: string) => page.container.querySelector(`[data-testid="${id}"]`)?.textContent;
const rows = (table: HTMLElement) => [...table.querySelectorAll('tbody tr')].map((r) => r.textContent);

describe('WhyTemperatureMatters', () => {
  it('is a region named by its heading, closed at first, computing nothing until opened', async () => {
    const page = await render(<WhyTemperatureMatters />);
    const region = byRole(page.container, 'region')[0];
    const heading = page.container.querySelector(`#${CSS.escape(region.getAttribute('aria-labelledby')!)}`);
    expect(heading?.textContent).toBe('Why temperature matters');
    expect(page.container.querySelector('details')!.open).toBe(false);
    expect(byRole(page.container, 'table')).toHaveLength(0);
    expect(region.textContent).toMatch(/Appendix C.*no training/);
    await page.unmount();
  });

  it('shows the paper’s example 1 when opened: right side ≈ 254, holds for y₂ᵖ > 0.004, and says yes', async () => {
    const page = await render(<WhyTemperatureMatters />);
    await openRegion(page);
    // ln(0.01/0.001) / ln(0.999/0.99) = 2.3025851 / 0.0090498 = 254.4339.
    expect(text(page, 'theorem1-rhs')).toBe('254.4339');
    expect(text(page, 'theorem1-threshold')).toBe('y₂ᵖ > 0.003915 (≈ 0.004)');
    expect(text(page, 'theorem1-lhs')).toBe('99');
    expect(one(page, 'status', 'Theorem 1 verdict').textContent).toMatch(/^Yes\. At y₂ᵖ = 0\.01 .*\(0\.99, 0\.01\) than the colder \(0\.999, 0\.001\)/);
    await page.unmount();
  });

  it('gives example 2’s exact values (3.4575, 0.2243) and says beside them that 3.88 is the quoted figure', async () => {
    const page = await render(<WhyTemperatureMatters />);
    await openRegion(page);
    await page.update(() => one(page, 'button', 'Paper example 2').click());
    expect(text(page, 'theorem1-rhs')).toBe('3.4575');
    expect(text(page, 'theorem1-threshold')).toBe('y₂ᵖ > 0.2243 (≈ 0.2)');
    expect(page.container.textContent).toMatch(/quoted as ≈ 3\.88 with y₂ᵖ > 0\.23; the exact formula gives 3\.4575 and y₂ᵖ > 0\.2243/);
    await page.unmount();
  });

  it('takes logits and two temperatures instead, and names the field of a problem (t₂ not above t₁)', async () => {
    const page = await render(<WhyTemperatureMatters />);
    await openRegion(page);
    await page.update(() => setValue(one(page, 'combobox', 'Theorem 1 input'), 'logits'));
    // (6.9068, 0) at t = 1 and 1.5031: p₂ = σ(−6.9068) = 0.00099995, q₂ = σ(−4.5950) = 0.0100008, so
    // example 1 to four digits; right side ln(q₂/p₂) / ln(p₁/q₁) = 254.42.
    expect(text(page, 'theorem1-rhs')).toBe('254.4234');
    const t2 = one(page, 'spinbutton', 'Hot temperature t₂');
    await page.update(() => setValue(t2, '1'));
    expect(t2.getAttribute('aria-invalid')).toBe('true');
    expect(page.container.querySelector(`#${CSS.escape(t2.getAttribute('aria-describedby')!)}`)?.textContent).toBe('Need 0 < t₁ < t₂, got t₁ = 1, t₂ = 1');
    expect(text(page, 'theorem1-rhs')).toBeUndefined();
    await page.unmount();
  });

  it('redraws the binary simulation’s data table as a slider moves', async () => {
    const page = await render(<WhyTemperatureMatters />);
    await openRegion(page);
    const table = one(page, 'table', 'Binary simulation data');
    const before = rows(table);
    expect(before).toHaveLength(BINARY_STEPS);
    const gamma = one(page, 'slider', 'Ambiguous oracle γ') as HTMLInputElement;
    expect(gamma.getAttribute('aria-valuetext')).toBe('0.3');
    await page.update(() => setValue(gamma, String(Number(gamma.value) - 10)));
    expect(gamma.getAttribute('aria-valuetext')).toBe('0.2');
    // s starts at γ/10: 0.03 before, 0.02 now.
    expect(before[0]).toMatch(/^0\.03/);
    expect(rows(one(page, 'table', 'Binary simulation data'))[0]).toMatch(/^0\.02/);
    await page.unmount();
  });

  it('switches to the k-class Dirichlet variant, seeded: a new draw changes the data, the same seed keeps it', async () => {
    const page = await render(<WhyTemperatureMatters />);
    await openRegion(page);
    await page.update(() => setValue(one(page, 'combobox', 'Simulation'), 'dirichlet'));
    const first = rows(one(page, 'table', 'Dirichlet simulation data'));
    expect(first).toHaveLength(DIRICHLET_TEMPERATURES.length);
    expect(one(page, 'slider', 'Classes k').getAttribute('aria-valuetext')).toBe('10');
    await page.update(() => one(page, 'button', 'Draw new oracle labels').click());
    expect(page.container.textContent).toContain('drawn with seed 2');
    expect(rows(one(page, 'table', 'Dirichlet simulation data'))).not.toEqual(first);
    await page.unmount();
  });
});
