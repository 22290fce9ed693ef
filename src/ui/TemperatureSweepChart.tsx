import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { describeSettings } from '../engine/eval/describe';
import type { SweepPoint } from '../state/sweep';
import { formatDecimal, formatPercent } from '../shared/format';

const pct = (v: number | null) => formatPercent(v, { sign: false });

/**
 * Natural, PGD and Square accuracy against τ (log scale), and the same numbers as a table.
 * Memoised: its panel re-renders as settings move, the points only when a τ finishes.
 */
export const TemperatureSweepChart = memo(function TemperatureSweepChart({ points }: { points: SweepPoint[] }) {
  const rows = points.map((p) => ({ tau: p.tau, natural: p.natAcc, pgd: p.pgdAcc, square: p.squareAcc }));
  const first = points[0];
  const withSquare = points.some((p) => p.squareAcc !== null);
  return (
    <>
      {first && (
        <p className="caption">
          LTD students, λ = {first.lambda}, {first.epochs} epoch{first.epochs === 1 ? '' : 's'} each, one teacher. Natural: the
          first {first.subset} test points. PGD: {describeSettings(first.pgd)}.
          {first.square ? ` Square: ${describeSettings(first.square)}.` : ' Square: not run.'} PGD far above Square at a τ means
          its gradients mask the attack.
        </p>
      )}
      {points.length > 0 && (
        <div className="chart-area">
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
              <XAxis dataKey="tau" type="number" scale="log" domain={['dataMin', 'dataMax']} allowDataOverflow tickFormatter={(v: number) => formatDecimal(v)}
                label={{ value: 'τ (log scale)', position: 'insideBottomRight', offset: -4 }} />
              <YAxis domain={[0, 100]} tickFormatter={(v: number) => formatPercent(v, { decimals: 0 })} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? formatPercent(v) : v)} labelFormatter={(t) => `τ = ${formatDecimal(Number(t))}`} />
              <Legend />
              <Line dataKey="natural" name="Natural accuracy" stroke="#2a9d8f" strokeWidth={2} isAnimationActive={false} />
              <Line dataKey="pgd" name="PGD accuracy" stroke="#1d3557" strokeWidth={2} isAnimationActive={false} />
              {withSquare && (
                <Line dataKey="square" name="Square accuracy" stroke="#e76f51" strokeWidth={2} strokeDasharray="4 2" isAnimationActive={false} />
              )}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <table aria-label="Temperature sweep data" className="visually-hidden-table">
        <thead>
          <tr>
            <th scope="col">τ</th>
            <th scope="col">Natural accuracy (%)</th>
            <th scope="col">PGD accuracy (%)</th>
            <th scope="col">Square accuracy (%)</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.tau}>
              <td>{formatDecimal(p.tau)}</td>
              <td title={`first ${p.subset} test points`}>{pct(p.natAcc)}</td>
              <td title={describeSettings(p.pgd)}>{pct(p.pgdAcc)}</td>
              <td title={p.square ? describeSettings(p.square) : 'not run'}>{pct(p.squareAcc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
});
