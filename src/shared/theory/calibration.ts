/**
 * Teacher calibration from its logits alone, in plain numbers: why a τ is too hot for *this*
 * teacher (the paper's §4.2 reasoning, Chen & Lee, arXiv 2111.02331). A teacher with small logits
 * gives nearly flat labels already at τ = 5; an over-confident one needs a hotter τ to say
 * anything beyond its arg-max. The worker sends the logits once (eval/test-logits.ts); the page
 * recomputes these for any list of τ without a round trip.
 *
 * Every softmax(q/τ) here is taken through its log-sum-exp, so logits thousands apart (a
 * defensively distilled model's) give finite entropies and finite KL to an oracle instead of
 * 0 · log 0 or log 0.
 */

/** A teacher's outputs on n test points. */
export interface TeacherOutputs {
  /** Logits q(x) at temperature 1, row-major n × classes. */
  logits: ArrayLike<number>;
  /** k, the number of classes (≥ 2). */
  classes: number;
  /** The true class of each row (length n): scores the reliability diagram. */
  labels: ArrayLike<number>;
  /** The exact posterior p(c | x), n × classes, on data sets that have one (blobs); paper Eq. 7's oracle. */
  oracle?: ArrayLike<number>;
}

/** The teacher's soft labels softmax(q/τ) at one τ, averaged over the test points. */
export interface SoftLabelSummary {
  tau: number;
  /** Mean entropy of softmax(q/τ) in nats; ln k is uniform (maxEntropy in the report). */
  meanEntropy: number;
  /** Mean of max_c softmax(q/τ)_c: 1 is one-hot, 1/k uniform. */
  meanMaxProb: number;
  /** G of the soft labels, mean KL(oracle ‖ softmax(q/τ)) in nats (paper Eq. 7); absent without an oracle. */
  discrepancy?: number;
}

/** One confidence bin of the reliability diagram at T = 1. */
export interface ReliabilityBin {
  /** The bin is (lower, upper] of the confidence max_c softmax(q)_c (the first also takes its lower end). */
  lower: number;
  upper: number;
  count: number;
  /** Mean confidence of the rows in the bin; null when it is empty. */
  meanConfidence: number | null;
  /** Share of those rows whose arg-max is the label; null when empty. */
  accuracy: number | null;
}

export interface ReliabilityDiagram {
  bins: ReliabilityBin[];
  /** Expected calibration error, Σ_b (n_b/n)·|accuracy_b − confidence_b| (Guo et al. 2017, equal-width bins). */
  ece: number;
  /** Accuracy and mean confidence over all rows: an over-confident teacher has confidence > accuracy. */
  accuracy: number;
  meanConfidence: number;
  n: number;
}

export interface TeacherCalibration {
  /** ln k: the entropy of the uniform label, where softmax(q/τ) heads as τ grows. */
  maxEntropy: number;
  softLabels: SoftLabelSummary[];
  reliability: ReliabilityDiagram;
}

function rowsOf(outputs: TeacherOutputs): number {
  const { logits, classes: k, labels, oracle } = outputs;
  const n = labels.length;
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`calibration: classes must be an integer ≥ 2, got ${k}`);
  if (n < 1) throw new RangeError('calibration: no test points (labels is empty)');
  if (logits.length !== n * k) throw new RangeError(`calibration: logits has ${logits.length} values, expected ${n} rows × ${k} classes = ${n * k}`);
  if (oracle && oracle.length !== n * k) throw new RangeError(`calibration: oracle has ${oracle.length} values, expected ${n} rows × ${k} classes = ${n * k}`);
  return n;
}

/**
 * Per-τ mean entropy, mean max-probability and (with an oracle) G of softmax(q/τ).
 *
 * @param outputs  the teacher's logits (and oracle, if any)
 * @param taus     the temperatures τ > 0 to summarise, in the order wanted back
 */
export function softLabelSummaries(outputs: TeacherOutputs, taus: readonly number[]): SoftLabelSummary[] {
  const n = rowsOf(outputs);
  const { logits, classes: k, oracle } = outputs;
  for (const tau of taus) if (!(tau > 0)) throw new RangeError(`calibration: every τ must be > 0, got ${tau}`);
  // Per row: max logit, and Σ y ln y of the oracle (so KL = Σ y ln y − Σ y ln p).
  const max = new Float64Array(n);
  const oracleNegEntropy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let c = 0; c < k; c++) m = Math.max(m, logits[i * k + c]);
    max[i] = m;
    if (oracle) {
      let s = 0;
      for (let c = 0; c < k; c++) {
        const y = oracle[i * k + c];
        if (y > 0) s += y * Math.log(y);
      }
      oracleNegEntropy[i] = s;
    }
  }
  return taus.map((tau) => {
    let entropy = 0;
    let maxProb = 0;
    let kl = 0;
    for (let i = 0; i < n; i++) {
      // With d_c = (q_c − max q)/τ ≤ 0 and S = Σ e^{d_c}: ln p_c = d_c − ln S, max p = 1/S,
      // H = ln S − Σ e^{d_c} d_c / S.
      let sum = 0;
      let weighted = 0;
      let oracleDot = 0;
      for (let c = 0; c < k; c++) {
        const d = (logits[i * k + c] - max[i]) / tau;
        const e = Math.exp(d);
        sum += e;
        weighted += e * d;
        if (oracle) oracleDot += oracle[i * k + c] * d;
      }
      const logSum = Math.log(sum);
      entropy += logSum - weighted / sum;
      maxProb += 1 / sum;
      if (oracle) kl += oracleNegEntropy[i] - oracleDot + logSum; // Σ y = 1
    }
    const summary: SoftLabelSummary = { tau, meanEntropy: entropy / n, meanMaxProb: maxProb / n };
    if (oracle) summary.discrepancy = kl / n;
    return summary;
  });
}

/**
 * The reliability diagram of the teacher as deployed (T = 1): equal-width confidence bins, the
 * accuracy in each, and the expected calibration error.
 *
 * @param outputs   the teacher's logits and the true labels
 * @param binCount  how many equal-width bins over [0, 1]; 15 as in Guo et al. (2017)
 */
export function reliabilityDiagram(outputs: TeacherOutputs, binCount = 15): ReliabilityDiagram {
  const n = rowsOf(outputs);
  const { logits, classes: k, labels } = outputs;
  if (!(Number.isInteger(binCount) && binCount >= 1)) throw new RangeError(`calibration: binCount must be an integer ≥ 1, got ${binCount}`);
  const count = new Float64Array(binCount);
  const confidenceSum = new Float64Array(binCount);
  const correctSum = new Float64Array(binCount);
  let correctTotal = 0;
  let confidenceTotal = 0;
  for (let i = 0; i < n; i++) {
    let top = 0;
    for (let c = 1; c < k; c++) if (logits[i * k + c] > logits[i * k + top]) top = c;
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(logits[i * k + c] - logits[i * k + top]);
    const confidence = 1 / sum;
    const correct = top === labels[i] ? 1 : 0;
    const b = Math.min(binCount - 1, Math.max(0, Math.ceil(confidence * binCount) - 1)); // (b/B, (b+1)/B]
    count[b] += 1;
    confidenceSum[b] += confidence;
    correctSum[b] += correct;
    correctTotal += correct;
    confidenceTotal += confidence;
  }
  let ece = 0;
  const bins: ReliabilityBin[] = Array.from({ length: binCount }, (_, b) => {
    const filled = count[b] > 0;
    const meanConfidence = filled ? confidenceSum[b] / count[b] : null;
    const accuracy = filled ? correctSum[b] / count[b] : null;
    if (filled) ece += (count[b] / n) * Math.abs(accuracy! - meanConfidence!);
    return { lower: b / binCount, upper: (b + 1) / binCount, count: count[b], meanConfidence, accuracy };
  });
  return { bins, ece, accuracy: correctTotal / n, meanConfidence: confidenceTotal / n, n };
}

/**
 * G of the uniform label (1/k, …, 1/k), where softmax(q/τ) heads as τ → ∞: the mean over rows of
 * KL(oracle ‖ uniform) = ln k − H(oracle), in nats. A soft label whose G climbs towards this has
 * stopped telling the student anything the oracle knows.
 *
 * @param oracle   the exact posterior p(c | x), row-major n × classes
 * @param classes  k, the number of classes (≥ 2)
 */
export function uniformLabelDiscrepancy(oracle: ArrayLike<number>, classes: number): number {
  if (!(Number.isInteger(classes) && classes >= 2)) throw new RangeError(`calibration: classes must be an integer ≥ 2, got ${classes}`);
  if (oracle.length === 0 || oracle.length % classes !== 0) throw new RangeError(`calibration: oracle has ${oracle.length} values, not a positive multiple of ${classes} classes`);
  const n = oracle.length / classes;
  let negEntropy = 0;
  for (let i = 0; i < oracle.length; i++) if (oracle[i] > 0) negEntropy += oracle[i] * Math.log(oracle[i]);
  return Math.log(classes) + negEntropy / n;
}

/**
 * Everything the calibration panel shows, from one set of logits.
 *
 * @param outputs   the teacher's logits, labels and (if any) oracle on the test split
 * @param taus      the temperatures to summarise soft labels at
 * @param binCount  reliability bins (default 15)
 */
export function teacherCalibration(outputs: TeacherOutputs, taus: readonly number[], binCount = 15): TeacherCalibration {
  return {
    maxEntropy: Math.log(outputs.classes),
    softLabels: softLabelSummaries(outputs, taus),
    reliability: reliabilityDiagram(outputs, binCount),
  };
}
