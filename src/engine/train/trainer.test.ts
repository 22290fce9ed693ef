import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomMlp } from '../attacks/test-models';
import { RunControl, StopSignal } from '../control';
import { SplitTensors } from '../data/batches';
import { buildMlp } from '../models/mlp';
import { Rng } from '../../shared/rng';
import type { GradientRule } from './gradients';
import { plainGradients } from './gradients';
import { type Objective, ltdObjective } from './objectives';
import { type EpochOptions, trainEpoch } from './trainer';

/** Where a step is made to fail, at the second batch. */
type FailAt = 'craft' | 'loss' | 'gradients' | 'applyGradients';

const n = 12;
const batchSize = 4;

function setup() {
  const rng = new Rng(5);
  const split = {
    x: Float32Array.from({ length: 2 * n }, () => rng.next()),
    y: Int32Array.from({ length: n }, (_, i) => i % 3),
    n,
  };
  const data = new SplitTensors(split, [2]);
  const model = buildMlp({ inputShape: [2], numClasses: 3, hidden: [6], rng: new Rng(7) });
  const teacher = randomMlp(3, 2, 6, 3);
  // Plain SGD keeps no slot variables, so the tensor count after a step is the count before it.
  const optimizer = tf.train.sgd(0.1);
  model.predict(tf.zeros([1, 2])); // builds the weights before the count is taken
  const dispose = () => {
    data.dispose();
    model.dispose();
    teacher.dispose();
    optimizer.dispose();
  };
  return { data, model, teacher: teacher.model, optimizer, dispose };
}

/** LTD (teacher logits, PGD x', a loss) with one stage made to throw a device error at batch 2. */
function failing(at: FailAt, s: ReturnType<typeof setup>) {
  let batch = 0;
  const boom = (stage: FailAt) => {
    if (stage === at && batch === 2) throw new Error(`out of memory in ${stage}`);
  };
  const objective: Objective = {
    craft: (ctx) => {
      batch++;
      const xAdv = ltdObjective.craft(ctx);
      if (at === 'craft' && batch === 2) xAdv?.dispose(); // a real failure frees its own partial result
      boom('craft');
      return xAdv;
    },
    loss: (ctx, xAdv) => {
      boom('loss');
      return ltdObjective.loss(ctx, xAdv);
    },
  };
  const gradients: GradientRule = (variables, loss) => {
    const out = plainGradients(variables, loss);
    if (at === 'gradients' && batch === 2) {
      tf.dispose([out.dataLoss, out.grads]);
      boom('gradients');
    }
    return out;
  };
  const apply = s.optimizer.applyGradients.bind(s.optimizer);
  s.optimizer.applyGradients = (grads) => {
    boom('applyGradients');
    apply(grads);
  };
  return { objective, gradients };
}

function epoch(s: ReturnType<typeof setup>, objective: Objective, gradients: GradientRule, control: RunControl, onProgress: EpochOptions['onProgress'] = () => {}) {
  return trainEpoch({
    model: s.model,
    optimizer: s.optimizer,
    objective,
    gradients,
    data: s.data,
    batchSize,
    numClasses: 3,
    teacher: s.teacher,
    epsilon: 0.1,
    pgdSteps: 2,
    epoch: 1,
    rng: new Rng(9),
    control,
    onProgress,
  });
}

describe('trainEpoch frees every tensor of the epoch when a step fails', () => {
  let s: ReturnType<typeof setup>;
  let before = 0;
  beforeEach(() => {
    s = setup();
    before = tf.memory().numTensors;
  });
  afterEach(() => s.dispose());

  for (const at of ['craft', 'loss', 'gradients', 'applyGradients'] as const) {
    it(`when ${at} throws at batch 2: rejects with that error, tensor count back to before the epoch`, async () => {
      const { objective, gradients } = failing(at, s);
      await expect(epoch(s, objective, gradients, new RunControl({ tau: 1, lambda: 1 }))).rejects.toThrow(`out of memory in ${at}`);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('a stop still rejects with StopSignal and leaks nothing', async () => {
    const control = new RunControl({ tau: 1, lambda: 1 });
    const objective: Objective = {
      craft: (ctx) => {
        control.stop(); // takes effect at the next batch's checkpoint
        return ltdObjective.craft(ctx);
      },
      loss: ltdObjective.loss,
    };
    await expect(epoch(s, objective, plainGradients, control)).rejects.toBeInstanceOf(StopSignal);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an epoch that succeeds returns a finite mean loss and leaks nothing (the failing cases are not vacuous)', async () => {
    const loss = await epoch(s, ltdObjective, plainGradients, new RunControl({ tau: 1, lambda: 1 }));
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('trainEpoch\'s progress', () => {
  it('is told after every batch on cpu, where a step has run when its call returns (fewer batches than a readback)', async () => {
    const s = setup();
    const calls: number[][] = [];
    await epoch(s, ltdObjective, plainGradients, new RunControl({ tau: 1, lambda: 1 }), (...args) => void calls.push(args));
    expect(calls).toEqual([[1, 1, 3], [1, 2, 3], [1, 3, 3]]);
    s.dispose();
  });
});
