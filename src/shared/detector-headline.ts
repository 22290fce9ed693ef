/**
 * The detector report's first line: the robust accuracy the accuracy chart shows (the run's
 * Evaluation attack, PGD-K by default) beside AA-lite's worst case on the same points, the gap and
 * McNemar's exact test on the paired per-point outcomes. Plain numbers and their words, so the
 * page, the command line and exports say the same sentence. No tfjs.
 */
import { formatFixed, formatPercent, formatSignificant } from './format';

export interface ChartVsStrongest {
  /** The chart's attack in words ("PGD-10", "APGD-CE"). */
  chartAttack: string;
  /** True when the chart's attack is AA-lite itself: nothing to compare. */
  sameAttack: boolean;
  /** Test points both were measured on. */
  subset: number;
  /** Robust accuracy under the chart's attack and under AA-lite, percent of the subset. */
  chart: number;
  aaLite: number;
  /** chart − aaLite, in points: positive when the chart's figure is the higher (the flattering) one. */
  gap: number;
  /** Points AA-lite breaks that the chart's attack leaves standing (b), and the reverse (c). */
  b: number;
  c: number;
  /** McNemar's exact one-sided p of "AA-lite breaks more of the same points" (b ~ Binomial(b + c, ½)). */
  p: number;
  /** The finding's thresholds: gap of at least `minGap` points and p below `pBelow` (α/m). */
  minGap: number;
  pBelow: number;
  /** Gap and significance both met: the chart's figure overstates robustness. */
  overstates: boolean;
}

/** "PGD-10 overstates robust accuracy by 27 points: report AA-lite's 30 %." (null when it does not overstate). */
export function overstatementText(h: ChartVsStrongest): string | null {
  if (!h.overstates) return null;
  return `${h.chartAttack} overstates robust accuracy by ${formatFixed(h.gap, 0)} points: report AA-lite's ${formatPercent(h.aaLite, { decimals: 0 })}.`;
}

/** "gap ≥ 15 points and McNemar exact p < 0.0033 (α = 5 % over m = 15 tests)", the finding's rule in words. */
export function overstatementRule(h: Pick<ChartVsStrongest, 'minGap' | 'pBelow'>): string {
  return `a gap of at least ${h.minGap} points and McNemar's exact one-sided p < ${formatSignificant(h.pBelow, 2)}`;
}

/**
 * The first line: "Accuracy chart's attack PGD-10: 57.0% robust · AA-lite: 30.0% on the same 100
 * points · gap 27 points (AA-lite alone breaks 27, PGD-10 alone 0; McNemar exact p = 7.5e-9)."
 */
export function headlineText(h: ChartVsStrongest): string {
  if (h.sameAttack) return `The accuracy chart's attack is AA-lite itself: ${formatPercent(h.aaLite)} robust on these ${h.subset} points, the strongest figure here.`;
  return (
    `Accuracy chart's attack ${h.chartAttack}: ${formatPercent(h.chart)} robust · AA-lite: ${formatPercent(h.aaLite)} on the same ${h.subset} points · ` +
    `gap ${formatFixed(h.gap, 1)} points (AA-lite alone breaks ${h.b}, ${h.chartAttack} alone ${h.c}; McNemar exact p = ${formatSignificant(h.p, 2)}).`
  );
}
