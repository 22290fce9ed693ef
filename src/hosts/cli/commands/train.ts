/** `train`: the page's Train — teacher, then student, each epoch evaluated — with its table and files. */
import type { RunEvent } from '../../../shared/events';
import { formatPercent } from '../../../shared/format';
import { metricsCsv, metricsJson } from '../../../shared/metrics-export';
import { captionAttack } from '../../../shared/describe';
import type { RunRecord } from '../../../shared/run-record';
import { type CommandContext, CommandError, print } from '../context';
import { writeModel, writeTexts } from '../files';
import { RunRecorder } from '../../../shared/run-recorder';
import { markdownTable } from '../table';

/** Train one run, reporting progress on stderr; resolves with its record, or throws CommandError. */
export async function trainRun({ args, session, bar }: CommandContext): Promise<RunRecord> {
  const recorder = new RunRecorder(args.config);
  const epochs = { teacher: args.config.teacherEpochs, student: args.config.epochs };
  await session.train(args.config, 1, (event: RunEvent) => {
    recorder.fold(event);
    if (event.type === 'progress') bar.update(event.fraction, event.etaSeconds, `${event.phase} epoch ${event.epoch}`);
    if (event.type === 'epoch') {
      const robust = event.robustAcc === null ? '' : `, robust ${formatPercent(event.robustAcc)}`;
      bar.note(`${event.phase} epoch ${event.epoch}/${epochs[event.phase]}: natural ${formatPercent(event.natAcc)}${robust} (${event.seconds.toFixed(1)} s)`);
    }
  });
  bar.done();
  if (recorder.error !== null) throw new CommandError(recorder.error);
  return recorder.record;
}

/** The run's epochs as a table, with the attack behind the robust column. */
export function runTable(run: RunRecord): string {
  const rows = [...run.teacher.map((p) => ({ phase: 'teacher', p })), ...run.student.map((p) => ({ phase: 'student', p }))];
  const table = markdownTable(
    ['phase', 'epoch', 'natural %', 'robust %', 'loss', 'seconds'],
    rows.map(({ phase, p }) => [phase, p.epoch, p.natAcc.toFixed(1), p.robustAcc === null ? null : p.robustAcc.toFixed(1), p.loss.toFixed(4), p.seconds.toFixed(1)]),
  );
  const final = run.finalAaLite
    ? `\nfinal AA-lite (quick) at epoch ${run.finalAaLite.epoch}: robust ${formatPercent(run.finalAaLite.robustAcc)} — ${captionAttack(run.finalAaLite.attack)}`
    : '';
  return `${run.label} — ${run.outcome}\n\n${table}\n\nrobust: ${run.robustAttack ? captionAttack(run.robustAttack) : 'none'}${final}`;
}

/** metrics.json and metrics.csv (the page's Export metrics), and the models (the page's Export model). */
export async function writeRun(ctx: CommandContext, run: RunRecord): Promise<string[]> {
  const dir = ctx.args.out!;
  const paths = await writeTexts(dir, { 'metrics.json': metricsJson([run]), 'metrics.csv': metricsCsv([run]) });
  paths.push(await writeModel(`${dir}/student`, await ctx.session.exportModel('student')));
  if (run.teacher.length > 0 || run.teacherCached) paths.push(await writeModel(`${dir}/teacher`, await ctx.session.exportModel('teacher')));
  return paths;
}

export async function train(ctx: CommandContext): Promise<void> {
  const run = await trainRun(ctx);
  print(ctx.io.stdout, runTable(run));
  if (ctx.args.out) for (const path of await writeRun(ctx, run)) print(ctx.io.stdout, `wrote ${path}`);
}
