import { useMemo } from 'react';
import type { DatasetId } from '../../shared/config';
import type { SquareCurve } from '../../shared/curves';
import { formatPercent } from '../../shared/format';
import { type ChartAxis, type ChartSeries, LineChart } from '../charts/LineChart';
import { epsilonText } from '../epsilon';

const SUCCESS_AXIS: ChartAxis = { label: 'success', domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }), detail: (v) => formatPercent(v) };
const QUERY_AXIS: ChartAxis = { label: 'queries', domain: [0, 'auto'], integer: true, format: (v) => String(v) };

const queriesText = (q: number | null) => (q === null ? '—' : String(Math.round(q * 10) / 10));

/** Square's success against queries (Andriushchenko et al. 2020 plot it), with the mean and median queries of the points it broke. */
export function SquareQueriesChart({ curve, dataset }: { curve: SquareCurve; dataset: DatasetId }) {
  const series = useMemo((): ChartSeries[] => [{ key: 'square', name: 'Square success', color: '#e76f51', points: curve.points }], [curve]);
  const stated = `mean ${queriesText(curve.meanQueries)} and median ${queriesText(curve.medianQueries)} queries over the ${curve.broken} points it broke`;
  return (
    <figure className="panel chart" role="figure" aria-label="Square success against queries">
      <figcaption>
        <h3>Square: success vs queries</h3>
        <p className="caption">
          Share of the {curve.cleanCorrect} clean-correct points Square broke within each number of queries, at ε = {epsilonText(curve.epsilon, dataset)},
          budget {curve.budget} queries per point: {stated}.
        </p>
      </figcaption>
      <div className="chart-area" aria-hidden="true">
        <LineChart series={series} x={QUERY_AXIS} y={SUCCESS_AXIS} height={200} legend={false} />
      </div>
      <table aria-label="Square queries data" className="visually-hidden-table">
        <thead><tr><th scope="col">queries</th><th scope="col">success (%)</th></tr></thead>
        <tbody>
          {curve.points.map(([q, s]) => (
            <tr key={q}><td>{q}</td><td>{formatPercent(s, { sign: false })}</td></tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
