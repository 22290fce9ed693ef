import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apgd, apgdRun, type LossAt, shouldReduce } from './apgd';
import { apgdCheckpoints } from './apgd-schedule';
import { type AttackLoss, AttackLossError, attackLoss, crossEntropyLoss } from './attack-losses';
import { pgd } from './pgd';
import { square } from './square';
import { expectNoTensorLeaks } from './test-leaks';
import { randomLinear, randomMlp } from './test-models';
import { attackSummary } from './types';

function setup(modelSeed: number, dataSeed: number, classes: number, n = 16) {
  const mlp = randomMlp(modelSeed, 2, 12, classes, 4);
  const x = tf.randomUniform([n, 2], 0, 1, 'float32', dataSeed);
  const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
  return { mlp, x, y, dispose: () => (tf.dispose([x, y]), mlp.dispose()) };
}

async function read(t: tf.Tensor): Promise<number[]> {
  const v = Array.from(await t.data());
  t.dispose();
  return v;
}

/**
 * The APGD rule for one example of the concave loss −‖x − c‖², in float64 with plain loops,
 * written from the reference's `attack_single_run`: the path of (x_k, η_k) after each iteration,
 * up to the first step whose loss ties the previous or the best one.
 */
function referencePath(start: number[], origin: number[], c: number[], epsilon: number, steps: number) {
  const project = (v: number[]) => v.map((vi, j) => Math.min(Math.max(vi, origin[j] - epsilon, 0), origin[j] + epsilon, 1));
  const loss = (v: number[]) => -v.reduce((a, vi, j) => a + (vi - c[j]) ** 2, 0);
  const grad = (v: number[]) => v.map((vi, j) => -2 * (vi - c[j]));
  const checkpoints = apgdCheckpoints(steps);
  let [x, xOld, g, eta] = [start, start, grad(start), 2 * epsilon];
  let [best, xBest, gBest, prev] = [loss(start), start, g, loss(start)];
  let [rises, lastBest, reducedLast, lastCheck] = [0, best, true, 0];
  const path: { x: number[]; eta: number }[] = [];
  for (let i = 0; i < steps; i++) {
    const a = i === 0 ? 1 : 0.75;
    const z = project(x.map((v, j) => v + eta * Math.sign(g[j])));
    const next = project(x.map((v, j) => v + a * (z[j] - v) + (1 - a) * (v - xOld[j])));
    [xOld, x, g] = [x, next, grad(next)];
    const l = loss(x);
    // Beyond a comparison float32 cannot decide the same way (an exact tie here) the paths may part.
    if (Math.abs(l - prev) < 1e-9 || Math.abs(l - best) < 1e-9) break;
    if (l > prev) rises++;
    prev = l;
    if (l > best) [best, xBest, gBest] = [l, x, g];
    if (checkpoints.includes(i + 1)) {
      const window = i + 1 - lastCheck;
      const reduce = rises <= 0.75 * window || (!reducedLast && lastBest >= best);
      if (reduce) [eta, x, g] = [eta / 2, xBest, gBest];
      [reducedLast, lastBest, rises, lastCheck] = [reduce, best, 0, i + 1];
    }
    path.push({ x, eta });
  }
  return path;
}

describe('apgd', () => {
  expectNoTensorLeaks();

  it('never lowers its best loss, per example and iteration, and its best loss is the loss at its best point', async () => {
    const losses: AttackLoss[] = ['ce', 'dlr', 'margin'];
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          modelSeed: fc.integer({ min: 1, max: 1e6 }),
          dataSeed: fc.integer({ min: 1, max: 1e6 }),
          classes: fc.integer({ min: 3, max: 5 }),
          loss: fc.constantFrom(...losses),
          steps: fc.integer({ min: 5, max: 20 }),
          epsilon: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
        }),
        async ({ modelSeed, dataSeed, classes, loss, steps, epsilon }) => {
          const { mlp, x, y, dispose } = setup(modelSeed, dataSeed, classes);
          const lossAt: LossAt = (input) => {
            const logits = mlp.model(input);
            return { logits, loss: attackLoss(loss, logits, y) };
          };
          const trace: tf.Tensor[] = [];
          const run = apgdRun(lossAt, x, y, { epsilon, steps, seed: dataSeed, onStep: (_, s) => trace.push(s.lossBest.clone()) });
          const best = await Promise.all(trace.map(read));
          expect(best.length).toBe(steps + 1); // the start, then every iteration
          best.slice(1).forEach((row, k) => row.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(best[k][i])));
          const atBest = await read(tf.tidy(() => lossAt(run.xBest).loss));
          const reported = await read(run.lossBest);
          atBest.forEach((v, i) => expect(v).toBeCloseTo(reported[i], 4));
          tf.dispose([run.xBest, run.xBestAdv, run.fooled]);
          dispose();
        },
      ),
      { numRuns: 10, seed: 5 },
    );
  });

  it('starts at x itself when asked (the unbounded check), at a random point of the ε-ball by default', async () => {
    const x = tf.tensor2d([[0.2, 0.7], [0.5, 0.5]]);
    const y = tf.tensor1d([0, 1], 'int32');
    const lossAt: LossAt = (input) => {
      const logits = tf.concat([input, tf.zeros([input.shape[0], 1])], 1) as tf.Tensor2D;
      return { logits, loss: crossEntropyLoss(logits, y) };
    };
    const first = async (start: 'input' | 'random') => {
      let at: tf.Tensor | null = null;
      const run = apgdRun(lossAt, x, y, { epsilon: 1, steps: 2, seed: 3, start, onStep: (done, s) => void (done === 0 && (at = s.xAdv.clone())) });
      tf.dispose([run.xBest, run.lossBest, run.xBestAdv, run.fooled]);
      return read(at!);
    };
    expect(await first('input')).toEqual(Array.from(await x.data()));
    expect(await first('random')).not.toEqual(Array.from(await x.data()));
    tf.dispose([x, y]);
  });

  it('halves the step size at every checkpoint while the loss never rises (a flat loss), from 2ε', async () => {
    const epsilon = 0.1;
    const steps = 20;
    const x = tf.tensor2d([[0.2, 0.7], [0.5, 0.5]]);
    const y = tf.tensor1d([0, 1], 'int32');
    const flat: LossAt = (input) => {
      const logits = tf.mul(tf.zerosLike(input), 0) as tf.Tensor2D; // constant logits: the loss never changes
      return { logits, loss: crossEntropyLoss(logits, y) };
    };
    const trace: tf.Tensor[] = [];
    const run = apgdRun(flat, x, y, { epsilon, steps, seed: 1, onStep: (done, s) => done > 0 && trace.push(s.eta.clone()) });
    const etas = await Promise.all(trace.map(read));
    const checkpoints = apgdCheckpoints(steps); // 4, 7, 9, 10, …, 20
    etas.forEach(([eta], i) => {
      const halvings = checkpoints.filter((c) => c <= i + 1).length;
      expect(eta).toBeCloseTo((2 * epsilon) / 2 ** halvings, 7);
    });
    tf.dispose([run.xBest, run.lossBest, run.xBestAdv, run.fooled, x, y]);
  });

  it('follows the reference update rule step by step (momentum, checkpoints, restart from the best point) on a concave loss', async () => {
    // loss(x) = −‖x − c‖²: the iterates overshoot c and oscillate, so η is halved and the run
    // goes back to its best point. The expected path is the rule simulated in float64 below.
    const epsilon = 0.1;
    const steps = 25;
    const x0 = [[0.5, 0.3], [0.2, 0.8], [0.62, 0.45]];
    const c = [[0.5371, 0.2468], [0.1412, 0.8733], [0.6, 0.4]];
    const x = tf.tensor2d(x0);
    const center = tf.tensor2d(c);
    const y = tf.tensor1d([0, 0, 0], 'int32');
    const concave: LossAt = (input) => ({
      logits: tf.zeros([input.shape[0], 2]) as tf.Tensor2D,
      loss: tf.neg(tf.sum(tf.square(tf.sub(input, center)), -1)) as tf.Tensor1D,
    });
    const trace: { x: tf.Tensor; eta: tf.Tensor }[] = [];
    const run = apgdRun(concave, x, y, { epsilon, steps, seed: 4, onStep: (_, s) => trace.push({ x: s.xAdv.clone(), eta: s.eta.clone() }) });
    const path = await Promise.all(trace.map(async (t) => ({ x: await read(t.x), eta: await read(t.eta) })));
    x0.forEach((origin, i) => {
      const expected = referencePath([path[0].x[2 * i], path[0].x[2 * i + 1]], origin, c[i], epsilon, steps);
      expect(expected.length).toBeGreaterThanOrEqual(20); // past several checkpoints, halvings and returns to the best point
      expected.forEach((e, k) => {
        expect(path[k + 1].eta[i]).toBeCloseTo(e.eta, 6);
        e.x.forEach((v, j) => expect(path[k + 1].x[2 * i + j]).toBeCloseTo(v, 5));
      });
    });
    tf.dispose([run.xBest, run.lossBest, run.xBestAdv, run.fooled, x, center, y]);
  });

  it('halves where at most ρ of the window’s steps raised the loss, or where it did not halve last time and the best loss stalled', async () => {
    // Window 22, ρ = 0.75: 16.5 rises is the line. Rows: 17 rises; 16 rises; 17 rises but stalled
    // after a checkpoint without halving; 17 rises, stalled, but halved last time.
    const state = {
      rises: tf.tensor1d([17, 16, 17, 17]),
      reducedLastCheck: tf.tensor1d([false, false, false, true], 'bool'),
      lossBestLastCheck: tf.tensor1d([1, 1, 2, 2]),
      lossBest: tf.tensor1d([2, 2, 2, 2]),
    };
    expect(await read(shouldReduce(state, 22, 0.75))).toEqual([0, 1, 1, 0]);
    tf.dispose(Object.values(state));
  });

  it('with the same seed, more restarts never lower success, per example', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), async (modelSeed, dataSeed) => {
        const { mlp, x, y, dispose } = setup(modelSeed, dataSeed, 3, 24);
        const run = async (restarts: number) => {
          const result = await apgd(mlp.model, x, y, { epsilon: 0.08, steps: 6, restarts, seed: dataSeed });
          result.xAdv.dispose();
          return result.advCorrect;
        };
        const one = await run(1);
        const three = await run(3);
        one.forEach((robust, i) => expect(three[i]).toBeLessThanOrEqual(robust));
        dispose();
      }),
      { numRuns: 10, seed: 8 },
    );
  });

  it('on logits ×1000, where float32 CE gradients vanish, APGD-DLR breaks as many points as Square and CE-PGD far fewer', async () => {
    const epsilon = 0.02;
    const n = 120;
    const x = tf.randomUniform([n, 3, 3, 2], 0, 1, 'float32', 9);
    const success = async (scale: number) => {
      const lin = randomLinear(3, 18, 4, scale);
      const y = tf.tidy(() => tf.argMax(lin.model(x), -1) as tf.Tensor1D);
      const zeroGradient = tf.tidy(() => {
        const g = tf.grad((v: tf.Tensor) => tf.sum(crossEntropyLoss(lin.model(v), y)))(x);
        return tf.mean(tf.cast(tf.equal(tf.max(tf.abs(tf.reshape(g, [n, -1])), -1), 0), 'float32'));
      });
      const rate = async (p: ReturnType<typeof pgd>) => {
        const r = await p;
        r.xAdv.dispose();
        return attackSummary(r).successRate;
      };
      const out = {
        zeroGradient: (await read(zeroGradient))[0],
        pgdCe: await rate(pgd(lin.model, x, y, { epsilon, steps: 10, seed: 1 })),
        apgdDlr: await rate(apgd(lin.model, x, y, { epsilon, steps: 20, loss: 'dlr', seed: 1 })),
        square: await rate(square(lin.model, x, y, { epsilon, queries: 300, seed: 1 })),
      };
      y.dispose();
      lin.dispose();
      return out;
    };
    const plain = await success(1);
    const saturated = await success(1000);
    x.dispose();
    // The control: at scale 1 CE-PGD is nearly as strong as APGD-DLR, and no gradient is zero …
    expect(plain.zeroGradient).toBe(0);
    expect(plain.pgdCe).toBeGreaterThan(0.85 * plain.apgdDlr);
    // … at ×1000 the CE gradient is exactly zero on most points, and that is what stops CE-PGD.
    expect(saturated.zeroGradient).toBeGreaterThan(0.8);
    expect(saturated.apgdDlr).toBeGreaterThan(10);
    expect(saturated.apgdDlr).toBeGreaterThanOrEqual(saturated.square);
    expect(saturated.apgdDlr).toBe(plain.apgdDlr); // DLR does not see the scale
    expect(saturated.pgdCe).toBeLessThan(0.5 * saturated.apgdDlr);
  });

  it('refuses the targeted DLR loss without targets, and runs the margin where DLR is undefined (2 classes)', async () => {
    const { mlp, x, y, dispose } = setup(2, 3, 2);
    await expect(apgd(mlp.model, x, y, { epsilon: 0.1, steps: 3, loss: 'dlr-targeted', seed: 1 })).rejects.toThrow(AttackLossError);
    const viaDlr = await apgd(mlp.model, x, y, { epsilon: 0.1, steps: 5, loss: 'dlr', seed: 1 });
    const viaMargin = await apgd(mlp.model, x, y, { epsilon: 0.1, steps: 5, loss: 'margin', seed: 1 });
    expect(await read(viaDlr.xAdv)).toEqual(await read(viaMargin.xAdv));
    dispose();
  });

  it('reports progress after every iteration of every restart', async () => {
    const { mlp, x, y, dispose } = setup(4, 5, 3);
    const seen: [number, number][] = [];
    const result = await apgd(mlp.model, x, y, { epsilon: 0.01, steps: 7, seed: 1, onProgress: (d, t) => seen.push([d, t]) });
    result.xAdv.dispose();
    expect(seen).toEqual(Array.from({ length: 8 }, (_, i) => [i, 7])); // the start, then each iteration
    dispose();
  });

  // Call 1 is the clean pass, 2 the random start's gradient, 5 a step's.
  for (const failOn of [1, 2, 5]) {
    it(`frees every tensor it made when the model fails mid-attack (on call ${failOn})`, async () => {
      const { mlp, x, y, dispose } = setup(4, 6, 3);
      let calls = 0;
      const failing = (input: tf.Tensor) => {
        if (++calls === failOn) throw new Error('device lost');
        return mlp.model(input);
      };
      await expect(apgd(failing, x, y, { epsilon: 0.1, steps: 8, seed: 1 })).rejects.toThrow('device lost');
      dispose();
    });
  }
});
