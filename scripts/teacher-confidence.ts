/**
 * How confident a preset's teacher is, and so how flat its soft labels softmax(q/τ) are at the
 * temperatures the presets use (DESIGN.md §5: a teacher with small logits makes τ = 5 labels
 * nearly flat). Trains the teacher exactly as an LTD run of the preset would (a natural model at
 * T = 1, the preset's data, model, optimiser and schedule) for each teacher-epoch count asked
 * for, then prints its test accuracy, its mean logit range and the labels' mean top probability.
 *
 *   npx tsx scripts/teacher-confidence.ts                      # the ltd-paper preset, 4,8,16 teacher epochs
 *   npx tsx scripts/teacher-confidence.ts ltd-paper 4,12 'learningRate=0.1'
 */
import * as tf from '@tensorflow/tfjs';
import { configFromQuery } from '../src/shared/config';
import { expandPresetQuery } from '../src/shared/presets';
import { registerNodeMnist } from './lib/node-mnist';
import { trainOnce } from './lib/train-once';

await tf.setBackend('cpu');
registerNodeMnist();

const id = process.argv[2] ?? 'ltd-paper';
const epochCounts = (process.argv[3] ?? '4,8,16').split(',').map(Number);
const overrides = process.argv[4] ?? '';
const TAUS = [1, 2, 5, 10, 30];

console.log(`# Teacher of preset ${id}${overrides ? ` with ${overrides}` : ''}: mean top probability of softmax(q/τ) on the test split (uniform 0.100)\n`);
console.log(`| teacher epochs | test accuracy | mean logit range (max − min) | ${TAUS.map((t) => `τ = ${t}`).join(' | ')} | seconds |`);
console.log(`|---|---|---|${TAUS.map(() => '---').join('|')}|---|`);
for (const epochs of epochCounts) {
  // The teacher is a natural model trained at T = 1 with the run's own optimiser: train one as the student of a natural run.
  const { query } = expandPresetQuery(`preset=${id}&method=natural&epochs=${epochs}${overrides ? `&${overrides}` : ''}`);
  const { config, issues } = configFromQuery(query);
  if (issues.length > 0) throw new Error(`teacher-confidence.ts: ${issues.map((i) => i.message).join('; ')}`);
  const run = await trainOnce({ ...config, evalSubset: 1 }, (line) => console.error(line));
  const n = run.dataset.test.n;
  const x = tf.tensor(run.dataset.test.x, [n, ...run.dataset.inputShape], 'float32');
  const logits = run.model.predict(x) as tf.Tensor2D;
  const range = tf.tidy(() => logits.max(1).sub(logits.min(1)).mean());
  const top = TAUS.map((tau) => tf.tidy(() => tf.softmax(logits.div(tau)).max(1).mean()));
  const values = await Promise.all([range, ...top].map(async (t) => (await t.data())[0]));
  const last = run.studentEpochs.at(-1);
  console.log(`| ${epochs} | ${last?.natAcc.toFixed(1)} % | ${values[0].toFixed(2)} | ${values.slice(1).map((v) => v.toFixed(3)).join(' | ')} | ${run.seconds.toFixed(0)} |`);
  tf.dispose([x, logits, range, ...top]);
  run.model.dispose();
}
