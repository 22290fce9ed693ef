/**
 * One training loop for every method: get batch → craft x' → loss and gradients → step.
 * Scalars are read back only every few batches (to report progress and catch NaN).
 */
import * as tf from '@tensorflow/tfjs';
import type { RunControl } from '../control';
import type { SplitTensors } from '../data/batches';
import { asClassifier, type Classifier } from '../models';
import type { Rng } from '../rng';
import type { Objective } from './objectives';
import { weightDecayPenalty } from './optimizer';

/** The loss became NaN or ±Infinity; the run cannot go on. */
export class NonFiniteLossError extends Error {
  constructor(readonly epoch: number, readonly batch: number) {
    super(`The loss became NaN or infinite in epoch ${epoch} (by batch ${batch}). Try a lower learning rate.`);
    this.name = 'NonFiniteLossError';
  }
}

/** Batches between two readbacks of the running loss. */
export const READBACK_EVERY = 8;

export interface EpochOptions {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  objective: Objective;
  data: SplitTensors;
  batchSize: number;
  numClasses: number;
  /** The teacher, for methods that learn from its soft labels. */
  teacher: Classifier | null;
  epsilon: number;
  pgdSteps: number;
  epoch: number;
  /** Draws the shuffle order and the attack seeds of this epoch. */
  rng: Rng;
  control: RunControl;
  /** Called after each readback: batches since the last call, batches done, batches in the epoch. */
  onProgress: (newBatches: number, batchesDone: number, batches: number) => void;
}

/** Train one epoch; returns the mean training loss (without the weight-decay term). */
export async function trainEpoch(options: EpochOptions): Promise<number> {
  const { model, optimizer, objective, data, control } = options;
  const training = asClassifier(model, true);
  const inference = asClassifier(model, false);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const batches = data.batchCount(options.batchSize);
  const shuffle = options.rng.fork('shuffle');
  const attackSeeds = options.rng.fork('attack');
  let lossSum: tf.Scalar = tf.scalar(0);
  let done = 0;
  let reported = 0;

  for (const batch of data.batches(options.batchSize, shuffle)) {
    await control.checkpoint();
    const { tau, lambda } = control.live;
    const teacherLogits = options.teacher ? tf.tidy(() => options.teacher!(batch.x)) : null;
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
      pgdSteps: options.pgdSteps,
      seed: attackSeeds.seed(),
    };
    const xAdv = objective.craft(ctx);
    let dataLoss!: tf.Scalar;
    optimizer.minimize(() => {
      dataLoss = tf.keep(objective.loss(ctx, xAdv));
      return tf.add(dataLoss, weightDecayPenalty(variables));
    }, false, variables);
    const nextSum = tf.add(lossSum, dataLoss) as tf.Scalar;
    [lossSum, dataLoss, xAdv, teacherLogits, batch.x, batch.y].forEach((t) => t?.dispose());
    lossSum = nextSum;
    done++;

    if (done % READBACK_EVERY === 0 || done === batches) {
      const [sum] = await lossSum.data();
      if (!Number.isFinite(sum)) {
        lossSum.dispose();
        throw new NonFiniteLossError(options.epoch, done);
      }
      options.onProgress(done - reported, done, batches);
      reported = done;
    }
  }
  const [sum] = await lossSum.data();
  lossSum.dispose();
  return sum / batches;
}
