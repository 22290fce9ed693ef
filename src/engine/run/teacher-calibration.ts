/**
 * The teacher calibration panel's numbers (paper §4.2's reasoning, Chen & Lee, arXiv 2111.02331):
 * how flat the teacher's soft labels softmax(q/τ) are at each τ, how well its T = 1 confidence
 * matches its accuracy, and, where the data set has an oracle (blobs), how far the labels are
 * from it (G, paper Eq. 7). The teacher runs once on the test subset; every τ is then plain
 * arithmetic on those logits (theory/calibration.ts).
 */
import type { Dataset } from '../data/types';
import { teacherOutputs } from '../eval/test-logits';
import type { Classifier } from '../models';
import { type ReliabilityDiagram, teacherCalibration, uniformLabelDiscrepancy } from '../../shared/theory/calibration';
import { firstTestPoints } from '../data/first-points';

/** What the panel asks for. */
export interface TeacherCalibrationRequest {
  /** Temperatures τ > 0 at which to summarise the soft labels, in the order wanted back. */
  taus: number[];
  /** Test points to use: the first N of the test split (fewer if the split is smaller). */
  subset: number;
  /** Equal-width confidence bins of the reliability diagram over [0, 1]. */
  bins: number;
}

/** The soft labels softmax(q/τ) at one τ, averaged over the subset. */
export interface CalibrationPoint {
  tau: number;
  /** Mean entropy in nats; ln C is uniform. */
  meanEntropy: number;
  /** Mean of the largest probability: 1 is one-hot, 1/C uniform. */
  meanMaxProb: number;
  /** G = mean KL(oracle ‖ softmax(q/τ)) in nats (paper Eq. 7); null when the data set has no oracle. */
  discrepancy: number | null;
}

export interface TeacherCalibrationReport {
  /** The data set the teacher was trained and measured on. */
  dataset: string;
  /** C, the number of classes. */
  classes: number;
  /** Test points actually used (the request's subset, capped by the test split). */
  subset: number;
  /** ln C: the entropy of the uniform label, where softmax(q/τ) heads as τ grows. */
  maxEntropy: number;
  points: CalibrationPoint[];
  /** The teacher as deployed (τ = 1): confidence against accuracy per bin, and the ECE. */
  reliability: ReliabilityDiagram;
  /** G of the uniform label (the τ → ∞ limit), ln C − mean H(oracle); null without an oracle. */
  uniformDiscrepancy: number | null;
}

/** A request the engine cannot honour, naming the parameter. */
export class CalibrationRequestError extends RangeError {
  constructor(message: string) {
    super(`Teacher calibration: ${message}`);
    this.name = 'CalibrationRequestError';
  }
}

function checkRequest({ taus, subset, bins }: TeacherCalibrationRequest): void {
  if (taus.length === 0) throw new CalibrationRequestError('taus is empty; give at least one temperature');
  const bad = taus.find((tau) => !(Number.isFinite(tau) && tau > 0));
  if (bad !== undefined) throw new CalibrationRequestError(`every τ in taus must be a finite number > 0, got ${bad}`);
  if (!(Number.isInteger(subset) && subset >= 1)) throw new CalibrationRequestError(`subset must be an integer ≥ 1, got ${subset}`);
  if (!(Number.isInteger(bins) && bins >= 1)) throw new CalibrationRequestError(`bins must be an integer ≥ 1, got ${bins}`);
}


/**
 * Measure a teacher's calibration on the first `subset` test points.
 *
 * @param teacher  the naturally trained teacher, inputs → logits at T = 1
 * @param dataset  the data set it was trained on (its oracle, if any, gives G)
 * @param request  the temperatures, the subset size and the reliability bins
 */
export async function measureTeacherCalibration(teacher: Classifier, dataset: Dataset, request: TeacherCalibrationRequest): Promise<TeacherCalibrationReport> {
  checkRequest(request);
  const n = Math.min(request.subset, dataset.test.n);
  if (n < 1) throw new CalibrationRequestError(`the test split of ${dataset.id} is empty`);
  // One forward pass over the subset, read back once; every τ below is arithmetic on these numbers.
  const outputs = await teacherOutputs(teacher, { ...dataset, test: firstTestPoints(dataset, n) });
  const calibration = teacherCalibration(outputs, request.taus, request.bins);
  return {
    dataset: dataset.id,
    classes: outputs.classes,
    subset: n,
    maxEntropy: calibration.maxEntropy,
    points: calibration.softLabels.map((s) => ({ tau: s.tau, meanEntropy: s.meanEntropy, meanMaxProb: s.meanMaxProb, discrepancy: s.discrepancy ?? null })),
    reliability: calibration.reliability,
    uniformDiscrepancy: outputs.oracle ? uniformLabelDiscrepancy(outputs.oracle, outputs.classes) : null,
  };
}
