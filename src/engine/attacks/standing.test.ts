import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cleanPass, Standing } from './standing';
import { expectNoTensorLeaks } from './test-leaks';
import { linearModel } from './test-models';

async function read(t: tf.Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

describe('Standing', () => {
  expectNoTensorLeaks();

  it('attacks only the points still standing and scatters their outcome back in place', async () => {
    const x = tf.tensor2d([[0], [1], [2], [3], [4]]);
    const y = tf.tensor1d([0, 1, 2, 3, 4], 'int32');
    const standing = new Standing(x, Uint8Array.from([1, 0, 1, 1, 1])); // point 1 is clean-wrong
    const seen: number[][] = [];
    // First attack: adds 10 and breaks the point labelled 2.
    expect(await standing.attack(x, y, async (xs, ys, at) => {
      seen.push([...at], await read(ys));
      return { xAdv: tf.add(xs, 10), advCorrect: Uint8Array.from(await read(ys), (label) => (label === 2 ? 0 : 1)) };
    })).toBe(1);
    // Second attack: sees only 0, 3, 4; adds 100 and breaks the point labelled 4.
    expect(await standing.attack(x, y, async (xs, ys, at) => {
      seen.push([...at]);
      return { xAdv: tf.add(xs, 100), advCorrect: Uint8Array.from(await read(ys), (label) => (label === 4 ? 0 : 1)) };
    })).toBe(1);
    expect(seen).toEqual([[0, 2, 3, 4], [0, 2, 3, 4], [0, 3, 4]]);
    expect(standing.count()).toBe(2);
    const result = standing.result();
    expect(Array.from(result.advCorrect)).toEqual([1, 0, 0, 1, 0]);
    expect(Array.from(result.cleanCorrect)).toEqual([1, 0, 1, 1, 1]);
    // Never-attacked point 1 keeps its clean input; the last attack's output wins where it ran.
    expect(await read(result.xAdv)).toEqual([100, 1, 12, 103, 104]);
    tf.dispose([x, y, result.xAdv]);
  });

  it('runs nothing when no point stands, and frees its copy when the attack throws', async () => {
    const x = tf.tensor2d([[0], [1]]);
    const y = tf.tensor1d([0, 1], 'int32');
    const none = new Standing(x, Uint8Array.from([0, 0]));
    expect(await none.attack(x, y, () => Promise.reject(new Error('must not run')))).toBe(0);
    none.dispose();
    const some = new Standing(x, Uint8Array.from([1, 1]));
    await expect(some.attack(x, y, () => Promise.reject(new Error('device lost')))).rejects.toThrow('device lost');
    some.dispose();
    tf.dispose([x, y]);
  });

  it('cleanPass reads per-example clean correctness and the class count', async () => {
    const { model, dispose } = linearModel([[1, -1, 0]], [0, 0.5, 0.2]);
    const x = tf.tensor2d([[1], [0], [0.1]]);
    const y = tf.tensor1d([0, 0, 1], 'int32'); // logits [1, −0.5, 0.2], [0, 0.5, 0.2], [0.1, 0.4, 0.2]
    expect(await cleanPass(model, x, y)).toEqual({ cleanCorrect: Uint8Array.from([1, 0, 1]), numClasses: 3 });
    tf.dispose([x, y]);
    dispose();
  });
});
