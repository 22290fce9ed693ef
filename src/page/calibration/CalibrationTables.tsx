import { memo } from 'react';
import { formatDecimal, formatFixed, formatPercent } from '../../shared/format';
import type { ReliabilityDiagram, TeacherCalibrationReport } from '../../hosts/worker/api';

const three = (v: number | null) => (v === null ? '—' : formatFixed(v, 3));

/** The soft-label charts' text alternative: one row per measured τ (visually hidden). */
export const SoftLabelTable = memo(function SoftLabelTable({ report }: { report: TeacherCalibrationReport }) {
  return (
    <table aria-label="Soft-label calibration data" className="visually-hidden-table">
      <thead>
        <tr>
          <th scope="col">τ</th>
          <th scope="col">Mean entropy (nats)</th>
          <th scope="col">Share of ln {report.classes} (%)</th>
          <th scope="col">Mean max-probability</th>
          <th scope="col">G against the oracle (nats)</th>
        </tr>
      </thead>
      <tbody>
        {report.points.map((p) => (
          <tr key={p.tau}>
            <td>{formatDecimal(p.tau)}</td>
            <td>{formatFixed(p.meanEntropy, 4)}</td>
            <td>{formatPercent((100 * p.meanEntropy) / report.maxEntropy, { sign: false })}</td>
            <td>{formatFixed(p.meanMaxProb, 4)}</td>
            <td>{three(p.discrepancy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

/** The reliability diagram's text alternative: one row per confidence bin, empty ones included (visually hidden). */
export const ReliabilityTable = memo(function ReliabilityTable({ reliability }: { reliability: ReliabilityDiagram }) {
  return (
    <table aria-label="Reliability data" className="visually-hidden-table">
      <thead>
        <tr>
          <th scope="col">Confidence bin</th>
          <th scope="col">Test points</th>
          <th scope="col">Mean confidence</th>
          <th scope="col">Accuracy</th>
        </tr>
      </thead>
      <tbody>
        {reliability.bins.map((b) => (
          <tr key={b.lower}>
            <td>{`${formatDecimal(b.lower, 3)}–${formatDecimal(b.upper, 3)}`}</td>
            <td>{b.count}</td>
            <td>{three(b.meanConfidence)}</td>
            <td>{three(b.accuracy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
