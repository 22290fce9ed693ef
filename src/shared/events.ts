/**
 * The events that flow from the engine to the UI, one union per job: a training run
 * (`RunEvent`), the temperature sweep (`TemperatureSweepEvent`), the λ sweep (`LambdaSweepEvent`)
 * and the detector (`DetectorEvent`); the first three share `JobLifecycleEvent`. Each job's
 * emitter is typed with its own union, so a page slice folds only its job's events. Plain data
 * only: no tensors, nothing that cannot cross a worker boundary by structured clone. (The
 * adversarial gallery reports no progress: its one answer is the promise's value.)
 */
export type Phase = 'teacher' | 'student' | 'evaluating';

/** Which repeat a result comes from: its 1-based index of `repeats`, and the seed it ran with. */
export interface RepeatTag {
  repeat: number;
  repeats: number;
  seed: number;
}


/** Attacks a robust-accuracy figure can come from. APGD-T is APGD on the targeted DLR loss. */
export type AttackName = 'PGD' | 'APGD' | 'APGD-T' | 'AA-lite' | 'FGSM' | 'Square' | 'Noise';

/**
 * What a white-box attack ascends (attacks/attack-losses.ts): cross-entropy; DLR (C ≥ 3) and
 * targeted DLR (C ≥ 4) of Croce & Hein 2020, invariant to the logits' scale; the CW margin
 * max_{i≠y} z_i − z_y, used where DLR is undefined.
 */
export type AttackLoss = 'ce' | 'dlr' | 'dlr-targeted' | 'margin';

/** AA-lite's budgets: AutoAttack's standard version, or a smaller one for small machines. */
export type AaLiteBudget = 'quick' | 'standard';

/** The settings that produced a robust-accuracy figure; shown next to every such number. */
export interface AttackSettings {
  attack: AttackName;
  epsilon: number;
  /** 'l2': ε is an L2 radius (the threat model); absent: L∞ (every figure saved before L2 existed). */
  norm?: 'l2';
  /** Iterations of PGD or APGD (per target for APGD-T; FGSM: 1; black-box attacks: 0). */
  steps: number;
  restarts: number;
  /** Number of test points the figure is measured on. */
  subset: number;
  /** Black-box budget per example: Square's query budget, or the number of noise draws. */
  queries?: number;
  /**
   * The loss PGD or APGD ascended, after any fallback (DLR on 2 classes runs the margin);
   * absent means cross-entropy (figures saved before losses were selectable).
   */
  loss?: AttackLoss;
  /** APGD-T: target classes per point (the top-k other classes of the clean logits). */
  targets?: number;
  /** AA-lite: the budget's name, and its members in the order they ran. */
  budget?: AaLiteBudget;
  members?: AttackSettings[];
  /**
   * 'input': started at x itself, no random start (the detector's unbounded check); absent: the
   * attack's own start (uniform in the ε-ball for PGD, AutoAttack's for APGD).
   */
  start?: 'input';
  /** AA-lite's white-box part only (APGD-CE → APGD-T, no Square): the detector's gradient side. */
  part?: 'white-box';
  /** A transfer attack: crafted on this model ("the teacher at T = 50"), tried on the one the figure is about. */
  transferFrom?: string;
}

/** One member of an ensemble (AA-lite) as it ran: a line of AutoAttack's log. */
export interface AttackStage {
  /** The member's settings; `subset` is the points it attacked (those still standing). */
  settings: AttackSettings;
  /** Points it broke. */
  broken: number;
  /** Robust accuracy on the whole subset after it, percent. */
  robustAccuracy: number;
  seconds: number;
}

/**
 * The discrepancy G = E[KL(y_oracle ‖ ·)] of paper Eq. 7, in nats, measured exactly against the
 * data set's Bayes posterior: of the model, and of the labels it could be trained on.
 */
export interface DiscrepancyFigures {
  /** G of the epoch's model (teacher or student) at temperature 1. */
  model: number;
  /** G of the teacher's soft labels softmax(q/T) at the temperature the student learns from. */
  softLabels?: { temperature: number; value: number };
  /** G of the one-hot labels: +∞ whenever the oracle gives another class any probability. */
  oneHot: number;
  /** G of uniform labels (log C − H(oracle)), the limit of soft labels as τ → ∞. */
  uniform: number;
}

/** Where a figure of the τ sweep was measured: the test set, or the validation split held out from training. */
export type SweepSplit = 'test' | 'validation';

/** One student of the τ sweep measured on the first `subset` points of a split. */
/** McNemar's discordant pairs of two attacks on the same points: broken by the other attack only, by the evaluation attack only. */
export interface Discordant {
  onlyOther: number;
  onlyWhiteBox: number;
}

export interface SweepFigures {
  /** Natural accuracy on the same points as the attacks, percent. */
  natAcc: number;
  /** Robust accuracy under the evaluation attack (`robustAttack` names it: PGD, APGD-CE or AA-lite), percent. */
  robustAcc: number;
  /** Square's robust accuracy, percent; null when the sweep leaves Square out. */
  squareAcc: number | null;
  /** AA-lite's robust accuracy besides the evaluation attack, percent; null unless the sweep measures it. */
  aaLiteAcc: number | null;
  /** Per-point worst case over the attacks run (the evaluation attack, Square and AA-lite when run), percent: what τ is chosen by. */
  worstCaseAcc: number;
  subset: number;
  /** Points of the subset the student classifies correctly (the attacks' denominator of success). */
  cleanCorrect: number;
  robustAttack: AttackSettings;
  square: AttackSettings | null;
  aaLite: AttackSettings | null;
  /** Square and AA-lite against the evaluation attack, point by point (null for an attack not run). */
  versusWhiteBox: { square: Discordant | null; aaLite: Discordant | null };
  /** Mean over the subset of max_c |z_c|: the student's logit scale (a hot teacher's labels flatten it). */
  logitScale: number;
  /** Clean-correct points whose input gradient is exactly zero (a saturated softmax: the detector's check 6). */
  zeroGradients: number;
}

/** What every long job (a run, a sweep) reports of its own course: pause, resume, its end, or its failure. */
export type JobLifecycleEvent =
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'done'; reason: 'completed' | 'stopped'; seconds: number }
  /**
   * `device`: the WebGPU device was lost mid-job (engine/device-loss.ts); `backend` is the one the
   * engine moved to, with why (its name as the engine's BackendName spells it).
   */
  | { type: 'error'; kind: 'nan' | 'config' | 'data' | 'internal' | 'device'; message: string; backend?: { name: string; reason: string } };

/** A training run: teacher and student phases, every epoch's figures, live τ/λ changes. */
export type RunEvent =
  | { type: 'started'; runId: number; teacherCached: boolean; totalEpochs: number }
  | { type: 'phase'; phase: Phase; epochs: number }
  | {
      type: 'progress';
      phase: Phase;
      epoch: number;
      batch: number;
      batches: number;
      /** Fraction of the whole run done, 0–1. */
      fraction: number;
      /** Seconds left, estimated from the time spent so far; null until there is enough to go on. */
      etaSeconds: number | null;
    }
  | {
      type: 'epoch';
      phase: 'teacher' | 'student';
      epoch: number;
      /** Natural accuracy on the test split, percent. */
      natAcc: number;
      /**
       * Robust accuracy on the evaluation subset under the evaluation attack, percent; null for the
       * teacher. Named for PGD, the default and once the only choice (saved runs keep the name);
       * `robustAttack` says which attack it was.
       */
      robustAcc: number | null;
      robustAttack: AttackSettings | null;
      loss: number;
      lr: number;
      tau: number;
      lambda: number;
      seconds: number;
      /** Predicted class on a grid over [0,1]² (row-major, y up), for 2-D data sets. */
      grid?: { size: number; classes: Uint8Array };
      /** Paper Eq. 7 on the test split, for data sets with an exact oracle posterior (blobs). */
      discrepancy?: DiscrepancyFigures;
    }
  | {
      /**
       * After the last student epoch of a completed run: AA-lite's quick budget on the same
       * evaluation subset, at the run's ε, so the accuracy chart shows how far its evaluation
       * attack's figure is from the strongest one. `attack` names the budget, ε, steps, queries and subset.
       */
      type: 'final-aa-lite';
      epoch: number;
      /** Robust accuracy under AA-lite (quick) on the subset, percent. */
      robustAcc: number;
      attack: AttackSettings;
      seconds: number;
    }
  | {
      /** τ or λ changed during the run; the new values apply from this batch on. */
      type: 'live';
      epoch: number;
      /** 1-based batch of `epoch` that first used the new values. */
      batch: number;
      batches: number;
      tau: number;
      lambda: number;
      changed: ('tau' | 'lambda')[];
    }
  | JobLifecycleEvent;

/** How far a sweep is: which of its runs trains, in which repeat, and the whole sweep's fraction and ETA. */
export interface SweepCourse {
  /** 1-based position of the run under way in its stage (or repeat), and how many it runs. */
  index: number;
  count: number;
  /** 1-based repeat under way (its seed is the config's + repeat − 1), and how many the sweep runs. */
  repeat: number;
  repeats: number;
  /** Fraction of the whole sweep done, 0–1 (an estimate: stages are weighed by their cost). */
  fraction: number;
  etaSeconds: number | null;
}

/** The temperature sweep (and the two-step search): its progress, substitutes, τ_max, points and chosen τ. */
export type TemperatureSweepEvent =
  | ({
      /** Temperature sweep: how far the whole sweep is, and which τ of which stage is training (`index` of this stage's τ). */
      type: 'sweep-progress';
      stage: 'substitute' | 'student' | 'aa-lite' | 'square' | 'test';
      tau: number;
    } & SweepCourse)
  | {
      /** Paper §4.2 step 1: a natural substitute trained on the teacher's soft labels at τ. */
      type: 'sweep-substitute';
      tau: number;
      /** Natural accuracy on `points` points of `split` (the validation split: this is a choice), percent. */
      natAcc: number;
      points: number;
      split: SweepSplit;
    }
  | {
      /** τ_max found from the substitutes; the robust sweep runs `taus` (those < τ_max). */
      type: 'sweep-tau-max';
      tauMax: number | null;
      /** The τ = 1 substitute's natural accuracy and the threshold below it, percent. */
      baseline: number;
      threshold: number;
      taus: number[];
    }
  | ({
      /** One τ of the temperature sweep: its LTD student measured on the first points of `split`. */
      type: 'sweep-point';
      tau: number;
      /** A plain sweep measures on the test set; the two-step search on the validation split. */
      split: SweepSplit;
      /** A τ of the listed grid, or the one the search added between the two best. */
      stage: 'grid' | 'refine';
      lambda: number;
      epochs: number;
    } & RepeatTag & SweepFigures)
  | {
      /**
       * The two-step search's result: the τ with the best validation robust accuracy, and its
       * student on the test set — the only figures of the search measured there.
       */
      type: 'sweep-chosen';
      tau: number;
      validation: SweepFigures;
      test: SweepFigures;
      /** Training points the students learned from, and validation points held out of them. */
      trainPoints: number;
      validationPoints: number;
    }
  | JobLifecycleEvent;

/** The λ sweep (paper Tables 5–6): its progress and one point per student. */
export type LambdaSweepEvent =
  | ({
      /** λ sweep: how far the whole sweep is, and which run trains (an LTD student at λ, or the TRADES reference; `index` of the runs in a repeat). */
      type: 'lambda-progress';
      method: 'ltd' | 'trades';
      lambda: number;
    } & SweepCourse)
  | ({
      /**
       * λ sweep (paper Tables 5–6): one student measured on the test subset — an LTD student at
       * (τ, λ), or the TRADES reference row at the config's λ.
       */
      type: 'lambda-point';
      method: 'ltd' | 'trades';
      lambda: number;
      /** τ of the LTD student's soft labels; null for TRADES (one-hot labels). */
      tau: number | null;
      epochs: number;
    } & RepeatTag & SweepFigures)
  | JobLifecycleEvent;

/**
 * The detector's course: which stage runs and how far the whole detector is. It ends by its
 * promise (the report, or a rejection), so it has no lifecycle events of its own.
 */
export type DetectorEvent = {
  type: 'detector-progress';
  /** What runs now, in words ("Square attack", "ε sweep", …). */
  stage: string;
  /** Fraction of the whole detector done, 0–1. */
  fraction: number;
};

/** Any job's event: for hosts that log every job alike (the CLI, the bench). */
export type EngineEvent = RunEvent | TemperatureSweepEvent | LambdaSweepEvent;

/** A job's emitter, typed with that job's union (`Emit<RunEvent>`). */
export type Emit<E> = (event: E) => void;

/** One member of a union (any job's by default), by its `type`. */
export type EventOf<T extends EngineEvent['type'], U extends EngineEvent = EngineEvent> = Extract<U, { type: T }>;
