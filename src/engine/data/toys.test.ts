import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { makeMoons, moonPoint } from './moons';
import { makeSpirals, spiralPoint } from './spirals';

const sizes = { trainSize: 200, testSize: 100 };

describe('moons and spirals', () => {
  it('are seeded: the same seed gives the same points, another seed others', () => {
    const a = makeMoons(new Rng(3), { noise: 0.04, ...sizes });
    const b = makeMoons(new Rng(3), { noise: 0.04, ...sizes });
    const c = makeMoons(new Rng(4), { noise: 0.04, ...sizes });
    expect(Array.from(a.train.x)).toEqual(Array.from(b.train.x));
    expect(Array.from(a.train.x)).not.toEqual(Array.from(c.train.x));
    expect(Array.from(a.train.x)).not.toEqual(Array.from(a.test.x.subarray(0, 200)));
  });

  it('keep every point in the unit square with balanced classes', () => {
    for (const data of [makeMoons(new Rng(1), { noise: 0.2, ...sizes }), makeSpirals(new Rng(1), { classes: 3, noise: 0.2, ...sizes })]) {
      expect(data.train.x.every((v) => v >= 0 && v <= 1)).toBe(true);
      const counts = new Array(data.numClasses).fill(0);
      data.train.y.forEach((c) => counts[c]++);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });

  it('put noiseless moons on their arcs: ends at the hand-computed corners', () => {
    const s = 0.8 / 3;
    expect(moonPoint(0, 0)).toEqual([0.1 + 2 * s, 0.3 + 0.5 * s]);
    expect(moonPoint(1, 0)[0]).toBeCloseTo(0.1 + s, 12); // the lower moon starts at x = 0
    expect(moonPoint(1, 0.5)[1]).toBeCloseTo(0.3, 12); // bottom of the lower moon: y = −0.5
    const data = makeMoons(new Rng(2), { noise: 0, ...sizes });
    for (let i = 0; i < 20; i++) {
      const [x, y] = [data.train.x[2 * i], data.train.y[i]];
      const cx = y === 0 ? 0.1 + s : 0.1 + 2 * s; // centre of each arc
      const cy = y === 0 ? 0.3 + 0.5 * s : 0.3 + s;
      expect(Math.hypot(x - cx, data.train.x[2 * i + 1] - cy)).toBeCloseTo(s, 5);
    }
  });

  it('wind each spiral arm out from the centre, arms a third of a turn apart', () => {
    expect(spiralPoint(0, 3, 0)).toEqual([0.5, 0.5]);
    const [x0, y0] = spiralPoint(0, 3, 1);
    const [x1, y1] = spiralPoint(1, 3, 1);
    const angle = Math.atan2(y1 - 0.5, x1 - 0.5) - Math.atan2(y0 - 0.5, x0 - 0.5);
    expect(((angle + 4 * Math.PI) % (2 * Math.PI))).toBeCloseTo((2 * Math.PI) / 3, 10);
  });
});
