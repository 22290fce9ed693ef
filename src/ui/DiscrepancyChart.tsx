import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DATASET_LABELS } from '../engine/config';
import { type RunRecord, currentRun, useRun } from '../state/run';
import { useThrottled } from './use-throttled';
import { formatDecimal, formatFixed } from '../shared/format';

const nats = (v: number | null | undefined) => (v == null ? '—' : formatFixed(v, 3));

/** Why a data set has no G: only blobs is defined by densities we can write down. */
function noOracleReason(run: RunRecord): string {
  const name = DATASET_LABELS[run.config.dataset];
  return run.config.dataset === 'moons' || run.config.dataset === 'spirals'
    ? `${name} has no closed-form posterior p(c | x) here (noise around curves, redrawn into the square), so G cannot be computed exactly and is not shown. Choose Blobs to see it.`
    : `${name} is real data: nobody knows its true posterior p(c | x), so G cannot be computed (the paper could only simulate it). Choose Blobs to see it.`;
}

/** The student's G (paper Eq. 7) per epoch, against the teacher's soft labels, uniform and one-hot labels. */
export function DiscrepancyChart() {
  // Redrawn a few times a second at most (see useThrottled); the run object changes every epoch.
  const run = useThrottled(useRun((s) => currentRun(s.runs)));
  const points = run?.student.filter((p) => p.discrepancy) ?? [];
  const rows = points.map((p) => ({
    epoch: p.epoch,
    student: p.discrepancy?.model ?? null,
    soft: p.discrepancy?.softLabels?.value ?? null,
    temperature: p.discrepancy?.softLabels?.temperature ?? null,
  }));
  const last = points.at(-1)?.discrepancy;
  const teacher = run?.teacher.at(-1)?.discrepancy;
  const hasSoft = rows.some((r) => r.soft !== null);
  const missing = run && run.student.length > 0 && points.length === 0;
  // Defensive distillation's student learns from labels at T_d, LTD's at τ (the live value, per epoch).
  const softName = run?.config.method === 'defensive-distillation' ? 'softmax(q/T_d)' : 'softmax(q/τ)';
  return (
    <figure className="panel chart" role="figure" aria-label="Discrepancy G(Z)">
      <figcaption>
        <h2>Discrepancy G(Z)</h2>
        <p className="caption">
          G = E[KL(p(c | x) ‖ softmax(Z(x)))] (paper Eq. 7) measures, in nats over the test split, how far a model’s class
          probabilities are from the true posterior; on Blobs it is exact, because the posterior of its Gaussian classes is
          known in closed form. Lower is closer to the oracle; 0 is the Bayes posterior itself.
        </p>
        <p className="caption">
          {!run && 'Train a run on Blobs to see G per epoch.'}
          {missing && noOracleReason(run)}
          {last && `One-hot labels: G = ${nats(last.oneHot)} (the oracle gives the other classes some probability, a one-hot label gives them none). Uniform labels (τ → ∞): G = ${nats(last.uniform)}.`}
          {teacher && ` The teacher’s own softmax(q) at T = 1: G = ${nats(teacher.model)}.`}
        </p>
      </figcaption>
      {rows.length > 0 && (
        <div className="chart-area">
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
              <XAxis dataKey="epoch" allowDecimals={false} label={{ value: 'epoch', position: 'insideBottomRight', offset: -4 }} />
              <YAxis domain={[0, 'auto']} tickFormatter={(v: number) => formatDecimal(v, 2)} width={48} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? `${formatFixed(v, 3)} nats` : v)} />
              <Legend />
              {last && <ReferenceLine y={last.uniform} stroke="#6c757d" strokeDasharray="2 4" label={{ value: 'uniform labels', position: 'insideTopRight', fontSize: 11 }} />}
              {teacher && <ReferenceLine y={teacher.model} stroke="#2a9d8f" strokeDasharray="2 4" label={{ value: 'teacher softmax(q), T = 1', position: 'insideBottomRight', fontSize: 11 }} />}
              <Line dataKey="student" name="Student G" stroke="#1d3557" strokeWidth={2.5} dot={{ r: 3 }} isAnimationActive={false} />
              {hasSoft && (
                <Line dataKey="soft" name={`Teacher soft labels ${softName}`} stroke="#e76f51" strokeDasharray="6 3" isAnimationActive={false} />
              )}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <table aria-label="Discrepancy data" className="visually-hidden-table">
        <thead>
          <tr>
            <th scope="col">Epoch</th>
            <th scope="col">Student G (nats)</th>
            <th scope="col">Teacher soft labels G (nats)</th>
            <th scope="col">Soft-label temperature</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.epoch}>
              <td>{r.epoch}</td>
              <td>{nats(r.student)}</td>
              <td>{nats(r.soft)}</td>
              <td>{r.temperature === null ? '—' : formatDecimal(r.temperature)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
