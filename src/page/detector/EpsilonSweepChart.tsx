import { useMemo } from 'react';
import { attackName, describeSettings } from '../../shared/describe';
import { formatDecimal, formatPercent } from '../../shared/format';
import { epsilonText } from '../epsilon';
import { type ChartAxis, type ChartSeries, LineChart } from '../charts/LineChart';
import { useStore } from '../store';

const PERCENT_AXIS: ChartAxis = { domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }), detail: (v) => formatPercent(v) };

/** Robust accuracy against ε for the detector's white-box side (AA-lite's gradient part, APGD-CE or PGD) and Square, from the last detector run. */
export function EpsilonSweepChart() {
  const sweep = useStore.use.detector.sweep();
  const dataset = useStore((s) => s.detector.reportRequest?.config.dataset ?? 'blobs');
  const norm = useStore((s) => s.detector.reportRequest?.config.norm ?? 'linf');
  const rows = useMemo(() => (sweep ?? []).map((p) => ({ epsilon: p.epsilon, pgd: p.pgd.robustAccuracy, square: p.square.robustAccuracy })), [sweep]);
  const first = sweep?.[0];
  const white = first ? attackName(first.pgd.settings) : 'PGD';
  const series = useMemo((): ChartSeries[] => [
    { key: 'pgd', name: `${white} robust accuracy`, points: rows.map((r) => [r.epsilon, r.pgd] as const), color: '#1d3557' },
    { key: 'square', name: 'Square robust accuracy', points: rows.map((r) => [r.epsilon, r.square] as const), color: '#e76f51', dash: '4 2' },
  ], [rows, white]);
  const epsilonAxis = useMemo((): ChartAxis => ({ label: norm === 'l2' ? 'ε₂ (L2)' : 'ε', domain: [0, 'auto'], format: (v) => formatDecimal(v), detail: (v) => epsilonText(v, dataset, norm) }), [dataset, norm]);
  return (
    <figure className="panel chart" role="region" aria-label="Epsilon sweep">
      <figcaption>
        <h2>Epsilon sweep</h2>
        <p className="caption">
          {first
            ? `Robust accuracy against ε. ${white}: ${describeSettings(first.pgd.settings, { withEpsilon: false })}. Square: ${describeSettings(first.square.settings, { withEpsilon: false })}. A sound evaluation falls as ε grows, towards 0 at large ε, and ${white} is never above Square.`
            : 'Run the detector to sweep ε.'}
        </p>
      </figcaption>
      {sweep && (
        <div className="chart-area">
          <LineChart series={series} x={epsilonAxis} y={PERCENT_AXIS} height={240} />
        </div>
      )}
      <table aria-label="Epsilon sweep data" className="visually-hidden-table">
        <thead>
          <tr>
            <th scope="col">ε</th>
            <th scope="col">{white} robust accuracy (%)</th>
            <th scope="col">Square robust accuracy (%)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.epsilon}>
              <td>{epsilonText(r.epsilon, dataset, norm)}</td>
              <td>{formatPercent(r.pgd, { sign: false })}</td>
              <td>{formatPercent(r.square, { sign: false })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
