import { describe, expect, it } from 'vitest';
import type { SweepFigures } from './events';
import { checkRepeats, epochSpread, groupRepeats } from './repeats';
import { PLAIN_EXTRAS } from './testing/figures';

const PGD = { attack: 'PGD' as const, epsilon: 0.05, steps: 3, restarts: 1, subset: 16 };
const point = (tau: number, seed: number, natAcc: number, robustAcc: number, squareAcc: number | null = null): { tau: number; seed: number } & SweepFigures =>
  ({ tau, seed, natAcc, robustAcc, squareAcc, worstCaseAcc: Math.min(robustAcc, squareAcc ?? robustAcc), subset: 16, robustAttack: PGD, square: null, cleanCorrect: 14, ...PLAIN_EXTRAS });

describe('repeats', () => {
  it('runs repeat r at seed + r − 1, and refuses other counts or seeds past the Seed range by name', () => {
    expect(checkRepeats(1, 42)).toEqual({ ok: true, seeds: [42] });
    expect(checkRepeats(3, 42)).toEqual({ ok: true, seeds: [42, 43, 44] });
    expect(checkRepeats(5, 0)).toEqual({ ok: true, seeds: [0, 1, 2, 3, 4] });
    expect(checkRepeats(2, 1)).toEqual({ ok: false, message: 'Repeats: 2 is not one of 1, 3, 5.' });
    expect(checkRepeats(3, 2 ** 31 - 2)).toEqual({
      ok: false, message: 'Repeats: 3 repeats from seed 2147483646 need seeds up to 2147483648, above the Seed maximum 2147483647.',
    });
  });

  it('groups points by their key in first-seen order and summarises each figure over the repeats', () => {
    // τ = 2 at three seeds: natural 80, 70, 90 → mean 80, s.d. 10; PGD 40, 46, 43 → mean 43, s.d. 3.
    const groups = groupRepeats(
      [point(2, 1, 80, 40, 30), point(8, 1, 60, 20), point(2, 2, 70, 46, 36), point(8, 2, 64, 24), point(2, 3, 90, 43)],
      (p) => String(p.tau),
    );
    expect(groups.map((g) => [g.key, g.points.map((p) => p.seed)])).toEqual([['2', [1, 2, 3]], ['8', [1, 2]]]);
    const [two, eight] = groups;
    expect(two.first.seed).toBe(1);
    expect(two.spread.natAcc).toEqual({ n: 3, mean: 80, sd: 10, min: 70, max: 90 });
    expect(two.spread.robustAcc).toEqual({ n: 3, mean: 43, sd: 3, min: 40, max: 46 });
    // Square ran on two of the three seeds: its own n.
    expect(two.spread.squareAcc).toEqual({ n: 2, mean: 33, sd: Math.sqrt(18), min: 30, max: 36 });
    expect(eight.spread.natAcc).toEqual({ n: 2, mean: 62, sd: Math.sqrt(8), min: 60, max: 64 });
    expect(eight.spread.squareAcc).toBeNull();
  });

  it('gives a single seed n = 1 and no s.d.', () => {
    const [only] = groupRepeats([point(5, 1, 77, 33)], (p) => String(p.tau));
    expect(only.spread.natAcc).toEqual({ n: 1, mean: 77, sd: null, min: 77, max: 77 });
  });

  it('summarises a repeated run per epoch over the runs that reached it', () => {
    const run = (...figures: Array<[number, number | null]>) => ({ student: figures.map(([natAcc, robustAcc], i) => ({ epoch: i + 1, natAcc, robustAcc })) });
    // Two finished runs of 2 epochs and one still in its first.
    const spread = epochSpread([run([60, 30], [70, 40]), run([64, 34], [74, 44]), run([68, null])]);
    expect(spread.map((e) => [e.epoch, e.natAcc.n, e.natAcc.mean, e.natAcc.min, e.natAcc.max])).toEqual([[1, 3, 64, 60, 68], [2, 2, 72, 70, 74]]);
    expect(spread[0].natAcc.sd).toBe(4);
    // PGD at epoch 1 measured by two of the three.
    expect(spread[0].robustAcc).toEqual({ n: 2, mean: 32, sd: Math.sqrt(8), min: 30, max: 34 });
    expect(epochSpread([run([50, null])])[0].robustAcc).toBeNull();
  });
});
