/**
 * The k-class variant of the paper's Appendix C simulation (Chen & Lee, arXiv 2111.02331):
 * oracle labels drawn from Dirichlet distributions instead of fixed, and G of paper Eq. 7 for a
 * one-hot-like model and for a teacher's soft labels at each temperature.
 *
 * The data (our parametrisation of "labels drawn from a Dirichlet"; the paper's own concentrations
 * could not be retrieved here): each point has a class drawn uniformly; an ambiguous point's
 * oracle is Dirichlet with mean 1 − γ on that class and γ spread evenly over the other k − 1, a
 * clear point's the same with ε, each with its own concentration Σα (larger = draws nearer the
 * mean). With k = 2 and large concentrations it is the binary simulation.
 *
 * The models, as in binary-simulation.ts: model 1 puts 1 − δ on each point's predicted class
 * (the arg-max of its oracle) and δ/(k − 1) on each other; model 2 is the teacher with logits
 * ln y + b·[predicted class] — the oracle's log-odds plus one over-confidence boost b — softened
 * to softmax(z / T).
 */
import type { Rng } from '../rng';
import { sampleLogDirichlet } from './dirichlet';

export interface DirichletSimulationParams {
  /** k, the number of classes, ≥ 2. */
  classes: number;
  /** n, the number of simulated points; round(ambiguousFraction · n) of them are ambiguous. */
  points: number;
  /** Share of ambiguous points, in [0, 1]; the paper's 3 % is 0.03. */
  ambiguousFraction: number;
  /** γ: the mean oracle mass off the point's class on ambiguous points, in (0, 1 − 1/k). */
  gamma: number;
  /** ε: the same on clear points, in (0, 1 − 1/k). */
  epsilon: number;
  /** Σα of the ambiguous points' Dirichlet, > 0. */
  ambiguousConcentration: number;
  /** Σα of the clear points' Dirichlet, > 0. */
  clearConcentration: number;
}

/**
 * Defaults (our choice, to mirror the binary defaults on CIFAR-10's ten classes): 1 000 points,
 * 3 % ambiguous with γ = 0.3 and Σα = 10, clear points with ε = 0.001 and Σα = 100.
 */
export const DIRICHLET_SIMULATION_DEFAULTS: DirichletSimulationParams = {
  classes: 10,
  points: 1000,
  ambiguousFraction: 0.03,
  gamma: 0.3,
  epsilon: 0.001,
  ambiguousConcentration: 10,
  clearConcentration: 100,
};

/** The sampled oracle labels, kept in log space (see dirichlet.ts), row-major n × k. */
export interface DirichletOracle {
  classes: number;
  points: number;
  logOracle: Float64Array;
  /** Each point's predicted class: the arg-max of its oracle label. */
  top: Int32Array;
  /** 1 for the ambiguous points (the first round(ambiguousFraction · n)), 0 for the rest. */
  ambiguous: Uint8Array;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`dirichletSimulation: ${message}`);
}

/**
 * Draw every point's oracle label.
 *
 * @param params  the data; see DirichletSimulationParams
 * @param rng     the stream to draw from (pass a fork of the run's seed, e.g. rng.fork('appendix-c'))
 */
export function sampleDirichletOracle(params: DirichletSimulationParams, rng: Rng): DirichletOracle {
  const { classes: k, points: n, ambiguousFraction, gamma, epsilon, ambiguousConcentration, clearConcentration } = params;
  check(Number.isInteger(k) && k >= 2, `classes must be an integer ≥ 2, got ${k}`);
  check(Number.isInteger(n) && n >= 1, `points must be an integer ≥ 1, got ${n}`);
  check(ambiguousFraction >= 0 && ambiguousFraction <= 1, `ambiguousFraction must be in [0, 1], got ${ambiguousFraction}`);
  check(gamma > 0 && gamma < 1 - 1 / k, `gamma (γ) must be in (0, 1 − 1/k = ${1 - 1 / k}), got ${gamma}`);
  check(epsilon > 0 && epsilon < 1 - 1 / k, `epsilon (ε) must be in (0, 1 − 1/k = ${1 - 1 / k}), got ${epsilon}`);
  check(ambiguousConcentration > 0 && Number.isFinite(ambiguousConcentration), `ambiguousConcentration must be a finite number > 0, got ${ambiguousConcentration}`);
  check(clearConcentration > 0 && Number.isFinite(clearConcentration), `clearConcentration must be a finite number > 0, got ${clearConcentration}`);

  const oracle: DirichletOracle = { classes: k, points: n, logOracle: new Float64Array(n * k), top: new Int32Array(n), ambiguous: new Uint8Array(n) };
  const ambiguousCount = Math.round(ambiguousFraction * n);
  const alpha = new Float64Array(k);
  const row = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const isAmbiguous = i < ambiguousCount;
    const [minor, total] = isAmbiguous ? [gamma, ambiguousConcentration] : [epsilon, clearConcentration];
    const cls = rng.int(k);
    alpha.fill((total * minor) / (k - 1));
    alpha[cls] = total * (1 - minor);
    sampleLogDirichlet(rng, alpha, row);
    oracle.logOracle.set(row, i * k);
    let top = 0;
    for (let c = 1; c < k; c++) if (row[c] > row[top]) top = c;
    oracle.top[i] = top;
    oracle.ambiguous[i] = isAmbiguous ? 1 : 0;
  }
  return oracle;
}

/** ln(1e-17): terms below this are lost against a sum ≥ 1 in double precision. */
const NEGLIGIBLE = -39;

export interface DirichletCurveOptions {
  /** The teacher's temperatures T > 0 to evaluate, in the order the chart wants them. */
  temperatures: number[];
  /** b: the teacher's log-odds boost on its predicted class (binary-simulation.ts's teacherBoost gives the binary default). */
  boost: number;
  /** δ: model 1's total mass off the predicted class, in (0, 1 − 1/k). */
  oneHotMinor: number;
}

export interface DirichletCurve {
  temperature: number[];
  /** G of the teacher's soft labels at each temperature (nats): softAmbiguous + softClear. */
  soft: number[];
  /** The ambiguous points' share of G (their KL summed, divided by n). */
  softAmbiguous: number[];
  /** The clear points' share of G. */
  softClear: number[];
  /** G of model 1 and its two shares; the same at every temperature. */
  oneHot: { g: number; ambiguous: number; clear: number };
  /** The temperature with the smallest G of the teacher among those given. */
  best: { index: number; temperature: number; g: number };
}

/**
 * G of both models on the sampled oracle, for every temperature. Cost O(n · k · |T|): about
 * n·k exponentials per temperature, since KL(y ‖ softmax(z/T)) = Σ y ln y − Σ y z / T + lse(z/T).
 *
 * @param oracle   labels from sampleDirichletOracle (sample once; recompute this as sliders move)
 * @param options  temperatures, the teacher's boost b and model 1's δ
 */
export function dirichletSimulation(oracle: DirichletOracle, options: DirichletCurveOptions): DirichletCurve {
  const { classes: k, points: n, logOracle, top, ambiguous } = oracle;
  const { temperatures, boost, oneHotMinor } = options;
  check(temperatures.length > 0 && temperatures.every((t) => t > 0), `temperatures must be a non-empty list of numbers > 0, got [${temperatures.join(', ')}]`);
  check(Number.isFinite(boost), `boost must be a finite number, got ${boost}`);
  check(oneHotMinor > 0 && oneHotMinor < 1 - 1 / k, `oneHotMinor (δ) must be in (0, 1 − 1/k = ${1 - 1 / k}), got ${oneHotMinor}`);

  // Per point: Σ y ln y (minus the entropy), Σ y z = Σ y ln y + b · y_top, and the logits as
  // gaps below their largest, so that each temperature costs k exponentials and no comparisons.
  const negEntropy = new Float64Array(n);
  const yz = new Float64Array(n);
  const zMax = new Float64Array(n);
  const gaps = new Float64Array(n * k);
  const oneHot = { g: 0, ambiguous: 0, clear: 0 };
  const logMajor = Math.log1p(-oneHotMinor);
  const logMinor = Math.log(oneHotMinor / (k - 1));
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let s = 0;
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      const l = logOracle[base + c];
      s += Math.exp(l) * l;
      max = Math.max(max, l + (c === top[i] ? boost : 0));
    }
    for (let c = 0; c < k; c++) gaps[base + c] = logOracle[base + c] + (c === top[i] ? boost : 0) - max;
    const yTop = Math.exp(logOracle[base + top[i]]);
    negEntropy[i] = s;
    yz[i] = s + boost * yTop;
    zMax[i] = max;
    const kl = s - yTop * logMajor - (1 - yTop) * logMinor;
    if (ambiguous[i]) oneHot.ambiguous += kl / n;
    else oneHot.clear += kl / n;
  }
  oneHot.g = oneHot.ambiguous + oneHot.clear;

  const curve: DirichletCurve = { temperature: [...temperatures], soft: [], softAmbiguous: [], softClear: [], oneHot, best: { index: 0, temperature: temperatures[0], g: Infinity } };
  temperatures.forEach((t, j) => {
    const inv = 1 / t;
    let amb = 0;
    let clear = 0;
    for (let i = 0; i < n; i++) {
      const base = i * k;
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const d = gaps[base + c] * inv;
        if (d > NEGLIGIBLE) sum += Math.exp(d); // the sum is ≥ 1 (its top term is e⁰), so e^d < 1e-17 cannot change it
      }
      const kl = negEntropy[i] - yz[i] * inv + zMax[i] * inv + Math.log(sum); // KL(y ‖ softmax(z/T))
      if (ambiguous[i]) amb += kl;
      else clear += kl;
    }
    const g = (amb + clear) / n;
    curve.softAmbiguous.push(amb / n);
    curve.softClear.push(clear / n);
    curve.soft.push(g);
    if (g < curve.best.g) curve.best = { index: j, temperature: t, g };
  });
  return curve;
}
