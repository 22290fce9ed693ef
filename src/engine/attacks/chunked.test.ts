import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Classifier } from '../models';
import { type AttackFn, ChunkSizeError, chunkSeed, inChunks } from './chunked';
import { apgd } from './apgd';
import { fgsm } from './fgsm';
import { noise } from './noise';
import { pgd } from './pgd';
import { square } from './square';
import { expectNoTensorLeaks } from './test-leaks';
import { randomMlp } from './test-models';
import type { AttackResult } from './types';

interface Case {
  name: string;
  attack: AttackFn<{ epsilon: number; seed?: number }>;
  options: { epsilon: number; seed?: number };
}

const CASES: Case[] = [
  { name: 'PGD', attack: (m, x, y, o) => pgd(m, x, y, { ...o, steps: 3, restarts: 2, seed: o.seed! }), options: { epsilon: 0.15, seed: 21 } },
  { name: 'APGD', attack: (m, x, y, o) => apgd(m, x, y, { ...o, steps: 4, restarts: 2, seed: o.seed! }), options: { epsilon: 0.15, seed: 24 } },
  { name: 'FGSM', attack: (m, x, y, o) => fgsm(m, x, y, o), options: { epsilon: 0.15 } },
  { name: 'Square', attack: (m, x, y, o) => square(m, x, y, { ...o, queries: 25, seed: o.seed! }), options: { epsilon: 0.15, seed: 22 } },
  { name: 'Noise', attack: (m, x, y, o) => noise(m, x, y, { ...o, draws: 4, seed: o.seed! }), options: { epsilon: 0.15, seed: 23 } },
];

/** Plain arrays of a result, to compare two results exactly. */
async function plain(result: AttackResult) {
  const xAdv = await result.xAdv.data();
  result.xAdv.dispose();
  return {
    xAdv: Array.from(xAdv),
    cleanCorrect: Array.from(result.cleanCorrect),
    advCorrect: Array.from(result.advCorrect),
    queries: result.queries && Array.from(result.queries),
  };
}

function setup(n: number, seed = 3) {
  const mlp = randomMlp(seed, 2, 10, 3, 4);
  const x = tf.randomUniform([n, 2], 0, 1, 'float32', seed + 1);
  // Labels the model gets right on most points, wrong on some, so both branches are exercised.
  const y = tf.tidy(() => tf.cast(tf.mod(tf.add(tf.argMax(mlp.model(x), -1), tf.cast(tf.less(tf.range(0, n), 2), 'int32')), 3), 'int32')) as tf.Tensor1D;
  const dispose = () => {
    tf.dispose([x, y]);
    mlp.dispose();
  };
  return { model: mlp.model, x, y, dispose };
}

describe('inChunks', () => {
  expectNoTensorLeaks();

  for (const { name, attack, options } of CASES) {
    it(`${name}: the merged result is each chunk run on its own (seed of chunk i = chunkSeed(seed, i)), concatenated`, async () => {
      const { model, x, y, dispose } = setup(11);
      const merged = await plain(await inChunks(attack, model, x, y, options, 4));
      const parts = [];
      for (const [i, start, size] of [[0, 0, 4], [1, 4, 4], [2, 8, 3]]) {
        const xs = x.slice(start, size);
        const ys = y.slice(start, size);
        const seeded = options.seed === undefined ? options : { ...options, seed: chunkSeed(options.seed, i) };
        parts.push(await plain(await attack(model, xs, ys, seeded)));
        tf.dispose([xs, ys]);
      }
      expect(merged.xAdv).toEqual(parts.flatMap((p) => p.xAdv));
      expect(merged.cleanCorrect).toEqual(parts.flatMap((p) => p.cleanCorrect));
      expect(merged.advCorrect).toEqual(parts.flatMap((p) => p.advCorrect));
      expect(merged.queries).toEqual(parts[0].queries && parts.flatMap((p) => p.queries!));
      dispose();
    });

    it(`${name}: a chunk size ≥ n gives exactly the unchunked result`, async () => {
      const { model, x, y, dispose } = setup(9);
      const whole = await plain(await attack(model, x, y, options));
      expect(await plain(await inChunks(attack, model, x, y, options, 9))).toEqual(whole);
      expect(await plain(await inChunks(attack, model, x, y, options, 1000))).toEqual(whole);
      dispose();
    });
  }

  it('chunks draw different random starts from one big batch, but the same ones for the same chunk size', async () => {
    const { model, x, y, dispose } = setup(12);
    const options = { epsilon: 0.15, steps: 1, seed: 5 };
    const whole = await plain(await pgd(model, x, y, options));
    const byFour = await plain(await inChunks(pgd, model, x, y, options, 4));
    expect(await plain(await inChunks(pgd, model, x, y, options, 4))).toEqual(byFour);
    // Chunk 0 shares the caller's seed but not the shape, so already its draws differ.
    expect(byFour.xAdv).not.toEqual(whole.xAdv);
    dispose();
  });

  it('keeps every attack invariant across chunk boundaries: in the ε-ball, in [0, 1], correctness as reported', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: CASES.length - 1 }),
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        async (n, chunkSize, which, epsilon) => {
          const { model, x, y, dispose } = setup(n, 40 + n);
          const { attack, options } = CASES[which];
          const result = await inChunks(attack, model, x, y, { ...options, epsilon }, chunkSize);
          const [gap, lo, hi, correct] = tf.tidy(() => [
            tf.max(tf.abs(tf.sub(result.xAdv, x))),
            tf.min(result.xAdv),
            tf.max(result.xAdv),
            tf.equal(tf.argMax(model(result.xAdv), -1), y),
          ]);
          const [g, l, h, c] = await Promise.all([gap.data(), lo.data(), hi.data(), correct.data()]);
          tf.dispose([gap, lo, hi, correct, result.xAdv]);
          dispose();
          expect(result.xAdv.shape).toEqual([n, 2]);
          expect(g[0]).toBeLessThanOrEqual(epsilon + 1e-6);
          expect(l[0]).toBeGreaterThanOrEqual(0);
          expect(h[0]).toBeLessThanOrEqual(1);
          expect(result.cleanCorrect.length).toBe(n);
          // Robust means correct clean and on the returned input.
          result.advCorrect.forEach((a, i) => expect(a).toBe(result.cleanCorrect[i] && c[i] ? 1 : 0));
        },
      ),
      { numRuns: 25, seed: 17 },
    );
  });

  it('frees the finished chunks when the model fails in a later chunk', async () => {
    const { model, x, y, dispose } = setup(10);
    let calls = 0;
    const failing: Classifier = (input) => {
      // PGD-2 makes 1 + 1 + 2 + 1 calls per chunk: call 12 is the third chunk's clean pass.
      if (++calls === 12) throw new Error('device lost');
      return model(input);
    };
    await expect(inChunks(pgd, failing, x, y, { epsilon: 0.1, steps: 2, seed: 1 }, 4)).rejects.toThrow('device lost');
    expect(calls).toBe(12);
    dispose();
  });

  it('refuses a chunk size that is not a positive integer, naming the file', async () => {
    const { model, x, y, dispose } = setup(4);
    for (const bad of [0, -1, 2.5, NaN]) {
      await expect(inChunks(pgd, model, x, y, { epsilon: 0.1, steps: 1, seed: 1 }, bad)).rejects.toThrow(ChunkSizeError);
    }
    await expect(inChunks(pgd, model, x, y, { epsilon: 0.1, steps: 1, seed: 1 }, 0)).rejects.toThrow('attacks/chunked.ts');
    dispose();
  });
});
