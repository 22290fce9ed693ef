import { describe, expect, it } from 'vitest';
import { imageSamples } from './samples';

describe('imageSamples', () => {
  const split = { x: Float32Array.from([0, 1, 0.5, 0.2, 1.0000001, -0.0001, 0.8, 0.1]), y: Int32Array.from([3, 7]), n: 2 };

  it('turns the first images into bytes round(255·x), clamped to 0–255, with their labels', () => {
    const s = imageSamples(split, { inputShape: [2, 2, 1] }, 1);
    expect(Array.from(s.pixels)).toEqual([0, 255, 128, 51]);
    expect(Array.from(s.labels)).toEqual([3]);
    expect(s).toMatchObject({ count: 1, shape: [2, 2, 1] });
  });

  it('stops at the split’s size and clamps values a hair outside [0, 1]', () => {
    const s = imageSamples(split, { inputShape: [2, 2, 1] }, 24);
    expect(s.count).toBe(2);
    expect(Array.from(s.pixels.subarray(4))).toEqual([255, 0, 204, 26]);
    expect(Array.from(s.labels)).toEqual([3, 7]);
  });
});
