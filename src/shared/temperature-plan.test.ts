import { describe, expect, it } from 'vitest';
import { checkTemperatures, chooseTau, findTauMax, parseTemperatures, refinementTau, robustTaus } from './temperature-plan';

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

  it('keeps the τ strictly below τ_max (the paper’s τ < τ_max), or all of them when there is none', () => {
    expect(robustTaus([1, 2, 5, 10, 15], 10)).toEqual([1, 2, 5]);
    expect(robustTaus([1, 2, 5], 1)).toEqual([]);
    expect(robustTaus([1, 2, 5], null)).toEqual([1, 2, 5]);
  });
});

describe('step 2: choosing τ on the validation split', () => {
  const point = (tau: number, worstCaseAcc: number, natAcc = 80) => ({ tau, worstCaseAcc, natAcc });

  it('chooses the best validation robust accuracy; ties go to natural accuracy, then the smaller τ', () => {
    expect(chooseTau([point(1, 40), point(2, 45), point(5, 43)]).tau).toBe(2);
    expect(chooseTau([point(1, 45, 80), point(2, 45, 82)]).tau).toBe(2);
    expect(chooseTau([point(5, 45), point(2, 45)]).tau).toBe(2);
    expect(() => chooseTau([])).toThrow(/no τ/);
  });

  it('refines between the best τ and its better neighbour, at their geometric mean on the τ step', () => {
    // Best 5, neighbours 2 (44) and 10 (41): between 2 and 5, √10 = 3.16 → 3.
    expect(refinementTau([point(1, 40), point(2, 44), point(5, 46), point(10, 41)])).toBe(3);
    // Best 5, better neighbour 10: √50 = 7.07 → 7.
    expect(refinementTau([point(2, 40), point(5, 46), point(10, 45)])).toBe(7);
    // The best at the grid's end refines towards its only neighbour, whatever the order given.
    expect(refinementTau([point(8, 30), point(1, 50)])).toBe(3);
  });

  it('has nothing to refine with one τ or with neighbours one step apart', () => {
    expect(refinementTau([point(2, 40)])).toBeNull();
    expect(refinementTau([point(2, 40), point(2.5, 41)])).toBeNull();
    expect(refinementTau([point(2, 40), point(3, 41)])).toBe(2.5);
  });
});
