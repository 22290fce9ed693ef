import { describe, expect, it } from 'vitest';
import { apgdCheckpoints, apgdWindows } from './apgd-schedule';

describe('apgdCheckpoints', () => {
  it('gives the reference code’s checkpoints for hand-worked budgets', () => {
    // N = 100: windows 22, 19, 16, 13, 10, 7, then 6 (the minimum) until past N.
    expect(apgdCheckpoints(100)).toEqual([22, 41, 57, 70, 80, 87, 93, 99]);
    // N = 20: first ⌊4.4⌋ = 4, shrinking by 1 to the minimum 1.
    expect(apgdCheckpoints(20)).toEqual([4, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    // N = 50: ⌊11⌋, shrinking by ⌊1.5⌋ = 1 down to ⌊3⌋ = 3.
    expect(apgdCheckpoints(50)).toEqual([11, 21, 30, 38, 45]); // the next, 51, is past N
    expect(apgdCheckpoints(1)).toEqual([1]);
    expect(apgdCheckpoints(3)).toEqual([1, 2, 3]);
  });

  it('is the paper’s p_j schedule (p₁ = 0.22, p_{j+1} = p_j + max(p_j − p_{j−1} − 0.03, 0.06)) times N at N = 100', () => {
    const p = [0, 0.22];
    while (p.at(-1)! < 1) p.push(p.at(-1)! + Math.max(p.at(-1)! - p.at(-2)! - 0.03, 0.06));
    const fromPaper = p.slice(1).map((v) => Math.round(100 * v)).filter((c) => c <= 100);
    expect(apgdCheckpoints(100)).toEqual(fromPaper);
  });

  it('keeps the windows at least one iteration, and the checkpoints increasing and within the budget', () => {
    for (let n = 1; n <= 300; n++) {
      const c = apgdCheckpoints(n);
      const w = apgdWindows(n);
      expect(w.min).toBeGreaterThanOrEqual(1);
      expect(c[0]).toBe(w.first);
      c.forEach((v, i) => {
        expect(v).toBeLessThanOrEqual(n);
        if (i > 0) expect(v - c[i - 1]).toBeGreaterThanOrEqual(w.min);
      });
    }
  });
});
