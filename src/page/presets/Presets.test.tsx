// @vitest-environment happy-dom
/**
 * The Presets region in happy-dom: a click sets every setting, the detector's budget and the
 * address, says what it set, and starts nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../hosts/worker/client', () => ({
  engine: () => {
    throw new Error('a preset must not call the engine');
  },
  callback: <T,>(f: T) => f,
}));

const { Presets } = await import('./Presets');
const { render, byRole } = await import('../testing/render');
const { useStore } = await import('../store');
const { setSlice } = await import('../testing/store');
const { DEFAULT_CONFIG } = await import('../../shared/config');
const { PRESETS } = await import('../../shared/presets');

afterEach(() => {
  setSlice('settings', { config: DEFAULT_CONFIG, issues: [] });
  setSlice('run', { status: 'idle' });
});

const button = (container: HTMLElement, name: string) => byRole(container, 'button', name)[0] as HTMLButtonElement;

describe('the Presets region', () => {
  it('offers one button per preset, each described by its sentence and linked by its id', async () => {
    const page = await render(<Presets />);
    expect(byRole(page.container, 'region', 'Presets')).toHaveLength(1);
    for (const preset of PRESETS) {
      const b = button(page.container, preset.name);
      expect(b.getAttribute('aria-pressed')).toBe('false');
      expect(page.container.querySelector(`#${b.getAttribute('aria-describedby')}`)?.textContent).toContain(preset.look);
      expect(page.container.querySelector(`a[aria-label="Link to ${preset.name}"]`)?.getAttribute('href')).toBe(`?preset=${preset.id}`);
    }
    await page.unmount();
  });

  it('sets the config, the detector budget and the address on a click, says what it set, and starts nothing', async () => {
    history.replaceState(null, '', '/?backend=webgl&detectorSubset=7&tau=2');
    const page = await render(<Presets />);
    await page.update(() => button(page.container, 'LTD too hot (τ = 30): Square beats PGD').click());

    expect(useStore.getState().settings.config).toMatchObject({ dataset: 'mnist', model: 'cnn', method: 'ltd', tau: 30, lambda: 6, epsilon: 0.1, trainSize: 1000 });
    expect(useStore.getState().detector).toMatchObject({ subset: 100, queries: 500, attack: 'aa-lite', aaBudget: 'quick' });
    const params = new URLSearchParams(location.search);
    expect(params.get('tau')).toBe('30');
    expect(params.get('dataset')).toBe('mnist');
    expect(params.get('detectorSubset')).toBe('100');
    expect(params.get('detectorMultiples')).toBe('1,3');
    expect(params.get('backend')).toBe('webgl');
    expect(params.getAll('detectorSubset')).toHaveLength(1);

    const status = byRole(page.container, 'status', 'Preset status')[0].textContent;
    expect(status).toMatch(/^Set “LTD too hot \(τ = 30\): Square beats PGD”: MNIST, Small CNN, LTD τ = 30, λ = 6, ε = 0\.1/);
    expect(status).toMatch(/Press Train to run it/);
    expect(button(page.container, 'LTD too hot (τ = 30): Square beats PGD').getAttribute('aria-pressed')).toBe('true');
    expect(PRESETS.filter((p) => button(page.container, p.name).getAttribute('aria-pressed') === 'true')).toHaveLength(1);
    expect(useStore.getState().run.status).toBe('idle');

    // Moving τ afterwards leaves the preset: no button claims the page any more.
    await page.update(() => useStore.getState().settings.set('tau', 8));
    expect(button(page.container, 'LTD too hot (τ = 30): Square beats PGD').getAttribute('aria-pressed')).toBe('false');
    await page.unmount();
  });

  it('waits while a run is in progress', async () => {
    setSlice('run', { status: 'running' });
    const page = await render(<Presets />);
    for (const preset of PRESETS) expect(button(page.container, preset.name).disabled).toBe(true);
    expect(page.container.textContent).toContain('Presets wait while a run or a sweep is in progress.');
    await page.unmount();
  });
});
