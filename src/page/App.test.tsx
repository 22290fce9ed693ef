// @vitest-environment happy-dom
/**
 * The whole page in happy-dom, with the engine worker replaced by a stub: a panel that throws
 * leaves the rest of the page working, and no store selector hands React a new value on every
 * read (React's dev build reports "getSnapshot should be cached", then loops until "Maximum
 * update depth exceeded" and the page goes blank — issue 9's white page after Run detector).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TauPoint } from './temperature-sweep/slice';
import { PLAIN_EXTRAS } from '../shared/testing/figures';

const failing = vi.hoisted(() => ({ panel: '' }));
/** The module's component `name`, throwing while `failing.panel` names it. */
const failable = vi.hoisted(() => (module: Record<string, unknown>, name: string) => {
  const Real = module[name] as (props: object) => unknown;
  return {
    ...module,
    [name]: (props: object) => {
      if (failing.panel === name) throw new Error(`${name} could not read its data`);
      return Real(props);
    },
  };
});
vi.mock('./detector/DetectorPanel', async (original) => failable(await original(), 'DetectorPanel'));
vi.mock('./run/AccuracyChart', async (original) => failable(await original(), 'AccuracyChart'));
vi.mock('./history/RunHistory', async (original) => failable(await original(), 'RunHistory'));
vi.mock('./temperature-sweep/TemperatureSweep', async (original) => failable(await original(), 'TemperatureSweep'));
vi.mock('./gallery/AdversarialGallery', async (original) => failable(await original(), 'AdversarialGallery'));
vi.mock('./presets/Presets', async (original) => failable(await original(), 'Presets'));

vi.mock('../hosts/worker/client', () => ({
  engine: () => ({
    init: async () => ({ name: 'webgpu', reason: 'adapter: test stub' }),
    preview: async () => ({
      inputShape: [2], numClasses: 2, classNames: ['a', 'b'], trainSize: 2, testSize: 2,
      points: new Float32Array([0.2, 0.2, 0.8, 0.8]), labels: new Int32Array([0, 1]),
    }),
    dataStatus: async () => null,
    softLabels: async () => null,
    stop: async () => undefined,
  }),
  callback: <T,>(f: T) => f,
}));

const { App } = await import('./App');
const { render, byRole } = await import('./testing/render');
const { useStore } = await import('./store');
const { setSlice } = await import('./testing/store');
const { finishedRun } = await import('./testing/runs');

/** Regions that must survive a neighbour's failure (by accessible name). */
const REGIONS: Array<[role: string, name: string]> = [
  ['figure', 'Accuracy chart'],
  ['region', 'Gradient masking detector'],
  ['region', 'Epsilon sweep'],
  ['region', 'Temperature sweep'],
  ['region', 'Lambda sweep'],
  ['region', 'Teacher calibration'],
  ['region', 'Why temperature matters'],
  ['region', 'Soft labels'],
  ['region', 'Adversarial examples'],
  ['region', 'Run history'],
  ['region', 'Presets'],
  ['status', 'Backend'],
];

const PANEL_REGION: Record<string, string> = {
  DetectorPanel: 'Gradient masking detector',
  AccuracyChart: 'Accuracy chart',
  RunHistory: 'Run history',
  TemperatureSweep: 'Temperature sweep',
  AdversarialGallery: 'Adversarial examples',
  Presets: 'Presets',
};

let consoleErrors: string[] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleErrors.push(args.map(String).join(' ')));
  // Charts measure their box; happy-dom lays nothing out.
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 600, height: 280, top: 0, left: 0, right: 600, bottom: 280, x: 0, y: 0, toJSON: () => ({}) });
});
afterEach(() => {
  failing.panel = '';
  setSlice('run', { runs: [], status: 'idle', progress: null });
  setSlice('alerts', { list: [] });
  setSlice('detector', { status: 'idle', progress: null, report: null, sweep: null });
  vi.restoreAllMocks();
});

describe('the page', () => {
  for (const [panel, region] of Object.entries(PANEL_REGION)) {
    it(`keeps every other region working when ${region} throws`, async () => {
      failing.panel = panel;
      const page = await render(<App />);
      expect(byRole(page.container, 'region', `${region} (failed)`)).toHaveLength(1);
      const alerts = byRole(page.container, 'alert').map((a) => a.textContent);
      expect(alerts.some((a) => a?.includes(`${region} failed`) && a.includes(`${panel} could not read its data`))).toBe(true);
      for (const [role, name] of REGIONS.filter(([, name]) => name !== region)) {
        expect(byRole(page.container, role, name), `${name} after ${region} failed`).toHaveLength(1);
      }
      // Still live: a setting changed in the store reaches its control.
      await page.update(() => useStore.getState().settings.set('epochs', 3));
      expect((byRole(page.container, 'spinbutton', 'Epochs')[0] as HTMLInputElement).value).toBe('3');
      await page.unmount();
    });
  }

  it('renders through training, the detector and a τ sweep without an unstable store selector', async () => {
    const page = await render(<App />);
    const run = finishedRun({ id: 1, outcome: 'running' });
    await page.update(() => setSlice('run', { status: 'running', runs: [run], progress: { phase: 'student', epoch: 2, batch: 3, batches: 16, fraction: 0.4, etaSeconds: 12 } }));
    await page.update(() => setSlice('run', { status: 'done', runs: [{ ...run, outcome: 'completed' }] }));
    // The detector well under way: its ETA is shown (the selector that read the clock looped here).
    const startedAt = performance.now() - 5000;
    await page.update(() => setSlice('detector', { status: 'running', startedAt, etaSeconds: 4, progress: { stage: 'Square', fraction: 0.5 } }));
    expect(byRole(page.container, 'progressbar', 'Detector progress')).toHaveLength(1);
    expect(page.container.textContent).toContain('4 s left');
    const point: TauPoint = {
      tau: 1, split: 'test', stage: 'grid', natAcc: 90, robustAcc: 50, squareAcc: null, worstCaseAcc: 50, subset: 64, lambda: 6, epochs: 1, seed: 1, repeat: 1, repeats: 1,
      robustAttack: { attack: 'PGD', epsilon: 0.05, steps: 3, restarts: 1, subset: 64 }, square: null, cleanCorrect: 58, ...PLAIN_EXTRAS,
    };
    await page.update(() => setSlice('temperatureSweep', { status: 'done', points: [point, { ...point, tau: 8 }] }));
    expect(consoleErrors.filter((e) => /getSnapshot|Maximum update depth|error boundary/i.test(e))).toEqual([]);
    expect(byRole(page.container, 'region', /\(failed\)$/)).toHaveLength(0);
    await page.unmount();
  });
});
