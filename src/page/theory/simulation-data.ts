/**
 * The numbers behind the page's Appendix C chart (Chen & Lee, arXiv 2111.02331): the discrepancy
 * G of paper Eq. 7 for a one-hot-like model and for a teacher's soft labels as they heat up, in
 * the binary simulation (closed form) or the k-class Dirichlet variant (seeded draw). Pure and
 * synchronous: it runs on every slider move, so it must stay well under one frame's worth of work.
 */
import {
  BINARY_SIMULATION_DEFAULTS,
  DIRICHLET_SIMULATION_DEFAULTS,
  Rng,
  binarySimulation,
  dirichletSimulation,
  logSpaced,
  sampleDirichletOracle,
  teacherBoost,
} from '../../shared/theory';

export type SimulationVariant = 'binary' | 'dirichlet';

/** What a person sets on the page; everything else is the engine's documented default. */
export interface SimulationSettings {
  variant: SimulationVariant;
  /** γ: the oracle's mass off the predicted class on an ambiguous point. */
  gamma: number;
  /** ε: the same on a clear point. */
  epsilon: number;
  /** Share of ambiguous points (the paper's 3 % is 0.03). */
  ambiguousFraction: number;
  /** k (Dirichlet variant only). */
  classes: number;
  /** Σα of the ambiguous points' Dirichlet (Dirichlet variant only); the clear points keep the engine's default. */
  concentration: number;
  /** Seed of the Dirichlet draw (Dirichlet variant only). */
  seed: number;
}

export const SIMULATION_DEFAULTS: SimulationSettings = {
  variant: 'binary',
  gamma: BINARY_SIMULATION_DEFAULTS.gamma,
  epsilon: BINARY_SIMULATION_DEFAULTS.epsilon,
  ambiguousFraction: BINARY_SIMULATION_DEFAULTS.ambiguousFraction,
  classes: DIRICHLET_SIMULATION_DEFAULTS.classes,
  concentration: DIRICHLET_SIMULATION_DEFAULTS.ambiguousConcentration,
  seed: 1,
};

/** Grid sizes: enough for a smooth line on a log axis, few enough for a readable data table. */
export const BINARY_STEPS = 41;
export const DIRICHLET_TEMPERATURES = logSpaced(1, 100, 25);

/** One chart's worth of numbers; every array has one entry per point of the x grid. */
export interface SimulationData {
  variant: SimulationVariant;
  /** The x axis: s, model 2's class-2 output on ambiguous points (binary), or the temperature T (k classes). */
  x: number[];
  /** The teacher's temperature at each x (binary: T(s), 1 at s₀ = γ/10 and ∞ at ½). */
  temperature: number[];
  /** G of the teacher's soft labels (model 2), nats, and its ambiguous and clear shares. */
  soft: number[];
  softAmbiguous: number[];
  softClear: number[];
  /** G of model 1 (one-hot-like), nats: the same at every x. */
  oneHot: number;
  /** The grid point with the smallest soft G. */
  best: { x: number; temperature: number; g: number };
  /** The first and last x where soft labels beat model 1; null when they never do. */
  softBelowOneHot: { from: number; to: number } | null;
  /** Points simulated (Dirichlet) — null for the binary case, which is exact. */
  points: number | null;
}

/** δ: model 1's class-2 (off-class) mass, the engine's default in both variants. */
export const ONE_HOT_MINOR = BINARY_SIMULATION_DEFAULTS.oneHotMinor;

function binaryData(s: SimulationSettings): SimulationData {
  const curve = binarySimulation({
    ambiguousFraction: s.ambiguousFraction, gamma: s.gamma, epsilon: s.epsilon, oneHotMinor: ONE_HOT_MINOR, steps: BINARY_STEPS,
  });
  return {
    variant: 'binary',
    x: curve.s,
    temperature: curve.temperature,
    soft: curve.soft,
    softAmbiguous: curve.softAmbiguous,
    softClear: curve.softClear,
    oneHot: curve.oneHot.g,
    best: { x: curve.best.s, temperature: curve.best.temperature, g: curve.best.g },
    softBelowOneHot: curve.softBelowOneHot,
    points: null,
  };
}

function dirichletData(s: SimulationSettings): SimulationData {
  const oracle = sampleDirichletOracle(
    { ...DIRICHLET_SIMULATION_DEFAULTS, classes: s.classes, ambiguousFraction: s.ambiguousFraction, gamma: s.gamma, epsilon: s.epsilon, ambiguousConcentration: s.concentration },
    new Rng(s.seed).fork('appendix-c'),
  );
  // The binary simulation's over-confidence: an ambiguous point's minor mass γ becomes γ/10 at T = 1.
  const curve = dirichletSimulation(oracle, { temperatures: DIRICHLET_TEMPERATURES, boost: teacherBoost(s.gamma), oneHotMinor: ONE_HOT_MINOR });
  let below: SimulationData['softBelowOneHot'] = null;
  curve.soft.forEach((g, i) => {
    if (g < curve.oneHot.g) below = { from: below?.from ?? curve.temperature[i], to: curve.temperature[i] };
  });
  return {
    variant: 'dirichlet',
    x: curve.temperature,
    temperature: curve.temperature,
    soft: curve.soft,
    softAmbiguous: curve.softAmbiguous,
    softClear: curve.softClear,
    oneHot: curve.oneHot.g,
    best: { x: curve.best.temperature, temperature: curve.best.temperature, g: curve.best.g },
    softBelowOneHot: below,
    points: oracle.points,
  };
}

/**
 * The chart's data for these settings.
 *
 * @param settings  the variant and its sliders; see SimulationSettings
 * @throws RangeError from the engine, naming the setting, when one is out of its range
 */
export function buildSimulationData(settings: SimulationSettings): SimulationData {
  return settings.variant === 'binary' ? binaryData(settings) : dirichletData(settings);
}
