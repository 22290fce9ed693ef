/**
 * Node timings for the data and model figures of issue 5 (the worker runs the same code):
 *   npx tsx scripts/data-speed.ts
 * 1. decode Fashion-MNIST train (60 000 images: read, gunzip, parse) from /usr/share/datasets/fashion-mnist;
 * 2. one training step of the default MNIST CNN at batch 128 on the cpu backend.
 */
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { packMnist } from './pack-mnist.mjs';
import { readSource } from '../src/engine/data/files';
import { maybeGunzip } from '../src/engine/data/gzip';
import { parseIdx } from '../src/engine/data/idx';
import { DEBIAN_FASHION_MNIST_DIR, folderSources } from '../src/engine/data/local-folder';
import { imageDataset } from '../src/engine/data/image-set';
import { loadImageFiles } from '../src/engine/data/load-files';
import { parseMnistPack } from '../src/engine/data/mnist';
import { buildCnn } from '../src/engine/models/cnn';
import { Rng } from '../src/engine/rng';

await tf.setBackend('cpu');

if (existsSync(DEBIAN_FASHION_MNIST_DIR)) {
  const all = await folderSources(DEBIAN_FASHION_MNIST_DIR);
  const train = all.filter((s) => s.name.startsWith('train'));
  const trainTimes: number[] = [];
  const allTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    let t0 = performance.now();
    for (const source of train) {
      const file = await maybeGunzip(await readSource(source));
      parseIdx(file.name, file.bytes, source.name.includes('images') ? 3 : 1);
    }
    trainTimes.push((performance.now() - t0) / 1000);
    t0 = performance.now();
    await loadImageFiles('fashion-mnist', all);
    allTimes.push((performance.now() - t0) / 1000);
  }
  const fmt = (t: number[]) => t.map((v) => v.toFixed(2)).join(', ');
  console.log(`Fashion-MNIST train (60 000 images + labels: read, gunzip, parse): ${fmt(trainTimes)} s`);
  console.log(`Fashion-MNIST whole set (70 000, via loadImageFiles): ${fmt(allTimes)} s`);
} else {
  console.log(`skipped Fashion-MNIST: ${DEBIAN_FASHION_MNIST_DIR} does not exist`);
}

const set = imageDataset(await parseMnistPack('mnist-digits.bin', packMnist()), 128, 16);
const model = buildCnn({ inputShape: [28, 28, 1], numClasses: 10, channels: 8, hidden: 64, rng: new Rng(1) });
const x = tf.tensor4d(set.train.x, [128, 28, 28, 1]);
const y = tf.oneHot(tf.tensor1d(set.train.y, 'int32'), 10);
const optimizer = tf.train.adam(1e-3);
const step = () => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);
step(); // warm-up
const steps: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  step();
  steps.push(performance.now() - t0);
}
steps.sort((a, b) => a - b);
console.log(`MNIST CNN (conv 8-16, dense 64) training step, batch 128, cpu backend: median ${steps[2].toFixed(0)} ms (min ${steps[0].toFixed(0)}, max ${steps[4].toFixed(0)})`);
