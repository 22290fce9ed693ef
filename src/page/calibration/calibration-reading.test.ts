import { describe, expect, it } from 'vitest';
import { softLabelSummaries } from '../../shared/theory';
import type { ReliabilityDiagram, TeacherCalibrationReport } from '../../hosts/worker/api';
import {
  closestToOracle, confidenceSentence, discrepancySentence, flatFrom, flatnessSentence, pointNear, sliderSentence, TAU_GRID,
} from './calibration-reading';

const LN3 = Math.log(3);

/** A report whose mean entropies are given as shares of ln 3 at τ = 1, 2, 5, 10. */
function report(shares: number[], discrepancies: Array<number | null> = shares.map(() => null)): TeacherCalibrationReport {
  return {
    dataset: 'blobs', classes: 3, subset: 100, maxEntropy: LN3, uniformDiscrepancy: discrepancies[0] === null ? null : 0.4,
    points: [1, 2, 5, 10].map((tau, i) => ({ tau, meanEntropy: shares[i] * LN3, meanMaxProb: 1 - shares[i] * 0.6, discrepancy: discrepancies[i] })),
    reliability: { bins: [], ece: 0, accuracy: 0.9, meanConfidence: 0.9, n: 100 },
  };
}

const reliability = (accuracy: number, meanConfidence: number, n: number): ReliabilityDiagram => ({ bins: [], ece: Math.abs(accuracy - meanConfidence), accuracy, meanConfidence, n });

describe('TAU_GRID', () => {
  it('holds every value of the Teacher temperature slider, 1 to 50 in steps of 0.5', () => {
    expect(TAU_GRID).toHaveLength(99);
    expect(TAU_GRID.slice(0, 3)).toEqual([1, 1.5, 2]);
    expect(TAU_GRID.at(-1)).toBe(50);
    expect(TAU_GRID).toContain(5);
  });
});

describe('flatness', () => {
  it('finds the coldest τ whose entropy reaches 90 % of ln C and calls hotter ones too hot', () => {
    const r = report([0.3, 0.6, 0.92, 0.97]);
    expect(flatFrom(r)?.tau).toBe(5);
    expect(flatnessSentence(r)).toBe(
      'From τ = 5 on, this teacher’s labels are within 10 % of uniform (entropy 92% of ln 3 = 1.099 nats): a hotter τ adds nothing but flatness, so for this teacher τ above 5 is too hot.',
    );
  });

  it('says so when the labels are nearly uniform already at the coldest τ, and when they never get there', () => {
    expect(flatnessSentence(report([0.95, 0.97, 0.99, 1]))).toMatch(/^Already at τ = 1 .* it is unsure everywhere/);
    const confident = report([0.05, 0.1, 0.3, 0.5]);
    expect(flatFrom(confident)).toBeNull();
    expect(flatnessSentence(confident)).toMatch(/^Even at τ = 10 this teacher’s labels keep their shape \(entropy 50% of ln 3/);
  });

  it('agrees with the real soft-label summaries of a confident row: flat from the τ the entropy crosses 0.9 ln 3', () => {
    // Logits (6, 0, 0): H(softmax(q/τ)) / ln 3 is 0.8878 at τ = 6 and 0.9043 at τ = 6.5.
    const points = softLabelSummaries({ logits: [6, 0, 0], classes: 3, labels: [0] }, TAU_GRID).map((s) => ({ ...s, discrepancy: null }));
    const r: TeacherCalibrationReport = { ...report([0, 0, 0, 0]), points };
    const flat = flatFrom(r)!;
    expect(flat.tau).toBe(6.5);
    const before = points[TAU_GRID.indexOf(flat.tau) - 1];
    expect(flat.meanEntropy).toBeGreaterThanOrEqual(0.9 * LN3);
    expect(before.meanEntropy).toBeLessThan(0.9 * LN3);
  });
});

describe('sliderSentence', () => {
  it('reads the slider’s τ exactly when measured, with its share of ln C and G, and marks it past the flat point', () => {
    const r = report([0.3, 0.6, 0.92, 0.97], [0.5, 0.2, 0.3, 0.35]);
    expect(sliderSentence(r, 5)).toBe(
      'At the slider’s τ = 5: mean entropy 1.011 nats (92% of ln 3), mean max-probability 0.448 (uniform: 0.333), G = 0.300 nats — past the point where the labels are nearly uniform.',
    );
    expect(sliderSentence(r, 2)).toMatch(/^At the slider’s τ = 2: .*G = 0\.200 nats\.$/);
  });

  it('names the nearest measured τ when the slider’s is not on the grid', () => {
    expect(pointNear(report([0.3, 0.6, 0.92, 0.97]), 7).tau).toBe(5);
    expect(sliderSentence(report([0.3, 0.6, 0.7, 0.8]), 8)).toMatch(/^At τ = 10 \(nearest measured to the slider’s 8\): .*\(uniform: 0\.333\)\.$/);
  });
});

describe('confidenceSentence', () => {
  it('calls a gap beyond two standard errors over- or under-confidence, and a smaller one calibrated', () => {
    // n = 400, accuracy 0.9: 2·SE = 2·√(0.09/400) = 0.03.
    expect(confidenceSentence(reliability(0.9, 0.95, 400))).toMatch(/^At τ = 1 the teacher is over-confident \(mean confidence 95\.0% against accuracy 90\.0% on 400 test points, ECE 0\.050\)/);
    expect(confidenceSentence(reliability(0.9, 0.85, 400))).toMatch(/under-confident/);
    expect(confidenceSentence(reliability(0.9, 0.92, 400))).toMatch(/calibrated within sampling error .*±3\.0%/);
    // The same 2-point gap on 10 000 points is significant (2·SE = 0.006).
    expect(confidenceSentence(reliability(0.9, 0.92, 10_000))).toMatch(/over-confident/);
  });
});

describe('discrepancySentence', () => {
  it('names the τ of least G, or says G keeps falling to the hottest τ; nothing without an oracle', () => {
    const r = report([0.3, 0.6, 0.92, 0.97], [0.5, 0.2, 0.3, 0.35]);
    expect(closestToOracle(r)?.tau).toBe(2);
    expect(discrepancySentence(r)).toBe('G is lowest at τ = 2 (0.200 nats); hotter labels move away from the oracle, towards the uniform label’s G = 0.400 nats.');
    expect(discrepancySentence(report([0.1, 0.2, 0.3, 0.4], [0.9, 0.8, 0.7, 0.6]))).toMatch(/^G keeps falling up to the hottest τ measured, 10 \(0\.600 nats\)/);
    expect(discrepancySentence(report([0.3, 0.6, 0.92, 0.97]))).toBeNull();
  });
});
