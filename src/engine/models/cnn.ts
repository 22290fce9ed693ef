/**
 * A small CNN for images (28×28 MNIST-style, also 32×32×3): conv-pool-conv-pool-dense.
 * Outputs logits. Kept small on purpose: in the browser it may run on a CPU-emulated GPU
 * (SwiftShader), and one epoch on 1 000 digits must take seconds on the Node cpu backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../shared/rng';
import '../backends/cpu-kernels';

export interface CnnOptions {
  /** Shape of one image, [height, width, channels]. */
  inputShape: number[];
  numClasses: number;
  /** Filters of the first convolution; the second has twice as many. */
  channels: number;
  /** Width of the dense ReLU layer before the logits. */
  hidden: number;
  rng: Rng;
}

export function buildCnn({ inputShape, numClasses, channels, hidden, rng }: CnnOptions): tf.LayersModel {
  const he = () => tf.initializers.heNormal({ seed: rng.seed() });
  const model = tf.sequential({ name: 'cnn' });
  model.add(tf.layers.conv2d({ inputShape, filters: channels, kernelSize: 3, activation: 'relu', kernelInitializer: he() }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 2 * channels, kernelSize: 3, activation: 'relu', kernelInitializer: he() }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: he() }));
  model.add(tf.layers.dense({ units: numClasses, kernelInitializer: tf.initializers.glorotUniform({ seed: rng.seed() }) }));
  return model;
}
