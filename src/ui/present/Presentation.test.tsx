// @vitest-environment happy-dom
/** Presentation mode in happy-dom, the engine stubbed: what it shows before anything is measured, and its keys. */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../worker/client', () => ({
  engine: () => ({ stop: async () => undefined }),
  callback: <T,>(f: T) => f,
}));

const { Presentation } = await import('./Presentation');
const { render, byRole } = await import('../testing/render');
const { PAGE_TOUR } = await import('./tour');
const { PRESENT_CHARTS, chartAfter } = await import('./charts');
const { useRun } = await import('../../state/run');
const { finishedRun } = await import('../../state/test-runs');

const press = (key: string, init: KeyboardEventInit = {}) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
const text = (container: HTMLElement, role: string, name: string) => byRole(container, role, name)[0]?.textContent ?? '';

let unmount: (() => Promise<void>) | undefined;
afterEach(async () => {
  await unmount?.();
  useRun.setState({ runs: [] });
});

describe('presentation mode', () => {
  it('shows the three numbers as statuses, each a dash with its reason before anything is measured', async () => {
    const page = await render(<Presentation onLeave={() => {}} />);
    unmount = page.unmount;
    expect(text(page.container, 'status', 'Natural accuracy')).toBe('Natural accuracy—no student trained yet: press Train');
    expect(text(page.container, 'status', 'Robust accuracy')).toContain('—');
    expect(text(page.container, 'status', 'Square accuracy')).toContain('not measured yet: run the detector');
    expect(text(page.container, 'status', 'Detector verdict')).toContain('—');
    expect(byRole(page.container, 'button', 'Leave presentation')).toHaveLength(1);
  });

  it('shows the last run’s numbers with the attack that produced the robust one', async () => {
    useRun.setState({ runs: [finishedRun()] });
    const page = await render(<Presentation onLeave={() => {}} />);
    unmount = page.unmount;
    expect(text(page.container, 'status', 'Natural accuracy')).toContain('85.3%');
    expect(text(page.container, 'status', 'Robust accuracy')).toContain('47.5%');
    expect(text(page.container, 'status', 'Robust accuracy')).toContain('PGD-10, 1 restart, ε = 0.05, 500 test points');
  });

  it('walks the tour with the arrow keys, holds at its ends, changes the chart with ] and [, and leaves on Esc', async () => {
    const onLeave = vi.fn();
    const page = await render(<Presentation onLeave={onLeave} />);
    unmount = page.unmount;
    const stepText = () => page.container.querySelector('.present-tour .present-bar-text')?.textContent;
    const chartText = () => page.container.querySelector('.present-stage .present-bar-text')?.textContent;
    const n = PAGE_TOUR.length;
    expect(stepText()).toBe(`Step 1 of ${n}: ${PAGE_TOUR[0].name}`);
    await page.update(() => void press('ArrowLeft'));
    expect(stepText()).toBe(`Step 1 of ${n}: ${PAGE_TOUR[0].name}`);
    for (let i = 0; i < n + 2; i++) await page.update(() => void press('ArrowRight'));
    expect(stepText()).toBe(`Step ${n} of ${n}: ${PAGE_TOUR[n - 1].name}`);
    // The last step puts its own chart on stage.
    expect(chartText()).toContain(PRESENT_CHARTS.find((c) => c.id === PAGE_TOUR[n - 1].chart)!.name);
    await page.update(() => void press('PageUp'));
    expect(stepText()).toBe(`Step ${n - 1} of ${n}: ${PAGE_TOUR[n - 2].name}`);

    await page.update(() => void press('['));
    await page.update(() => void press('['));
    await page.update(() => void press(']'));
    // From the step's chart, back two and forward one: the chart before it (wrapping round).
    const expected = chartAfter(PRESENT_CHARTS.findIndex((c) => c.id === PAGE_TOUR[n - 2].chart), PRESENT_CHARTS.length, -1);
    expect(chartText()).toBe(`Chart ${expected + 1} of ${PRESENT_CHARTS.length}: ${PRESENT_CHARTS[expected].name}`);

    await page.update(() => void press('ArrowRight', { altKey: true }));
    expect(stepText()).toBe(`Step ${n - 1} of ${n}: ${PAGE_TOUR[n - 2].name}`);
    expect(onLeave).not.toHaveBeenCalled();
    await page.update(() => void press('Escape'));
    expect(onLeave).toHaveBeenCalledTimes(1);
  });
});
