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

const text = (page: { container: HTMLElement }, label: string) => page.container.querySelector(`[aria-label="${label}"]`)?.textContent ?? '';

afterEach(() => {
  setSlice('settings', { config: DEFAULT_CONFIG, issues: [] });
  setSlice('run', { status: 'idle', backend: null });
});

const button = (container: HTMLElement, name: string) => byRole(container, 'button', name)[0] as HTMLButtonElement;

describe('the Presets region', () => {
  it('offers one button per preset, each described by its sentence (and whether its claim held at this size) and linked by its id', async () => {
    const page = await render(<Presets />);
    expect(byRole(page.container, 'region', 'Presets')).toHaveLength(1);
    for (const preset of PRESETS) {
      const b = button(page.container, preset.name);
      expect(b.getAttribute('aria-pressed')).toBe('false');
      expect(page.container.querySelector(`#${b.getAttribute('aria-describedby')}`)?.textContent).toContain(`${preset.look} (${preset.verified ? 'Verified at this size.' : 'Its claim did not hold at the CPU size.'})`);
      expect(page.container.querySelector(`a[aria-label="Link to ${preset.name}"]`)?.getAttribute('href')).toBe(`?preset=${preset.id}`);
    }
    await page.unmount();
  });

  it('sets the config, the detector budget and the address on a click, says what it set, and starts nothing', async () => {
    history.replaceState(null, '', '/?backend=webgl&detectorSubset=7&tau=2&presetSize=gpu');
    const page = await render(<Presets />);
    const hot = 'LTD too hot (τ = 20): flat logits, PGD overstates';
    await page.update(() => button(page.container, hot).click());

    // No backend reported yet: the CPU size.
    expect(useStore.getState().settings.config).toMatchObject({ dataset: 'fashion-mnist', model: 'cnn', method: 'ltd', tau: 20, lambda: 6, epsilon: 0.1, trainSize: 10000, epochs: 12 });
    expect(useStore.getState().detector).toMatchObject({ subset: 200, queries: 500, attack: 'aa-lite', aaBudget: 'quick' });
    const params = new URLSearchParams(location.search);
    expect(params.get('tau')).toBe('20');
    expect(params.get('dataset')).toBe('fashion-mnist');
    expect(params.get('detectorSubset')).toBe('200');
    expect(params.get('detectorMultiples')).toBe('1,3');
    expect(params.get('backend')).toBe('webgl');
    expect(params.has('presetSize')).toBe(false);
    expect(params.getAll('detectorSubset')).toHaveLength(1);

    const status = byRole(page.container, 'status', 'Preset status')[0].textContent;
    expect(status).toMatch(/^Set “LTD too hot \(τ = 20\): flat logits, PGD overstates” \(CPU size, about 8 min\): Fashion-MNIST, Small CNN, LTD τ = 20, λ = 6, ε = 0\.1/);
    expect(status).toMatch(/Press Train to run it/);
    expect(button(page.container, hot).getAttribute('aria-pressed')).toBe('true');
    expect(PRESETS.filter((p) => button(page.container, p.name).getAttribute('aria-pressed') === 'true')).toHaveLength(1);
    expect(useStore.getState().run.status).toBe('idle');

    // Moving τ afterwards leaves the preset: no button claims the page any more.
    await page.update(() => useStore.getState().settings.set('tau', 8));
    expect(button(page.container, hot).getAttribute('aria-pressed')).toBe('false');
    await page.unmount();
  });

  it('picks the GPU size on a real GPU adapter, says so under the presets, and links to it', async () => {
    setSlice('run', { backend: { name: 'webgpu', reason: 'adapter: nvidia hopper' } });
    const page = await render(<Presets />);
    expect(text(page, 'Preset size')).toMatch(/^Presets use their GPU size \(webgpu runs on a GPU here\)/);
    await page.update(() => button(page.container, 'TRADES baseline').click());
    expect(useStore.getState().settings.config).toMatchObject({ method: 'trades', trainSize: 12000, epochs: 20 });
    expect(byRole(page.container, 'status', 'Preset status')[0].textContent).toMatch(/\(GPU size, about 3 min\)/);
    expect(page.container.querySelector('a[aria-label="Link to TRADES baseline"]')?.getAttribute('href')).toBe('?preset=trades&presetSize=gpu');
    await page.unmount();
    setSlice('run', { backend: { name: 'webgpu', reason: 'adapter: google swiftshader' } });
    const cpu = await render(<Presets />);
    expect(text(cpu, 'Preset size')).toMatch(/^Presets use their CPU size \(webgpu runs on the CPU here \(a software adapter\)\)/);
    await cpu.unmount();
  });

  it('sets up the τ sweep preset in the Temperature sweep panel: its τ list, AA-lite and Square', async () => {
    const page = await render(<Presets />);
    await page.update(() => button(page.container, 'Table 4 in a tab: the τ sweep on Fashion-MNIST').click());
    expect(useStore.getState().temperatureSweep).toMatchObject({ temperatures: '1, 5, 20', includeSquare: true, includeAaLite: true, squareQueries: 500, findTauMax: false, repeats: 1 });
    expect(useStore.getState().settings.config).toMatchObject({ dataset: 'fashion-mnist', method: 'ltd', evalAttack: 'pgd', aaBudget: 'quick' });
    expect(byRole(page.container, 'status', 'Preset status')[0].textContent).toMatch(/τ = 1, 5, 20, each student attacked by PGD, AA-lite and Square\. Press Run τ sweep/);
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
