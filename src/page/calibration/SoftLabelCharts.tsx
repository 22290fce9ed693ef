import { memo, useMemo } from 'react';
import { formatDecimal, formatFixed } from '../../shared/format';
import type { TeacherCalibrationReport } from '../../hosts/worker/api';
import { type ChartAxis, type ChartRule, type ChartSeries, LineChart } from '../charts/LineChart';
import { flatFrom, closestToOracle } from './calibration-reading';

const TAU_AXIS: ChartAxis = { label: 'τ', scale: 'log', format: (v) => formatDecimal(v, 1), detail: (v) => formatDecimal(v, 1) };
const NATS_AXIS: ChartAxis = { domain: [0, 'auto'], format: (v) => formatDecimal(v, 2), detail: (v) => `${formatFixed(v, 3)} nats` };
const PROB_AXIS: ChartAxis = { domain: [0, 1], format: (v) => formatDecimal(v, 2), detail: (v) => formatFixed(v, 3) };

const SLIDER_COLOR = '#e76f51';
const LEVEL_COLOR = '#6c757d';

interface Props {
  report: TeacherCalibrationReport;
  /** The Teacher temperature slider's value, marked on every chart. */
  tau: number;
}

/**
 * The teacher's soft labels softmax(q/τ) against τ (log axis): mean entropy up to ln C, mean
 * max-probability down to 1/C and, with an oracle, G of Eq. 7. The slider's τ is a vertical rule;
 * the figures carry the numbers in the "Soft-label calibration data" table beside them.
 */
export const SoftLabelCharts = memo(function SoftLabelCharts({ report, tau }: Props) {
  const { entropy, maxProb, discrepancy } = useMemo(() => {
    const line = (key: string, name: string, y: (p: TeacherCalibrationReport['points'][number]) => number | null, color: string): ChartSeries[] => [
      { key, name, points: report.points.map((p) => [p.tau, y(p)] as const), color, width: 2.5 },
    ];
    return {
      entropy: line('entropy', 'Mean entropy of softmax(q/τ) (nats)', (p) => p.meanEntropy, '#1d3557'),
      maxProb: line('max-prob', 'Mean max-probability of softmax(q/τ)', (p) => p.meanMaxProb, '#2a9d8f'),
      discrepancy: report.uniformDiscrepancy === null ? null : line('g', 'G of softmax(q/τ) against the oracle (nats)', (p) => p.discrepancy, '#6a4c93'),
    };
  }, [report]);
  const slider: ChartRule = { axis: 'x', at: tau, label: `slider τ = ${formatDecimal(tau)}`, color: SLIDER_COLOR };
  const flat = flatFrom(report);
  const best = closestToOracle(report);
  const c = report.classes;
  return (
    <>
      <figure role="figure" aria-label="Soft-label entropy against τ">
        <figcaption className="caption">Mean entropy (nats); ln {c} is the uniform label.</figcaption>
        <LineChart series={entropy} x={TAU_AXIS} y={NATS_AXIS} height={200} rules={[
          { axis: 'y', at: report.maxEntropy, label: `ln ${c} (uniform)`, color: LEVEL_COLOR },
          ...(flat ? [{ axis: 'x' as const, at: flat.tau, label: `90 % of ln ${c}`, color: LEVEL_COLOR }] : []),
          slider,
        ]} />
      </figure>
      <figure role="figure" aria-label="Soft-label max-probability against τ">
        <figcaption className="caption">Mean max-probability; 1/{c} is the uniform label.</figcaption>
        <LineChart series={maxProb} x={TAU_AXIS} y={PROB_AXIS} height={200} rules={[{ axis: 'y', at: 1 / c, label: `1/${c} (uniform)`, color: LEVEL_COLOR }, slider]} />
      </figure>
      {discrepancy && report.uniformDiscrepancy !== null && (
        <figure role="figure" aria-label="Soft-label G against τ">
          <figcaption className="caption">G of the soft labels (paper Eq. 7, nats): lower is closer to the oracle posterior.</figcaption>
          <LineChart series={discrepancy} x={TAU_AXIS} y={NATS_AXIS} height={200} rules={[
            { axis: 'y', at: report.uniformDiscrepancy, label: 'uniform label', color: LEVEL_COLOR },
            ...(best ? [{ axis: 'x' as const, at: best.tau, label: 'least G', color: '#6a4c93' }] : []),
            slider,
          ]} />
        </figure>
      )}
    </>
  );
});
