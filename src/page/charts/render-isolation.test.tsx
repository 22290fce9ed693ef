// @vitest-environment happy-dom
/**
 * Only the chart whose data changed re-renders: the detector's ε sweep arriving leaves the run's
 * charts alone, and a new epoch leaves the ε-sweep chart alone. Counted at recharts' own chart
 * (ComposedChart), each render attributed to the chart by the lines it draws.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EpsilonPoint, RobustFigure } from '../../hosts/worker/api';

const renders = new Map<string, number>();
vi.mock('recharts', async (original) => {
  const recharts = await original<typeof import('recharts')>();
  const { Children, createElement, isValidElement } = await import('react');
  function CountedChart(props: Parameters<typeof recharts.ComposedChart>[0]) {
    const keys = Children.toArray(props.children)
      .filter((c) => isValidElement(c) && c.type === recharts.Line)
      .map((c) => String((c as { props: { dataKey: string } }).props.dataKey));
    const id = keys.join(',');
    renders.set(id, (renders.get(id) ?? 0) + 1);
    return createElement(recharts.ComposedChart, props);
  }
  return { ...recharts, ComposedChart: CountedChart };
});
vi.mock('../../hosts/worker/client', () => ({
  engine: () => {
    throw new Error('the charts must not call the engine');
  },
  callback: <T,>(f: T) => f,
}));

const { AccuracyChart } = await import('../run/AccuracyChart');
const { LearningRateChart } = await import('../run/LearningRateChart');
const { EpsilonSweepChart } = await import('../detector/EpsilonSweepChart');
const { render } = await import('../testing/render');
const { setSlice } = await import('../testing/store');
const { finishedRun } = await import('../testing/runs');

const figure = (epsilon: number, robustAccuracy: number): RobustFigure => ({
  n: 100, cleanAccuracy: 85, robustAccuracy, successRate: 100 - robustAccuracy, broken: 85 - robustAccuracy, cleanCorrect: 85,
  settings: { attack: 'PGD', epsilon, steps: 10, restarts: 1, subset: 100 },
} as RobustFigure);
const point = (epsilon: number, pgd: number, square: number): EpsilonPoint => ({ epsilon, pgd: figure(epsilon, pgd), square: figure(epsilon, square) });

/** Renders per chart since the last call (the charts named by their lines' keys). */
function taken(): Record<string, number> {
  const out = Object.fromEntries(renders);
  renders.clear();
  return out;
}
const sum = (counts: Record<string, number>, match: (id: string) => boolean) =>
  Object.entries(counts).filter(([id]) => match(id)).reduce((a, [, n]) => a + n, 0);
const isSweep = (id: string) => id === 'pgd,square';
const isLr = (id: string) => id === 'lr';
const isAccuracy = (id: string) => !isSweep(id) && !isLr(id) && id !== '';

afterEach(() => {
  setSlice('run', { runs: [], status: 'idle' });
  setSlice('detector', { sweep: null });
});

describe('chart re-renders', () => {
  it('a chart re-renders when its own data change, never when another chart’s do', async () => {
    const run = finishedRun();
    setSlice('run', { status: 'done', runs: [run] });
    setSlice('detector', { sweep: [point(0.05, 60, 70)] });
    const page = await render(
      <>
        <AccuracyChart />
        <LearningRateChart />
        <EpsilonSweepChart />
      </>,
    );
    const first = taken();
    expect(sum(first, isAccuracy)).toBeGreaterThan(0);
    expect(sum(first, isLr)).toBeGreaterThan(0);
    expect(sum(first, isSweep)).toBeGreaterThan(0);

    // The detector's sweep grows: only the ε-sweep chart draws again.
    await page.update(() => setSlice('detector', { sweep: [point(0.05, 60, 70), point(0.1, 30, 45)] }));
    await page.update(() => new Promise((r) => setTimeout(r, 400))); // past the run charts' throttle
    const sweepChanged = taken();
    expect(sum(sweepChanged, isSweep)).toBeGreaterThan(0);
    expect(sum(sweepChanged, isAccuracy)).toBe(0);
    expect(sum(sweepChanged, isLr)).toBe(0);

    // A new epoch of the run: the run's charts draw again (after their throttle), the sweep does not.
    const next = { ...run, student: [...run.student, { ...run.student.at(-1)!, epoch: run.student.length + 1 }] };
    await page.update(() => setSlice('run', { runs: [next] }));
    await page.update(() => new Promise((r) => setTimeout(r, 400)));
    const runChanged = taken();
    expect(sum(runChanged, isAccuracy)).toBeGreaterThan(0);
    expect(sum(runChanged, isLr)).toBeGreaterThan(0);
    expect(sum(runChanged, isSweep)).toBe(0);

    // A store change that touches neither (another slice): no chart draws.
    await page.update(() => setSlice('gallery', { count: 3 }));
    await page.update(() => new Promise((r) => setTimeout(r, 400)));
    expect(taken()).toEqual({});
    await page.unmount();
  });
});
