import { useMemo } from 'react';
import type { DatasetId } from '../../shared/config';
import { type RobustnessCurve, median, robustAccuracyAt } from '../../shared/curves';
import { formatDecimal, formatPercent } from '../../shared/format';
import type { EpsilonPoint } from '../../hosts/worker/api';
import { type ChartAxis, type ChartSeries, LineChart } from '../charts/LineChart';
import { epsilonText } from '../epsilon';

const PERCENT_AXIS: ChartAxis = { label: 'robust accuracy', domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }), detail: (v) => formatPercent(v) };

/**
 * Robust accuracy against ε from each point's smallest breaking ε (bisection), with the ε sweep's
 * white-box points as markers: the sweep samples this curve at four radii.
 */
export function RobustnessCurveChart({ curve, sweep, dataset }: { curve: RobustnessCurve; sweep: EpsilonPoint[]; dataset: DatasetId }) {
  const series = useMemo((): ChartSeries[] => [
    { key: 'curve', name: `${curve.attack} robust accuracy (bisection)`, color: '#1d3557', points: curve.points },
    { key: 'sweep', name: 'ε sweep, white-box side', color: '#e76f51', markers: true, points: sweep.map((p) => [p.epsilon, p.pgd.robustAccuracy] as const) },
  ], [curve, sweep]);
  const epsilonAxis = useMemo((): ChartAxis => ({ label: 'ε', domain: [0, curve.epsilonMax], format: (v) => formatDecimal(v, 3), detail: (v) => epsilonText(v, dataset) }), [curve.epsilonMax, dataset]);
  const broken = curve.minEpsilon.filter((m): m is number => m !== null && m > 0);
  const mid = median(broken);
  return (
    <figure className="panel chart" role="figure" aria-label="Robustness curve">
      <figcaption>
        <h3>Robustness curve</h3>
        <p className="caption">
          Robust accuracy against ε on {curve.subset} points: per point the smallest ε at which {curve.attack} ({curve.steps} iterations per member) breaks it,
          by one run at ε = {epsilonText(curve.epsilonMax, dataset)} and {curve.bisections} bisection steps (resolution {epsilonText(curve.resolution, dataset)}).
          Markers: the ε sweep&apos;s white-box figures. {broken.length} points broken within the range{mid === null ? '' : `, median smallest ε ${epsilonText(mid, dataset)}`};{' '}
          {curve.minEpsilon.filter((m) => m === null).length} still standing at ε = {epsilonText(curve.epsilonMax, dataset)}.
        </p>
      </figcaption>
      <div className="chart-area" aria-hidden="true">
        <LineChart series={series} x={epsilonAxis} y={PERCENT_AXIS} height={220} />
      </div>
      <table aria-label="Robustness curve data" className="visually-hidden-table">
        <thead><tr><th scope="col">ε</th><th scope="col">robust accuracy from the curve (%)</th><th scope="col">ε sweep (%)</th></tr></thead>
        <tbody>
          {sweep.map((p) => (
            <tr key={p.epsilon}>
              <td>{epsilonText(p.epsilon, dataset)}</td>
              <td>{formatPercent(robustAccuracyAt(curve.minEpsilon, p.epsilon), { sign: false })}</td>
              <td>{formatPercent(p.pgd.robustAccuracy, { sign: false })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
