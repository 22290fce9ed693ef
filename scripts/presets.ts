/**
 * Runs the page's presets (src/shared/presets.ts) exactly as shipped, in Node on tfjs's cpu
 * backend: trains each (the page's runExperiment, same seed, same code path), then runs the
 * detector with the preset's own detector settings on the first N test points, as the page's
 * "Run detector" does. Prints one Markdown row per preset as it finishes and its wall time.
 *
 *   npx tsx scripts/presets.ts                        # all five, as shipped
 *   npx tsx scripts/presets.ts ltd-hot,defensive-distillation
 *   npx tsx scripts/presets.ts natural 'epochs=2'     # with overrides on top (said so in the output)
 *
 * The README's "Presets" table comes from this script's output.
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { configFromQuery } from '../src/shared/config';
import { describeSettings } from '../src/shared/describe';
import { runDetector } from '../src/engine/eval/detector';
import { asClassifier } from '../src/engine/models';
import { PRESETS, expandPresetQuery } from '../src/shared/presets';
import { formatPercent } from '../src/shared/format';
import { detectorBudgetFromQuery, detectorMultiplesFromQuery } from '../src/state/detector-url';
import { registerNodeMnist } from './lib/node-mnist';
import { trainOnce } from './lib/train-once';

await tf.setBackend('cpu');
registerNodeMnist();

const ids = process.argv[2] ? process.argv[2].split(',') : PRESETS.map((p) => p.id);
const overrides = process.argv[3] ?? '';
for (const id of ids) {
  if (!PRESETS.some((p) => p.id === id)) throw new Error(`presets.ts: unknown preset "${id}" (${PRESETS.map((p) => p.id).join(', ')})`);
}

const pct = (v: number | null) => formatPercent(v, { sign: false });
const machine = `Node ${process.version}, tfjs ${tf.version.tfjs} cpu backend, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at start`;
console.log(`# Presets, measured: ${machine}${overrides ? `; OVERRIDES on top of the presets: ${overrides}` : ''}\n`);
console.log('| preset | natural (chart) | chart robust | natural (detector subset) | AA-lite | white-box part | Square | verdict | failing checks | train | detector |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');

const details: string[] = [];
const started = performance.now();
for (const id of ids) {
  const { query, preset } = expandPresetQuery(`preset=${id}${overrides ? `&${overrides}` : ''}`);
  const { config, issues } = configFromQuery(query);
  if (issues.length > 0) throw new Error(`presets.ts: ${id}: ${issues.map((i) => i.message).join('; ')}`);
  const budget = detectorBudgetFromQuery(query);
  console.error(`${id}: training`);
  const run = await trainOnce(config, (line) => console.error(line));
  console.error(`${id}: detector`);
  const last = run.studentEpochs.at(-1);
  if (!last) throw new Error(`presets.ts: ${id} trained no student epoch`);

  // The detector as the worker runs it (src/worker/detector.ts): the first `subset` test points.
  const n = Math.min(budget.subset, run.dataset.test.n);
  const size = run.dataset.inputShape.reduce((a, b) => a * b, 1);
  const x = tf.tensor(run.dataset.test.x.subarray(0, n * size), [n, ...run.dataset.inputShape], 'float32');
  const y = tf.tensor1d(run.dataset.test.y.subarray(0, n), 'int32');
  const multiples = detectorMultiplesFromQuery(query);
  let stage = '';
  const report = await runDetector(asClassifier(run.model), x, y, {
    epsilon: config.epsilon, seed: config.seed, whiteBox: budget.attack, aaBudget: budget.aaBudget, pgdSteps: budget.pgdSteps, restarts: budget.restarts,
    ...(budget.queries ? { squareQueries: budget.queries } : {}), ...(multiples ? { sweepMultiples: multiples } : {}),
  }, (p) => {
    if (p.stage !== stage) console.error(`  detector: ${(stage = p.stage)} (${Math.round(100 * p.fraction)} %)`);
  });
  // What the student learnt from: the teacher's labels at the temperature the method reads them at.
  const temperature = config.method === 'ltd' ? config.tau : config.method === 'defensive-distillation' ? config.distillTemperature : null;
  let labels = '';
  if (run.teacher && temperature !== null) {
    const maxProb = tf.tidy(() => tf.softmax(tf.div(run.teacher!.predict(x) as tf.Tensor2D, temperature)).max(1).mean());
    labels = `teacher's soft labels at T = ${temperature}: mean top probability ${(await maxProb.data())[0].toFixed(3)} (uniform: ${(1 / run.dataset.numClasses).toFixed(3)}); `;
    maxProb.dispose();
    run.teacher.dispose();
  }
  tf.dispose([x, y]);
  run.model.dispose();

  const a = report.attacks;
  const failed = report.checks.flatMap((c, i) => (c.passed ? [] : [`${i + 1}. ${c.title}`]));
  const verdict = report.verdict === 'no verdict' ? `no verdict (${report.judgeable.reason})` : report.verdict;
  const row = [
    preset?.name ?? id, pct(last.natAcc), pct(last.pgdAcc), pct(report.cleanAccuracy), pct(a.aaLite?.robustAccuracy ?? null), pct(a.whiteBox.robustAccuracy),
    pct(a.square.robustAccuracy), verdict, failed.join('; ') || '—', `${run.seconds.toFixed(0)} s`, `${report.seconds.toFixed(0)} s`,
  ];
  console.log(`| ${row.join(' | ')} |`);
  details.push(
    `- ${preset?.name ?? id}: \`?${query}\`\n` +
      `  teacher ${run.teacherAcc === null ? '—' : `${pct(run.teacherAcc)} %`}; ${labels}chart: natural on the ${run.dataset.test.n} test points, ${last.pgd ? describeSettings(last.pgd, { withEpsilon: true }) : 'no robust figure'}\n` +
      `  detector: ${report.whiteBoxName} white-box side; ${a.aaLite ? describeSettings(a.aaLite.settings, { withEpsilon: true }) : '—'}; ` +
      `${describeSettings(a.square.settings, { withEpsilon: true })}; PGD-${budget.pgdSteps} × ${budget.restarts} ${pct(a.pgd.robustAccuracy)} %; ` +
      `FGSM ${pct(a.fgsm.robustAccuracy)} %; zero input gradients ${report.gradients.vanishing}/${report.gradients.n}, logit scale ${report.gradients.logitScale.toFixed(1)}; ${report.thresholds.tests} tests, z ≥ ${report.thresholds.z.toFixed(2)}\n` +
      `  ε sweep (white-box / Square): ${report.sweep.map((p) => `${+p.epsilon.toFixed(4)}: ${pct(p.pgd.robustAccuracy)} / ${pct(p.square.robustAccuracy)}`).join(', ')}\n` +
      `  wall time: train ${run.seconds.toFixed(0)} s + detector ${report.seconds.toFixed(0)} s = ${(run.seconds + report.seconds).toFixed(0)} s`,
  );
}
console.log(`\nAll figures in percent. Chart columns: the last student epoch as the page's accuracy chart shows it; the rest on the detector's subset. ${machine}.`);
console.log(`Total wall time ${((performance.now() - started) / 1000).toFixed(0)} s.\n`);
for (const d of details) console.log(d);
