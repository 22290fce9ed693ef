import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMemo } from 'react';
import { currentRun, useRun } from '../state/run';
import { useThrottled } from './use-throttled';
import { formatSignificant } from '../shared/format';

const SCHEDULE_TEXT = {
  constant: 'constant',
  piecewise: '×0.1 after 80/120 and 100/120 of the epochs (the paper’s steps, scaled)',
  cosine: 'cosine, from the base rate towards 0',
} as const;

/** The student's learning rate per epoch (log scale), as the schedule set it. */
export function LearningRateChart() {
  // Redrawn a few times a second at most (see useThrottled); the run object changes every epoch.
  const run = useThrottled(useRun((s) => currentRun(s.runs)));
  const rows = useMemo(() => run?.student.map((p) => ({ epoch: p.epoch, lr: p.lr })) ?? [], [run]);
  return (
    <figure className="panel chart chart-small" role="figure" aria-label="Learning rate chart">
      <figcaption>
        <h2>Learning rate</h2>
        <p className="caption">
          {run
            ? `Student, ${run.config.optimizer === 'sgd' ? 'SGD (momentum 0.9, Nesterov, weight decay 5e-4)' : 'Adam'}; schedule: ${
                SCHEDULE_TEXT[run.config.lrSchedule]
              }.`
            : 'Drawn once a run starts.'}
        </p>
      </figcaption>
      <ResponsiveContainer width="100%" height={120}>
        <LineChart data={rows} margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
          <XAxis dataKey="epoch" allowDecimals={false} />
          <YAxis scale="log" domain={['auto', 'auto']} allowDataOverflow tickFormatter={(v: number) => formatSignificant(v, 1)} width={48} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? formatSignificant(v) : v)} />
          <Line dataKey="lr" name="Learning rate" stroke="#457b9d" dot={{ r: 2 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
