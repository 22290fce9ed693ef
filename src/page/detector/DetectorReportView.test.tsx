// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import { bonferroni } from '../../shared/stats';
import type { CheckResult, DetectorReport, RobustFigure } from '../../hosts/worker/api';
import { byRole, render, type Rendered } from '../testing/render';
import { DetectorReportView } from './DetectorReportView';
import type { DetectorReportRequest } from './slice';

const figure = (attack: RobustFigure['settings']['attack'], robustAccuracy: number): RobustFigure => ({
  n: 100, cleanAccuracy: 85, robustAccuracy, successRate: 100 - robustAccuracy, broken: 85 - robustAccuracy, cleanCorrect: 85,
  settings: { attack, epsilon: 0.1, steps: 10, restarts: 1, subset: 100, ...(attack === 'AA-lite' ? { budget: 'quick', members: [] } : {}) },
});
const check = (id: CheckResult['id'], kind: CheckResult['kind'], title: string, passed: boolean, strong = false): CheckResult => ({
  id, kind, title, passed, strong, numbers: [{ label: 'gap (points)', value: 27, unit: '%' }], explanation: `${title}: why`,
});

/** The defensive-distillation preset's figures: PGD-10 57 %, AA-lite 30 %, the finding strong. */
const report = {
  verdict: 'masked',
  headline: { chartAttack: 'PGD-10', sameAttack: false, subset: 100, chart: 57, aaLite: 30, gap: 27, b: 27, c: 0, p: 2 ** -27, minGap: 15, pBelow: 0.05 / 18, overstates: true },
  judgeable: { judgeable: true, reason: null, numbers: [], explanation: '' },
  checks: [
    ...['Square', 'FGSM', 'ε', 'Unbounded', 'Noise'].map((t, i) => check(['square-vs-white-box', 'fgsm-vs-white-box', 'epsilon-growth', 'unbounded', 'noise-vs-white-box'][i] as CheckResult['id'], 'warning-sign', t, true)),
    check('vanishing-gradients', 'warning-sign', 'Input gradients do not vanish', false),
    check('chart-vs-aa-lite', 'attack-failure', 'PGD-10 (the accuracy chart’s attack) is not far above AA-lite', false, true),
    check('not-converged', 'attack-failure', 'PGD-10 had converged', true),
  ],
  thresholds: bonferroni(18),
  subset: 100, cleanAccuracy: 85, whiteBoxName: 'APGD-CE → APGD-T',
  attacks: {
    whiteBox: figure('AA-lite', 39), aaLite: figure('AA-lite', 30), evaluation: figure('PGD', 57), dlr: figure('APGD', 40), pgd: figure('PGD', 57),
    fgsm: figure('FGSM', 70), square: figure('Square', 39), noise: figure('Noise', 80), unbounded: figure('AA-lite', 0), randomStart: figure('PGD', 20), transfer: null,
  },
  sweep: [], seconds: 12,
} as unknown as DetectorReport;

const request: DetectorReportRequest = {
  role: 'student', config: DEFAULT_CONFIG, epsilon: 0.1, subset: 100, queries: 500, pgdSteps: 10, restarts: 1, attack: 'aa-lite', aaBudget: 'quick',
};

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

describe('a detector report on screen', () => {
  it('opens with the chart’s attack against AA-lite and the finding, then the verdict', async () => {
    view = await render(<DetectorReportView report={report} request={request} />);
    const first = view.container.firstElementChild as HTMLElement;
    expect(first.getAttribute('aria-label')).toBe("Chart's attack vs AA-lite");
    expect(first.textContent).toMatch(/^PGD-10 overstates robust accuracy by 27 points: report AA-lite's 30%\. Accuracy chart's attack/);
    expect(first.textContent).toContain("Accuracy chart's attack PGD-10: 57.0% robust · AA-lite: 30.0% on the same 100 points · gap 27.0 points");
    expect(first.textContent).toContain("a gap of at least 15 points and McNemar's exact one-sided p < 0.0028 (α = 5 % shared by m = 18 tests)");
    expect(byRole(view.container, 'status', 'Detector verdict')[0].textContent).toMatch(/masked.*Failed: 6\. Input gradients do not vanish; 7\. PGD-10/);
  });

  it('lists the six warning signs and the attack-failure indicators apart, numbered on from 7', async () => {
    view = await render(<DetectorReportView report={report} request={request} />);
    const signs = view.container.querySelector('ul[aria-label="Masking checks"]')!;
    const indicators = view.container.querySelector('ul[aria-label="Attack-failure indicators"]')!;
    expect(signs.querySelectorAll('li')).toHaveLength(6);
    expect([...indicators.querySelectorAll('li')].map((li) => li.querySelector('div')?.textContent)).toEqual([
      'fail7. PGD-10 (the accuracy chart’s attack) is not far above AA-lite', 'pass8. PGD-10 had converged (warning sign)',
    ]);
  });
});
