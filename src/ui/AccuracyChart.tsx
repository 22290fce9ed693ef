import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AttackSettings } from '../engine/events';
import { type RunRecord, currentRun, useRun } from '../state/run';
import { useThrottled } from './use-throttled';
import { formatDecimal, formatDuration, formatPercent } from '../shared/format';

/** The current run: natural in ink, PGD in orange. Earlier runs: one muted colour each, dashed. */
const CURRENT = { natural: '#1d3557', pgd: '#e76f51' };
const EARLIER = ['#2a9d8f', '#8d5fd3', '#b08d2e', '#6c757d', '#457b9d'];

export function describeAttack(pgd: AttackSettings | null): string {
  if (!pgd) return 'measured after the first student epoch';
  return `${pgd.attack}-${pgd.steps}, ε = ${formatDecimal(pgd.epsilon)}, ${pgd.restarts} restart${pgd.restarts > 1 ? 's' : ''}, first ${pgd.subset} test points`;
}

/** An earlier run's PGD settings, short enough for a legend entry. */
function shortAttack(pgd: AttackSettings): string {
  return `${pgd.attack}-${pgd.steps} on ${pgd.subset}`;
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

/** Natural and PGD accuracy per student epoch; earlier runs drawn dashed beside the current one. */
export function AccuracyChart() {
  const runs = useRun((s) => s.runs);
  // The lines redraw a few times a second at most; the caption and table follow every epoch.
  const drawn = useThrottled(runs);
  const current = currentRun(runs);
  const lastEpoch = current?.student.at(-1);
  return (
    <figure className="panel chart" role="figure" aria-label="Accuracy chart">
      <figcaption>
        <h2>Accuracy per epoch</h2>
        <p className="caption">
          Student on the test split. Natural accuracy: all test points. PGD accuracy: {describeAttack(current?.pgd ?? null)}.
          {lastEpoch && ` Epoch ${lastEpoch.epoch} took ${formatDuration(lastEpoch.seconds)}.`}
          {current?.teacherCached && ' Teacher reused from the previous run (only τ, λ or the method changed).'}
          {current?.liveChanges.map((c) => ` ${c.label} from epoch ${c.epoch}, batch ${c.batch}/${c.batches}.`)}
        </p>
      </figcaption>
      <AccuracyLines runs={drawn} />
      <AccuracyTable run={current} />
    </figure>
  );
}

/** The lines themselves (recharts): re-rendered only when the throttled runs change. */
const AccuracyLines = memo(function AccuracyLines({ runs }: { runs: RunRecord[] }) {
  const rows = useMemo(() => chartRows(runs), [runs]);
  const current = currentRun(runs);
  return (
    <div className="chart-area">
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
          <XAxis dataKey="epoch" label={{ value: 'epoch', position: 'insideBottomRight', offset: -4 }} allowDecimals={false} />
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => formatPercent(v, { decimals: 0 })} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? formatPercent(v) : v)} />
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
                name={`PGD accuracy${suffix}${latest || !run.pgd ? '' : ` [${shortAttack(run.pgd)}]`}`}
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
  );
});

/** The current run's numbers, for screen readers, tests and copying. */
function AccuracyTable({ run }: { run: RunRecord | undefined }) {
  return (
    <table aria-label="Accuracy data" className="visually-hidden-table">
      <caption>
        {run ? `Run ${run.id}: ${run.label}. PGD: ${describeAttack(run.pgd)}.` : 'No run yet.'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Epoch</th>
          <th scope="col">Natural accuracy (%)</th>
          <th scope="col">PGD accuracy (%)</th>
        </tr>
      </thead>
      <tbody>
        {run?.student.map((p) => (
          <tr key={p.epoch}>
            <td>{p.epoch}</td>
            <td>{formatPercent(p.natAcc, { sign: false })}</td>
            <td>{formatPercent(p.pgdAcc, { sign: false })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
