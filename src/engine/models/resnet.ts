/**
 * A small ResNet for CIFAR-10 in the style of He et al. (2016, §4.2): a 3×3 stem, three stages
 * of `blocks` basic blocks with `width`, 2·`width`, 4·`width` filters (stride 2 between stages),
 * global average pooling and a dense layer: depth 6·blocks + 2 (1 → ResNet-8, 3 → ResNet-20).
 * Shortcuts that change shape use a 1×1 convolution with batch norm (option B). Outputs logits.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../shared/rng';
import '../backends/cpu-kernels';

export interface ResnetOptions {
  /** Shape of one image, [height, width, channels]. */
  inputShape: number[];
  numClasses: number;
  /** Filters of the first stage (16 in the paper's ResNet-20). */
  width: number;
  /** Basic blocks per stage, n. */
  blocks: number;
  rng: Rng;
}

/**
 * tfjs's default momentum 0.99 keeps the moving statistics near their initial values for the
 * first few hundred batches; our runs are often that short, so inference would see stale
 * statistics. 0.9 (PyTorch's equivalent of its 0.1) tracks them within tens of batches.
 */
const BN_MOMENTUM = 0.9;

export function buildResnet({ inputShape, numClasses, width, blocks, rng }: ResnetOptions): tf.LayersModel {
  const he = () => tf.initializers.heNormal({ seed: rng.seed() });
  let n = 0;
  const name = (kind: string) => `${kind}_${++n}`;
  const conv = (filters: number, kernelSize: number, strides: number) =>
    tf.layers.conv2d({ filters, kernelSize, strides, padding: 'same', useBias: false, kernelInitializer: he(), name: name('conv') });
  const bn = () => tf.layers.batchNormalization({ momentum: BN_MOMENTUM, name: name('bn') });
  const relu = () => tf.layers.reLU({ name: name('relu') });

  const block = (x: tf.SymbolicTensor, filters: number, strides: number): tf.SymbolicTensor => {
    let y = relu().apply(bn().apply(conv(filters, 3, strides).apply(x))) as tf.SymbolicTensor;
    y = bn().apply(conv(filters, 3, 1).apply(y)) as tf.SymbolicTensor;
    const inChannels = x.shape[x.shape.length - 1];
    const shortcut = strides !== 1 || inChannels !== filters ? (bn().apply(conv(filters, 1, strides).apply(x)) as tf.SymbolicTensor) : x;
    return relu().apply(tf.layers.add({ name: name('add') }).apply([y, shortcut]) as tf.SymbolicTensor) as tf.SymbolicTensor;
  };

  const input = tf.input({ shape: inputShape, name: 'image' });
  let x = relu().apply(bn().apply(conv(width, 3, 1).apply(input))) as tf.SymbolicTensor;
  for (let stage = 0; stage < 3; stage++) {
    for (let b = 0; b < blocks; b++) x = block(x, width * 2 ** stage, stage > 0 && b === 0 ? 2 : 1);
  }
  const pooled = tf.layers.globalAveragePooling2d({ name: 'pool' }).apply(x) as tf.SymbolicTensor;
  const logits = tf.layers
    .dense({ units: numClasses, kernelInitializer: tf.initializers.glorotUniform({ seed: rng.seed() }), name: 'logits' })
    .apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits, name: `resnet${6 * blocks + 2}` });
}
