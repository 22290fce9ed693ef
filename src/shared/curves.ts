/**
 * The curves a reviewer asks for (Carlini et al. 2019; Andriushchenko et al. 2020 for Square):
 * each gradient attack's best loss and cumulative success per iteration, Square's success
 * against queries, and the robustness curve — robust accuracy against ε from each point's
 * smallest breaking ε. Plain numbers and pure functions, shared by the engine that makes them,
 * the page that draws them and the command line that writes them as JSON.
 */

/** What an attack call recorded for one line, summed over calls (chunks): the engine's raw record. */
export interface ConvergenceRecord {
  /** "PGD-20 restart 2", "PGD-20 (any restart)", "APGD-CE", "APGD-T target 1". */
  name: string;
  /** The run the line belongs to ("AA-lite", "PGD-20"). */
  group: string;
  /**
   * True where the group's lines run one after another, each on the points the earlier left
   * standing (AA-lite's members, APGD-T's targets): their successes add up. False for lines that
   * each attack every point (PGD's restarts, and their union).
   */
  chain: boolean;
  /** Points the line's calls attacked (clean-correct ones; standing ones in a chain). */
  points: number;
  /** Per iteration k (0 = the start), the summed best loss so far over the attacked points. */
  lossSum: number[];
  /** Per iteration k, attacked points misclassified at some iterate ≤ k ("broken so far"). */
  broken: number[];
}

export interface ConvergenceCurve {
  name: string;
  group: string;
  /** Points the line attacked, and the clean-correct points the success is a share of. */
  points: number;
  cleanCorrect: number;
  /** Per iteration k (0 = the start), the mean best loss so far over the attacked points. */
  bestLoss: number[];
  /**
   * Per iteration k, percent of the clean-correct points broken so far — in a chain, those the
   * group's earlier lines broke included, so the chain's last value is the run's success rate.
   */
  success: number[];
}

/** Per-line means and cumulative success, over `cleanCorrect` clean-correct points. */
export function convergenceCurves(records: readonly ConvergenceRecord[], cleanCorrect: number): ConvergenceCurve[] {
  const before = new Map<string, number>();
  return records.map((r) => {
    const offset = r.chain ? (before.get(r.group) ?? 0) : 0;
    if (r.chain) before.set(r.group, offset + (r.broken.at(-1) ?? 0));
    return {
      name: r.name, group: r.group, points: r.points, cleanCorrect,
      bestLoss: r.lossSum.map((s) => (r.points === 0 ? 0 : s / r.points)),
      success: r.broken.map((b) => (cleanCorrect === 0 ? 0 : (100 * (offset + b)) / cleanCorrect)),
    };
  });
}

/** Median of a list of numbers (mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface SquareCurve {
  epsilon: number;
  /** Square's query budget per point. */
  budget: number;
  cleanCorrect: number;
  broken: number;
  /** [queries, percent of clean-correct points broken within that many queries], a step function from (0, 0) to (budget, success). */
  points: Array<[number, number]>;
  /** Mean and median queries of the points Square broke (null when it broke none). */
  meanQueries: number | null;
  medianQueries: number | null;
}

/**
 * Square's success against queries from each point's query count (`queries[i]`: the query at
 * which point i broke, or the budget spent) and which points it broke (`brokenMask`).
 */
export function squareCurve(queries: ArrayLike<number>, brokenMask: ArrayLike<number>, cleanCorrect: number, budget: number, epsilon: number): SquareCurve {
  const spent: number[] = [];
  for (let i = 0; i < brokenMask.length; i++) if (brokenMask[i]) spent.push(queries[i]);
  spent.sort((a, b) => a - b);
  const share = (k: number) => (cleanCorrect === 0 ? 0 : (100 * k) / cleanCorrect);
  const points: Array<[number, number]> = [[0, 0]];
  spent.forEach((q, j) => {
    // One point per distinct query count: the last of a run of equal counts holds the step's height.
    if (spent[j + 1] !== q) points.push([q, share(j + 1)]);
  });
  if ((points.at(-1)?.[0] ?? 0) < budget) points.push([budget, share(spent.length)]);
  return {
    epsilon, budget, cleanCorrect, broken: spent.length, points,
    meanQueries: spent.length === 0 ? null : spent.reduce((a, b) => a + b, 0) / spent.length,
    medianQueries: median(spent),
  };
}

export interface RobustnessCurve {
  /** The attack whose breaking ε is measured ("APGD-CE → APGD-T", AA-lite's gradient part) and its iterations per member. */
  attack: string;
  steps: number;
  /** ε searched over [0, epsilonMax] by `bisections` halvings after one run at epsilonMax: resolution epsilonMax / 2^bisections. */
  epsilonMax: number;
  bisections: number;
  resolution: number;
  subset: number;
  /**
   * Per point, sorted, the smallest ε found to break it (the upper end of its last bisection
   * interval: the attack did break it there); 0 for a point misclassified clean, null for one
   * still standing at epsilonMax.
   */
  minEpsilon: Array<number | null>;
  /** [ε, robust accuracy in percent of all points], a step function from ε = 0 to epsilonMax. */
  points: Array<[number, number]>;
}

/** Robust accuracy at ε from per-point smallest breaking ε: a point stands at ε when its min ε is above ε (or null). */
export function robustAccuracyAt(minEpsilon: ReadonlyArray<number | null>, epsilon: number): number {
  if (minEpsilon.length === 0) return 0;
  const standing = minEpsilon.filter((m) => m === null || m > epsilon).length;
  return (100 * standing) / minEpsilon.length;
}

/** The robustness curve's steps: robust accuracy at 0, just at each distinct min ε, and at epsilonMax. */
export function robustnessPoints(minEpsilon: ReadonlyArray<number | null>, epsilonMax: number): Array<[number, number]> {
  const breaks = [...new Set(minEpsilon.filter((m): m is number => m !== null && m > 0))].sort((a, b) => a - b);
  const points: Array<[number, number]> = [[0, robustAccuracyAt(minEpsilon, 0)]];
  for (const e of breaks) points.push([e, robustAccuracyAt(minEpsilon, e)]);
  if ((points.at(-1)?.[0] ?? 0) < epsilonMax) points.push([epsilonMax, robustAccuracyAt(minEpsilon, epsilonMax)]);
  return points;
}

/** Every curve of one detector run; `robustness` only when asked for (it costs the white-box attack × bisections). */
export interface DetectorCurves {
  /** The runs traced: each PGD restart and their union (the PGD comparison), and AA-lite's APGD-CE and APGD-T (per target class). */
  convergence: ConvergenceCurve[];
  /** ε and iterations of the traced runs, for captions. */
  epsilon: number;
  square: SquareCurve | null;
  robustness: RobustnessCurve | null;
}
