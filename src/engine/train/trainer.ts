/**
 * One training loop for every method: get batch → craft x' → loss and gradients → step.
 * What differs between methods is the objective (objectives.ts) and the gradient rule
 * (plain, or AWP); the learning rate of the epoch comes from the schedule (schedule.ts).
 * Scalars are read back only every few batches (to report progress and catch NaN).
 */
import * as tf from '@tensorflow/tfjs';
import type { LiveParams, RunControl } from '../control';
import type { SplitTensors } from '../data/batches';
import { asClassifier, type Classifier } from '../models';
import type { Rng } from '../../shared/rng';
import { type GradientRule, plainGradients } from './gradients';
import type { LiveWatch } from './live';
import type { Objective } from './objectives';
import { setLearningRate } from './optimizer';
import type { Norm } from '../attacks/threat';

/** The loss became NaN or ±Infinity; the run cannot go on. */
export class NonFiniteLossError extends Error {
  constructor(readonly epoch: number, readonly batch: number) {
    super(`The loss became NaN or infinite in epoch ${epoch} (by batch ${batch}). Try a lower learning rate.`);
    this.name = 'NonFiniteLossError';
  }
}

/** Batches between two readbacks of the running loss. */
export const READBACK_EVERY = 8;

/**
 * Backends that have finished a step when its call returns. There progress is told after every
 * batch (a command line's log shows a long run is alive every few seconds); on a GPU only a
 * readback says the work is done, so progress waits for the readbacks.
 */
const SYNCHRONOUS = new Set(['cpu', 'wasm']);

export interface EpochOptions {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  objective: Objective;
  /** How the step's gradients are taken (plain, or at AWP-perturbed weights); plain by default. */
  gradients?: GradientRule;
  /** The learning rate of this epoch (from the schedule), set before the first step; absent: left as it is. */
  learningRate?: number;
  data: SplitTensors;
  batchSize: number;
  numClasses: number;
  /** The teacher, for methods that learn from its soft labels. */
  teacher: Classifier | null;
  epsilon: number;
  /** The threat model of the training attack (default L∞). */
  norm?: Norm;
  pgdSteps: number;
  /** Training PGD step α; 0 or undefined means 2.5·ε/K. */
  pgdStepSize?: number;
  epoch: number;
  /** Draws the shuffle order and the attack seeds of this epoch. */
  rng: Rng;
  control: RunControl;
  /**
   * τ and λ for the next batch; the control's live settings when absent. A τ sweep passes its
   * fixed τ here rather than writing it into the control.
   */
  params?: () => LiveParams;
  /** Reports τ/λ changes at the batch they take effect (the student's epochs). */
  live?: LiveWatch;
  /** Called after each readback (each batch on cpu and wasm): batches since the last call, batches done, batches in the epoch. */
  onProgress: (newBatches: number, batchesDone: number, batches: number) => void;
}

/** Train one epoch; returns the mean training loss (without the weight-decay term). */
export async function trainEpoch(options: EpochOptions): Promise<number> {
  const { model, optimizer, objective, data, control } = options;
  const gradients = options.gradients ?? plainGradients;
  if (options.learningRate !== undefined) setLearningRate(optimizer, options.learningRate);
  const training = asClassifier(model, true);
  const inference = asClassifier(model, false);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const batches = data.batchCount(options.batchSize);
  const shuffle = options.rng.fork('shuffle');
  const attackSeeds = options.rng.fork('attack');
  let lossSum: tf.Scalar = tf.scalar(0);
  let done = 0;
  let reported = 0;
  const everyBatch = SYNCHRONOUS.has(tf.getBackend());

  try {
    for (const batch of data.batches(options.batchSize, shuffle)) {
      // Everything this batch allocates; freed whether the step succeeds or throws (a stop,
      // or a device error such as WebGPU running out of memory).
      const owned: tf.Tensor[] = [batch.x, batch.y];
      try {
        await control.checkpoint();
        const current = options.params?.() ?? control.live;
        const { tau, lambda } = options.live?.take(current, options.epoch, done + 1, batches) ?? current;
        const teacherLogits = options.teacher ? tf.tidy(() => options.teacher!(batch.x)) : null;
        if (teacherLogits) owned.push(teacherLogits);
        const ctx = {
          model: training,
          attackModel: inference,
          x: batch.x,
          y: batch.y,
          numClasses: options.numClasses,
          teacherLogits,
          tau,
          lambda,
          epsilon: options.epsilon,
          norm: options.norm,
          pgdSteps: options.pgdSteps,
          pgdStepSize: options.pgdStepSize || undefined,
          seed: attackSeeds.seed(),
        };
        const xAdv = objective.craft(ctx);
        if (xAdv) owned.push(xAdv);
        const { dataLoss, grads } = gradients(variables, () => objective.loss(ctx, xAdv));
        owned.push(dataLoss, ...Object.values(grads));
        optimizer.applyGradients(grads);
        const nextSum = tf.add(lossSum, dataLoss) as tf.Scalar;
        lossSum.dispose();
        lossSum = nextSum;
      } finally {
        tf.dispose(owned);
      }
      done++;

      const readback = done % READBACK_EVERY === 0 || done === batches;
      if (readback) {
        const [sum] = await lossSum.data();
        if (!Number.isFinite(sum)) throw new NonFiniteLossError(options.epoch, done);
      }
      if (readback || everyBatch) {
        options.onProgress(done - reported, done, batches);
        reported = done;
      }
    }
  } catch (error) {
    // Stopped, NaN, or a failing step: the running sum is the last tensor this epoch holds.
    lossSum.dispose();
    throw error;
  }
  const [sum] = await lossSum.data();
  lossSum.dispose();
  return sum / batches;
}
