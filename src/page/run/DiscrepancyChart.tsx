import { useMemo } from 'react';
import { DATASET_LABELS } from '../../shared/config';
import { useThrottled } from '../use-throttled';
import { formatDecimal, formatFixed } from '../../shared/format';
import { type ChartAxis, type ChartRule, type ChartSeries, LineChart } from '../charts/LineChart';
import type { RunRecord } from '../../shared/run-record';
import { currentRun } from './slice';
import { useStore } from '../store';

const EPOCH_AXIS: ChartAxis = { label: 'epoch', integer: true, domain: [1, 'auto'], format: (v) => formatDecimal(v) };
const NATS_AXIS: ChartAxis = { domain: [0, 'auto'], format: (v) => formatDecimal(v, 2), detail: (v) => `${formatFixed(v, 3)} nats` };

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
  const run = useStore((s) => currentRun(s.run.runs));
  const points = useMemo(() => run?.student.filter((p) => p.discrepancy) ?? [], [run]);
  const rows = useMemo(
    () =>
      points.map((p) => ({
        epoch: p.epoch,
        student: p.discrepancy?.model ?? null,
        soft: p.discrepancy?.softLabels?.value ?? null,
        temperature: p.discrepancy?.softLabels?.temperature ?? null,
      })),
    [points],
  );
  const last = points.at(-1)?.discrepancy;
  const teacher = run?.teacher.at(-1)?.discrepancy;
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
      {rows.length > 0 && <DiscrepancyLines rows={rows} uniform={last?.uniform} teacher={teacher?.model} softName={softName} />}
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

type Row = { epoch: number; student: number | null; soft: number | null };

/** G per epoch (student, and the soft labels it learns from), with uniform labels and the teacher as levels; redrawn at most every 300 ms. */
function DiscrepancyLines({ rows, uniform, teacher, softName }: { rows: Row[]; uniform?: number; teacher?: number; softName: string }) {
  const drawn = useThrottled(rows);
  const series = useMemo((): ChartSeries[] => {
    const student: ChartSeries = { key: 'student', name: 'Student G', points: drawn.map((r) => [r.epoch, r.student] as const), color: '#1d3557', width: 2.5, dots: true };
    const soft: ChartSeries = { key: 'soft', name: `Teacher soft labels ${softName}`, points: drawn.map((r) => [r.epoch, r.soft] as const), color: '#e76f51', dash: '6 3' };
    return drawn.some((r) => r.soft !== null) ? [student, soft] : [student];
  }, [drawn, softName]);
  const rules = useMemo((): ChartRule[] => [
    ...(uniform !== undefined && Number.isFinite(uniform) ? [{ axis: 'y' as const, at: uniform, label: 'uniform labels' }] : []),
    ...(teacher !== undefined && Number.isFinite(teacher) ? [{ axis: 'y' as const, at: teacher, label: 'teacher softmax(q), T = 1', color: '#2a9d8f' }] : []),
  ], [uniform, teacher]);
  return (
    <div className="chart-area">
      <LineChart series={series} x={EPOCH_AXIS} y={NATS_AXIS} rules={rules} height={240} />
    </div>
  );
}
