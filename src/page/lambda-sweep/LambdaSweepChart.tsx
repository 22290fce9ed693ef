import { memo, useMemo } from 'react';
import { attackName, describeSettings } from '../../shared/describe';
import type { RepeatGroup } from '../../shared/repeats';
import { formatDecimal, formatPercent } from '../../shared/format';
import { type ChartAxis, type ChartRule, type ChartSeries, LineChart } from '../charts/LineChart';
import { hasSquare, meanSeries, repeatsCaption, spreadCell } from '../charts/sweep-series';
import type { LambdaPoint } from './slice';

const LAMBDA_AXIS: ChartAxis = { label: 'λ', format: (v) => formatDecimal(v) };
const PERCENT_AXIS: ChartAxis = { domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }), detail: (v) => formatPercent(v) };
const lambdaOf = (p: LambdaPoint) => p.lambda;

/**
 * Natural, white-box and Square accuracy of the LTD students against λ, TRADES' figures as
 * reference levels, and every row as a table (the paper's Tables 5–6 shape). With repeats the
 * lines are means over the seeds with their min–max shaded, TRADES' levels its means, and the
 * table gives mean ± s.d. and n.
 */
export const LambdaSweepChart = memo(function LambdaSweepChart({ groups }: { groups: RepeatGroup<LambdaPoint>[] }) {
  const ltd = useMemo(() => groups.filter((g) => g.first.method === 'ltd').sort((a, b) => a.first.lambda - b.first.lambda), [groups]);
  const trades = groups.find((g) => g.first.method === 'trades') ?? null;
  const first = groups[0]?.first;
  const white = first ? attackName(first.robustAttack) : 'PGD';
  const repeated = (first?.repeats ?? 1) > 1;
  const series = useMemo((): ChartSeries[] => {
    const lines = [
      meanSeries(ltd, lambdaOf, 'natAcc', { key: 'natural', name: 'Natural accuracy', color: '#2a9d8f', dots: true }),
      meanSeries(ltd, lambdaOf, 'robustAcc', { key: 'pgd', name: `${white} accuracy`, color: '#1d3557', dots: true }),
    ];
    if (hasSquare(ltd)) lines.push(meanSeries(ltd, lambdaOf, 'squareAcc', { key: 'square', name: 'Square accuracy', color: '#e76f51', dash: '4 2', dots: true }));
    return lines;
  }, [ltd, white]);
  const rules = useMemo((): ChartRule[] =>
    trades ? [
      { axis: 'y', at: trades.spread.natAcc.mean, label: 'TRADES natural', color: '#2a9d8f' },
      { axis: 'y', at: trades.spread.robustAcc.mean, label: `TRADES ${white}`, color: '#1d3557' },
    ] : [],
  [trades, white]);
  const unit = repeated ? '%, mean ± s.d.' : '%';
  return (
    <>
      {first && (
        <p className="caption">
          LTD students at τ = {ltd[0]?.first.tau ?? '—'}, {first.epochs} epoch{first.epochs === 1 ? '' : 's'} each, one teacher{repeated ? ' per seed' : ''}; TRADES
          {trades ? ` at λ = ${trades.first.lambda}` : ' (still to run)'} as the reference. Measured on the first {first.subset} test points.
          {' '}{white}: {describeSettings(first.robustAttack)}.{first.square ? ` Square: ${describeSettings(first.square)}.` : ' Square: not run.'}
          {repeatsCaption(first)}
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
            <th scope="col">Natural accuracy ({unit})</th>
            <th scope="col">{white} accuracy ({unit})</th>
            <th scope="col">Square accuracy ({unit})</th>
            <th scope="col">Worst case ({unit})</th>
            <th scope="col">n</th>
          </tr>
        </thead>
        <tbody>
          {[...ltd, ...(trades ? [trades] : [])].map(({ key, first: p, spread, points }) => (
            <tr key={key}>
              <td>{p.method === 'ltd' ? `LTD τ = ${p.tau}` : 'TRADES'}</td>
              <td>{formatDecimal(p.lambda)}</td>
              <td title={`first ${p.subset} test points`}>{spreadCell(spread.natAcc, repeated)}</td>
              <td title={describeSettings(p.robustAttack)}>{spreadCell(spread.robustAcc, repeated)}</td>
              <td title={p.square ? describeSettings(p.square) : 'not run'}>{spreadCell(spread.squareAcc, repeated)}</td>
              <td title="points no attack broke">{spreadCell(spread.worstCaseAcc, repeated)}</td>
              <td title={`seeds ${points.map((q) => q.seed).join(', ')}`}>{spread.natAcc.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
});
