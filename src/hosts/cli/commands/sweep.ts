/**
 * `sweep tau` and `sweep lambda`: the page's τ sweep and the λ sweep (paper Tables 5–6), as a table.
 * With `--repeats 3|5` each value is trained at seeds seed, seed + 1, …: the table prints each
 * figure as mean ± s.d. over the repeats with their count n, and the files keep every repeat's row.
 */
import type { EventOf, LambdaSweepEvent, SweepFigures, TemperatureSweepEvent } from '../../../shared/events';
import { captionAttack } from '../../../shared/describe';
import { formatMeanSd } from '../../../shared/format';
import { groupRepeats, type RepeatGroup, type RepeatTag } from '../../../shared/repeats';
import type { Summary } from '../../../shared/stats';
import { type CommandContext, CommandError, print } from '../context';
import { writeTexts } from '../files';
import { markdownTable } from '../table';

const DEFAULT_VALUES = { tau: [1, 2, 5, 10, 20], lambda: [3, 4, 5, 6, 7] };

type Row = { name: string } & RepeatTag & SweepFigures;

/** One line per value: the figure itself for one seed, mean ± s.d. over several. */
function table(groups: RepeatGroup<Row>[], repeated: boolean, first: string): string {
  const cell = (s: Summary | null) => (s === null ? null : repeated ? formatMeanSd(s) : s.mean.toFixed(1));
  const body = markdownTable(
    [first, 'natural %', 'white-box %', 'Square %', 'worst case %', 'n'],
    groups.map(({ key, spread: s }) => [key, cell(s.natAcc), cell(s.robustAcc), cell(s.squareAcc), cell(s.worstCaseAcc), s.natAcc.n]),
  );
  const firstRow = groups[0]?.first;
  const attacks = firstRow ? [firstRow.robustAttack, firstRow.square].flatMap((s) => (s ? [captionAttack(s)] : [])) : [];
  return `${body}\n\n${attacks.map((a) => `- ${a}`).join('\n')}`;
}

const csv = (rows: Row[], first: string) =>
  [`${first},natural,white_box,square,worst_case,subset,white_box_attack,square_attack,seed`,
    ...rows.map((r) => [r.name, r.natAcc, r.robustAcc, r.squareAcc ?? '', r.worstCaseAcc, r.subset, `"${captionAttack(r.robustAttack)}"`, r.square ? `"${captionAttack(r.square)}"` : '', r.seed].join(','))].join('\n') + '\n';

export async function sweep(ctx: CommandContext): Promise<void> {
  const { args, session, bar, io } = ctx;
  const kind = args.sweep!;
  const values = args.values ?? DEFAULT_VALUES[kind];
  const { repeats } = args;
  const square = { square: true, ...(args.config.aaQueries > 0 ? { squareQueries: args.config.aaQueries } : {}) };
  const rows: Row[] = [];
  let error: string | null = null;
  const seedText = (e: { repeat: number; repeats: number }) => (e.repeats > 1 ? ` · seed ${args.config.seed + e.repeat - 1} (repeat ${e.repeat}/${e.repeats})` : '');
  const onEvent = (event: TemperatureSweepEvent | LambdaSweepEvent) => {
    if (event.type === 'error') error ??= event.message;
    if (event.type === 'sweep-progress') bar.update(event.fraction, event.etaSeconds, `τ = ${event.tau} (${event.index}/${event.count}, ${event.stage})${seedText(event)}`);
    if (event.type === 'lambda-progress') bar.update(event.fraction, event.etaSeconds, `${event.method === 'ltd' ? 'LTD' : 'TRADES'} λ = ${event.lambda} (${event.index}/${event.count})${seedText(event)}`);
    if (event.type === 'sweep-point' || event.type === 'lambda-point') {
      const row = { ...event, name: nameOf(event) };
      rows.push(row);
      bar.note(`${row.name}${repeats > 1 ? ` (seed ${row.seed})` : ''}: natural ${row.natAcc.toFixed(1)} %, white-box ${row.robustAcc.toFixed(1)} %, Square ${row.squareAcc?.toFixed(1) ?? '—'} %`);
    }
  };
  if (kind === 'tau') await session.temperatureSweep(args.config, { taus: values, ...square, findTauMax: false, repeats }, onEvent);
  else await session.lambdaSweep(args.config, { lambdas: values, ...square, trades: true, repeats }, onEvent);
  bar.done();
  if (error !== null) throw new CommandError(error);
  const first = kind === 'tau' ? 'τ' : 'λ';
  const title = kind === 'tau' ? `τ sweep: LTD (λ = ${args.config.lambda})` : `λ sweep: LTD (τ = ${args.config.tau}), TRADES as reference`;
  const seeds = repeats > 1 ? `seeds ${args.config.seed}–${args.config.seed + repeats - 1} (mean ± s.d. over n)` : `seed ${args.config.seed}`;
  // The engine runs the values in ascending order each repeat: the first repeat's order is the table's.
  const groups = groupRepeats(rows, (r) => r.name);
  print(io.stdout, `${title}, ${args.config.epochs} epochs, ${seeds}, on the first ${rows[0]?.subset ?? 0} test points\n\n${table(groups, repeats > 1, first)}`);
  if (args.out) {
    const files = await writeTexts(args.out, { [`${kind}-sweep.json`]: JSON.stringify({ exported: new Date().toISOString(), config: args.config, repeats, points: rows }, null, 2), [`${kind}-sweep.csv`]: csv(rows, kind) });
    for (const path of files) print(io.stdout, `wrote ${path}`);
  }
}

function nameOf(event: EventOf<'sweep-point'> | EventOf<'lambda-point'>): string {
  if (event.type === 'sweep-point') return `${event.tau}`;
  return event.method === 'ltd' ? `${event.lambda}` : `TRADES (λ = ${event.lambda})`;
}
