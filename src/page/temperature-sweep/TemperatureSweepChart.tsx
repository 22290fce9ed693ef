import { memo, useMemo } from 'react';
import { attackName, describeSettings } from '../../shared/describe';
import type { RepeatGroup } from '../../shared/repeats';
import { formatDecimal, formatPercent } from '../../shared/format';
import { type ChartAxis, type ChartSeries, LineChart } from '../charts/LineChart';
import { hasAaLite, hasSquare, meanSeries, repeatsCaption, spreadCell } from '../charts/sweep-series';
import { sweepChecks, sweepChecksText } from '../../shared/sweep-checks';
import type { TauPoint } from './slice';

const TAU_AXIS: ChartAxis = { label: 'τ (log scale)', scale: 'log', format: (v) => formatDecimal(v) };
const PERCENT_AXIS: ChartAxis = { domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }), detail: (v) => formatPercent(v) };
const tauOf = (p: TauPoint) => p.tau;
/** Fashion-MNIST, MNIST and CIFAR-10 all have ten classes; the checks read chance from it. */
const CLASSES = 10;

/** Each seed's cheap detector checks at one τ, joined (one seed: just its own). */
const checksCell = (points: TauPoint[], white: string) => points.map((p) => sweepChecksText(sweepChecks(p, CLASSES), white)).join(' / ');

/**
 * Natural, white-box (the evaluation attack: PGD, APGD-CE or AA-lite), AA-lite (when measured
 * beside it) and Square accuracy against τ (log scale), so the gap opening between the attacks is
 * the picture; under it the students' logit scale and the detector's cheap checks per τ, and the
 * same numbers as a table. With repeats each line is the mean over the seeds with their min–max
 * shaded, and the table gives mean ± s.d. and n. Memoised: its panel re-renders as settings move,
 * the groups only when a τ finishes.
 */
export const TemperatureSweepChart = memo(function TemperatureSweepChart({ groups: measured }: { groups: RepeatGroup<TauPoint>[] }) {
  // In τ order: the search's refined τ arrives last but lies between two others.
  const groups = useMemo(() => [...measured].sort((a, b) => a.first.tau - b.first.tau), [measured]);
  const first = groups[0]?.first;
  const white = first ? attackName(first.robustAttack) : 'PGD';
  const whiteSteps = first?.robustAttack.attack === 'PGD' ? `PGD-${first.robustAttack.steps}` : white;
  const repeated = (first?.repeats ?? 1) > 1;
  const series = useMemo((): ChartSeries[] => {
    const lines = [
      meanSeries(groups, tauOf, 'natAcc', { key: 'natural', name: 'Natural accuracy', color: '#2a9d8f' }),
      meanSeries(groups, tauOf, 'robustAcc', { key: 'pgd', name: `${white} accuracy`, color: '#1d3557' }),
    ];
    if (hasAaLite(groups)) lines.push(meanSeries(groups, tauOf, 'aaLiteAcc', { key: 'aa-lite', name: 'AA-lite accuracy', color: '#6a4c93', dash: '6 3' }));
    if (hasSquare(groups)) lines.push(meanSeries(groups, tauOf, 'squareAcc', { key: 'square', name: 'Square accuracy', color: '#e76f51', dash: '4 2' }));
    return lines;
  }, [groups, white]);
  const unit = repeated ? '%, mean ± s.d.' : '%';
  return (
    <>
      {first && (
        <p className="caption">
          LTD students, λ = {first.lambda}, {first.epochs} epoch{first.epochs === 1 ? '' : 's'} each, one teacher{repeated ? ' per seed' : ''}. Measured on the
          first {first.subset} {first.split === 'validation' ? 'validation points (held out of training)' : 'test points'}. {white}:{' '}
          {describeSettings(first.robustAttack)}.{first.aaLite ? ` AA-lite: ${describeSettings(first.aaLite)}.` : ''}
          {first.square ? ` Square: ${describeSettings(first.square)}.` : ' Square: not run.'} {white} far above Square or AA-lite at a τ
          means its gradients mask the attack: {white} overstates that student’s robustness.{repeatsCaption(first)}
        </p>
      )}
      {groups.length > 0 && (
        <div className="chart-area">
          <LineChart series={series} x={TAU_AXIS} y={PERCENT_AXIS} height={240} />
        </div>
      )}
      {first && (
        <p className="caption" role="note" aria-label="Logit scale and checks per τ">
          Student logit scale (mean max |z|): {groups.map((g) => `τ = ${formatDecimal(g.first.tau)}: ${formatDecimal(g.spread.logitScale.mean, 2)}`).join(' · ')}.
          The detector’s cheap checks per τ (Square or AA-lite beating {whiteSteps} by McNemar, exactly zero input gradients; its other four
          checks need attacks the sweep does not run): {groups.map((g) => `τ = ${formatDecimal(g.first.tau)}: ${checksCell(g.points, whiteSteps)}`).join(' · ')}.
        </p>
      )}
      <table aria-label="Temperature sweep data" className="visually-hidden-table">
        <thead>
          <tr>
            <th scope="col">τ</th>
            <th scope="col">Natural accuracy ({unit})</th>
            <th scope="col">{white} accuracy ({unit})</th>
            <th scope="col">AA-lite accuracy ({unit})</th>
            <th scope="col">Square accuracy ({unit})</th>
            <th scope="col">Worst case ({unit})</th>
            <th scope="col">Logit scale</th>
            <th scope="col">Detector’s cheap checks</th>
            <th scope="col">Measured on</th>
            <th scope="col">n</th>
          </tr>
        </thead>
        <tbody>
          {groups.map(({ key, first: p, spread, points }) => (
            <tr key={key}>
              <td>{formatDecimal(p.tau)}</td>
              <td title={`first ${p.subset} test points`}>{spreadCell(spread.natAcc, repeated)}</td>
              <td title={describeSettings(p.robustAttack)}>{spreadCell(spread.robustAcc, repeated)}</td>
              <td title={p.aaLite ? describeSettings(p.aaLite) : 'not run'}>{spreadCell(spread.aaLiteAcc, repeated)}</td>
              <td title={p.square ? describeSettings(p.square) : 'not run'}>{spreadCell(spread.squareAcc, repeated)}</td>
              <td title="points no attack broke">{spreadCell(spread.worstCaseAcc, repeated)}</td>
              <td>{formatDecimal(spread.logitScale.mean, 2)}</td>
              <td>{checksCell(points, whiteSteps)}</td>
              <td>{p.split}{p.stage === 'refine' ? ' (refined τ)' : ''}</td>
              <td title={`seeds ${points.map((q) => q.seed).join(', ')}`}>{spread.natAcc.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
});
