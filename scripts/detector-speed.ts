/**
 * Speed of the detector's attacks in Node on tfjs's cpu backend (the browser numbers come from
 * `npm run bench`): Square queries per second, PGD-K examples per second, and the detector's
 * total time on 200 test points, for an LTD student on blobs (trained here, 5 epochs).
 *
 *   npx tsx scripts/detector-speed.ts [method]
 */
import * as tf from '@tensorflow/tfjs';
import { pgd } from '../src/engine/attacks/pgd';
import { square } from '../src/engine/attacks/square';
import { type Config, DEFAULT_CONFIG, type MethodId } from '../src/shared/config';
import { RunControl } from '../src/engine/control';
import { SplitTensors } from '../src/engine/data/batches';
import type { Dataset } from '../src/engine/data/types';
import { runDetector } from '../src/engine/eval/detector';
import { runExperiment } from '../src/engine/run/experiment';
import { asClassifier, buildModel } from '../src/engine/models';
import { Rng } from '../src/engine/rng';

await tf.setBackend('cpu');
const method = (process.argv[2] ?? 'ltd') as MethodId;
const config: Config = { ...DEFAULT_CONFIG, method, epochs: 5, teacherEpochs: 5, trainSize: 1000, testSize: 200, evalSubset: 50 };
const { student, dataset: trainedOn } = await runExperiment(config, {
  emit: () => {},
  control: new RunControl({ tau: config.tau, lambda: config.lambda }),
});
const layers: tf.LayersModel = student!;
const dataset: Dataset = trainedOn!;
const test = new SplitTensors(dataset.test, dataset.inputShape);
const model = asClassifier(layers);
const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const result = await work();
  return [result, (performance.now() - t0) / 1000];
};

// Warm-up (kernel setup), then measure.
(await square(model, test.x, test.y, { epsilon: 0.05, queries: 20, seed: 1 })).xAdv.dispose();
const [sq, sqSeconds] = await time(() => square(model, test.x, test.y, { epsilon: 0.05, queries: 1000, seed: 1 }));
const queries = sq.queries!.reduce((a, b) => a + b, 0);
sq.xAdv.dispose();
console.log(`Square, 1000-query budget, ${test.n} points: ${queries} queries in ${sqSeconds.toFixed(2)} s = ${(queries / sqSeconds).toFixed(0)} queries/s`);
for (const steps of [10, 20]) {
  const [p, pSeconds] = await time(() => pgd(model, test.x, test.y, { epsilon: 0.05, steps, seed: 1 }));
  p.xAdv.dispose();
  console.log(`PGD-${steps}, 1 restart, ${test.n} points: ${pSeconds.toFixed(2)} s = ${(test.n / pSeconds).toFixed(0)} examples/s`);
}
const [report, dSeconds] = await time(() => runDetector(model, test.x, test.y, { epsilon: 0.05, seed: 1 }));
console.log(
  `Detector (white-box side ${report.whiteBoxName}, AA-lite standard at the main ε, PGD-20 ×3 restarts beside it, Square 1000 queries, noise 20, sweep ×[0.5, 1, 2, 3]) on ${test.n} points: ${dSeconds.toFixed(1)} s, verdict ${report.verdict}`,
);

// Images: an untrained small CNN on 50 random 28×28 grey images (query cost, not success, is the point).
const cnn = buildModel({ ...config, model: 'cnn' }, { ...dataset, inputShape: [28, 28, 1], numClasses: 10 }, new Rng(1));
const images = tf.randomUniform([50, 28, 28, 1], 0, 1, 'float32', 1);
const cnnModel = asClassifier(cnn);
const labels = tf.tidy(() => tf.argMax(cnnModel(images), -1) as tf.Tensor1D);
(await square(cnnModel, images, labels, { epsilon: 0.01, queries: 5, seed: 1 })).xAdv.dispose();
const [img, imgSeconds] = await time(() => square(cnnModel, images, labels, { epsilon: 0.01, queries: 200, seed: 1 }));
const imgQueries = img.queries!.reduce((a, b) => a + b, 0);
console.log(`Square at ε = 0.01 on 28×28×1 images (CNN, convChannels ${config.convChannels}), 200-query budget, 50 points: ${imgQueries} queries in ${imgSeconds.toFixed(2)} s = ${(imgQueries / imgSeconds).toFixed(0)} queries/s`);
const [imgPgd, imgPgdSeconds] = await time(() => pgd(cnnModel, images, labels, { epsilon: 0.01, steps: 10, seed: 1 }));
console.log(`PGD-10 on the same images: ${imgPgdSeconds.toFixed(2)} s = ${(50 / imgPgdSeconds).toFixed(1)} examples/s`);
[img.xAdv, imgPgd.xAdv, images, labels].forEach((t) => t.dispose());
cnn.dispose();
console.log(`tensors left: ${tf.memory().numTensors} (the model's weights and the test split)`);
