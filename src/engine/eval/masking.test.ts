import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { randomMlp } from '../attacks/test-models';
import { DetectorCancelled, runDetector } from './masking';

const TINY = { epsilon: 0.1, seed: 1, pgdSteps: 2, restarts: 1, squareQueries: 10, noiseDraws: 2 };

describe('cancelling the detector', () => {
  expectNoTensorLeaks();

  it('stops at the next stage with DetectorCancelled and frees what it made', async () => {
    const { model, dispose } = randomMlp(2, 2, 8, 3);
    const x = tf.randomUniform([12, 2], 0, 1, 'float32', 3);
    const y = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], 'int32');
    const abort = new AbortController();
    const stages: string[] = [];
    const run = runDetector(model, x, y, TINY, (p) => {
      if (!stages.includes(p.stage)) stages.push(p.stage);
      if (p.stage.startsWith('PGD')) abort.abort();
    }, abort.signal);
    await expect(run).rejects.toBeInstanceOf(DetectorCancelled);
    // FGSM and PGD ran; nothing after the stage in which the cancel arrived.
    expect(stages).toEqual(['FGSM', 'PGD-2']);
    tf.dispose([x, y]);
    dispose();
  });

  it('does no work at all when cancelled before it starts', async () => {
    const { model, dispose } = randomMlp(2, 2, 8, 3);
    const x = tf.randomUniform([4, 2], 0, 1, 'float32', 3);
    const y = tf.tensor1d([0, 1, 2, 0], 'int32');
    const abort = new AbortController();
    abort.abort();
    let calls = 0;
    await expect(runDetector(model, x, y, TINY, () => calls++, abort.signal)).rejects.toBeInstanceOf(DetectorCancelled);
    expect(calls).toBe(0);
    tf.dispose([x, y]);
    dispose();
  });
});
