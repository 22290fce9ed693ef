import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { attackName, describeSettings } from '../engine/eval/describe';
import type { SweepPoint } from '../state/sweep';

const pct = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/**
 * Natural, white-box (the evaluation attack: PGD, APGD-CE or AA-lite) and Square accuracy against
 * τ (log scale), and the same numbers as a table.
 */
export function TemperatureSweepChart({ points: measured }: { points: SweepPoint[] }) {
  // In τ order: the search's refined τ arrives last but lies between two others.
  const points = [...measured].sort((a, b) => a.tau - b.tau);
  const rows = points.map((p) => ({ tau: p.tau, natural: p.natAcc, pgd: p.pgdAcc, square: p.squareAcc }));
  const first = points[0];
  const white = first ? attackName(first.pgd) : 'PGD';
  const withSquare = points.some((p) => p.squareAcc !== null);
  return (
    <>
      {first && (
        <p className="caption">
          LTD students, λ = {first.lambda}, {first.epochs} epoch{first.epochs === 1 ? '' : 's'} each, one teacher. Measured on the
          first {first.subset} {first.split === 'validation' ? 'validation points (held out of training)' : 'test points'}. {white}:{' '}
          {describeSettings(first.pgd)}.
          {first.square ? ` Square: ${describeSettings(first.square)}.` : ' Square: not run.'} {white} far above Square at a τ
          means its gradients mask the attack.
        </p>
      )}
      {points.length > 0 && (
        <div className="chart-area">
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
              <XAxis dataKey="tau" type="number" scale="log" domain={['dataMin', 'dataMax']} allowDataOverflow
                label={{ value: 'τ (log scale)', position: 'insideBottomRight', offset: -4 }} />
              <YAxis domain={[0, 100]} unit="%" />
              <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : v)} labelFormatter={(t) => `τ = ${t}`} />
              <Legend />
              <Line dataKey="natural" name="Natural accuracy" stroke="#2a9d8f" strokeWidth={2} isAnimationActive={false} />
              <Line dataKey="pgd" name={`${white} accuracy`} stroke="#1d3557" strokeWidth={2} isAnimationActive={false} />
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
            <th scope="col">{white} accuracy (%)</th>
            <th scope="col">Square accuracy (%)</th>
            <th scope="col">Worst case (%)</th>
            <th scope="col">Measured on</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.tau}>
              <td>{p.tau}</td>
              <td title={`first ${p.subset} test points`}>{pct(p.natAcc)}</td>
              <td title={describeSettings(p.pgd)}>{pct(p.pgdAcc)}</td>
              <td title={p.square ? describeSettings(p.square) : 'not run'}>{pct(p.squareAcc)}</td>
              <td title="points no attack broke">{pct(p.robustAcc)}</td>
              <td>{p.split}{p.stage === 'refine' ? ' (refined τ)' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
