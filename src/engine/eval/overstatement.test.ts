import { describe, expect, it } from 'vitest';
import { headlineText, overstatementText } from '../../shared/detector-headline';
import { bonferroni } from '../../shared/stats';
import type { CheckResult } from './checks';
import { type ChartComparison, chartVsStrongest, OVERSTATE_GAP } from './overstatement';
import type { Evaluated } from './robust';

/** 100 points, all clean-correct; the attack breaks points [from, from + broken). */
function evaluated(broken: number, from = 0, attack: 'PGD' | 'AA-lite' = 'PGD'): Evaluated {
  const brokenMask = Uint8Array.from({ length: 100 }, (_, i) => (i >= from && i < from + broken ? 1 : 0));
  return {
    figure: {
      n: 100, cleanAccuracy: 100, robustAccuracy: 100 - broken, successRate: broken, broken, cleanCorrect: 100,
      settings: { attack, epsilon: 0.1, steps: 10, restarts: 1, subset: 100 },
    },
    brokenMask,
  };
}

/** The family of the default detector with the comparison in it: 12 + 3 tests. */
const T = bonferroni(15);

const comparison = (chart: number, aaLite: number, square: number, dlr: number): ChartComparison => ({
  chart: evaluated(chart), aaLite: evaluated(aaLite, 0, 'AA-lite'), square: evaluated(square), dlr: evaluated(dlr),
  chartName: 'PGD-10', dlrName: 'APGD-DLR', sameAttack: false,
});

const numberOf = (c: CheckResult, label: string) => c.numbers.find((n) => n.label.startsWith(label))?.value;

describe('the chart’s attack against AA-lite', () => {
  it('the defensive-distillation preset: PGD-10 43 broken (57 % robust), AA-lite 70 (30 %), Square 61, APGD-DLR 65 → overstates, and the CE gradient was fooled', () => {
    const { check, headline } = chartVsStrongest(comparison(43, 70, 61, 65), T);
    expect(headline).toMatchObject({ chart: 57, aaLite: 30, gap: 27, b: 27, c: 0, overstates: true, minGap: OVERSTATE_GAP });
    expect(headline.p).toBeCloseTo(2 ** -27, 15);
    expect(headline.pBelow).toBeCloseTo(0.05 / 15, 12);
    expect(check).toMatchObject({ id: 'chart-vs-aa-lite', kind: 'attack-failure', passed: false, strong: true });
    expect(overstatementText(headline)).toBe("PGD-10 overstates robust accuracy by 27 points: report AA-lite's 30%.");
    expect(check.explanation).toMatch(/^PGD-10 overstates robust accuracy by 27 points: report AA-lite's 30 %\. Square.*masked\.$/);
    expect(numberOf(check, 'PGD-10 − Square')).toBeCloseTo(18);
    expect(numberOf(check, 'PGD-10 − APGD-DLR')).toBeCloseTo(22);
    expect(headlineText(headline)).toBe(
      "Accuracy chart's attack PGD-10: 57.0% robust · AA-lite: 30.0% on the same 100 points · gap 27.0 points (AA-lite alone breaks 27, PGD-10 alone 0; McNemar exact p = 7.5e-9).",
    );
  });

  it('an honest model whose PGD-10 is merely weak: overstates, but Square does not beat it, so it is a weak finding (suspected, not masked)', () => {
    const { check } = chartVsStrongest(comparison(40, 60, 35, 58), T);
    expect(check.passed).toBe(false);
    expect(check.strong).toBe(false);
    expect(check.explanation).toMatch(/weakness/);
  });

  it('passes the honest presets’ gaps: 9 points (LTD τ = 5) is below the 15-point effect size however significant', () => {
    const { check, headline } = chartVsStrongest(comparison(41, 50, 45, 48), T);
    expect(headline.gap).toBe(9);
    expect(headline.p).toBeCloseTo(2 ** -9, 12); // p = 0.002 < 0.05/15: significant, yet small
    expect(check.passed).toBe(true);
    expect(overstatementText(headline)).toBeNull();
  });

  it('needs significance too: a 16-point gap made of 40 points one way and 24 the other is not significant at α/m', () => {
    // AA-lite breaks 0–59 (60), PGD-10 breaks 20–63 (44): b = 20, c = 4 → gap 16, p = P(X ≥ 20 | 24, ½) = 0.00077.
    const c = comparison(0, 60, 0, 0);
    c.chart = evaluated(44, 20);
    const strict = chartVsStrongest(c, bonferroni(100));
    expect(strict.headline).toMatchObject({ b: 20, c: 4, gap: 16 });
    expect(strict.headline.p).toBeCloseTo(0.000772, 5);
    expect(strict.check.passed).toBe(true);
    expect(strict.headline.overstates).toBe(false); // 0.00077 > 0.0005
    expect(chartVsStrongest(c, T).headline.overstates).toBe(true); // 0.00077 < 0.0033
  });

  it('has nothing to compare when the chart’s attack is AA-lite itself', () => {
    const c = { ...comparison(70, 70, 61, 65), sameAttack: true };
    const { check, headline } = chartVsStrongest(c, T);
    expect(check.passed).toBe(true);
    expect(headline.sameAttack).toBe(true);
    expect(headlineText(headline)).toBe("The accuracy chart's attack is AA-lite itself: 30.0% robust on these 100 points, the strongest figure here.");
  });

  it('a chart figure below AA-lite’s (another run’s seed) gives a negative gap and passes', () => {
    const { headline, check } = chartVsStrongest(comparison(50, 45, 30, 30), T);
    expect(headline.gap).toBe(-5);
    expect(check.passed).toBe(true);
  });
});
