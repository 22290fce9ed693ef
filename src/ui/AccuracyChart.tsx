import { memo, useMemo } from 'react';
import { EVAL_ATTACK_LABELS, trainingAttackText } from '../shared/config';
import { attackName, captionAttack } from '../shared/describe';
import type { AttackSettings } from '../shared/events';
import { type RunRecord, currentRun, useRun } from '../state/run';
import { useThrottled } from './use-throttled';
import { type ChartAxis, type ChartRule, type ChartSeries, LineChart } from './charts/LineChart';
import { formatDecimal, formatDuration, formatPercent } from '../shared/format';

/** The current run: natural in ink, the robust series in orange. Earlier runs: one muted colour each, dashed. */
const CURRENT = { natural: '#1d3557', pgd: '#e76f51' };
const EARLIER = ['#2a9d8f', '#8d5fd3', '#b08d2e', '#6c757d', '#457b9d'];

export function describeAttack(pgd: AttackSettings | null): string {
  return pgd ? captionAttack(pgd) : 'measured after the first student epoch';
}

/** The attack behind a run's robust series, by name: "PGD", "APGD-CE", "AA-lite" (from its settings once measured). */
export function robustName(run: Pick<RunRecord, 'pgd' | 'config'>): string {
  return run.pgd ? attackName(run.pgd) : EVAL_ATTACK_LABELS[run.config.evalAttack];
}

/** An earlier run's attack settings, short enough for a legend entry. */
const shortAttack = (pgd: AttackSettings) => captionAttack(pgd, 'legend');

/** Two lines per run, natural and robust (named after the run's evaluation attack): the current run in ink and orange, earlier ones muted and dashed. */
function chartSeries(runs: RunRecord[]): ChartSeries[] {
  const current = currentRun(runs);
  return runs.flatMap((run, i) => {
    const latest = run === current;
    const color = EARLIER[i % EARLIER.length];
    const suffix = latest ? '' : run.savedId !== undefined ? ` (saved: ${run.label})` : ` (run ${run.id}: ${run.label})`;
    return [
      {
        key: `nat-${run.id}`, name: `Natural accuracy${suffix}`, points: run.student.map((p) => [p.epoch, p.natAcc] as const),
        color: latest ? CURRENT.natural : color, width: latest ? 2.5 : 1.5, dash: latest ? undefined : '6 3',
      },
      {
        key: `pgd-${run.id}`, name: `${robustName(run)} accuracy${suffix}${latest || !run.pgd ? '' : ` [${shortAttack(run.pgd)}]`}`,
        points: run.student.map((p) => [p.epoch, p.pgdAcc] as const),
        color: latest ? CURRENT.pgd : color, width: latest ? 2.5 : 1.5, dash: latest ? undefined : '1 4', dots: true,
      },
    ];
  });
}

const EPOCH_AXIS: ChartAxis = { label: 'epoch', integer: true, domain: [1, 'auto'], format: (v) => formatDecimal(v) };
const PERCENT_AXIS: ChartAxis = { domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }), detail: (v) => formatPercent(v) };

/**
 * Natural and robust accuracy per student epoch (robust: under the run's evaluation attack, PGD by
 * default, named in the legend, caption and table); earlier runs drawn dashed beside the current one.
 */
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
          Student on the test split. Natural accuracy: all test points. {current ? robustName(current) : 'PGD'} accuracy:{' '}
          {describeAttack(current?.pgd ?? null)}.
          {current && trainingAttackText(current.config) && ` ${trainingAttackText(current.config)}`}
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

/** The lines themselves: redrawn only when the throttled runs change. */
const AccuracyLines = memo(function AccuracyLines({ runs }: { runs: RunRecord[] }) {
  const series = useMemo(() => chartSeries(runs), [runs]);
  const rules = useMemo(
    () => (currentRun(runs)?.liveChanges ?? []).map((c): ChartRule => ({ axis: 'x', at: c.epoch, label: c.label })),
    [runs],
  );
  return (
    <div className="chart-area">
      <LineChart series={series} x={EPOCH_AXIS} y={PERCENT_AXIS} rules={rules} height={280} />
    </div>
  );
});

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
            <td>{formatPercent(p.natAcc, { sign: false })}</td>
            <td>{formatPercent(p.pgdAcc, { sign: false })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
