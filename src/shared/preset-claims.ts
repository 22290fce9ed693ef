/**
 * What each preset claims, in a form a machine checks: `presets --verify` measures a preset (and
 * the presets its claim compares with) and `judgeClaim` turns the claim into conditions, each
 * true or false with its numbers. The statistics are the detector's (shared/stats.ts): McNemar on
 * the points two attacks disagree on (the same model, the same points), binomial errors for rates
 * of different runs, Bonferroni over a claim's z-tests at a family-wise 5 %, and the detector's
 * 10-point effect size wherever a gap must be large as well as significant.
 */
import type { SweepFigures } from './events';
import { bonferroni, discordantExcess, type Excess, judge, proportionGap, summarise, type Summary, type Thresholds } from './stats';

/** How a mean over seeds stands against the reference's: within the tolerance or the noise, or clearly above or below. */
export type Standing = 'level' | 'above' | 'below';

export type PresetClaim =
  /** No defence: it learns (natural ≥ minNatural %), PGD and AA-lite break most clean-correct points, the detector says clean. */
  | { kind: 'not-robust'; minNatural: number }
  /** The robust reference: AA-lite leaves clearly more points robust than `reference` does; it learns; the detector says clean. */
  | { kind: 'more-robust-than'; reference: string; minNatural: number }
  /** Over `seeds` seeds, natural and AA-lite accuracy stand as `expect` says against `reference`'s (mean ± s.d.). */
  | { kind: 'level-with'; reference: string; seeds: number; tolerance: number; expect: { natural: Standing; aaLite: Standing } }
  /**
   * It learns, yet Square and AA-lite leave clearly fewer points robust than PGD, and its logits are
   * flatter than `reference`'s. `minGap`: the effect size the gaps need beyond significance (default
   * the detector's CLAIM_MIN_GAP; 0 claims a significant gap of any size, and says so).
   */
  | { kind: 'square-below-pgd'; minNatural: number; flatterThan: { reference: string; factor: number }; minGap?: number }
  /**
   * It learns and PGD says robust, but AA-lite (the strongest attack the detector runs) breaks clearly
   * more; the detector calls it masked and these checks fire (issue 19: masked "for the stated reasons").
   */
  | { kind: 'looks-robust-is-not'; minNatural: number; fires: string[] }
  /** τ sweep: every student learns; at the hottest τ Square is clearly below PGD, by more than at the coolest; logits shrink by `scaleShrinks`. */
  | { kind: 'gap-grows-with-tau'; minNatural: number; scaleShrinks: number; minGap?: number };

/** One trained preset as `presets --verify` measures it: the sweep's figures on the detector's subset, and the detector's word. */
export interface RunMeasurement {
  seed: number;
  /** Natural, PGD (the evaluation attack), AA-lite and Square on the detector's points, with their discordant pairs. */
  figures: SweepFigures;
  verdict: 'clean' | 'suspected' | 'masked' | 'no verdict';
  /** The detector's checks that failed, by id (eval/checks.ts CheckId). */
  fired: string[];
  seconds: number;
}

export type Measurement =
  | { kind: 'runs'; runs: RunMeasurement[] }
  | { kind: 'sweep'; points: Array<{ tau: number } & SweepFigures>; seconds: number };

export interface Condition {
  text: string;
  holds: boolean;
}

export interface Judgement {
  /** Every condition holds (false when one does not, or the claim could not be judged). */
  holds: boolean;
  conditions: Condition[];
  /** Why the claim could not be judged (a reference preset or seeds missing); null when it was. */
  missing: string | null;
}

/** The detector's effect size: a gap must be at least this many points to count (eval/detector.ts minGap). */
export const CLAIM_MIN_GAP = 10;

const pct = (v: number) => `${v.toFixed(1)} %`;
const zText = (e: Excess) => (Number.isFinite(e.z) ? e.z.toFixed(2) : '∞');
const cond = (text: string, holds: boolean): Condition => ({ text, holds });

/** Points of `f`'s subset still correct under an attack whose robust accuracy is `acc` percent. */
const robustCount = (f: SweepFigures, acc: number) => Math.round((acc * f.subset) / 100);

function learns(f: SweepFigures, minNatural: number, where = ''): Condition {
  return cond(`natural accuracy${where} ${pct(f.natAcc)} ≥ ${minNatural} %`, f.natAcc >= minNatural);
}

/** An attack breaks more than half of the clean-correct points: its success rate significantly above 50 %. */
function breaksMost(f: SweepFigures, name: string, acc: number | null, t: Thresholds): Condition {
  if (acc === null) return cond(`${name} was not measured`, false);
  const n = f.cleanCorrect;
  const p = n === 0 ? 0 : (n - robustCount(f, acc)) / n;
  const e = judge(100 * (p - 0.5), 100 * Math.sqrt((p * (1 - p)) / Math.max(n, 1)), { ...t, minGap: 0 });
  return cond(`${name} breaks ${pct(100 * p)} of ${n} clean-correct points, more than half (z ${zText(e)} ≥ ${t.z.toFixed(2)})`, e.exceeds);
}

/** `name` (Square or AA-lite) leaves fewer points robust than PGD: McNemar on the same points, success-rate gap ≥ the effect size. */
function belowPgd(f: SweepFigures, name: 'Square' | 'AA-lite', t: Thresholds, where = ''): { condition: Condition; excess: Excess | null } {
  const d = name === 'Square' ? f.versusWhiteBox.square : f.versusWhiteBox.aaLite;
  if (!d) return { condition: cond(`${name}${where} was not measured`, false), excess: null };
  const e = discordantExcess(d.onlyOther, d.onlyWhiteBox, f.cleanCorrect, t);
  const text = `${name}${where} breaks ${e.gap.toFixed(1)} points more of the clean-correct points than PGD ` +
    `(only ${name} ${d.onlyOther}, only PGD ${d.onlyWhiteBox}; McNemar z ${zText(e)} ≥ ${t.z.toFixed(2)}, gap ≥ ${t.minGap})`;
  return { condition: cond(text, e.exceeds), excess: e };
}

/** Where a mean over seeds stands against the reference's: level within `tolerance` points or within noise (normal approximation). */
export function standing(own: Summary, ref: Summary, tolerance: number, z: number): { standing: Standing; difference: number; se: number } {
  const difference = own.mean - ref.mean;
  const se = Math.sqrt((own.sd ?? 0) ** 2 / own.n + (ref.sd ?? 0) ** 2 / ref.n);
  const clear = Math.abs(difference) > tolerance && (se === 0 || Math.abs(difference) / se >= z);
  return { standing: clear ? (difference > 0 ? 'above' : 'below') : 'level', difference, se };
}

const meanSd = (s: Summary) => `${s.mean.toFixed(1)} ± ${(s.sd ?? 0).toFixed(1)}`;

/**
 * Judge `claim` on `own` (the preset's measurement) and, where it compares, `others(id)` (the
 * reference preset's, measured in the same verify run at the same size).
 */
export function judgeClaim(claim: PresetClaim, own: Measurement, others: (id: string) => Measurement | undefined): Judgement {
  const done = (conditions: Condition[]): Judgement => ({ holds: conditions.every((c) => c.holds), conditions, missing: null });
  const refuse = (missing: string): Judgement => ({ holds: false, conditions: [], missing });
  if (claim.kind === 'gap-grows-with-tau') {
    if (own.kind !== 'sweep' || own.points.length < 2) return refuse('a τ sweep of at least two temperatures');
    return done(gapGrows(claim, own.points));
  }
  if (own.kind !== 'runs' || own.runs.length === 0) return refuse('a measured training run');
  const f = own.runs[0].figures;
  const ref = 'reference' in claim ? others(claim.reference) : claim.kind === 'square-below-pgd' ? others(claim.flatterThan.reference) : undefined;
  const refRuns = ref?.kind === 'runs' ? ref.runs : [];
  switch (claim.kind) {
    case 'not-robust': {
      const t = bonferroni(2, 0.05, CLAIM_MIN_GAP);
      return done([learns(f, claim.minNatural), breaksMost(f, 'PGD', f.robustAcc, t), breaksMost(f, 'AA-lite', f.aaLiteAcc, t),
        cond(`detector verdict ${own.runs[0].verdict} is clean`, own.runs[0].verdict === 'clean')]);
    }
    case 'more-robust-than': {
      if (refRuns.length === 0) return refuse(`the ${claim.reference} preset measured in the same run`);
      const r = refRuns[0].figures;
      if (f.aaLiteAcc === null || r.aaLiteAcc === null) return refuse('AA-lite figures of both presets');
      const e = proportionGap({ count: robustCount(f, f.aaLiteAcc), n: f.subset }, { count: robustCount(r, r.aaLiteAcc), n: r.subset }, bonferroni(1, 0.05, CLAIM_MIN_GAP));
      return done([learns(f, claim.minNatural),
        cond(`AA-lite ${pct(f.aaLiteAcc)} against ${claim.reference}'s ${pct(r.aaLiteAcc)}: ${e.gap.toFixed(1)} points above (binomial z ${zText(e)} ≥ ${bonferroni(1).z.toFixed(2)}, gap ≥ ${CLAIM_MIN_GAP})`, e.exceeds),
        cond(`detector verdict ${own.runs[0].verdict} is clean`, own.runs[0].verdict === 'clean')]);
    }
    case 'level-with': {
      if (own.runs.length < claim.seeds || refRuns.length < claim.seeds) {
        return refuse(`${claim.seeds} seeds of this preset and of ${claim.reference} (have ${own.runs.length} and ${refRuns.length})`);
      }
      if ([...own.runs, ...refRuns].some((run) => run.figures.aaLiteAcc === null)) return refuse('AA-lite figures of every seed');
      const z = bonferroni(2).z;
      return done((['natural', 'aaLite'] as const).map((figure) => {
        const of = (runs: RunMeasurement[]) => summarise(runs.map((run) => (figure === 'natural' ? run.figures.natAcc : run.figures.aaLiteAcc!)));
        const [mine, theirs] = [of(own.runs), of(refRuns)];
        const s = standing(mine, theirs, claim.tolerance, z);
        const name = figure === 'natural' ? 'natural accuracy' : 'AA-lite accuracy';
        return cond(`${name} ${meanSd(mine)} against ${claim.reference}'s ${meanSd(theirs)} over ${mine.n} seeds: ${s.difference.toFixed(1)} points ` +
          `(se ${s.se.toFixed(1)}) is ${s.standing} (within ${claim.tolerance} points or z < ${z.toFixed(2)} is level); the claim says ${claim.expect[figure]}`,
        s.standing === claim.expect[figure]);
      }));
    }
    case 'square-below-pgd': {
      if (refRuns.length === 0) return refuse(`the ${claim.flatterThan.reference} preset measured in the same run`);
      const t = bonferroni(2, 0.05, claim.minGap ?? CLAIM_MIN_GAP);
      const scale = refRuns[0].figures.logitScale;
      return done([learns(f, claim.minNatural), belowPgd(f, 'Square', t).condition, belowPgd(f, 'AA-lite', t).condition,
        cond(`logit scale ${f.logitScale.toFixed(2)} ≤ ${claim.flatterThan.factor} × ${claim.flatterThan.reference}'s ${scale.toFixed(2)}`, f.logitScale <= claim.flatterThan.factor * scale)]);
    }
    case 'looks-robust-is-not': {
      const run = own.runs[0];
      return done([learns(f, claim.minNatural), belowPgd(f, 'AA-lite', bonferroni(1, 0.05, CLAIM_MIN_GAP)).condition,
        cond(`detector verdict ${run.verdict} is masked`, run.verdict === 'masked'),
        ...claim.fires.map((id) => cond(`detector check ${id} fires (fired: ${run.fired.join(', ') || 'none'})`, run.fired.includes(id)))]);
    }
  }
}

/** The τ sweep's claim: every τ learns, the hottest τ's Square gap is real and larger than the coolest's, the logits shrink. */
function gapGrows(claim: Extract<PresetClaim, { kind: 'gap-grows-with-tau' }>, points: Array<{ tau: number } & SweepFigures>): Condition[] {
  const sorted = [...points].sort((a, b) => a.tau - b.tau);
  const [cool, hot] = [sorted[0], sorted[sorted.length - 1]];
  const t = bonferroni(2, 0.05, claim.minGap ?? CLAIM_MIN_GAP);
  const hotGap = belowPgd(hot, 'Square', t, ` at τ = ${hot.tau}`);
  const coolGap = belowPgd(cool, 'Square', t, ` at τ = ${cool.tau}`).excess;
  let growth = cond('Square was not measured at both ends of the sweep', false);
  if (hotGap.excess && coolGap) {
    // Two students, independent errors: the gap between the gaps has se √(se_hot² + se_cool²).
    const e = judge(hotGap.excess.gap - coolGap.gap, Math.hypot(hotGap.excess.se, coolGap.se), t);
    growth = cond(`the Square − PGD gap grows from ${coolGap.gap.toFixed(1)} points at τ = ${cool.tau} to ${hotGap.excess.gap.toFixed(1)} at τ = ${hot.tau} ` +
      `(z ${zText(e)} ≥ ${t.z.toFixed(2)}, growth ≥ ${t.minGap})`, e.exceeds);
  }
  return [
    ...sorted.map((p) => learns(p, claim.minNatural, ` at τ = ${p.tau}`)),
    hotGap.condition,
    growth,
    cond(`logit scale ${hot.logitScale.toFixed(2)} at τ = ${hot.tau} ≤ ${claim.scaleShrinks.toFixed(2)} × ${cool.logitScale.toFixed(2)} at τ = ${cool.tau}`,
      hot.logitScale <= claim.scaleShrinks * cool.logitScale),
  ];
}

/** The presets a claim compares with (measured first, in the same verify run). */
export function claimReferences(claim: PresetClaim): string[] {
  if ('reference' in claim) return [claim.reference];
  return claim.kind === 'square-below-pgd' ? [claim.flatterThan.reference] : [];
}

/** How many seeds the claim needs of the preset and of its reference. */
export function claimSeeds(claim: PresetClaim): number {
  return claim.kind === 'level-with' ? claim.seeds : 1;
}
