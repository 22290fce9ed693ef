import { useMemo } from 'react';
import { useThrottled } from '../use-throttled';
import { formatDecimal, formatSignificant } from '../../shared/format';
import { piecewiseText } from '../../shared/lr-schedule';
import { type ChartAxis, type ChartSeries, LineChart } from '../charts/LineChart';
import { currentRun } from './slice';
import { useStore } from '../store';

const EPOCH_AXIS: ChartAxis = { label: 'epoch', integer: true, domain: [1, 'auto'], format: (v) => formatDecimal(v) };
const RATE_AXIS: ChartAxis = { scale: 'log', format: (v) => formatSignificant(v, 1), detail: (v) => formatSignificant(v) };

/** The schedule in words; piecewise names the epochs its drops fall after, since short runs round them apart. */
function scheduleText(schedule: 'constant' | 'piecewise' | 'cosine', epochs: number): string {
  if (schedule === 'piecewise') return piecewiseText(epochs);
  return schedule === 'constant' ? 'constant' : 'cosine, from the base rate towards 0';
}

/** The student's learning rate per epoch (log scale), as the schedule set it. */
export function LearningRateChart() {
  // Redrawn a few times a second at most (see useThrottled); the run object changes every epoch.
  const run = useThrottled(useStore((s) => currentRun(s.run.runs)));
  const series = useMemo(
    (): ChartSeries[] => [{ key: 'lr', name: 'Learning rate', points: run?.student.map((p) => [p.epoch, p.lr] as const) ?? [], color: '#457b9d', dots: true }],
    [run],
  );
  return (
    <figure className="panel chart chart-small" role="figure" aria-label="Learning rate chart">
      <figcaption>
        <h2>Learning rate</h2>
        <p className="caption">
          {run
            ? `Student, ${run.config.optimizer === 'sgd' ? 'SGD (momentum 0.9, Nesterov, weight decay 5e-4)' : 'Adam'}; schedule: ${
                scheduleText(run.config.lrSchedule, run.config.epochs)
              }.`
            : 'Drawn once a run starts.'}
        </p>
      </figcaption>
      <LineChart series={series} x={EPOCH_AXIS} y={RATE_AXIS} height={120} legend={false} />
    </figure>
  );
}
