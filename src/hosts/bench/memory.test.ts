/** The memory rows hold flat on the cpu backend: no tensor left behind per epoch or per detector run. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import { memoryRows } from './memory';

describe('memory over long work', () => {
  it('reports tensor counts and bytes flat over a run’s epochs and over detector runs in a row, and frees the session', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const config = {
      ...DEFAULT_CONFIG, dataset: 'blobs' as const, trainSize: 64, testSize: 32, evalSubset: 16, batchSize: 32, hiddenUnits: 8, trainPgdSteps: 2, evalPgdSteps: 2,
    };
    const [long, detector] = await memoryRows(config, { epochs: 4, detectorRuns: 3 });
    expect(long.tensors).toHaveLength(4);
    expect(detector.tensors).toHaveLength(3);
    for (const r of [long, detector]) {
      expect(r.tensorGrowth).toBe(0);
      expect(r.byteGrowth).toBe(0);
      expect(new Set(r.tensors).size).toBe(1);
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
