import { memo, useMemo } from 'react';
import { trainingAttackText } from '../../shared/config';
import { useThrottled } from '../use-throttled';
import { type ChartAxis, type ChartRule, LineChart } from '../charts/LineChart';
import { formatDecimal, formatDuration, formatPercent } from '../../shared/format';
import { chartSeries, describeAttack, finalAaLiteName, robustName } from './accuracy-series';
import { AccuracyTable } from './AccuracyTable';
import { groupOf, seedsText } from './run-groups';
import type { RunRecord } from '../../shared/run-record';
import { currentRun } from './slice';
import { useStore } from '../store';

const EPOCH_AXIS: ChartAxis = { label: 'epoch', integer: true, domain: [1, 'auto'], format: (v) => formatDecimal(v) };
const PERCENT_AXIS: ChartAxis = { domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }), detail: (v) => formatPercent(v) };

/**
 * Natural and robust accuracy per student epoch (robust: under the run's evaluation attack, PGD by
 * default, named in the legend, caption and table); earlier runs drawn dashed beside the current one,
 * and a repeated Train as the mean over its seeds with their min–max shaded.
 */
export function AccuracyChart() {
  const runs = useStore.use.run.runs();
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
          {describeAttack(current?.robustAttack ?? null)}.
          {current && trainingAttackText(current.config) && ` ${trainingAttackText(current.config)}`}
          {lastEpoch && ` Epoch ${lastEpoch.epoch} took ${formatDuration(lastEpoch.seconds)}.`}
          {current?.finalAaLite &&
            ` Diamond: ${finalAaLiteName(current.finalAaLite)}, ${formatPercent(current.finalAaLite.robustAcc)} robust (${robustName(current)} said ${
              lastEpoch?.robustAcc == null ? '—' : formatPercent(lastEpoch.robustAcc)
            }).`}
          {current?.teacherCached && ' Teacher reused from the previous run (only τ, λ or the method changed).'}
          {current?.liveChanges.map((c) => ` ${c.label} from epoch ${c.epoch}, batch ${c.batch}/${c.batches}.`)}
          {current?.repeat &&
            ` Repeats: seed ${current.repeat.seed} is run ${current.repeat.repeat} of ${current.repeat.repeats}; the lines are the mean over ${seedsText(groupOf(runs, current))} so far, shaded: their min–max.`}
        </p>
      </figcaption>
      <AccuracyLines runs={drawn} />
      <AccuracyTable runs={runs} run={current} />
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
