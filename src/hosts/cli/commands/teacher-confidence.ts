/**
 * `teacher-confidence [id] --values 4,8,16`: how confident a preset's teacher is, and so how flat its soft labels softmax(q/τ) are at the
 * temperatures the presets use (DESIGN.md §5: a teacher with small logits makes τ = 5 labels
 * nearly flat). Trains the teacher exactly as an LTD run of the preset would (a natural model at
 * T = 1, the preset's data, model, optimiser and schedule) for each teacher-epoch count asked
 * for, then prints its test accuracy, its mean logit range and the labels' mean top probability.
 *
 *   npx ltd-playground teacher-confidence                     # the ltd-paper preset, 4,8,16 teacher epochs
 *   npx ltd-playground teacher-confidence ltd-paper --values 4,12 --learning-rate 0.1
 */
import * as tf from '@tensorflow/tfjs';
import { configFromQuery } from '../../../shared/config';
import { expandPresetQuery } from '../../../shared/presets';
import { trainOnce } from '../../node/train-once';
import { UsageError } from '../args';
import { type CommandContext, CommandError, print } from '../context';
import { presetIds } from '../preset-run';

const TAUS = [1, 2, 5, 10, 30];

export async function teacherConfidence({ args, io }: CommandContext): Promise<void> {
  const out = (line: string) => print(io.stdout, line);
  if ((args.presets ?? []).length > 1) throw new UsageError(`teacher-confidence ${args.presets!.join(',')}: one preset at a time`);
  const [id] = presetIds(args.presets ?? ['ltd-paper']);
  const epochCounts = args.values ?? [4, 8, 16];
  const overrides = args.query;
  out(`# Teacher of preset ${id}${overrides ? ` with ${overrides}` : ''}: mean top probability of softmax(q/τ) on the test split (uniform 0.100)\n`);
  out(`| teacher epochs | test accuracy | mean logit range (max − min) | ${TAUS.map((t) => `τ = ${t}`).join(' | ')} | seconds |`);
  out(`|---|---|---|${TAUS.map(() => '---').join('|')}|---|`);
  for (const epochs of epochCounts) {
    // The teacher is a natural model trained at T = 1 with the run's own optimiser: train one as the student of a natural run.
    const { query } = expandPresetQuery(`preset=${id}&method=natural&epochs=${epochs}${overrides ? `&${overrides}` : ''}`);
    const { config, issues } = configFromQuery(query);
    if (issues.length > 0) throw new CommandError(`teacher-confidence: ${issues.map((i) => i.message).join('; ')}`);
    const run = await trainOnce({ ...config, evalSubset: 1 }, (line) => print(io.stderr, line));
    const n = run.dataset.test.n;
    const x = tf.tensor(run.dataset.test.x, [n, ...run.dataset.inputShape], 'float32');
    const logits = run.model.predict(x) as tf.Tensor2D;
    const range = tf.tidy(() => logits.max(1).sub(logits.min(1)).mean());
    const top = TAUS.map((tau) => tf.tidy(() => tf.softmax(logits.div(tau)).max(1).mean()));
    const values = await Promise.all([range, ...top].map(async (t) => (await t.data())[0]));
    const last = run.studentEpochs.at(-1);
    out(`| ${epochs} | ${last?.natAcc.toFixed(1)} % | ${values[0].toFixed(2)} | ${values.slice(1).map((v) => v.toFixed(3)).join(' | ')} | ${run.seconds.toFixed(0)} |`);
    tf.dispose([x, logits, range, ...top]);
    run.model.dispose();
  }
}
