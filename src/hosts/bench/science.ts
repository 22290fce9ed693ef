/**
 * Bench figures the issues ask for beyond training steps: attack throughput and the
 * detector's total time on a trained model, the MNIST CNN step at batch 128, and decoding
 * Fashion-MNIST. Everything runs the engine's own code on the backend in use.
 */
import * as tf from '@tensorflow/tfjs';
import { pgd } from '../../engine/attacks/pgd';
import { square } from '../../engine/attacks/square';
import { DEFAULT_CONFIG, type Config } from '../../shared/config';
import { RunControl } from '../../engine/control';
import { loadDataset } from '../../engine/data';
import { SplitTensors } from '../../engine/data/batches';
import type { DataFileSource } from '../../engine/data/files';
import { loadImageFiles } from '../../engine/data/load-files';
import { runDetector } from '../../engine/eval/detector';
import { asClassifier, buildModel } from '../../engine/models';
import { Rng } from '../../shared/rng';
import { naturalObjective } from '../../engine/train/objectives';
import { makeOptimizer } from '../../engine/train/optimizer';
import { trainEpoch } from '../../engine/train/trainer';

export interface BenchRow {
  name: string;
  /** Milliseconds per unit (per training step, per example…). */
  ms: number;
  unit: string;
  /** Throughput in the row's own terms (examples/s, queries/s), where that reads better than ms. */
  rate?: number;
  /** A ratio to the row named in `relativeTo`. */
  ratio?: number;
  relativeTo?: string;
  /** The ratio of each measurement round, where `ratio` is their median. */
  rounds?: number[];
}

const now = () => performance.now();

/** A natural MLP trained a few epochs on the default blobs, so attacks meet a real boundary. */
async function trainedBlobsModel(config: Config) {
  const dataset = await loadDataset(config);
  const train = new SplitTensors(dataset.train, dataset.inputShape);
  const model = buildModel(config, dataset, new Rng(config.seed));
  const optimizer = makeOptimizer(config);
  const control = new RunControl({ tau: config.tau, lambda: config.lambda });
  for (let epoch = 1; epoch <= 5; epoch++) {
    await trainEpoch({
      model, optimizer, objective: naturalObjective(), data: train, batchSize: config.batchSize, numClasses: dataset.numClasses,
      teacher: null, epsilon: config.epsilon, pgdSteps: 0, epoch, rng: new Rng(epoch), control, onProgress: () => {},
    });
  }
  optimizer.dispose();
  train.dispose();
  return { model, test: new SplitTensors(dataset.test, dataset.inputShape) };
}

/** PGD-K examples/s, Square queries/s and the whole detector on `subset` test points. */
export async function attackRows(log: (line: string) => void, subset = 200): Promise<BenchRow[]> {
  const config = { ...DEFAULT_CONFIG };
  const { model, test } = await trainedBlobsModel(config);
  const classifier = asClassifier(model);
  const { x, y, size } = test.head(subset);
  const rows: BenchRow[] = [];

  log(`PGD-${config.evalPgdSteps} on ${size} points…`);
  const pgdOptions = { epsilon: config.epsilon, steps: config.evalPgdSteps, seed: 1 };
  (await pgd(classifier, x, y, pgdOptions)).xAdv.dispose(); // warm-up
  let t0 = now();
  (await pgd(classifier, x, y, pgdOptions)).xAdv.dispose();
  rows.push({ name: `PGD-${config.evalPgdSteps}, ${size} points (examples/s)`, ms: (now() - t0) / size, unit: 'example', rate: (1000 * size) / (now() - t0) });

  log(`Square (1000 queries) on ${size} points…`);
  t0 = now();
  const result = await square(classifier, x, y, { epsilon: 0.1, queries: 1000, seed: 1 });
  const seconds = (now() - t0) / 1000;
  result.xAdv.dispose();
  const queries = result.queries!.reduce((a, b) => a + b, 0);
  rows.push({ name: `Square, ε=0.1, ${size} points (queries/s)`, ms: (1000 * seconds) / queries, unit: 'query', rate: queries / seconds });

  log(`detector (defaults) on ${size} points…`);
  t0 = now();
  await runDetector(classifier, x, y, { epsilon: config.epsilon, seed: 1 });
  rows.push({ name: `detector, defaults, ${size} points (total)`, ms: now() - t0, unit: 'run' });

  tf.dispose([x, y]);
  test.dispose();
  model.dispose();
  return rows;
}

/** The MNIST CNN's natural training step at batch 128 (needs the embedded MNIST). */
export async function mnistCnnStepRow(log: (line: string) => void): Promise<BenchRow> {
  log('MNIST CNN step, batch 128…');
  const config: Config = { ...DEFAULT_CONFIG, dataset: 'mnist', model: 'cnn', batchSize: 128, trainSize: 1280, epsilon: 0.3 };
  const dataset = await loadDataset(config);
  const train = new SplitTensors(dataset.train, dataset.inputShape);
  const model = buildModel(config, dataset, new Rng(1));
  const optimizer = makeOptimizer(config);
  const control = new RunControl({ tau: config.tau, lambda: config.lambda });
  const epoch = (i: number) =>
    trainEpoch({
      model, optimizer, objective: naturalObjective(), data: train, batchSize: 128, numClasses: 10, teacher: null,
      epsilon: config.epsilon, pgdSteps: 0, epoch: i, rng: new Rng(i), control, onProgress: () => {},
    });
  await epoch(0);
  const t0 = now();
  await epoch(1);
  const ms = (now() - t0) / train.batchCount(128);
  model.dispose();
  optimizer.dispose();
  train.dispose();
  return { name: 'MNIST CNN natural step, batch 128', ms, unit: 'step' };
}

/** Decode the four Fashion-MNIST files (gunzip + IDX parse), as the worker does for picked files. */
export async function fashionDecodeRow(files: DataFileSource[], log: (line: string) => void): Promise<BenchRow> {
  log('Fashion-MNIST decode…');
  const t0 = now();
  const set = await loadImageFiles('fashion-mnist', files);
  return { name: `Fashion-MNIST decode (${set.train.n} + ${set.test.n} images)`, ms: now() - t0, unit: 'load' };
}
