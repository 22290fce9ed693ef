/** `sweep tau` and `sweep lambda`: the page's τ sweep and the λ sweep (paper Tables 5–6), as a table. */
import type { EngineEvent, EventOf, SweepFigures } from '../../shared/events';
import { captionAttack } from '../../shared/describe';
import { type CommandContext, CommandError, print } from '../context';
import { writeTexts } from '../files';
import { markdownTable } from '../table';

const DEFAULT_VALUES = { tau: [1, 2, 5, 10, 20], lambda: [3, 4, 5, 6, 7] };

type Row = { name: string } & SweepFigures;

function table(rows: Row[], first: string): string {
  const pct = (v: number | null) => (v === null ? null : v.toFixed(1));
  const body = markdownTable(
    [first, 'natural %', 'white-box %', 'Square %', 'worst case %'],
    rows.map((r) => [r.name, pct(r.natAcc), pct(r.pgdAcc), pct(r.squareAcc), pct(r.robustAcc)]),
  );
  const attacks = rows[0] ? [rows[0].pgd, rows[0].square].flatMap((s) => (s ? [captionAttack(s)] : [])) : [];
  return `${body}\n\n${attacks.map((a) => `- ${a}`).join('\n')}`;
}

const csv = (rows: Row[], first: string) =>
  [`${first},natural,white_box,square,worst_case,subset,white_box_attack,square_attack`,
    ...rows.map((r) => [r.name, r.natAcc, r.pgdAcc, r.squareAcc ?? '', r.robustAcc, r.subset, `"${captionAttack(r.pgd)}"`, r.square ? `"${captionAttack(r.square)}"` : ''].join(','))].join('\n') + '\n';

export async function sweep(ctx: CommandContext): Promise<void> {
  const { args, session, bar, io } = ctx;
  const kind = args.sweep!;
  const values = args.values ?? DEFAULT_VALUES[kind];
  const square = { square: true, ...(args.config.aaQueries > 0 ? { squareQueries: args.config.aaQueries } : {}) };
  const rows: Row[] = [];
  let error: string | null = null;
  const onEvent = (event: EngineEvent) => {
    if (event.type === 'error') error ??= event.message;
    if (event.type === 'sweep-progress') bar.update(event.fraction, event.etaSeconds, `τ = ${event.tau} (${event.index}/${event.count}, ${event.stage})`);
    if (event.type === 'lambda-progress') bar.update(event.fraction, event.etaSeconds, `${event.method === 'ltd' ? 'LTD' : 'TRADES'} λ = ${event.lambda} (${event.index}/${event.count})`);
    if (event.type === 'sweep-point' || event.type === 'lambda-point') {
      const row = { ...event, name: nameOf(event) };
      rows.push(row);
      bar.note(`${row.name}: natural ${row.natAcc.toFixed(1)} %, white-box ${row.pgdAcc.toFixed(1)} %, Square ${row.squareAcc?.toFixed(1) ?? '—'} %`);
    }
  };
  if (kind === 'tau') await session.temperatureSweep(args.config, { taus: values, ...square, findTauMax: false }, onEvent);
  else await session.lambdaSweep(args.config, { lambdas: values, ...square, trades: true }, onEvent);
  bar.done();
  if (error !== null) throw new CommandError(error);
  const first = kind === 'tau' ? 'τ' : 'λ';
  const title = kind === 'tau' ? `τ sweep: LTD (λ = ${args.config.lambda})` : `λ sweep: LTD (τ = ${args.config.tau}), TRADES as reference`;
  print(io.stdout, `${title}, ${args.config.epochs} epochs, seed ${args.config.seed}, on the first ${rows[0]?.subset ?? 0} test points\n\n${table(rows, first)}`);
  if (args.out) {
    const files = await writeTexts(args.out, { [`${kind}-sweep.json`]: JSON.stringify({ exported: new Date().toISOString(), config: args.config, points: rows }, null, 2), [`${kind}-sweep.csv`]: csv(rows, kind) });
    for (const path of files) print(io.stdout, `wrote ${path}`);
  }
}

function nameOf(event: EventOf<'sweep-point'> | EventOf<'lambda-point'>): string {
  if (event.type === 'sweep-point') return `${event.tau}`;
  return event.method === 'ltd' ? `${event.lambda}` : `TRADES (λ = ${event.lambda})`;
}
