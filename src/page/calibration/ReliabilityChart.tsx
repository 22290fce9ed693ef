import { memo, useMemo } from 'react';
import { formatDecimal, formatFixed } from '../../shared/format';
import type { ReliabilityDiagram } from '../../hosts/worker/api';
import { type ChartAxis, type ChartSeries, LineChart } from '../charts/LineChart';

const CONFIDENCE_AXIS: ChartAxis = { label: 'confidence', domain: [0, 1], format: (v) => formatDecimal(v, 2), detail: (v) => formatFixed(v, 3) };
const ACCURACY_AXIS: ChartAxis = { domain: [0, 1], format: (v) => formatDecimal(v, 2), detail: (v) => formatFixed(v, 3) };

/**
 * The teacher's reliability diagram at τ = 1: accuracy against mean confidence per non-empty
 * bin, and the diagonal of perfect calibration. Points below the diagonal are over-confident.
 */
export const ReliabilityChart = memo(function ReliabilityChart({ reliability }: { reliability: ReliabilityDiagram }) {
  const series = useMemo((): ChartSeries[] => [
    { key: 'diagonal', name: 'Perfect calibration (accuracy = confidence)', points: [[0, 0], [1, 1]], color: '#6c757d', dash: '6 3', width: 1.5 },
    {
      key: 'teacher',
      name: 'Teacher at τ = 1, accuracy per confidence bin',
      points: reliability.bins.filter((b) => b.count > 0).map((b) => [b.meanConfidence!, b.accuracy] as const),
      color: '#1d3557',
      dots: true,
    },
  ], [reliability]);
  return (
    <figure role="figure" aria-label="Reliability diagram">
      <figcaption className="caption">
        Reliability at τ = 1: accuracy against confidence in {reliability.bins.length} equal bins; ECE {formatFixed(reliability.ece, 3)}.
      </figcaption>
      <LineChart series={series} x={CONFIDENCE_AXIS} y={ACCURACY_AXIS} height={200} />
    </figure>
  );
});
