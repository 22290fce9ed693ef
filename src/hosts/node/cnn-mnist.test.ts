import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SplitTensors } from '../../engine/data/batches';
import { imageDataset } from '../../engine/data/image-set';
import { parseMnistPack } from '../../engine/data/mnist';
import { accuracy } from '../../engine/eval/accuracy';
import { asClassifier } from '../../engine/models';
import { buildCnn } from '../../engine/models/cnn';
import { Rng } from '../../shared/rng';
import { packMnist } from './mnist-pack.mjs';
import '../../engine/backends/wasm-kernels';

// On wasm, the command line's backend: the epoch took 15 s on cpu and 3 s on wasm in the unit suite.
describe('the small CNN on the real digits the Node host packs, on wasm', () => {
  beforeAll(async () => void (await tf.setBackend('wasm')));
  afterAll(async () => void (await tf.setBackend('cpu')));

  it('learns 1 000 real MNIST digits to over 80 % test accuracy in one epoch', async () => {
    const set = imageDataset(await parseMnistPack('mnist-digits.bin', packMnist()), 1000, 1000);
    const train = new SplitTensors(set.train, set.inputShape);
    const test = new SplitTensors(set.test, set.inputShape);
    const model = buildCnn({ inputShape: set.inputShape, numClasses: 10, channels: 8, hidden: 64, rng: new Rng(1) });
    const optimizer = tf.train.adam(2e-3);
    const before = tf.memory().numTensors;
    const t0 = performance.now();
    for (const batch of train.batches(16, new Rng(2))) {
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(tf.oneHot(batch.y, 10), asClassifier(model, true)(batch.x)) as tf.Scalar);
      batch.x.dispose();
      batch.y.dispose();
    }
    const seconds = (performance.now() - t0) / 1000;
    const acc = await accuracy(asClassifier(model), test.x, test.y);
    console.log(`CNN, 1 epoch on 1 000 MNIST digits (batch 16, Adam 2e-3, ${tf.getBackend()} backend): ${seconds.toFixed(1)} s, test accuracy ${acc.toFixed(1)} % on 1 000`);
    expect(acc).toBeGreaterThan(80);
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(model.trainableWeights.length * 2 + 2); // Adam's slots only
    [train, test].forEach((s) => s.dispose());
    optimizer.dispose();
    model.dispose();
  });
});
