import { memo, useMemo } from 'react';
import { attackName, describeSettings } from '../shared/describe';
import type { TauPoint } from '../state/temperature-sweep';
import { formatDecimal, formatPercent } from '../shared/format';
import { type ChartAxis, type ChartSeries, LineChart } from './charts/LineChart';

const TAU_AXIS: ChartAxis = { label: 'τ (log scale)', scale: 'log', format: (v) => formatDecimal(v) };
const PERCENT_AXIS: ChartAxis = { domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }), detail: (v) => formatPercent(v) };

const pct = (v: number | null) => formatPercent(v, { sign: false });

/**
 * Natural, white-box (the evaluation attack: PGD, APGD-CE or AA-lite) and Square accuracy against
 * τ (log scale), and the same numbers as a table. Memoised: its panel re-renders as settings
 * move, the points only when a τ finishes.
 */
export const TemperatureSweepChart = memo(function TemperatureSweepChart({ points: measured }: { points: TauPoint[] }) {
  // In τ order: the search's refined τ arrives last but lies between two others.
  const points = useMemo(() => [...measured].sort((a, b) => a.tau - b.tau), [measured]);
  const first = points[0];
  const white = first ? attackName(first.pgd) : 'PGD';
  const series = useMemo((): ChartSeries[] => {
    const lines: ChartSeries[] = [
      { key: 'natural', name: 'Natural accuracy', points: points.map((p) => [p.tau, p.natAcc] as const), color: '#2a9d8f' },
      { key: 'pgd', name: `${white} accuracy`, points: points.map((p) => [p.tau, p.pgdAcc] as const), color: '#1d3557' },
    ];
    if (points.some((p) => p.squareAcc !== null)) {
      lines.push({ key: 'square', name: 'Square accuracy', points: points.map((p) => [p.tau, p.squareAcc] as const), color: '#e76f51', dash: '4 2' });
    }
    return lines;
  }, [points, white]);
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
          <LineChart series={series} x={TAU_AXIS} y={PERCENT_AXIS} height={240} />
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
              <td>{formatDecimal(p.tau)}</td>
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
});
