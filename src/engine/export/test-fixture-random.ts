/**
 * For tests only (python-fixtures.test.ts writes it to python/fixtures/engine-random.json): the
 * engine's random streams as golden values — the seeded generator and its forks, tfjs's random ops,
 * the attack chunks' seeds, the evaluation PGD's starts and one epoch of shuffled, augmented batches —
 * for python/test_ltd_torch.py to hold python/ltd_torch.py's ports to, number for number.
 */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../../shared/config';
import { Rng } from '../../shared/rng';
import { chunkSeed, DEFAULT_ATTACK_CHUNK } from '../attacks/chunked';
import { augmentationFor } from '../data/augment';
import { SplitTensors } from '../data/batches';

const SEEDS = [1, 7, 2 ** 31 - 1, 0, 2 ** 32 - 1];
const FORKS = [['data'], ['data', 'train'], ['student-train', 'epoch-1', 'shuffle'], ['eval'], ['chunk-3']];

const draw = (n: number, f: () => number) => Array.from({ length: n }, f);

function rngStreams() {
  return SEEDS.map((seed) => {
    const fresh = () => new Rng(seed);
    const next = fresh();
    const normal = fresh();
    const seeds = fresh();
    return {
      seed,
      next: draw(8, () => next.next()),
      normal: draw(4, () => normal.normal()),
      seeds: draw(4, () => seeds.seed()),
      permutation: Array.from(fresh().permutation(12)),
      forks: FORKS.map((names) => {
        const rng = names.reduce((r, name) => r.fork(name), fresh());
        return { names, next: draw(3, () => rng.next()) };
      }),
    };
  });
}

async function tfOps() {
  const values = (t: tf.Tensor) => t.data().then((d) => { t.dispose(); return Array.from(d); });
  const seeds = [1, 12345, 2147483646];
  return {
    uniform: await Promise.all(seeds.map(async (seed) => ({ seed, count: 7, low: -0.3, high: 0.3, values: await values(tf.randomUniform([7], -0.3, 0.3, 'float32', seed)) }))),
    normal: await Promise.all(seeds.map(async (seed) => ({ seed, count: 9, std: 1, truncated: false, values: await values(tf.randomNormal([9], 0, 1, 'float32', seed)) }))),
    truncated: await Promise.all(seeds.map(async (seed) => ({ seed, count: 9, std: 0.5, truncated: true, values: await values(tf.truncatedNormal([9], 0, 0.5, 'float32', seed)) }))),
  };
}

/** The evaluation PGD's uniform starts on n 2-D points: chunk i draws its own shape with chunkSeed (attacks/chunked.ts). */
async function evaluationStarts(seed: number, n: number, epsilon: number) {
  const evalSeed = new Rng(seed).fork('eval').seed();
  const starts: number[] = [];
  for (let i = 0, start = 0; start < n; i++, start += DEFAULT_ATTACK_CHUNK) {
    const size = Math.min(DEFAULT_ATTACK_CHUNK, n - start);
    const t = tf.randomUniform([size, 2], -epsilon, epsilon, 'float32', chunkSeed(evalSeed, i));
    starts.push(...(await t.data()));
    t.dispose();
  }
  return { seed, n, epsilon, starts };
}

/**
 * One student epoch of image batches as the trainer draws them (train/trainer.ts, data/batches.ts):
 * Rng(seed).fork('student-train').fork('epoch-E'), its 'shuffle' order and augmentation, one attack
 * seed per batch from its 'attack' stream. Labels are the example's index, so each batch names its rows.
 */
async function epochBatches(dataset: Config['dataset'], shape: [number, number, number], n: number, batchSize: number, seed: number, epoch: number) {
  const size = shape[0] * shape[1] * shape[2];
  // Pixels that name their example, row, column and channel; float32 as the engine stores them.
  const images = Float32Array.from({ length: n * size }, (_, k) => (Math.floor(k / size) * 1000 + (k % size) + 1) / 100000);
  const augment = augmentationFor({ dataset, augment: 'on' });
  const split = new SplitTensors({ x: images, y: Int32Array.from({ length: n }, (_, i) => i), n }, shape, augment);
  const epochRng = new Rng(seed).fork('student-train').fork(`epoch-${epoch}`);
  const attackSeeds = epochRng.fork('attack');
  const batches = [];
  for (const batch of split.batches(batchSize, epochRng.fork('shuffle'))) {
    batches.push({ indices: Array.from(await batch.y.data()), attackSeed: attackSeeds.seed(), x: Array.from(await batch.x.data()) });
    tf.dispose([batch.x, batch.y]);
  }
  split.dispose();
  return { config: { dataset, augment: 'on', seed, batchSize }, phase: 'student', epoch, n, shapeHWC: shape, images: Array.from(images), batches };
}

export async function randomFixture() {
  return {
    about: 'Written by src/engine/export/python-fixtures.test.ts from the engine; read by python/test_ltd_torch.py.',
    rng: rngStreams(),
    tf: await tfOps(),
    chunkSeeds: [5, 2 ** 31 - 2].flatMap((seed) => [0, 1, 2, 7].map((index) => ({ seed, index, value: chunkSeed(seed, index) }))),
    evaluationStarts: await evaluationStarts(3, 300, 0.05),
    epochs: [
      await epochBatches('cifar10', [5, 4, 3], 11, 4, 9, 2),
      await epochBatches('fashion-mnist', [4, 4, 1], 6, 4, 21, 1),
    ],
  };
}
