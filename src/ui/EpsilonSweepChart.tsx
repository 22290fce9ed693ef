import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { describeSettings } from '../engine/eval/describe';
import { useDetector } from '../state/detector';
import { formatDecimal, formatPercent } from '../shared/format';
import { epsilonText } from './epsilon';

/** Robust accuracy against ε for PGD and Square, from the last detector run. */
export function EpsilonSweepChart() {
  const sweep = useDetector((s) => s.sweep);
  const dataset = useDetector((s) => s.reportRequest?.config.dataset ?? 'blobs');
  const rows = (sweep ?? []).map((p) => ({ epsilon: p.epsilon, pgd: p.pgd.robustAccuracy, square: p.square.robustAccuracy }));
  const first = sweep?.[0];
  return (
    <figure className="panel chart" role="region" aria-label="Epsilon sweep">
      <figcaption>
        <h2>Epsilon sweep</h2>
        <p className="caption">
          {first
            ? `Robust accuracy against ε. PGD: ${describeSettings(first.pgd.settings, { withEpsilon: false })}. Square: ${describeSettings(first.square.settings, { withEpsilon: false })}. A sound evaluation falls as ε grows, and PGD is never above Square.`
            : 'Run the detector to sweep ε.'}
        </p>
      </figcaption>
      {sweep && (
        <div className="chart-area">
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
              <XAxis dataKey="epsilon" type="number" domain={[0, 'dataMax']} tickFormatter={(v: number) => formatDecimal(v)} label={{ value: 'ε', position: 'insideBottomRight', offset: -4 }} />
              <YAxis domain={[0, 100]} tickFormatter={(v: number) => formatPercent(v, { decimals: 0 })} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? formatPercent(v) : v)} labelFormatter={(e) => `ε = ${epsilonText(Number(e), dataset)}`} />
              <Legend />
              <Line dataKey="pgd" name="PGD robust accuracy" stroke="#1d3557" strokeWidth={2} isAnimationActive={false} />
              <Line dataKey="square" name="Square robust accuracy" stroke="#e76f51" strokeWidth={2} strokeDasharray="4 2" isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <table aria-label="Epsilon sweep data" className="visually-hidden-table">
        <thead>
          <tr>
            <th scope="col">ε</th>
            <th scope="col">PGD robust accuracy (%)</th>
            <th scope="col">Square robust accuracy (%)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.epsilon}>
              <td>{epsilonText(r.epsilon, dataset)}</td>
              <td>{formatPercent(r.pgd, { sign: false })}</td>
              <td>{formatPercent(r.square, { sign: false })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
