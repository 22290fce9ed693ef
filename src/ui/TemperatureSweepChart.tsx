import { memo, useMemo } from 'react';
import { describeSettings } from '../engine/eval/describe';
import type { SweepPoint } from '../state/sweep';
import { formatDecimal, formatPercent } from '../shared/format';
import { type ChartAxis, type ChartSeries, LineChart } from './charts/LineChart';

const TAU_AXIS: ChartAxis = { label: 'τ (log scale)', scale: 'log', format: (v) => formatDecimal(v) };
const PERCENT_AXIS: ChartAxis = { domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }), detail: (v) => formatPercent(v) };

const pct = (v: number | null) => formatPercent(v, { sign: false });

/**
 * Natural, PGD and Square accuracy against τ (log scale), and the same numbers as a table.
 * Memoised: its panel re-renders as settings move, the points only when a τ finishes.
 */
export const TemperatureSweepChart = memo(function TemperatureSweepChart({ points }: { points: SweepPoint[] }) {
  const series = useMemo((): ChartSeries[] => {
    const lines: ChartSeries[] = [
      { key: 'natural', name: 'Natural accuracy', points: points.map((p) => [p.tau, p.natAcc] as const), color: '#2a9d8f' },
      { key: 'pgd', name: 'PGD accuracy', points: points.map((p) => [p.tau, p.pgdAcc] as const), color: '#1d3557' },
    ];
    if (points.some((p) => p.squareAcc !== null)) {
      lines.push({ key: 'square', name: 'Square accuracy', points: points.map((p) => [p.tau, p.squareAcc] as const), color: '#e76f51', dash: '4 2' });
    }
    return lines;
  }, [points]);
  const first = points[0];
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
          <LineChart series={series} x={TAU_AXIS} y={PERCENT_AXIS} height={240} />
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
