import { describe, expect, it } from 'vitest';
import { PLAIN_EXTRAS } from './testing/figures';
import type { SweepFigures } from './events';
import { SWEEP_CHECK_THRESHOLDS, sweepChecks, sweepChecksText } from './sweep-checks';

const PGD = { attack: 'PGD' as const, epsilon: 0.1, steps: 10, restarts: 1, subset: 100 };
const point = (extra: Partial<SweepFigures>): SweepFigures => ({
  natAcc: 80, robustAcc: 40, squareAcc: 40, worstCaseAcc: 40, subset: 100, cleanCorrect: 80, robustAttack: PGD, square: null, ...PLAIN_EXTRAS, ...extra,
});

describe('the sweep’s cheap checks', () => {
  it('share the detector’s level over three tests and its 10-point effect', () => {
    expect(SWEEP_CHECK_THRESHOLDS).toMatchObject({ tests: 3, alpha: 0.05, minGap: 10 });
    expect(SWEEP_CHECK_THRESHOLDS.z).toBeCloseTo(2.128, 3);
  });

  it('fire when Square breaks 16 more of 80 clean-correct points than PGD (McNemar z = 16/√16 = 4)', () => {
    const r = sweepChecks(point({ versusWhiteBox: { square: { onlyOther: 16, onlyWhiteBox: 0 }, aaLite: null } }), 10);
    const square = r.checks.find((c) => c.id === 'square-beats-white-box')!;
    expect(square.excess.gap).toBeCloseTo(20, 9); // 16 / 80 clean-correct points
    expect(square.excess.z).toBeCloseTo(4, 9);
    expect(square.fires).toBe(true);
    expect(sweepChecksText(r, 'PGD-10')).toBe('Square beats PGD-10: +20 pts, z 4.0');
  });

  it('stay quiet when the disagreements cancel, and leave out an attack that did not run', () => {
    const r = sweepChecks(point({ versusWhiteBox: { square: { onlyOther: 9, onlyWhiteBox: 7 }, aaLite: null } }), 10);
    expect(r.checks.map((c) => c.id)).toEqual(['square-beats-white-box', 'vanishing-gradients']);
    expect(sweepChecksText(r, 'PGD-10')).toBe('none fire');
  });

  it('name vanishing gradients by their share, and give no verdict near chance', () => {
    const r = sweepChecks(point({ zeroGradients: 40 }), 10);
    // 40 of 80 clean-correct points: 50 %, se 100·√(0.25/80) = 5.59 points, z 8.9.
    expect(sweepChecksText(r, 'PGD-10')).toBe('zero gradients: 50 %, z 8.9');
    expect(sweepChecksText(sweepChecks(point({ natAcc: 15 }), 10), 'PGD-10')).toBe('no verdict (near chance)');
  });
});
