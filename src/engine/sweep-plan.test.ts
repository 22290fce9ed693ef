import { describe, expect, it } from 'vitest';
import { checkTemperatures, findTauMax, parseTemperatures, robustTaus } from './sweep-plan';

describe('parseTemperatures', () => {
  it('reads commas and spaces, and sorts ascending', () => {
    expect(parseTemperatures('8, 1,2  5')).toEqual({ ok: true, taus: [1, 2, 5, 8] });
  });

  it('names the bad value: out of range, not a number, repeated, too many, none', () => {
    expect(parseTemperatures('1, 0.5')).toEqual({ ok: false, message: expect.stringContaining('τ = 0.5 is outside') });
    expect(parseTemperatures('1, 51')).toEqual({ ok: false, message: expect.stringContaining('τ = 51 is outside the teacher temperature\'s range [1, 50]') });
    expect(parseTemperatures('1, abc')).toEqual({ ok: false, message: 'Temperatures: "abc" is not a number.' });
    expect(parseTemperatures('2, 3, 2')).toEqual({ ok: false, message: 'Temperatures: τ = 2 is listed twice.' });
    expect(parseTemperatures('1 2 3 4 5 6 7 8 9 10 11 12 13')).toEqual({ ok: false, message: expect.stringContaining('13 values given, at most 12') });
    expect(parseTemperatures(' , ')).toEqual({ ok: false, message: expect.stringContaining('at least one') });
    expect(checkTemperatures([NaN]).ok).toBe(false);
  });
});

describe('findTauMax (paper §4.2 step 1)', () => {
  // Hand values shaped like the paper's ablation: flat, then a collapse.
  const substitutes = [
    { tau: 1, natAcc: 90 }, { tau: 2, natAcc: 91 }, { tau: 5, natAcc: 86 }, { tau: 10, natAcc: 84.9 }, { tau: 15, natAcc: 40 },
  ];

  it('is the smallest τ more than `drop` points below the τ = 1 substitute', () => {
    expect(findTauMax(substitutes)).toEqual({ tauMax: 10, baseline: 90, threshold: 85 });
    expect(findTauMax(substitutes, 3)).toEqual({ tauMax: 5, baseline: 90, threshold: 87 });
    // 86 is not below 86: exactly at the threshold is not a drop.
    expect(findTauMax(substitutes, 4).tauMax).toBe(10);
  });

  it('is null when no substitute drops, whatever the order given', () => {
    expect(findTauMax([{ tau: 3, natAcc: 89 }, { tau: 1, natAcc: 90 }], 5).tauMax).toBeNull();
    expect(findTauMax([{ tau: 20, natAcc: 10 }, { tau: 12, natAcc: 20 }, { tau: 1, natAcc: 90 }]).tauMax).toBe(12);
  });

  it('refuses substitutes without τ = 1, the reference', () => {
    expect(() => findTauMax([{ tau: 2, natAcc: 90 }])).toThrow(/τ = 1/);
  });

  it('keeps the τ up to τ_max (inclusive), or all of them when there is none', () => {
    expect(robustTaus([1, 2, 5, 10, 15], 10)).toEqual([1, 2, 5, 10]);
    expect(robustTaus([1, 2, 5], null)).toEqual([1, 2, 5]);
  });
});
