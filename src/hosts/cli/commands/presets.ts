/**
 * `presets [id,id]`: runs the page's presets (src/shared/presets.ts) at a size (`--size cpu`, the
 * default, or `gpu`), in Node on the command line's backend: trains each (the page's
 * runExperiment, same seed, same code path), then runs the detector with the preset's own
 * detector settings on the first N test points, as the page's "Run detector" does. Prints one
 * Markdown row per preset as it finishes and its wall time. `--verify` asserts each claim instead
 * (preset-verify.ts).
 *
 *   npx ltd-playground presets                          # all the training presets, CPU size
 *   npx ltd-playground presets ltd-hot,defensive-distillation --size gpu
 *   npx ltd-playground presets natural --epochs 2       # with settings on top (said so in the output)
 *   npx ltd-playground presets --verify                 # every claim, and the README's table
 */
import { headlineText, overstatementText } from '../../../shared/detector-headline';
import { describeSettings } from '../../../shared/describe';
import { PRESETS, presetById } from '../../../shared/presets';
import { formatPercent } from '../../../shared/format';
import { detectorBudgetFromQuery } from '../../../shared/url-params';
import { UsageError } from '../args';
import { type CommandContext, print } from '../context';
import { machineLine, presetConfig, presetIds, runPreset } from '../preset-run';
import { verifyPresets } from './preset-verify';

const pct = (v: number | null) => formatPercent(v, { sign: false });

export async function presets(ctx: CommandContext): Promise<void> {
  const { args, io } = ctx;
  if (args.verify) return verifyPresets(ctx);
  const log = (line: string) => print(io.stderr, line);
  const out = (line: string) => print(io.stdout, line);
  const ids = presetIds(args.presets ?? PRESETS.filter((p) => p.runs === 'train').map((p) => p.id));
  const sweep = ids.find((id) => presetById(id)?.runs === 'tau-sweep');
  if (sweep) throw new UsageError(`presets ${sweep}: a τ sweep preset; run it with presets --verify ${sweep}, or sweep tau`);
  const overrides = args.query;
  const machine = machineLine();
  out(`# Presets (${args.size.toUpperCase()} size), measured: ${machine}${overrides ? `; OVERRIDES on top of the presets: ${overrides}` : ''}\n`);
  out('| preset | natural (chart) | chart robust | natural (detector subset) | AA-lite | white-box part | Square | verdict | failing checks | train | detector |');
  out('|---|---|---|---|---|---|---|---|---|---|---|');

  const details: string[] = [];
  const started = performance.now();
  for (const id of ids) {
    const preset = presetById(id)!;
    const { config, query } = presetConfig(id, args.size, overrides);
    const budget = detectorBudgetFromQuery(query);
    log(`${id}: training`);
    const { run, report, labels } = await runPreset(config, query, log, false);
    const last = run.studentEpochs.at(-1)!;
    const a = report.attacks;
    const failed = report.checks.flatMap((c, i) => (c.passed ? [] : [`${i + 1}. ${c.title}`]));
    const verdict = report.verdict === 'no verdict' ? `no verdict (${report.judgeable.reason})` : report.verdict;
    const row = [
      preset.name, pct(last.natAcc), pct(last.robustAcc), pct(report.cleanAccuracy), pct(a.aaLite?.robustAccuracy ?? null), pct(a.whiteBox.robustAccuracy),
      pct(a.square.robustAccuracy), verdict, failed.join('; ') || '—', `${run.seconds.toFixed(0)} s`, `${report.seconds.toFixed(0)} s`,
    ];
    out(`| ${row.join(' | ')} |`);
    details.push(
      `- ${preset.name}: \`?${query}\`\n` +
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
