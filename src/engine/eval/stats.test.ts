import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, excessOver, excessOverZero } from './stats';

describe('detector statistics', () => {
  it('does not raise an alarm for equal success counts', () => {
    const equal = excessOver({ count: 90, n: 200 }, { count: 90, n: 200 });
    expect(equal).toEqual({ gap: 0, se: expect.any(Number), z: 0, exceeds: false });
  });

  it('raises an alarm for a 30-point gap on 200 points', () => {
    // 110/200 vs 50/200: pooled p = 0.4, SE = 100·√(0.4·0.6·(2/200)) = 4.899 points, z = 30/4.899 = 6.12.
    const gap = excessOver({ count: 110, n: 200 }, { count: 50, n: 200 });
    expect(gap.gap).toBeCloseTo(30);
    expect(gap.se).toBeCloseTo(4.899, 3);
    expect(gap.z).toBeCloseTo(6.124, 3);
    expect(gap.exceeds).toBe(true);
  });

  it('lets sampling noise pass: a 2-point gap on 100 points, and a 12-point gap on 20 points', () => {
    expect(excessOver({ count: 52, n: 100 }, { count: 50, n: 100 }).exceeds).toBe(false);
    // Large but not significant: 6/20 vs 3.6/20 would be noise; 7/20 vs 5/20 is 10 points with z ≈ 0.7.
    const small = excessOver({ count: 7, n: 20 }, { count: 5, n: 20 });
    expect(small.gap).toBeCloseTo(10);
    expect(small.z).toBeLessThan(DEFAULT_THRESHOLDS.z);
    expect(small.exceeds).toBe(false);
  });

  it('needs the effect size too: a significant 5-point gap on 5000 points passes', () => {
    const tiny = excessOver({ count: 2750, n: 5000 }, { count: 2500, n: 5000 });
    expect(tiny.z).toBeGreaterThan(DEFAULT_THRESHOLDS.z);
    expect(tiny.exceeds).toBe(false);
  });

  it('judges a rate against zero with the Wald error', () => {
    // 40/200 = 20 %, SE = 100·√(0.2·0.8/200) = 2.828, z = 7.07.
    const share = excessOverZero({ count: 40, n: 200 });
    expect(share.se).toBeCloseTo(2.828, 3);
    expect(share.z).toBeCloseTo(7.071, 3);
    expect(share.exceeds).toBe(true);
    expect(excessOverZero({ count: 0, n: 200 }).exceeds).toBe(false);
    expect(excessOverZero({ count: 200, n: 200 })).toMatchObject({ gap: 100, z: Infinity, exceeds: true });
  });
});
