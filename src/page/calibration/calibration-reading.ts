/**
 * What the teacher calibration panel says in words, computed from the measured numbers (paper
 * §4.2's reasoning: a τ is too hot for a teacher once its soft labels carry little beyond
 * "every class is equally likely"). Plain functions, so each sentence is unit-tested.
 */
import { FIELDS } from '../../shared/config';
import { formatDecimal, formatFixed, formatPercent } from '../../shared/format';
import type { CalibrationPoint, ReliabilityDiagram, TeacherCalibrationReport } from '../../hosts/worker/api';

/** Every value the Teacher temperature slider can take (1 to 50 in steps of 0.5): the slider's τ is always measured. */
export const TAU_GRID: number[] = (() => {
  const { min, max, step } = FIELDS.tau;
  return Array.from({ length: Math.round((max - min) / step) + 1 }, (_, i) => min + i * step);
})();

/** "Nearly uniform": the mean entropy has reached this share of ln C (within 10 % of the uniform label's). */
export const FLAT_SHARE = 0.9;

/** The measured point at τ, or the nearest measured one. */
export function pointNear(report: TeacherCalibrationReport, tau: number): CalibrationPoint {
  return report.points.reduce((best, p) => (Math.abs(p.tau - tau) < Math.abs(best.tau - tau) ? p : best));
}

/** The coldest measured τ whose labels are nearly uniform (entropy ≥ FLAT_SHARE · ln C), or null if none is. */
export function flatFrom(report: TeacherCalibrationReport): CalibrationPoint | null {
  return [...report.points].sort((a, b) => a.tau - b.tau).find((p) => p.meanEntropy >= FLAT_SHARE * report.maxEntropy) ?? null;
}

/** The measured τ whose soft labels are closest to the oracle (least G), or null without an oracle. */
export function closestToOracle(report: TeacherCalibrationReport): CalibrationPoint | null {
  let best: CalibrationPoint | null = null;
  for (const p of report.points) if (p.discrepancy !== null && (best === null || p.discrepancy < best.discrepancy!)) best = p;
  return best;
}

const share = (p: CalibrationPoint, report: TeacherCalibrationReport) => formatPercent((100 * p.meanEntropy) / report.maxEntropy, { decimals: 0 });
const lnC = (report: TeacherCalibrationReport) => `ln ${report.classes} = ${formatFixed(report.maxEntropy, 3)} nats`;

/** Where the labels become nearly uniform, and what that means for a hotter τ. */
export function flatnessSentence(report: TeacherCalibrationReport): string {
  const flat = flatFrom(report);
  const taus = report.points.map((p) => p.tau);
  const coldest = Math.min(...taus);
  const hottest = report.points.reduce((a, b) => (b.tau > a.tau ? b : a));
  if (!flat) {
    return `Even at τ = ${formatDecimal(hottest.tau)} this teacher’s labels keep their shape (entropy ${share(hottest, report)} of ${lnC(report)}): it is confident enough that every τ measured still passes on its ranking of the classes.`;
  }
  if (flat.tau === coldest) {
    return `Already at τ = ${formatDecimal(flat.tau)} this teacher’s labels are within 10 % of uniform (entropy ${share(flat, report)} of ${lnC(report)}): it is unsure everywhere, and any hotter τ only flattens labels that carry little already.`;
  }
  return `From τ = ${formatDecimal(flat.tau)} on, this teacher’s labels are within 10 % of uniform (entropy ${share(flat, report)} of ${lnC(report)}): a hotter τ adds nothing but flatness, so for this teacher τ above ${formatDecimal(flat.tau)} is too hot.`;
}

/** The slider's τ against those figures. */
export function sliderSentence(report: TeacherCalibrationReport, tau: number): string {
  const p = pointNear(report, tau);
  const at = p.tau === tau ? `At the slider’s τ = ${formatDecimal(tau)}` : `At τ = ${formatDecimal(p.tau)} (nearest measured to the slider’s ${formatDecimal(tau)})`;
  const g = p.discrepancy === null ? '' : `, G = ${formatFixed(p.discrepancy, 3)} nats`;
  const flat = flatFrom(report);
  const verdict = flat && p.tau >= flat.tau ? ' — past the point where the labels are nearly uniform.' : '.';
  return `${at}: mean entropy ${formatFixed(p.meanEntropy, 3)} nats (${share(p, report)} of ln ${report.classes}), mean max-probability ${formatFixed(p.meanMaxProb, 3)} (uniform: ${formatFixed(1 / report.classes, 3)})${g}${verdict}`;
}

/** Whether the teacher as deployed (τ = 1) is over- or under-confident, judged against sampling error on n points. */
export function confidenceSentence(reliability: ReliabilityDiagram): string {
  const { accuracy, meanConfidence, ece, n } = reliability;
  // Two binomial standard errors of the accuracy on n points (at least as if it were ½/n off 0 or 1).
  const margin = 2 * Math.sqrt(Math.max(accuracy * (1 - accuracy), 0.5 / n) / n);
  const gap = meanConfidence - accuracy;
  const figures = `mean confidence ${formatPercent(100 * meanConfidence)} against accuracy ${formatPercent(100 * accuracy)} on ${n} test points, ECE ${formatFixed(ece, 3)}`;
  if (gap > margin) return `At τ = 1 the teacher is over-confident (${figures}): its raw labels are sharper than its knowledge, which a τ above 1 softens.`;
  if (-gap > margin) return `At τ = 1 the teacher is under-confident (${figures}): its labels are already flatter than its accuracy warrants, so a hot τ flattens them further still.`;
  return `At τ = 1 the teacher is calibrated within sampling error (${figures}; the gap is within two standard errors, ±${formatPercent(100 * margin)}).`;
}

/** Where the soft labels come closest to the oracle (blobs only); null without one. */
export function discrepancySentence(report: TeacherCalibrationReport): string | null {
  const best = closestToOracle(report);
  if (!best || report.uniformDiscrepancy === null) return null;
  const hottest = Math.max(...report.points.map((p) => p.tau));
  const where = best.tau === hottest
    ? `G keeps falling up to the hottest τ measured, ${formatDecimal(best.tau)} (${formatFixed(best.discrepancy!, 3)} nats): this teacher’s labels are too sharp for the oracle at every τ shown`
    : `G is lowest at τ = ${formatDecimal(best.tau)} (${formatFixed(best.discrepancy!, 3)} nats); hotter labels move away from the oracle`;
  return `${where}, towards the uniform label’s G = ${formatFixed(report.uniformDiscrepancy, 3)} nats.`;
}
