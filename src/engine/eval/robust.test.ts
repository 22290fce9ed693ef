import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { inChunks } from '../attacks/chunked';
import { square } from '../attacks/square';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { randomMlp } from '../attacks/test-models';
import { evaluateAttack, figureOf, settingsOf } from './robust';

describe('evaluateAttack on a subset larger than one chunk (256)', () => {
  expectNoTensorLeaks();

  it('gives the chunked attack’s figure, and Square’s progress rises across chunks from 0 to 1', async () => {
    const n = 600; // three chunks: 256, 256, 88
    const mlp = randomMlp(8, 2, 10, 3, 4);
    const x = tf.randomUniform([n, 2], 0, 1, 'float32', 2);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const spec = { attack: 'Square' as const, epsilon: 0.1, queries: 41, seed: 6 };
    const fractions: number[] = [];
    const evaluated = await evaluateAttack(mlp.model, x, y, spec, (f) => fractions.push(f));

    const expected = await inChunks(square, mlp.model, x, y, { epsilon: 0.1, queries: 41, seed: 6 });
    expected.xAdv.dispose();
    expect(evaluated).toEqual(figureOf(expected, settingsOf(spec, n, [2], 3)));
    expect(evaluated.figure.settings.subset).toBe(n);
    // Every chunk reports (40 iterations, a readback every 20): 2 per chunk, never going back.
    expect(fractions.length).toBe(6);
    fractions.slice(1).forEach((f, i) => expect(f).toBeGreaterThan(fractions[i]));
    expect(fractions[1]).toBeCloseTo(1 / 3);
    expect(fractions.at(-1)).toBe(1);
    tf.dispose([x, y]);
    mlp.dispose();
  });
});

describe('evaluateAttack with the APGD attacks and AA-lite', () => {
  expectNoTensorLeaks();

  it('records the loss that really ran (the margin for DLR on 2 classes) and APGD-T’s fallback below 4 classes', async () => {
    const two = randomMlp(9, 2, 10, 2, 4);
    const x = tf.randomUniform([20, 2], 0, 1, 'float32', 3);
    const y2 = tf.tidy(() => tf.argMax(two.model(x), -1) as tf.Tensor1D);
    const dlr = await evaluateAttack(two.model, x, y2, { attack: 'APGD', loss: 'dlr', epsilon: 0.05, steps: 5, seed: 1 });
    expect(dlr.figure.settings).toEqual({ attack: 'APGD', loss: 'margin', epsilon: 0.05, steps: 5, restarts: 1, subset: 20 });
    const targeted = await evaluateAttack(two.model, x, y2, { attack: 'APGD-T', epsilon: 0.05, steps: 5, seed: 1 });
    expect(targeted.figure.settings).toMatchObject({ attack: 'APGD', loss: 'margin' });
    expect(settingsOf({ attack: 'APGD-T', epsilon: 0.1, seed: 1 }, 50, [2], 10)).toEqual({
      attack: 'APGD-T', loss: 'dlr-targeted', targets: 9, epsilon: 0.1, steps: 100, restarts: 1, subset: 50,
    });
    tf.dispose([x, y2]);
    two.dispose();
  });

  it('gives AA-lite’s figure with its members’ log, the last line being the figure', async () => {
    const mlp = randomMlp(6, 2, 12, 5, 4);
    const x = tf.randomUniform([30, 2], 0, 1, 'float32', 4);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const fractions: number[] = [];
    const { figure, brokenMask } = await evaluateAttack(mlp.model, x, y, { attack: 'AA-lite', budget: 'quick', epsilon: 0.1, seed: 2 }, (f) => fractions.push(f));
    expect(figure.settings).toMatchObject({ attack: 'AA-lite', budget: 'quick', steps: 20, targets: 3, queries: 1000 });
    expect(figure.stages?.map((s) => s.settings.attack)).toEqual(['APGD', 'APGD-T', 'Square']);
    expect(figure.stages!.reduce((a, s) => a + s.broken, 0)).toBe(figure.broken);
    expect(brokenMask.reduce((a, b) => a + b, 0)).toBe(figure.broken);
    expect(figure.stages!.at(-1)!.robustAccuracy).toBeCloseTo(figure.robustAccuracy, 10);
    expect(fractions.at(-1)).toBe(1);
    tf.dispose([x, y]);
    mlp.dispose();
  });

  it('runs AA-lite’s white-box part from x when asked, saying so in its settings, with who broke each point', async () => {
    const mlp = randomMlp(6, 2, 12, 5, 4);
    const x = tf.randomUniform([30, 2], 0, 1, 'float32', 4);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const { figure, brokenBy } = await evaluateAttack(mlp.model, x, y, { attack: 'AA-lite', budget: 'quick', blackBox: false, start: 'input', epsilon: 0.1, seed: 2 });
    expect(figure.settings).toMatchObject({ attack: 'AA-lite', part: 'white-box', start: 'input' });
    expect(figure.settings.queries).toBeUndefined();
    expect(figure.settings.members?.map((m) => [m.attack, m.start])).toEqual([['APGD', 'input'], ['APGD-T', 'input']]);
    expect(figure.stages?.map((s) => s.settings.start)).toEqual(['input', 'input']);
    expect(brokenBy!.filter((b) => b >= 0).length).toBe(figure.broken);
    const pgdFromX = settingsOf({ attack: 'PGD', epsilon: 1, steps: 5, start: 'input', seed: 1 }, 30, [2], 5);
    expect(pgdFromX).toEqual({ attack: 'PGD', epsilon: 1, steps: 5, restarts: 1, subset: 30, start: 'input' });
    // Square has no start to choose: the option leaves it alone.
    expect(settingsOf({ attack: 'Square', epsilon: 1, start: 'input', seed: 1 }, 30, [2], 5).start).toBeUndefined();
    tf.dispose([x, y]);
    mlp.dispose();
  });
});
