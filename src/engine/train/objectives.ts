/**
 * One objective per method (DESIGN.md §1): how to craft x' for a batch, and the loss to
 * minimise. The training loop is the same for all of them.
 */
import * as tf from '@tensorflow/tfjs';
import type { MethodId } from '../config';
import { klDivergence, ltdLoss, oneHot, softCrossEntropy, tradesLoss } from '../losses';
import type { Classifier } from '../models';
import { pgdPerturb } from '../attacks/pgd';

export interface BatchContext {
  /** The model in training mode (what gradients flow through). */
  model: Classifier;
  /** The same model in inference mode (what the attack probes, as in TRADES' reference code). */
  attackModel: Classifier;
  x: tf.Tensor;
  /** Class indices, int32. */
  y: tf.Tensor1D;
  numClasses: number;
  /** The teacher's logits q(x) on this batch, when the method has a teacher. */
  teacherLogits: tf.Tensor2D | null;
  tau: number;
  lambda: number;
  epsilon: number;
  pgdSteps: number;
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
    steps: ctx.pgdSteps,
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
    steps: ctx.pgdSteps,
    start: 'normal-small',
    seed: ctx.seed,
  });
  natural.dispose();
  return xAdv;
}

function requireAdv(xAdv: tf.Tensor | null): tf.Tensor {
  if (!xAdv) throw new Error('this objective needs adversarial inputs');
  return xAdv;
}

export const OBJECTIVES: Record<MethodId, Objective> = {
  natural: {
    craft: () => null,
    loss: (ctx) => tf.tidy(() => softCrossEntropy(ctx.model(ctx.x), oneHot(ctx.y, ctx.numClasses))),
  },
  'pgd-at': {
    craft: craftCrossEntropy,
    loss: (ctx, xAdv) => tf.tidy(() => softCrossEntropy(ctx.model(requireAdv(xAdv)), oneHot(ctx.y, ctx.numClasses))),
  },
  trades: {
    craft: craftKl,
    loss: (ctx, xAdv) =>
      tf.tidy(() => tradesLoss(ctx.model(ctx.x), ctx.model(requireAdv(xAdv)), oneHot(ctx.y, ctx.numClasses), ctx.lambda)),
  },
  ltd: {
    craft: craftCrossEntropy,
    loss: (ctx, xAdv) => {
      if (!ctx.teacherLogits) throw new Error('LTD needs the teacher logits');
      const q = ctx.teacherLogits;
      return tf.tidy(() => ltdLoss(ctx.model(ctx.x), ctx.model(requireAdv(xAdv)), q, ctx.tau, ctx.lambda));
    },
  },
};
