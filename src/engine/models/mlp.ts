/** A small multilayer perceptron for 2-D data. Outputs logits (no softmax layer). */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../shared/rng';

export interface MlpOptions {
  inputShape: number[];
  numClasses: number;
  /** Width of each hidden ReLU layer. */
  hidden: number[];
  rng: Rng;
}

export function buildMlp({ inputShape, numClasses, hidden, rng }: MlpOptions): tf.LayersModel {
  const model = tf.sequential();
  if (inputShape.length > 1) model.add(tf.layers.flatten({ inputShape }));
  hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: rng.seed() }),
        ...(i === 0 && inputShape.length === 1 ? { inputShape } : {}),
      }),
    );
  });
  model.add(tf.layers.dense({ units: numClasses, kernelInitializer: tf.initializers.glorotUniform({ seed: rng.seed() }) }));
  return model;
}
