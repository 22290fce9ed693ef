import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reliabilityDiagram, softLabelSummaries, teacherCalibration, type TeacherOutputs, uniformLabelDiscrepancy } from './calibration';

/** Binary logits whose softmax at T = 1 gives `confidence` to class `top`. */
function binaryRow(confidence: number, top: 0 | 1): number[] {
  const gap = Math.log(confidence / (1 - confidence));
  return top === 0 ? [gap, 0] : [0, gap];
}

describe('softLabelSummaries', () => {
  it('matches hand entropies and max-probabilities at τ = 1 and τ = 2', () => {
    // Row [0, 1, 2]: τ = 1 → (0.0900, 0.2447, 0.6652), H = 0.8323956; τ = 2 → max 0.5064804, H = 1.0201913.
    const outputs: TeacherOutputs = { logits: [0, 1, 2], classes: 3, labels: [2] };
    const [one, two] = softLabelSummaries(outputs, [1, 2]);
    expect(one.meanEntropy).toBeCloseTo(0.8323956, 7);
    expect(one.meanMaxProb).toBeCloseTo(0.6652410, 7);
    expect(two.meanEntropy).toBeCloseTo(1.0201913, 7);
    expect(two.meanMaxProb).toBeCloseTo(0.5064804, 7);
    expect(one.discrepancy).toBeUndefined();
  });

  it('averages over rows: (0.75, 0.25) has H = 0.5623351', () => {
    const outputs: TeacherOutputs = { logits: [...binaryRow(0.75, 0), ...binaryRow(0.75, 1)], classes: 2, labels: [0, 1] };
    const [s] = softLabelSummaries(outputs, [1]);
    expect(s.meanEntropy).toBeCloseTo(0.5623351, 7);
    expect(s.meanMaxProb).toBeCloseTo(0.75, 12);
  });

  it('gives G = 0.3006167 for oracle (0.5, 0.3, 0.2) against softmax([0, 1, 2] / 2), and 0 for a row whose label is its oracle', () => {
    const [s] = softLabelSummaries({ logits: [0, 1, 2], classes: 3, labels: [2], oracle: [0.5, 0.3, 0.2] }, [2]);
    expect(s.discrepancy).toBeCloseTo(0.3006167, 7);
    // Add a row with softmax([ln 3, 0, 0]) = (0.6, 0.2, 0.2) = its oracle: its KL is 0, so G halves.
    const [t] = softLabelSummaries({ logits: [0, 0.5, 1, Math.log(3), 0, 0], classes: 3, labels: [2, 0], oracle: [0.5, 0.3, 0.2, 0.6, 0.2, 0.2] }, [1]);
    expect(t.discrepancy).toBeCloseTo(0.3006167 / 2, 7);
  });

  it('stays finite for logits thousands apart, where a plain softmax rounds the other classes to 0', () => {
    const [s] = softLabelSummaries({ logits: [3000, 0, -500], classes: 3, labels: [0], oracle: [0.9, 0.1, 0] }, [1]);
    expect(s.meanEntropy).toBe(0);
    expect(s.meanMaxProb).toBe(1);
    // KL = 0.9 ln 0.9 + 0.1 ln 0.1 − 0.1 · (−3000) (ln p₂ = −3000 exactly, the log-sum-exp is 0).
    expect(s.discrepancy).toBeCloseTo(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1) + 300, 9);
  });

  it('raises the entropy and lowers the max-probability as τ grows, towards ln k and 1/k (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 4, maxLength: 4 }), (row) => {
        const out = softLabelSummaries({ logits: row, classes: 4, labels: [0] }, [0.5, 1, 2, 8, 1e9]);
        for (let j = 1; j < out.length; j++) {
          expect(out[j].meanEntropy).toBeGreaterThanOrEqual(out[j - 1].meanEntropy - 1e-12);
          expect(out[j].meanMaxProb).toBeLessThanOrEqual(out[j - 1].meanMaxProb + 1e-12);
        }
        expect(out[4].meanEntropy).toBeCloseTo(Math.log(4), 6);
        expect(out[4].meanMaxProb).toBeCloseTo(0.25, 6);
      }),
    );
  });

  it('refuses logits that do not fit the labels and classes, and a τ that is not positive', () => {
    expect(() => softLabelSummaries({ logits: [1, 2, 3], classes: 2, labels: [0, 1] }, [1])).toThrow(/logits has 3 values, expected 2 rows × 2 classes = 4/);
    expect(() => softLabelSummaries({ logits: [1, 2], classes: 2, labels: [0], oracle: [1] }, [1])).toThrow(/oracle has 1 values/);
    expect(() => softLabelSummaries({ logits: [1, 2], classes: 2, labels: [0] }, [0])).toThrow(/every τ must be > 0, got 0/);
  });
});

describe('reliabilityDiagram', () => {
  it('bins confidences, counts accuracy per bin and gives the hand ECE 0.2375', () => {
    // Confidences 0.62 (right), 0.75 (right), 0.75 (wrong), 0.93 (right), 10 bins:
    // ECE = ¼|1 − 0.62| + ½|0.5 − 0.75| + ¼|1 − 0.93| = 0.095 + 0.125 + 0.0175.
    const logits = [...binaryRow(0.62, 0), ...binaryRow(0.75, 1), ...binaryRow(0.75, 0), ...binaryRow(0.93, 1)];
    const d = reliabilityDiagram({ logits, classes: 2, labels: [0, 1, 1, 1] }, 10);
    expect(d.ece).toBeCloseTo(0.2375, 12);
    expect(d.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 0, 1]);
    expect(d.bins[7].accuracy).toBe(0.5);
    expect(d.bins[7].meanConfidence).toBeCloseTo(0.75, 12);
    expect(d.bins[0].accuracy).toBeNull();
    expect(d.bins[9]).toMatchObject({ lower: 0.9, upper: 1 });
    expect(d.accuracy).toBe(0.75);
    expect(d.meanConfidence).toBeCloseTo((0.62 + 1.5 + 0.93) / 4, 12);
  });

  it('puts confidence 1 in the last bin and ½ in the bin that ends at ½', () => {
    const d = reliabilityDiagram({ logits: [800, 0, 0, 0], classes: 2, labels: [0, 0] }, 4);
    expect(d.bins.map((b) => b.count)).toEqual([0, 1, 0, 1]);
  });

  it('keeps every count, an ECE in [0, 1] and |accuracy − confidence| ≤ ECE (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: -20, max: 20, noNaN: true }), fc.integer({ min: 0, max: 1 })), { minLength: 1, maxLength: 60 }), (rows) => {
        const d = reliabilityDiagram({ logits: rows.flatMap(([a, b]) => [a, b]), classes: 2, labels: rows.map((r) => r[2]) });
        expect(d.bins.reduce((s, b) => s + b.count, 0)).toBe(rows.length);
        expect(d.ece).toBeGreaterThanOrEqual(0);
        expect(d.ece).toBeLessThanOrEqual(1);
        // The ECE bounds the overall gap (triangle inequality over bins).
        expect(Math.abs(d.accuracy - d.meanConfidence)).toBeLessThanOrEqual(d.ece + 1e-12);
      }),
    );
  });

  it('refuses a bin count that is not a positive integer', () => {
    expect(() => reliabilityDiagram({ logits: [1, 0], classes: 2, labels: [0] }, 0)).toThrow(/binCount must be an integer ≥ 1, got 0/);
  });
});

describe('uniformLabelDiscrepancy', () => {
  it('is ln k for one-hot oracles, 0 for a uniform one, and the row mean in between', () => {
    expect(uniformLabelDiscrepancy([1, 0, 0, 0, 0, 1], 3)).toBeCloseTo(Math.log(3), 12);
    expect(uniformLabelDiscrepancy([0.5, 0.5], 2)).toBeCloseTo(0, 12);
    // (0.9, 0.1): ln 2 + 0.9 ln 0.9 + 0.1 ln 0.1 = 0.3680642; averaged with a uniform row it halves.
    expect(uniformLabelDiscrepancy([0.9, 0.1, 0.5, 0.5], 2)).toBeCloseTo(0.3680642 / 2, 7);
  });

  it('is the limit of the soft labels’ G as τ grows', () => {
    const outputs: TeacherOutputs = { logits: [3, -1, 0.5, 0, 2, -2], classes: 3, labels: [0, 1], oracle: [0.7, 0.1, 0.2, 0.2, 0.6, 0.2] };
    const [hot] = softLabelSummaries(outputs, [1e9]);
    expect(hot.discrepancy).toBeCloseTo(uniformLabelDiscrepancy(outputs.oracle!, 3), 8);
  });

  it('refuses an oracle that does not split into rows of k classes', () => {
    expect(() => uniformLabelDiscrepancy([0.5, 0.3, 0.2], 2)).toThrow(/oracle has 3 values, not a positive multiple of 2 classes/);
  });
});

describe('teacherCalibration', () => {
  it('bundles ln k, the per-τ summaries and the T = 1 reliability diagram', () => {
    const outputs: TeacherOutputs = { logits: [0, 1, 2], classes: 3, labels: [2] };
    const c = teacherCalibration(outputs, [1, 5]);
    expect(c.maxEntropy).toBeCloseTo(Math.log(3), 12);
    expect(c.softLabels.map((s) => s.tau)).toEqual([1, 5]);
    expect(c.reliability.bins).toHaveLength(15);
    expect(c.reliability.ece).toBeCloseTo(1 - 0.6652410, 6);
  });
});
