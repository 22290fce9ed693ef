/**
 * Memory over long work (issue 21 §7): tfjs's tensor count and bytes after each student epoch of
 * one long run, and after each of several detector runs in a row on its student, through the same
 * EngineSession the worker exposes. Both must be flat: a leak of one tensor a batch shows as a
 * count that climbs with the epochs; one per detector run, as a climb over the runs. Bytes are the
 * backend's own figure (on webgpu, what it holds on the GPU).
 */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../../shared/config';
import type { RunEvent } from '../../shared/events';
import { EngineSession } from '../../engine/run/session';

export interface MemoryRow {
  /** What was measured after each step: "student epoch" or "detector run". */
  after: string;
  tensors: number[];
  bytes: number[];
  /** Last minus first of each series (0 and 0 when flat). */
  tensorGrowth: number;
  byteGrowth: number;
}

/** Epochs of the long run and detector runs in a row, as the issue asks. */
export const LONG_RUN_EPOCHS = 30;
export const DETECTOR_RUNS = 10;

/** The bytes tfjs holds: on webgpu its GPU bytes (numBytesInGPU), elsewhere numBytes. */
function heldBytes(): number {
  const memory = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  return memory.numBytesInGPU ?? memory.numBytes;
}

function row(after: string, tensors: number[], bytes: number[]): MemoryRow {
  return { after, tensors, bytes, tensorGrowth: tensors.at(-1)! - tensors[0], byteGrowth: bytes.at(-1)! - bytes[0] };
}

/**
 * Train `config` for `epochs` student epochs, then run the detector `detectorRuns` times on its
 * student; the two series. The backend is the one running (the caller selects it).
 */
export async function memoryRows(
  config: Config, { epochs = LONG_RUN_EPOCHS, detectorRuns = DETECTOR_RUNS, log = (_line: string) => {} } = {},
): Promise<MemoryRow[]> {
  const session = new EngineSession();
  const tensors: number[] = [];
  const bytes: number[] = [];
  const onEvent = (event: RunEvent) => {
    if (event.type === 'error') throw new Error(`memory check: the run failed: ${event.message}`);
    if (event.type !== 'epoch' || event.phase !== 'student') return;
    tensors.push(tf.memory().numTensors);
    bytes.push(heldBytes());
  };
  try {
    log(`memory: a ${epochs}-epoch run…`);
    await session.train({ ...config, epochs, teacherEpochs: 1 }, 1, onEvent);
    const long = row('student epoch', [...tensors], [...bytes]);
    tensors.length = 0;
    bytes.length = 0;
    for (let i = 1; i <= detectorRuns; i++) {
      log(`memory: detector run ${i} of ${detectorRuns}…`);
      await session.runDetector(
        { role: 'student', config, subset: 16, epsilon: config.epsilon, seed: config.seed, options: { pgdSteps: 2, squareQueries: 10, noiseDraws: 2, aaBudget: 'quick' } },
        () => {},
      );
      tensors.push(tf.memory().numTensors);
      bytes.push(heldBytes());
    }
    return [long, row('detector run', tensors, bytes)];
  } finally {
    session.dispose();
  }
}
