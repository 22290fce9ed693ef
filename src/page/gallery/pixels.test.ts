import { describe, expect, it } from 'vitest';
import { perturbationGain, perturbationToByte, toRgba, unitToByte } from './pixels';

describe('toRgba', () => {
  it('repeats one channel as grey and keeps three as RGB, opaque, row-major', () => {
    expect(Array.from(toRgba([0, 1], [1, 2, 1], unitToByte))).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(Array.from(toRgba([10, 20, 30, 40, 50, 60], [2, 1, 3], (v) => v))).toEqual([10, 20, 30, 255, 40, 50, 60, 255]);
  });
});

describe('perturbation gain', () => {
  it('maps the largest |δ| over all examples to black or white and 0 to grey (hand values)', () => {
    const gain = perturbationGain([[0.1, -0.3], [0.2, 0]]);
    expect(gain).toBeCloseTo(0.5 / 0.3, 12);
    const toByte = perturbationToByte(gain);
    expect([-0.3, 0, 0.3].map(toByte)).toEqual([0, 128, 255]);
    expect(toByte(0.1)).toBe(Math.round(255 * (0.5 + 0.5 / 3)));
  });

  it('is 1 when nothing moved, so the picture stays grey', () => {
    expect(perturbationGain([[0, 0], []])).toBe(1);
  });
});
