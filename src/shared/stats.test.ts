import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bonferroni, discordant, discordantExcess, excessOverZero, inverseNormalCdf, mcnemar, normalUpperTail, pairedExcess, proportionGap, summarise } from './stats';

/** Masks over `n` points: the first `both` broken by a and b, then `onlyA`, then `onlyB`. */
function masks(n: number, both: number, onlyA: number, onlyB: number): [Uint8Array, Uint8Array] {
  const a = Uint8Array.from({ length: n }, (_, i) => (i < both + onlyA ? 1 : 0));
  const b = Uint8Array.from({ length: n }, (_, i) => (i < both || (i >= both + onlyA && i < both + onlyA + onlyB) ? 1 : 0));
  return [a, b];
}

/** One test at one-sided 5 %: z ≥ 1.645. */
const ONE = bonferroni(1);

describe('inverse normal CDF', () => {
  it('matches tabulated quantiles', () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormalCdf(0.99)).toBeCloseTo(2.326348, 5);
    expect(inverseNormalCdf(0.999)).toBeCloseTo(3.090232, 5);
    expect(inverseNormalCdf(0.95)).toBeCloseTo(1.644854, 5);
    expect(inverseNormalCdf(0.01)).toBeCloseTo(-2.326348, 5); // lower tail branch
    expect(inverseNormalCdf(1e-6)).toBeCloseTo(-4.753424, 4);
  });

  it('is odd about ½ and increasing', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-8, max: 0.5, noNaN: true }), fc.double({ min: 1e-8, max: 0.49, noNaN: true }), (p, d) => {
        expect(inverseNormalCdf(p) + inverseNormalCdf(1 - p)).toBeCloseTo(0, 6);
        const q = Math.min(p + d, 1 - 1e-8);
        if (q > p) expect(inverseNormalCdf(q)).toBeGreaterThan(inverseNormalCdf(p));
      }),
    );
  });

  it('refuses p outside (0, 1), naming the file', () => {
    expect(() => inverseNormalCdf(0)).toThrow(/stats\.ts/);
    expect(() => inverseNormalCdf(1)).toThrow(RangeError);
  });
});

describe('Bonferroni thresholds', () => {
  it('shares one-sided 5 % among m tests: z = Φ⁻¹(1 − 0.05/m)', () => {
    expect(bonferroni(1).z).toBeCloseTo(1.644854, 5);
    expect(bonferroni(2).z).toBeCloseTo(1.959964, 5); // 0.975
    expect(bonferroni(5).z).toBeCloseTo(2.326348, 5); // 0.99
    expect(bonferroni(50).z).toBeCloseTo(3.090232, 5); // 0.999
    expect(bonferroni(11)).toMatchObject({ minGap: 10, alpha: 0.05, tests: 11 });
    expect(bonferroni(11).z).toBeCloseTo(2.608616, 5); // Φ⁻¹(1 − 0.05/11) = Φ⁻¹(0.995455)
    expect(() => bonferroni(0)).toThrow(RangeError);
  });
});

describe('McNemar on paired outcomes', () => {
  it('the review example: PGD breaks 50 of 100, noise the same 50 and 10 more → z = 10/√10', () => {
    // b = 10 (noise only), c = 0: z = 3.162; the pooled two-sample test said 10/7.04 = 1.42.
    const [noise, pgd] = masks(100, 50, 10, 0);
    const e = pairedExcess(noise, pgd, 100, bonferroni(11));
    expect(e).toMatchObject({ onlyA: 10, onlyB: 0 });
    expect(e.gap).toBeCloseTo(10);
    expect(e.z).toBeCloseTo(3.1623, 4);
    expect(e.se).toBeCloseTo(3.1623, 4); // 100·√10/100 points
    expect(e.exceeds).toBe(true);
  });

  it('discordant points both ways cancel: b = 30, c = 20 over 200 → gap 5 points, z = 10/√50', () => {
    const [a, b] = masks(250, 40, 30, 20);
    const e = pairedExcess(a, b, 200, ONE);
    expect(e.gap).toBeCloseTo(5);
    expect(e.z).toBeCloseTo(1.4142, 4);
    expect(e.exceeds).toBe(false);
    // Reversed, the sign flips.
    expect(pairedExcess(b, a, 200, ONE).z).toBeCloseTo(-1.4142, 4);
  });

  it('is z = 0 when no point is discordant, whatever the counts', () => {
    const [a, b] = masks(100, 60, 0, 0);
    expect(pairedExcess(a, b, 100, ONE)).toEqual({ gap: 0, se: 0, z: 0, exceeds: false, onlyA: 0, onlyB: 0 });
  });

  it('needs the effect size too: 40 against 0 discordant on 1000 points is significant but 4 points', () => {
    const [a, b] = masks(1000, 0, 40, 0);
    const e = pairedExcess(a, b, 1000, ONE);
    expect(e.z).toBeCloseTo(Math.sqrt(40), 6);
    expect(e.exceeds).toBe(false);
  });

  it('refuses masks over different points', () => {
    expect(() => pairedExcess(new Uint8Array(3), new Uint8Array(4), 3, ONE)).toThrow(/same points/);
  });
});

describe('McNemar from discordant counts', () => {
  it('agrees with the masks it summarises (property)', () => {
    fc.assert(fc.property(fc.nat(30), fc.nat(30), fc.nat(30), (both, onlyA, onlyB) => {
      const n = both + onlyA + onlyB + 5;
      const [a, b] = masks(n, both, onlyA, onlyB);
      expect(discordantExcess(onlyA, onlyB, n, ONE)).toEqual(pairedExcess(a, b, n, ONE));
    }));
  });
});

describe('two rates from different runs', () => {
  it('uses the binomial error of each: 53 % of 100 against 26 % of 100 → se 6.64 points, z 4.06', () => {
    const e = proportionGap({ count: 53, n: 100 }, { count: 26, n: 100 }, ONE);
    expect(e.gap).toBeCloseTo(27, 9);
    expect(e.se).toBeCloseTo(100 * Math.sqrt((0.53 * 0.47 + 0.26 * 0.74) / 100), 9);
    expect(e.z).toBeCloseTo(4.063, 3);
    expect(e.exceeds).toBe(true);
  });

  it('asks more of a gap than McNemar does on the same counts: 10 points on 100 is not enough unpaired', () => {
    expect(proportionGap({ count: 40, n: 100 }, { count: 30, n: 100 }, ONE).exceeds).toBe(false);
    expect(proportionGap({ count: 5, n: 0 }, { count: 1, n: 10 }, ONE)).toEqual({ gap: 0, se: 0, z: 0, exceeds: false });
  });
});

describe('one-sample test against zero', () => {
  it('judges a rate against zero with the Wald error', () => {
    // 40/200 = 20 %, SE = 100·√(0.2·0.8/200) = 2.828, z = 7.07.
    const share = excessOverZero({ count: 40, n: 200 }, ONE);
    expect(share.se).toBeCloseTo(2.828, 3);
    expect(share.z).toBeCloseTo(7.071, 3);
    expect(share.exceeds).toBe(true);
    expect(excessOverZero({ count: 0, n: 200 }, ONE).exceeds).toBe(false);
    expect(excessOverZero({ count: 200, n: 200 }, ONE)).toMatchObject({ gap: 100, z: Infinity, exceeds: true });
  });
});

describe('summarise', () => {
  it('gives n, mean, the sample s.d. (n − 1), min and max', () => {
    // 40, 50, 60: mean 50, squared deviations 100 + 0 + 100 = 200, / (3 − 1) = 100, s.d. 10.
    expect(summarise([50, 40, 60])).toEqual({ n: 3, mean: 50, sd: 10, min: 40, max: 60 });
    // 1, 2, 3, 4, 5: mean 3, squared deviations 4 + 1 + 0 + 1 + 4 = 10, / 4 = 2.5.
    const five = summarise([1, 2, 3, 4, 5]);
    expect(five).toMatchObject({ n: 5, mean: 3, min: 1, max: 5 });
    expect(five.sd).toBeCloseTo(Math.sqrt(2.5), 12);
  });

  it('has no s.d. for a single value, and s.d. 0 for equal values', () => {
    expect(summarise([72.5])).toEqual({ n: 1, mean: 72.5, sd: null, min: 72.5, max: 72.5 });
    expect(summarise([33.3, 33.3])).toEqual({ n: 2, mean: 33.3, sd: 0, min: 33.3, max: 33.3 });
  });

  it('refuses an empty list', () => {
    expect(() => summarise([])).toThrow(/at least one value/);
  });

  it('keeps the mean between min and max, and the s.d. no larger than the range', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 8 }), (values) => {
        const s = summarise(values);
        expect(s.mean).toBeGreaterThanOrEqual(s.min - 1e-9);
        expect(s.mean).toBeLessThanOrEqual(s.max + 1e-9);
        expect(s.sd!).toBeLessThanOrEqual(s.max - s.min + 1e-9);
      }),
    );
  });
});

describe('the normal upper tail', () => {
  it('matches tabulated values and is the complement of itself about 0', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(2.326348)).toBeCloseTo(0.01, 6);
    expect(normalUpperTail(4 / 3)).toBeCloseTo(0.0912112, 6);
    expect(normalUpperTail(-1.644854)).toBeCloseTo(0.95, 6);
  });

  it('inverts inverseNormalCdf', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => {
        expect(normalUpperTail(inverseNormalCdf(1 - p))).toBeCloseTo(p, 6);
      }),
    );
  });
});

describe('McNemar’s test, exact and continuity-corrected', () => {
  it('b = 10, c = 0: exact p = 2⁻¹⁰, χ² = 81/10, corrected z = 9/√10', () => {
    const m = mcnemar(10, 0);
    expect(m.exactP).toBeCloseTo(1 / 1024, 12);
    expect(m.chiSquare).toBeCloseTo(8.1, 12);
    expect(m.correctedP).toBeCloseTo(normalUpperTail(9 / Math.sqrt(10)), 12);
    expect(m.correctedP).toBeCloseTo(0.0022133, 6);
  });

  it('b = 7, c = 2: exact p = (36 + 9 + 1)/512, χ² = 16/9, corrected z = 4/3', () => {
    const m = mcnemar(7, 2);
    expect(m.exactP).toBeCloseTo(46 / 512, 12);
    expect(m.chiSquare).toBeCloseTo(16 / 9, 12);
    expect(m.correctedP).toBeCloseTo(0.0912112, 6);
  });

  it('the defensive-distillation preset: PGD-10 57 %, AA-lite 30 % on 100 points, AA-lite breaking 27 more → p = 2⁻²⁷', () => {
    expect(mcnemar(27, 0).exactP).toBeCloseTo(2 ** -27, 15);
  });

  it('no discordant pair is no evidence: p = 1; b < c points the other way', () => {
    expect(mcnemar(0, 0)).toEqual({ b: 0, c: 0, exactP: 1, chiSquare: 0, correctedP: 1 });
    expect(mcnemar(2, 7).exactP).toBeCloseTo(1 - 1 / 512 - 9 / 512, 12); // P(X ≥ 2 | 9, ½) = 1 − P(X ≤ 1)
    expect(mcnemar(2, 7).correctedP).toBeGreaterThan(0.5);
  });

  it('refuses counts that are not whole and ≥ 0, naming the file', () => {
    expect(() => mcnemar(-1, 2)).toThrow(/stats\.ts/);
    expect(() => mcnemar(1.5, 2)).toThrow(RangeError);
  });

  it('the exact p is a tail of b over b + c fair coins: it falls as b grows with b + c fixed (up to 40, where 1 − 2⁻ⁿ is still below 1 in float64)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 39 }), (n, k) => {
        const b = Math.min(k, n - 1);
        expect(mcnemar(b + 1, n - b - 1).exactP).toBeLessThan(mcnemar(b, n - b).exactP);
      }),
    );
  });

  it('counts discordant points of two masks', () => {
    const [a, b] = masks(20, 5, 4, 3);
    expect(discordant(a, b)).toEqual({ b: 4, c: 3 });
    expect(() => discordant(a, b.subarray(1))).toThrow(/same points/);
  });
});
