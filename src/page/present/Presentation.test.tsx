// @vitest-environment happy-dom
/** Presentation mode in happy-dom, the engine stubbed: what it shows before anything is measured, and its keys. */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../hosts/worker/client', () => ({
  engine: () => ({ stop: async () => undefined }),
  callback: <T,>(f: T) => f,
}));

const { Presentation } = await import('./Presentation');
const { render, byRole } = await import('../testing/render');
const { TOUR } = await import('./tour');
const { PRESENT_CHARTS, chartAfter } = await import('./charts');
const { useStore } = await import('../store');
const { setSlice } = await import('../testing/store');
const { finishedRun } = await import('../testing/runs');
const { DEFAULT_CONFIG } = await import('../../shared/config');
const { PRESETS } = await import('../../shared/presets');

const press = (key: string, init: KeyboardEventInit = {}) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
const text = (container: HTMLElement, role: string, name: string) => byRole(container, role, name)[0]?.textContent ?? '';

let unmount: (() => Promise<void>) | undefined;
afterEach(async () => {
  await unmount?.();
  setSlice('run', { runs: [], status: 'idle' });
  setSlice('settings', { config: DEFAULT_CONFIG, issues: [] });
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
    setSlice('run', { runs: [finishedRun()] });
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
    const n = TOUR.length;
    expect(stepText()).toBe(`Step 1 of ${n}: ${TOUR[0].name}`);
    await page.update(() => void press('ArrowLeft'));
    expect(stepText()).toBe(`Step 1 of ${n}: ${TOUR[0].name}`);
    // Another chart on stage first, so that the step's own chart coming back shows.
    await page.update(() => void press(']'));
    expect(chartText()).not.toContain(PRESENT_CHARTS.find((c) => c.id === TOUR[n - 1].chart)!.name);
    for (let i = 0; i < n + 2; i++) await page.update(() => void press('ArrowRight'));
    expect(stepText()).toBe(`Step ${n} of ${n}: ${TOUR[n - 1].name}`);
    // The last step puts its own chart on stage.
    expect(chartText()).toContain(PRESENT_CHARTS.find((c) => c.id === TOUR[n - 1].chart)!.name);
    await page.update(() => void press('PageUp'));
    expect(stepText()).toBe(`Step ${n - 1} of ${n}: ${TOUR[n - 2].name}`);

    await page.update(() => void press('['));
    await page.update(() => void press('['));
    await page.update(() => void press(']'));
    // From the step's chart, back two and forward one: the chart before it (wrapping round).
    const expected = chartAfter(PRESENT_CHARTS.findIndex((c) => c.id === TOUR[n - 2].chart), PRESENT_CHARTS.length, -1);
    expect(chartText()).toBe(`Chart ${expected + 1} of ${PRESENT_CHARTS.length}: ${PRESENT_CHARTS[expected].name}`);

    await page.update(() => void press('ArrowRight', { altKey: true }));
    expect(stepText()).toBe(`Step ${n - 1} of ${n}: ${TOUR[n - 2].name}`);
    expect(onLeave).not.toHaveBeenCalled();
    await page.update(() => void press('Escape'));
    expect(onLeave).toHaveBeenCalledTimes(1);
  });

  it('sets each preset up as its step opens, changes nothing on opening, and waits while a run is in progress', async () => {
    history.replaceState(null, '', '/?present=1');
    const page = await render(<Presentation onLeave={() => {}} />);
    unmount = page.unmount;
    const said = () => text(page.container, 'status', 'Tour settings');
    const use = (name: string) => byRole(page.container, 'button', `Use the settings of “${name}”`)[0];
    // Opening presentation mode keeps the person's settings; the first step has none of its own.
    expect(useStore.getState().settings.config).toEqual(DEFAULT_CONFIG);
    expect(byRole(page.container, 'status', 'Tour settings')).toHaveLength(0);

    const [natural, trades, ltd] = PRESETS;
    await page.update(() => void press('ArrowRight'));
    // No backend known yet: the CPU size.
    expect(useStore.getState().settings.config).toMatchObject({ dataset: 'fashion-mnist', method: 'natural', trainSize: 10000 });
    expect(useStore.getState().detector).toMatchObject({ attack: 'aa-lite', aaBudget: 'quick', subset: 200 });
    expect(new URLSearchParams(location.search).get('present')).toBe('1');
    expect(new URLSearchParams(location.search).get('method')).toBe('natural');
    expect(said()).toMatch(/^Set: Fashion-MNIST, Small CNN, Natural, ε = 0\.1.*Press Train, then Run detector\.$/);
    expect(use(natural.name).getAttribute('aria-disabled')).toBe('true');

    await page.update(() => void press('ArrowRight'));
    expect(useStore.getState().settings.config).toMatchObject({ method: 'trades', lambda: 6 });
    // Changed by hand: the step says so, and its button sets the preset again.
    await page.update(() => useStore.getState().settings.set('lambda', 3));
    expect(said()).toBe('The page holds other settings now.');
    expect(use(trades.name).getAttribute('aria-disabled')).toBe('false');
    await page.update(() => use(trades.name).click());
    expect(useStore.getState().settings.config.lambda).toBe(6);
    expect(said()).toMatch(/^Set: /);

    // During a run the next preset's settings wait, and its button does nothing until the run ends.
    await page.update(() => setSlice('run', { status: 'running' }));
    await page.update(() => void press('ArrowRight'));
    expect(useStore.getState().settings.config.method).toBe('trades');
    expect(said()).toBe('A run or a sweep is in progress: this preset’s settings wait until it ends.');
    await page.update(() => use(ltd.name).click());
    expect(useStore.getState().settings.config.method).toBe('trades');
    await page.update(() => setSlice('run', { status: 'idle' }));
    await page.update(() => use(ltd.name).click());
    expect(useStore.getState().settings.config).toMatchObject({ method: 'ltd', tau: 5, lambda: 6, dataset: 'fashion-mnist' });
  });
});
