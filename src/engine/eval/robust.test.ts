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
    expect(evaluated).toEqual(figureOf(expected, settingsOf(spec, n, [2])));
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
