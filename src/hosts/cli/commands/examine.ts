/** `detect` and `evaluate`: the page's detector, and one attack's robust accuracy, on an exported model or a fresh run. */
import type { AttackSpec } from '../../../engine/eval/robust';
import type { ModelRole } from '../../../engine/run/engine-api';
import type { DetectorCurves } from '../../../shared/curves';
import { captionAttack } from '../../../shared/describe';
import { headlineText, overstatementRule, overstatementText } from '../../../shared/detector-headline';
import { formatMeasure, formatPercent } from '../../../shared/format';
import { type CommandContext, print } from '../context';
import { modelFiles, writeTexts } from '../files';
import { markdownTable } from '../table';
import { runTable, trainRun, writeRun } from './train';

/** The model to examine: an import from --model-dir, or the student of a run trained now. */
async function modelRole(ctx: CommandContext): Promise<ModelRole> {
  const { args, session, io } = ctx;
  if (args.modelDir) {
    const summary = await session.importModel(await modelFiles(args.modelDir), args.config.dataset);
    print(io.stderr, `imported ${args.modelDir}: ${JSON.stringify(summary)}`);
    return 'imported';
  }
  const run = await trainRun(ctx);
  print(io.stdout, `${runTable(run)}\n`);
  if (args.out) for (const path of await writeRun(ctx, run)) print(io.stdout, `wrote ${path}`);
  return 'student';
}

const subsetOf = (ctx: CommandContext) => ctx.args.subset ?? Math.min(ctx.args.config.evalSubset, ctx.args.config.testSize);

export async function detect(ctx: CommandContext): Promise<void> {
  const { args, session, bar, io } = ctx;
  const role = await modelRole(ctx);
  const { config } = args;
  const report = await session.runDetector(
    { role, config, subset: subsetOf(ctx), epsilon: config.epsilon, seed: config.seed, options: {
        aaBudget: config.aaBudget, robustnessCurve: args.robustnessCurve, ...(config.aaQueries > 0 ? { squareQueries: config.aaQueries } : {}),
      },
    },
    (p) => bar.update(p.fraction, null, `detector: ${p.stage}`),
  );
  bar.done();
  const a = report.attacks;
  const named: Array<[string, typeof a.pgd]> = [
    ['chart (evaluation attack)', a.evaluation], ['AA-lite', a.aaLite], ['white-box', a.whiteBox], ['PGD', a.pgd], ['APGD-DLR', a.dlr],
    ['FGSM', a.fgsm], ['Square', a.square], ['noise', a.noise], ['unbounded', a.unbounded],
  ];
  const attacks = markdownTable(['attack', 'robust %', 'settings'], named.map(([name, f]) => [name, f.robustAccuracy.toFixed(1), captionAttack(f.settings)]));
  const checks = markdownTable(
    ['#', 'kind', 'check', 'result', 'numbers'],
    report.checks.map((c, i) => [
      i + 1, c.kind === 'warning-sign' ? 'warning sign' : 'attack failure', c.title, c.passed ? 'pass' : c.strong ? 'FAIL (strong)' : 'FAIL',
      c.numbers.map((x) => `${x.label}: ${formatMeasure(x.value, x.unit)}`).join('; '),
    ]),
  );
  const finding = overstatementText(report.headline);
  print(io.stdout, [
    `${finding ? `${finding} ` : ''}${headlineText(report.headline)}${report.headline.sameAttack ? '' : ` Overstates at ${overstatementRule(report.headline)}.`}`,
    `verdict: ${report.verdict} — ${report.judgeable.explanation}`,
    `${report.subset} test points, natural accuracy ${formatPercent(report.cleanAccuracy)}, white-box side ${report.whiteBoxName}, ${report.seconds.toFixed(1)} s`,
    '', checks, '', attacks, ...curveLines(report.curves),
  ].join('\n'));
  if (args.out) for (const path of await writeTexts(args.out, { 'detector.json': JSON.stringify(report, null, 2) })) print(io.stdout, `wrote ${path}`);
}

/** The curves in a few lines (detector.json under --out holds them whole). */
function curveLines(curves: DetectorCurves | undefined): string[] {
  if (!curves) return [];
  const lines = curves.convergence.map((c) => `convergence ${c.name}: ${formatPercent(c.success.at(-1) ?? 0)} broken after ${c.success.length - 1} iterations`);
  const q = curves.square;
  if (q) lines.push(`Square: ${q.broken} of ${q.cleanCorrect} broken, mean ${q.meanQueries?.toFixed(1) ?? '—'} and median ${q.medianQueries ?? '—'} queries of the broken`);
  const r = curves.robustness;
  if (r) lines.push(`robustness curve (${r.attack}, ${r.bisections} bisections, resolution ${r.resolution.toPrecision(3)}): ${r.points.map(([e, acc]) => `${e.toPrecision(3)} → ${acc.toFixed(1)}%`).join(', ')}`);
  return ['', ...lines];
}

export async function evaluate(ctx: CommandContext): Promise<void> {
  const { args, session, bar, io } = ctx;
  const role = await modelRole(ctx);
  const { config } = args;
  const seed = config.seed;
  const aaQueries = config.aaQueries > 0 ? config.aaQueries : undefined;
  const spec: AttackSpec =
    args.attack === 'aa-lite' ? { attack: 'AA-lite', budget: config.aaBudget, epsilon: config.epsilon, seed, ...(aaQueries ? { queries: aaQueries } : {}) }
    : args.attack === 'pgd' ? { attack: 'PGD', epsilon: config.epsilon, steps: config.evalPgdSteps, restarts: 1, seed }
    // --queries is Square's own budget; --aa-queries, which older scripts pass, still counts when it is absent.
    : { attack: 'Square', epsilon: config.epsilon, queries: args.queries ?? aaQueries, seed };
  const figure = await session.evaluate({ role, config, subset: subsetOf(ctx), attack: spec }, (f) => bar.update(f, null, `evaluate: ${args.attack}`));
  bar.done();
  const natural = (100 * figure.cleanCorrect) / figure.settings.subset;
  print(io.stdout, markdownTable(['attack', 'natural %', 'robust %', 'settings'], [[args.attack, natural.toFixed(1), figure.robustAccuracy.toFixed(1), captionAttack(figure.settings)]]));
  if (args.out) for (const path of await writeTexts(args.out, { 'evaluate.json': JSON.stringify(figure, null, 2) })) print(io.stdout, `wrote ${path}`);
}
