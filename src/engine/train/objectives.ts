/**
 * One objective per method (DESIGN.md §1): how to craft x' for a batch, and the loss to
 * minimise. The training loop is the same for all of them.
 *
 * Methods and the combinations that exist (Z student logits, q teacher logits, y one-hot):
 *
 * | method                 | loss                                              | x' crafted by PGD on      |
 * |------------------------|---------------------------------------------------|---------------------------|
 * | natural (teacher at T) | CE(Z(x)/T, y); T = 1, or T_d for distillation     | —                         |
 * | PGD-AT                 | CE(Z(x'), y)                                      | CE(Z(·), y), uniform start|
 * | TRADES                 | CE(Z(x), y) + λ·KL(softmax Z(x) ‖ softmax Z(x'))  | that KL, x + 0.001·N(0,1) |
 * | label smoothing        | TRADES with y ← (1 − s)·y + s/C                   | as TRADES                 |
 * | LTD, TRADES base       | CE(Z(x), softmax_τ q(x)) + λ·KL(…) (paper Eq. 9)  | CE(Z(·), y), original y   |
 * | LTD, PGD-AT base       | CE(Z(x'), softmax_τ q(x))  (λ unused)             | CE(Z(·), y), original y   |
 * | defensive distillation | CE(Z(x)/T_d, softmax_{T_d} q(x)); deployed at T=1 | —                         |
 *
 * TRADES, label smoothing and LTD may swap their way of crafting x′ ("Inner maximisation": CE or
 * KL, `withInnerMax`), so LTD and TRADES can be compared with the same attack in training and
 * only their labels differ.
 *
 * AWP (train/awp.ts) is a gradient rule, not an objective: it can be added to PGD-AT, TRADES
 * and LTD (either base), and takes its ascent direction from the same loss.
 */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../../shared/config';
import {
  distillationLoss,
  klDivergence,
  ltdLoss,
  ltdPgdAtLoss,
  oneHot,
  smoothLabels,
  softCrossEntropy,
  temperedCrossEntropy,
  tradesLoss,
} from '../losses';
import type { Classifier } from '../models';
import { pgdPerturb } from '../attacks/pgd';
import type { Norm } from '../attacks/threat';

export interface BatchContext {
  /** The model in training mode (what gradients flow through). */
  model: Classifier;
  /** The same model in inference mode (what the attack probes, as in TRADES' reference code). */
  attackModel: Classifier;
  x: tf.Tensor;
  /** Class indices, int32. */
  y: tf.Tensor1D;
  numClasses: number;
  /** The teacher's logits q(x) on this batch (a constant: no gradient flows into the teacher). */
  teacherLogits: tf.Tensor2D | null;
  /** τ and λ as they are for this batch (they may change during a run). */
  tau: number;
  lambda: number;
  epsilon: number;
  /** The threat model ε is a radius in (default L∞). */
  norm?: Norm;
  /** Training PGD steps K. */
  pgdSteps: number;
  /** Training PGD step α; undefined means 2.5·ε/K. */
  pgdStepSize?: number;
  /** Seed of the attack's random start for this batch. */
  seed: number;
}

export interface Objective {
  /** Adversarial inputs for the batch (outside the weight-gradient tape), or null. */
  craft(ctx: BatchContext): tf.Tensor | null;
  /** The loss to minimise on the batch, given x' from `craft`. */
  loss(ctx: BatchContext, xAdv: tf.Tensor | null): tf.Scalar;
}

/** PGD on CE(Z(·), y), uniform random start: Madry's attack, also LTD's (with the original y). */
function craftCrossEntropy(ctx: BatchContext): tf.Tensor {
  const targets = oneHot(ctx.y, ctx.numClasses);
  const xAdv = pgdPerturb((input) => softCrossEntropy(ctx.attackModel(input), targets), ctx.x, {
    epsilon: ctx.epsilon,
    norm: ctx.norm,
    steps: ctx.pgdSteps,
    stepSize: ctx.pgdStepSize,
    start: 'uniform',
    seed: ctx.seed,
  });
  targets.dispose();
  return xAdv;
}

/** PGD on KL(softmax(Z(x)) ‖ softmax(Z(·))), start x + 0.001·N(0, 1) (TRADES). */
function craftKl(ctx: BatchContext): tf.Tensor {
  const natural = ctx.attackModel(ctx.x);
  const xAdv = pgdPerturb((input) => klDivergence(natural, ctx.attackModel(input)), ctx.x, {
    epsilon: ctx.epsilon,
    norm: ctx.norm,
    steps: ctx.pgdSteps,
    stepSize: ctx.pgdStepSize,
    start: 'normal-small',
    seed: ctx.seed,
  });
  natural.dispose();
  return xAdv;
}

/** The two inner maximisations, by the config's name for them. */
export const INNER_MAX_CRAFT: Record<Config['innerMax'], Objective['craft']> = { ce: craftCrossEntropy, kl: craftKl };

/** `objective` with x′ crafted by the inner maximisation `innerMax` (the same objective when it already does). */
export function withInnerMax(objective: Objective, innerMax: Config['innerMax']): Objective {
  const craft = INNER_MAX_CRAFT[innerMax];
  return objective.craft === craft ? objective : { ...objective, craft };
}

function requireAdv(xAdv: tf.Tensor | null): tf.Tensor {
  if (!xAdv) throw new Error('this objective needs adversarial inputs');
  return xAdv;
}

function requireTeacher(ctx: BatchContext): tf.Tensor2D {
  if (!ctx.teacherLogits) throw new Error('this objective needs the teacher logits');
  return ctx.teacherLogits;
}

/** Natural training at temperature T: CE(Z(x)/T, y). T = 1 is plain natural training. */
export function naturalObjective(temperature = 1): Objective {
  return {
    craft: () => null,
    loss: (ctx) => tf.tidy(() => temperedCrossEntropy(ctx.model(ctx.x), oneHot(ctx.y, ctx.numClasses), temperature)),
  };
}

export const pgdAtObjective: Objective = {
  craft: craftCrossEntropy,
  loss: (ctx, xAdv) => tf.tidy(() => softCrossEntropy(ctx.model(requireAdv(xAdv)), oneHot(ctx.y, ctx.numClasses))),
};

/** TRADES with targets (1 − s)·y + s/C; s = 0 is TRADES itself. */
export function tradesObjective(smoothing = 0): Objective {
  return {
    craft: craftKl,
    loss: (ctx, xAdv) =>
      tf.tidy(() => {
        const targets = smoothLabels(oneHot(ctx.y, ctx.numClasses), smoothing);
        return tradesLoss(ctx.model(ctx.x), ctx.model(requireAdv(xAdv)), targets, ctx.lambda);
      }),
  };
}

export const ltdObjective: Objective = {
  craft: craftCrossEntropy,
  loss: (ctx, xAdv) =>
    tf.tidy(() => ltdLoss(ctx.model(ctx.x), ctx.model(requireAdv(xAdv)), requireTeacher(ctx), ctx.tau, ctx.lambda)),
};

export const ltdPgdAtObjective: Objective = {
  craft: craftCrossEntropy,
  loss: (ctx, xAdv) => tf.tidy(() => ltdPgdAtLoss(ctx.model(requireAdv(xAdv)), requireTeacher(ctx), ctx.tau)),
};

export function defensiveDistillationObjective(temperature: number): Objective {
  return {
    craft: () => null,
    loss: (ctx) => tf.tidy(() => distillationLoss(ctx.model(ctx.x), requireTeacher(ctx), temperature)),
  };
}

export type ObjectiveSettings = Pick<Config, 'method' | 'ltdBase' | 'smoothing' | 'distillTemperature' | 'innerMax'>;

/** The student's objective for a configured method (with its chosen inner maximisation where it has one). */
export function studentObjective(settings: ObjectiveSettings): Objective {
  switch (settings.method) {
    case 'natural':
      return naturalObjective();
    case 'pgd-at':
      return pgdAtObjective;
    case 'trades':
      return withInnerMax(tradesObjective(), settings.innerMax);
    case 'label-smoothing':
      return withInnerMax(tradesObjective(settings.smoothing), settings.innerMax);
    case 'ltd':
      return withInnerMax(settings.ltdBase === 'pgd-at' ? ltdPgdAtObjective : ltdObjective, settings.innerMax);
    case 'defensive-distillation':
      return defensiveDistillationObjective(settings.distillTemperature);
  }
}

/** Whether a method crafts adversarial examples in training (for cost estimates). */
export function isAdversarial(method: Config['method']): boolean {
  return method !== 'natural' && method !== 'defensive-distillation';
}
