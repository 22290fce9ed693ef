/**
 * `presets [id,id]`: runs the page's presets (src/shared/presets.ts) exactly as shipped, in Node
 * on the command line's backend: trains each (the page's runExperiment, same seed, same code path), then runs the
 * detector with the preset's own detector settings on the first N test points, as the page's
 * "Run detector" does. Prints one Markdown row per preset as it finishes and its wall time.
 *
 *   npx ltd-playground presets                          # all of them, as shipped
 *   npx ltd-playground presets ltd-hot,defensive-distillation
 *   npx ltd-playground presets natural --epochs 2       # with settings on top (said so in the output)
 *
 * The README's "Presets" table comes from this command's output.
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { configFromQuery, teacherTemperature } from '../../../shared/config';
import { chartAttackOf } from '../../../engine/eval/evaluation-attack';
import { teacherSource } from '../../../engine/eval/indicator-measures';
import { headlineText, overstatementText } from '../../../shared/detector-headline';
import { describeSettings } from '../../../shared/describe';
import { runDetector } from '../../../engine/eval/detector';
import { asClassifier } from '../../../engine/models';
import { PRESETS, expandPresetQuery } from '../../../shared/presets';
import { formatPercent } from '../../../shared/format';
import { detectorBudgetFromQuery, detectorMultiplesFromQuery } from '../../../shared/detector-url';
import { trainOnce } from '../../node/train-once';
import { UsageError } from '../args';
import { type CommandContext, CommandError, print } from '../context';

const pct = (v: number | null) => formatPercent(v, { sign: false });

/** The preset ids named, checked against the table (all of them when none is named). */
export function presetIds(named: string[] | null): string[] {
  const ids = named ?? PRESETS.map((p) => p.id);
  const unknown = ids.find((id) => !PRESETS.some((p) => p.id === id));
  if (unknown !== undefined) throw new UsageError(`presets ${unknown}: not a preset (${PRESETS.map((p) => p.id).join(', ')})`);
  return ids;
}

export async function presets({ args, io }: CommandContext): Promise<void> {
  const log = (line: string) => print(io.stderr, line);
  const out = (line: string) => print(io.stdout, line);
  const ids = presetIds(args.presets);
  const overrides = args.query;
  const machine = `Node ${process.version}, tfjs ${tf.version.tfjs} ${tf.getBackend()} backend, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at start`;
  out(`# Presets, measured: ${machine}${overrides ? `; OVERRIDES on top of the presets: ${overrides}` : ''}\n`);
  out('| preset | natural (chart) | chart robust | natural (detector subset) | AA-lite | white-box part | Square | verdict | failing checks | train | detector |');
  out('|---|---|---|---|---|---|---|---|---|---|---|');

  const details: string[] = [];
  const started = performance.now();
  for (const id of ids) {
    const { query, preset } = expandPresetQuery(`preset=${id}${overrides ? `&${overrides}` : ''}`);
    const { config, issues } = configFromQuery(query);
    if (issues.length > 0) throw new CommandError(`presets ${id}: ${issues.map((i) => i.message).join('; ')}`);
    const budget = detectorBudgetFromQuery(query);
    log(`${id}: training`);
    const run = await trainOnce(config, log);
    log(`${id}: detector`);
    const last = run.studentEpochs.at(-1);
    if (!last) throw new CommandError(`presets: ${id} trained no student epoch`);

    // The detector as the worker runs it (EngineSession.runDetector): the first `subset` test points.
    const n = Math.min(budget.subset, run.dataset.test.n);
    const size = run.dataset.inputShape.reduce((a, b) => a * b, 1);
    const x = tf.tensor(run.dataset.test.x.subarray(0, n * size), [n, ...run.dataset.inputShape], 'float32');
    const y = tf.tensor1d(run.dataset.test.y.subarray(0, n), 'int32');
    const multiples = detectorMultiplesFromQuery(query);
    let stage = '';
    // As the session's detector: the chart's attack is the preset's Evaluation attack, and the teacher (at its training temperature) is the transfer source.
    const transfer = run.teacher && teacherSource(asClassifier(run.teacher), teacherTemperature(config));
    const report = await runDetector(asClassifier(run.model), x, y, {
      epsilon: config.epsilon, seed: config.seed, whiteBox: budget.attack, aaBudget: budget.aaBudget, pgdSteps: budget.pgdSteps, restarts: budget.restarts,
      ...(budget.queries ? { squareQueries: budget.queries } : {}), ...(multiples ? { sweepMultiples: multiples } : {}),
      evaluation: chartAttackOf(config), ...(transfer ? { transfer } : {}),
    }, (p) => {
      if (p.stage !== stage) log(`  detector: ${(stage = p.stage)} (${Math.round(100 * p.fraction)} %)`);
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
      preset?.name ?? id, pct(last.natAcc), pct(last.robustAcc), pct(report.cleanAccuracy), pct(a.aaLite?.robustAccuracy ?? null), pct(a.whiteBox.robustAccuracy),
      pct(a.square.robustAccuracy), verdict, failed.join('; ') || '—', `${run.seconds.toFixed(0)} s`, `${report.seconds.toFixed(0)} s`,
    ];
    out(`| ${row.join(' | ')} |`);
    details.push(
      `- ${preset?.name ?? id}: \`?${query}\`\n` +
        `  teacher ${run.teacherAcc === null ? '—' : `${pct(run.teacherAcc)} %`}; ${labels}chart: natural on the ${run.dataset.test.n} test points, ${last.robustAttack ? describeSettings(last.robustAttack, { withEpsilon: true }) : 'no robust figure'}\n` +
        `  detector: ${report.whiteBoxName} white-box side; ${a.aaLite ? describeSettings(a.aaLite.settings, { withEpsilon: true }) : '—'}; ` +
        `${describeSettings(a.square.settings, { withEpsilon: true })}; PGD-${budget.pgdSteps} × ${budget.restarts} ${pct(a.pgd.robustAccuracy)} %; ` +
        `FGSM ${pct(a.fgsm.robustAccuracy)} %; zero input gradients ${report.gradients.vanishing}/${report.gradients.n}, logit scale ${report.gradients.logitScale.toFixed(1)}; ${report.thresholds.tests} tests, z ≥ ${report.thresholds.z.toFixed(2)}\n` +
        `  first line: ${[overstatementText(report.headline), headlineText(report.headline)].filter(Boolean).join(' ')}\n` +
        `  ε sweep (white-box / Square): ${report.sweep.map((p) => `${+p.epsilon.toFixed(4)}: ${pct(p.pgd.robustAccuracy)} / ${pct(p.square.robustAccuracy)}`).join(', ')}\n` +
        `  wall time: train ${run.seconds.toFixed(0)} s + detector ${report.seconds.toFixed(0)} s = ${(run.seconds + report.seconds).toFixed(0)} s`,
    );
  }
  out(`\nAll figures in percent. Chart columns: the last student epoch as the page's accuracy chart shows it; the rest on the detector's subset. ${machine}.`);
  out(`Total wall time ${((performance.now() - started) / 1000).toFixed(0)} s.\n`);
  for (const d of details) out(d);
}
