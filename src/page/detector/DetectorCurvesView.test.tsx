// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { convergenceCurves, type DetectorCurves, robustnessPoints, squareCurve } from '../../shared/curves';
import type { EpsilonPoint, RobustFigure } from '../../hosts/worker/api';
import { byRole, render, type Rendered } from '../testing/render';
import { DetectorCurvesView } from './DetectorCurvesView';

const minEpsilon = [0, 0.02, 0.04, 0.04, 0.09, null];
const curves: DetectorCurves = {
  epsilon: 0.05,
  convergence: convergenceCurves([
    { name: 'APGD-CE', group: 'AA-lite', chain: true, points: 5, lossSum: [1, 2, 2.5], broken: [0, 1, 2] },
    { name: 'APGD-T target 1', group: 'AA-lite', chain: true, points: 3, lossSum: [0.3, 0.6, 0.9], broken: [0, 0, 1] },
    { name: 'PGD-20 restart 1', group: 'PGD-20', chain: false, points: 5, lossSum: [1, 1.5, 1.8], broken: [0, 1, 1] },
  ], 5),
  square: squareCurve([12, 40, 1000, 7, 1000, 0], [1, 1, 0, 1, 0, 0], 5, 1000, 0.05),
  robustness: { attack: 'APGD-CE → APGD-T', steps: 20, epsilonMax: 0.15, bisections: 7, resolution: 0.15 / 128, subset: 6, minEpsilon, points: robustnessPoints(minEpsilon, 0.15) },
};
const figure = (robustAccuracy: number) => ({ robustAccuracy, settings: { attack: 'AA-lite', epsilon: 0.05, steps: 20, restarts: 1, subset: 6 } }) as RobustFigure;
const sweep = [0.025, 0.05, 0.1, 0.15].map((epsilon, i) => ({ epsilon, pgd: figure([66.7, 50, 16.7, 16.7][i]), square: figure(70) })) as EpsilonPoint[];

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

describe('the detector’s curves on screen', () => {
  it('draws convergence, Square against queries and the robustness curve through recharts, each a labelled figure', async () => {
    view = await render(<DetectorCurvesView curves={curves} sweep={sweep} dataset="blobs" />);
    for (const name of ['Convergence curves', 'Square success against queries', 'Robustness curve']) {
      const [fig] = byRole(view.container, 'figure', name);
      expect(fig, name).toBeTruthy();
      expect(fig.querySelector('svg.recharts-surface'), name).not.toBeNull();
      expect(fig.querySelectorAll('path.recharts-line-curve').length, name).toBeGreaterThan(0);
    }
    // Two charts of convergence (success, best loss), a line per traced run in each.
    const convergence = byRole(view.container, 'figure', 'Convergence curves')[0];
    expect(convergence.querySelectorAll('.recharts-wrapper > svg.recharts-surface')).toHaveLength(2);
    expect(convergence.querySelectorAll('path.recharts-line-curve')).toHaveLength(6);
    expect(convergence.textContent).toContain('APGD-T target 1: 2 iterations, 60.0% broken');
  });

  it('states Square’s mean and median queries of the broken points, and the curve’s resolution with the sweep beside it', async () => {
    view = await render(<DetectorCurvesView curves={curves} sweep={sweep} dataset="blobs" />);
    const square = byRole(view.container, 'figure', 'Square success against queries')[0];
    // Broken at 12, 40 and 7 queries: mean 19.7, median 12.
    expect(square.textContent).toContain('mean 19.7 and median 12 queries over the 3 points it broke');
    const robustness = byRole(view.container, 'figure', 'Robustness curve')[0];
    expect(robustness.textContent).toContain('7 bisection steps');
    // The sweep's four ε as markers (dots, no line), and the table sets the curve beside the sweep at each.
    expect(robustness.querySelectorAll('circle.recharts-line-dot')).toHaveLength(4);
    const rows = [...robustness.querySelectorAll('table[aria-label="Robustness curve data"] tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows.map((r) => r[1])).toEqual(['66.7', '33.3', '16.7', '16.7']);
  });

  it('without a robustness curve says how to get one', async () => {
    view = await render(<DetectorCurvesView curves={{ ...curves, robustness: null }} sweep={sweep} dataset="blobs" />);
    expect(byRole(view.container, 'figure', 'Robustness curve')).toHaveLength(0);
    expect(view.container.textContent).toContain('tick “Robustness curve”');
  });
});
