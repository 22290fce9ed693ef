import { memo, useMemo } from 'react';
import { attackName, describeSettings } from '../shared/describe';
import type { LambdaPoint } from '../state/lambda-sweep';
import { formatDecimal, formatPercent } from '../shared/format';
import { type ChartAxis, type ChartRule, type ChartSeries, LineChart } from './charts/LineChart';

const LAMBDA_AXIS: ChartAxis = { label: 'λ', format: (v) => formatDecimal(v) };
const PERCENT_AXIS: ChartAxis = { domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }), detail: (v) => formatPercent(v) };
const pct = (v: number | null) => formatPercent(v, { sign: false });

/**
 * Natural, white-box and Square accuracy of the LTD students against λ, TRADES' figures as
 * reference levels, and every row as a table (the paper's Tables 5–6 shape).
 */
export const LambdaSweepChart = memo(function LambdaSweepChart({ points }: { points: LambdaPoint[] }) {
  const ltd = useMemo(() => points.filter((p) => p.method === 'ltd').sort((a, b) => a.lambda - b.lambda), [points]);
  const trades = points.find((p) => p.method === 'trades') ?? null;
  const first = points[0];
  const white = first ? attackName(first.pgd) : 'PGD';
  const series = useMemo((): ChartSeries[] => {
    const lines: ChartSeries[] = [
      { key: 'natural', name: 'Natural accuracy', points: ltd.map((p) => [p.lambda, p.natAcc] as const), color: '#2a9d8f', dots: true },
      { key: 'pgd', name: `${white} accuracy`, points: ltd.map((p) => [p.lambda, p.pgdAcc] as const), color: '#1d3557', dots: true },
    ];
    if (ltd.some((p) => p.squareAcc !== null)) {
      lines.push({ key: 'square', name: 'Square accuracy', points: ltd.map((p) => [p.lambda, p.squareAcc] as const), color: '#e76f51', dash: '4 2', dots: true });
    }
    return lines;
  }, [ltd, white]);
  const rules = useMemo((): ChartRule[] =>
    trades ? [{ axis: 'y', at: trades.natAcc, label: 'TRADES natural', color: '#2a9d8f' }, { axis: 'y', at: trades.pgdAcc, label: `TRADES ${white}`, color: '#1d3557' }] : [],
  [trades, white]);
  return (
    <>
      {first && (
        <p className="caption">
          LTD students at τ = {ltd[0]?.tau ?? '—'}, {first.epochs} epoch{first.epochs === 1 ? '' : 's'} each, one teacher; TRADES
          {trades ? ` at λ = ${trades.lambda}` : ' (still to run)'} as the reference. Measured on the first {first.subset} test points.
          {' '}{white}: {describeSettings(first.pgd)}.{first.square ? ` Square: ${describeSettings(first.square)}.` : ' Square: not run.'}
        </p>
      )}
      {ltd.length > 0 && (
        <div className="chart-area">
          <LineChart series={series} x={LAMBDA_AXIS} y={PERCENT_AXIS} rules={rules} height={220} />
        </div>
      )}
      <table aria-label="Lambda sweep data" className="visually-hidden-table">
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">λ</th>
            <th scope="col">Natural accuracy (%)</th>
            <th scope="col">{white} accuracy (%)</th>
            <th scope="col">Square accuracy (%)</th>
            <th scope="col">Worst case (%)</th>
          </tr>
        </thead>
        <tbody>
          {[...ltd, ...(trades ? [trades] : [])].map((p) => (
            <tr key={`${p.method}-${p.lambda}`}>
              <td>{p.method === 'ltd' ? `LTD τ = ${p.tau}` : 'TRADES'}</td>
              <td>{formatDecimal(p.lambda)}</td>
              <td title={`first ${p.subset} test points`}>{pct(p.natAcc)}</td>
              <td title={describeSettings(p.pgd)}>{pct(p.pgdAcc)}</td>
              <td title={p.square ? describeSettings(p.square) : 'not run'}>{pct(p.squareAcc)}</td>
              <td title="points no attack broke">{pct(p.robustAcc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
});
