/**
 * Paper Eq. 7 on blobs, measured in Node: G per epoch for an LTD student (and a TRADES one, trained
 * on one-hot labels), then G of the trained teacher's soft labels across τ.
 *   npx tsx scripts/discrepancy-probe.ts '{"epochs":4}'
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, type Config } from '../src/shared/config';
import { RunControl } from '../src/engine/control';
import { loadDataset } from '../src/engine/data';
import { discrepancy, oneHotDiscrepancy, uniformDiscrepancy } from '../src/engine/eval/discrepancy';
import { runExperiment } from '../src/engine/run/experiment';
import { asClassifier } from '../src/engine/models';
import { TeacherCache, teacherKey } from '../src/engine/train/teacher-cache';

await tf.setBackend('cpu');
const overrides = JSON.parse(process.argv[2] ?? '{}') as Partial<Config>;
const base: Config = { ...DEFAULT_CONFIG, epochs: 4, ...overrides };
const cache = new TeacherCache();
const fmt = (v: number | undefined) => (v === undefined ? '—' : Number.isFinite(v) ? v.toFixed(4) : String(v));

for (const method of ['ltd', 'trades'] as const) {
  const config = { ...base, method };
  const control = new RunControl({ tau: config.tau, lambda: config.lambda });
  await runExperiment(config, {
    control, teacherCache: cache,
    emit: (e) => {
      if (e.type === 'epoch' && e.discrepancy) {
        const g = e.discrepancy;
        console.log(`${method} ${e.phase} epoch ${e.epoch}: natAcc ${e.natAcc.toFixed(1)}%, G(model) ${fmt(g.model)}, ` +
          `G(soft labels T=${g.softLabels?.temperature ?? '—'}) ${fmt(g.softLabels?.value)}, G(one-hot) ${fmt(g.oneHot)}, G(uniform) ${fmt(g.uniform)}`);
      }
      if (e.type === 'error') console.log(e);
    },
  });
}

const dataset = await loadDataset(base);
const teacher = cache.get(teacherKey({ ...base, method: 'ltd' }));
if (!teacher || !dataset.oracle) throw new Error('no teacher or no oracle');
const x = tf.tensor2d(dataset.test.x, [dataset.test.n, 2]);
const y = tf.tensor1d(dataset.test.y, 'int32');
const oracle = tf.tensor2d(dataset.oracle(dataset.test.x, dataset.test.n), [dataset.test.n, dataset.numClasses]);
console.log(`test n = ${dataset.test.n}, overlap σ = ${base.overlap}`);
console.log(`G(one-hot) = ${fmt(await oneHotDiscrepancy(y, oracle))}, G(uniform) = ${fmt(await uniformDiscrepancy(oracle))}`);
for (const tau of [0.25, 0.5, 1, 2, 3, 5, 8, 10, 15, 20, 50]) {
  console.log(`teacher soft labels τ = ${tau}: G = ${fmt(await discrepancy(asClassifier(teacher), x, oracle, tau))}`);
}
tf.dispose([x, y, oracle]);
cache.clear();
