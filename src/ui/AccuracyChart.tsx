import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { EVAL_ATTACK_LABELS, trainingAttackText } from '../engine/config';
import { attackName, describeSettings } from '../engine/eval/describe';
import type { AttackSettings } from '../engine/events';
import { type RunRecord, currentRun, useRun } from '../state/run';

/** The current run: natural in ink, the robust series in orange. Earlier runs: one muted colour each, dashed. */
const CURRENT = { natural: '#1d3557', pgd: '#e76f51' };
const EARLIER = ['#2a9d8f', '#8d5fd3', '#b08d2e', '#6c757d', '#457b9d'];

export function describeAttack(pgd: AttackSettings | null): string {
  if (!pgd) return 'measured after the first student epoch';
  if (pgd.attack !== 'PGD') return describeSettings(pgd);
  return `${pgd.attack}-${pgd.steps}, ε = ${pgd.epsilon}, ${pgd.restarts} restart${pgd.restarts > 1 ? 's' : ''}, first ${pgd.subset} test points`;
}

/** The attack behind a run's robust series, by name: "PGD", "APGD-CE", "AA-lite" (from its settings once measured). */
export function robustName(run: Pick<RunRecord, 'pgd' | 'config'>): string {
  return run.pgd ? attackName(run.pgd) : EVAL_ATTACK_LABELS[run.config.evalAttack];
}

/** An earlier run's attack settings, short enough for a legend entry. */
function shortAttack(pgd: AttackSettings): string {
  if (pgd.attack === 'AA-lite') return `AA-lite (${pgd.budget}) on ${pgd.subset}`;
  if (pgd.attack === 'PGD') return `PGD-${pgd.steps} on ${pgd.subset}`;
  return `${attackName(pgd)} ${pgd.steps} it. on ${pgd.subset}`;
}

/** One row per epoch, one column per run and series (recharts wants wide data). */
function chartRows(runs: RunRecord[]) {
  const epochs = Math.max(0, ...runs.map((r) => r.student.length));
  return Array.from({ length: epochs }, (_, i) => {
    const row: Record<string, number | null> = { epoch: i + 1 };
    for (const run of runs) {
      const point = run.student[i];
      row[`nat-${run.id}`] = point?.natAcc ?? null;
      row[`pgd-${run.id}`] = point?.pgdAcc ?? null;
    }
    return row;
  });
}

/**
 * Natural and robust accuracy per student epoch (robust: under the run's evaluation attack, PGD by
 * default, named in the legend, caption and table); earlier runs drawn dashed beside the current one.
 */
export function AccuracyChart() {
  const runs = useRun((s) => s.runs);
  const rows = useMemo(() => chartRows(runs), [runs]);
  const current = currentRun(runs);
  const lastEpoch = current?.student.at(-1);
  return (
    <figure className="panel chart" role="figure" aria-label="Accuracy chart">
      <figcaption>
        <h2>Accuracy per epoch</h2>
        <p className="caption">
          Student on the test split. Natural accuracy: all test points. {current ? robustName(current) : 'PGD'} accuracy:{' '}
          {describeAttack(current?.pgd ?? null)}.
          {current && trainingAttackText(current.config) && ` ${trainingAttackText(current.config)}`}
          {lastEpoch && ` Epoch ${lastEpoch.epoch} took ${lastEpoch.seconds.toFixed(1)} s.`}
          {current?.teacherCached && ' Teacher reused from the previous run (only τ, λ or the method changed).'}
          {current?.liveChanges.map((c) => ` ${c.label} from epoch ${c.epoch}, batch ${c.batch}/${c.batches}.`)}
        </p>
      </figcaption>
      <div className="chart-area">
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
            <XAxis dataKey="epoch" label={{ value: 'epoch', position: 'insideBottomRight', offset: -4 }} allowDecimals={false} />
            <YAxis domain={[0, 100]} unit="%" />
            <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : v)} />
            <Legend />
            {current?.liveChanges.map((c, i) => (
              <ReferenceLine key={`live-${i}`} x={c.epoch} stroke="#6c757d" strokeDasharray="4 2" label={{ value: c.label, position: 'insideTopLeft', fontSize: 11 }} />
            ))}
            {runs.map((run, i) => {
              const latest = run === current;
              const color = EARLIER[i % EARLIER.length];
              const suffix = latest ? '' : run.savedId !== undefined ? ` (saved: ${run.label})` : ` (run ${run.id}: ${run.label})`;
              return [
                <Line
                  key={`nat-${run.id}`}
                  dataKey={`nat-${run.id}`}
                  name={`Natural accuracy${suffix}`}
                  stroke={latest ? CURRENT.natural : color}
                  strokeWidth={latest ? 2.5 : 1.5}
                  strokeDasharray={latest ? undefined : '6 3'}
                  isAnimationActive={false}
                  connectNulls
                />,
                <Line
                  key={`pgd-${run.id}`}
                  dataKey={`pgd-${run.id}`}
                  name={`${robustName(run)} accuracy${suffix}${latest || !run.pgd ? '' : ` [${shortAttack(run.pgd)}]`}`}
                  stroke={latest ? CURRENT.pgd : color}
                  strokeWidth={latest ? 2.5 : 1.5}
                  strokeDasharray={latest ? undefined : '1 4'}
                  dot={{ r: 3 }}
                  isAnimationActive={false}
                  connectNulls
                />,
              ];
            })}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <AccuracyTable run={current} />
    </figure>
  );
}

/** The current run's numbers, for screen readers, tests and copying. */
function AccuracyTable({ run }: { run: RunRecord | undefined }) {
  return (
    <table aria-label="Accuracy data" className="visually-hidden-table">
      <caption>
        {run ? `Run ${run.id}: ${run.label}. ${robustName(run)}: ${describeAttack(run.pgd)}.` : 'No run yet.'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Epoch</th>
          <th scope="col">Natural accuracy (%)</th>
          <th scope="col">{run ? robustName(run) : 'PGD'} accuracy (%)</th>
        </tr>
      </thead>
      <tbody>
        {run?.student.map((p) => (
          <tr key={p.epoch}>
            <td>{p.epoch}</td>
            <td>{p.natAcc.toFixed(1)}</td>
            <td>{p.pgdAcc === null ? '—' : p.pgdAcc.toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
