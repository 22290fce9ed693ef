/**
 * The temperature sweep's plan, without tfjs (the page imports it): which τ values to run, read
 * from what a person typed, and paper §4.2's step 1, τ_max, from the natural substitutes' accuracies.
 */
import { FIELDS } from './config';
import type { Repeats } from './repeats';

/** At most this many τ values in one sweep (each is a whole adversarial training run). */
export const MAX_SWEEP_TAUS = 12;

/** Default of the substitute threshold: τ_max is where natural accuracy falls this many points below τ = 1's. */
export const DEFAULT_TAU_MAX_DROP = 5;

/** What the sweep does besides training one LTD student per τ. */
export interface TemperatureSweepOptions {
  /** The temperatures, each in the config's τ range; run in ascending order. */
  taus: number[];
  /** Also measure Square's (black-box) robust accuracy on each student. */
  square: boolean;
  /** Square's query budget per example; absent: the attack's default for the input shape. */
  squareQueries?: number;
  /**
   * Also measure AA-lite (the config's AA-lite budget, its Square member at `squareQueries`) besides
   * the evaluation attack, so each τ shows PGD, AA-lite and Square side by side (paper Table 4's
   * AutoAttack column next to the attack that training and a quick look use).
   */
  aaLite?: boolean;
  /**
   * Paper §4.2's two-step search instead of a plain sweep: natural substitutes give τ_max (step 1),
   * then the robust sweep over the τ below it picks τ by robust accuracy on a validation split
   * held out from training, refined between the two best (step 2); the test set only reports the chosen τ.
   */
  findTauMax: boolean;
  /** Percentage points below the τ = 1 substitute that count as a drop (default 5). */
  tauMaxDrop?: number;
  /** The whole sweep at seeds seed, seed + 1, … (1, 3 or 5; default 1). The two-step search runs once. */
  repeats?: Repeats;
}

export type TauCheck = { ok: true; taus: number[] } | { ok: false; message: string };

/** Check a list of τ: each finite and in the config's range, no repeats, at most 12; sorted ascending. */
export function checkTemperatures(taus: readonly number[]): TauCheck {
  const { min, max } = FIELDS.tau;
  if (taus.length === 0) return { ok: false, message: 'Temperatures: give at least one τ, e.g. "1, 2, 5, 10".' };
  if (taus.length > MAX_SWEEP_TAUS) {
    return { ok: false, message: `Temperatures: ${taus.length} values given, at most ${MAX_SWEEP_TAUS} (each is a whole training run).` };
  }
  for (const tau of taus) {
    if (!Number.isFinite(tau) || tau < min || tau > max) {
      return { ok: false, message: `Temperatures: τ = ${tau} is outside the teacher temperature's range [${min}, ${max}].` };
    }
  }
  const repeated = taus.find((tau, i) => taus.indexOf(tau) !== i);
  if (repeated !== undefined) return { ok: false, message: `Temperatures: τ = ${repeated} is listed twice.` };
  return { ok: true, taus: [...taus].sort((a, b) => a - b) };
}

/** Read "1, 2, 5" (commas or spaces) into a checked list; a word that is not a number is named. */
export function parseTemperatures(text: string): TauCheck {
  const words = text.split(/[\s,;]+/).filter((w) => w.length > 0);
  const values: number[] = [];
  for (const word of words) {
    const value = Number(word);
    if (!Number.isFinite(value)) return { ok: false, message: `Temperatures: "${word}" is not a number.` };
    values.push(value);
  }
  return checkTemperatures(values);
}

/** A natural substitute's result: trained on the teacher's soft labels at τ (paper §4.2, step 1). */
export interface SubstituteAccuracy {
  tau: number;
  /** Natural accuracy on the test split, percent. */
  natAcc: number;
}

export interface TauMax {
  /** The smallest τ whose substitute falls below the threshold; null when none does. */
  tauMax: number | null;
  /** The τ = 1 substitute's natural accuracy, percent (the reference). */
  baseline: number;
  /** Accuracy below this (baseline − drop) counts as a drop, percent. */
  threshold: number;
}

/**
 * Paper §4.2 step 1: τ_max is the smallest τ whose substitute's natural accuracy is below the
 * τ = 1 substitute's minus `drop` points. `substitutes` must contain τ = 1.
 */
export function findTauMax(substitutes: readonly SubstituteAccuracy[], drop = DEFAULT_TAU_MAX_DROP): TauMax {
  const reference = substitutes.find((s) => s.tau === 1);
  if (!reference) throw new Error('findTauMax: the substitutes must include τ = 1, the reference.');
  const threshold = reference.natAcc - drop;
  const below = substitutes.filter((s) => s.natAcc < threshold).map((s) => s.tau);
  return { tauMax: below.length > 0 ? Math.min(...below) : null, baseline: reference.natAcc, threshold };
}

/**
 * The τ values the robust sweep runs: those strictly below τ_max, as the paper keeps τ < τ_max
 * (τ_max is where the soft labels have already cost natural accuracy); all of them when no τ drops.
 */
export function robustTaus(taus: readonly number[], tauMax: number | null): number[] {
  return tauMax === null ? [...taus] : taus.filter((tau) => tau < tauMax);
}

/** One τ of step 2, as measured on the validation split. */
export interface ValidationPoint {
  tau: number;
  /** Natural and robust accuracy (per-point worst case over the sweep's attacks), percent. */
  natAcc: number;
  worstCaseAcc: number;
}

/** Best first: higher robust accuracy, then higher natural accuracy, then the smaller τ. */
function better(a: ValidationPoint, b: ValidationPoint): number {
  return b.worstCaseAcc - a.worstCaseAcc || b.natAcc - a.natAcc || a.tau - b.tau;
}

/** The chosen τ of step 2: the best validation robust accuracy (ties: natural accuracy, then the smaller τ). */
export function chooseTau(points: readonly ValidationPoint[]): ValidationPoint {
  if (points.length === 0) throw new Error('chooseTau: no τ was measured on the validation split.');
  return [...points].sort(better)[0];
}

/**
 * Step 2's refinement: one τ between the two best neighbours of the coarse grid — the best τ and
 * the better of the grid points beside it (on a curve with one peak, the two best are neighbours)
 * — at their geometric mean (τ is read on a log scale), rounded to the τ field's step. Null when
 * the grid has one point or the two are too close for a new τ between them.
 */
export function refinementTau(grid: readonly ValidationPoint[]): number | null {
  const sorted = [...grid].sort((a, b) => a.tau - b.tau);
  if (sorted.length < 2) return null;
  const best = chooseTau(sorted);
  const at = sorted.indexOf(best);
  const neighbours = [sorted[at - 1], sorted[at + 1]].filter((p): p is ValidationPoint => p !== undefined);
  const partner = neighbours.sort(better)[0];
  const { step } = FIELDS.tau;
  const tau = Math.round(Math.sqrt(best.tau * partner.tau) / step) * step;
  return tau > Math.min(best.tau, partner.tau) && tau < Math.max(best.tau, partner.tau) ? tau : null;
}
