import { useMemo } from 'react';
import type { DetectorCurves } from '../../shared/curves';
import { formatDecimal, formatPercent, formatSignificant } from '../../shared/format';
import { type ChartAxis, type ChartSeries, LineChart } from '../charts/LineChart';
import { epsilonText } from '../epsilon';
import type { DatasetId } from '../../shared/config';
import { curveColor } from './curve-colors';

const ITERATION_AXIS: ChartAxis = { label: 'iteration', domain: [0, 'auto'], integer: true, format: (v) => String(v) };
const SUCCESS_AXIS: ChartAxis = { domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }), detail: (v) => formatPercent(v) };
const LOSS_AXIS: ChartAxis = { domain: ['auto', 'auto'], format: (v) => formatSignificant(v, 2), detail: (v) => formatDecimal(v) };

/**
 * Convergence (Carlini et al. 2019): each traced white-box run's best loss and cumulative success
 * per iteration, two small charts on one x axis. A line still rising at its end says more
 * iterations would break more points.
 */
export function ConvergenceCharts({ curves, dataset }: { curves: DetectorCurves; dataset: DatasetId }) {
  const lines = curves.convergence;
  const series = useMemo(() => {
    const make = (pick: (l: (typeof lines)[number]) => number[]): ChartSeries[] =>
      lines.map((l, i) => ({ key: `c${i}`, name: l.name, color: curveColor(i), width: 1.5, points: pick(l).map((v, k) => [k, v] as const) }));
    return { loss: make((l) => l.bestLoss), success: make((l) => l.success) };
  }, [lines]);
  if (lines.length === 0) return null;
  const subset = lines[0].cleanCorrect;
  const summary = lines.map((l) => `${l.name}: ${l.success.length - 1} iterations, ${formatPercent(l.success.at(-1) ?? 0)} broken`).join('; ');
  return (
    <figure className="panel chart" role="figure" aria-label="Convergence curves">
      <figcaption>
        <h3>Convergence</h3>
        <p className="caption">
          Best loss (mean over the points each line attacked) and cumulative success (share of the {subset} clean-correct points broken at any iterate so far)
          per iteration, at ε = {epsilonText(curves.epsilon, dataset)}. PGD: one line per restart and their union; AA-lite&apos;s APGD-CE then APGD-T (a line per target class; margin APGD below 4 classes),
          each on the points the earlier left standing (its success counts theirs). {summary}.
        </p>
      </figcaption>
      <div className="chart-area" aria-hidden="true">
        <LineChart series={series.success} x={ITERATION_AXIS} y={{ ...SUCCESS_AXIS, label: 'success' }} height={180} />
        <LineChart series={series.loss} x={ITERATION_AXIS} y={{ ...LOSS_AXIS, label: 'best loss' }} height={160} legend={false} />
      </div>
      <table aria-label="Convergence data" className="visually-hidden-table">
        <thead>
          <tr><th scope="col">line</th><th scope="col">points attacked</th><th scope="col">iterations</th><th scope="col">best loss at start / end</th><th scope="col">success at start / end (%)</th></tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.name}>
              <td>{l.name}</td><td>{l.points}</td><td>{l.success.length - 1}</td>
              <td>{formatDecimal(l.bestLoss[0] ?? 0)} / {formatDecimal(l.bestLoss.at(-1) ?? 0)}</td>
              <td>{formatPercent(l.success[0] ?? 0, { sign: false })} / {formatPercent(l.success.at(-1) ?? 0, { sign: false })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
