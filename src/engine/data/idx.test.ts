import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from './errors';
import { encodeIdx, parseIdx } from './idx';

const errorOf = (fn: () => unknown): DataFormatError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataFormatError) return error;
    throw error;
  }
  throw new Error('expected a DataFormatError');
};

describe('parseIdx', () => {
  it('reads back exactly the images and labels it was written from', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (n, r, c, seed) => {
        const data = Uint8Array.from({ length: n * r * c }, (_, i) => (i * 31 + seed) & 255);
        const images = parseIdx('img', encodeIdx([n, r, c], data), 3);
        expect(images.dims).toEqual([n, r, c]);
        expect(Array.from(images.data)).toEqual(Array.from(data));
        const labels = parseIdx('lab', encodeIdx([n], data.subarray(0, n)), 1);
        expect(labels.dims).toEqual([n]);
        expect(Array.from(labels.data)).toEqual(Array.from(data.subarray(0, n)));
      }),
    );
  });

  it('reads the big-endian header by hand: 00 00 08 03, then 2, 1, 3', () => {
    const bytes = Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3, 10, 20, 30, 40, 50, 60]);
    expect(parseIdx('x', bytes, 3)).toEqual({ dims: [2, 1, 3], data: bytes.subarray(16) });
  });

  it('refuses a labels file given as images, naming the file and both magic numbers', () => {
    const error = errorOf(() => parseIdx('train-images-idx3-ubyte', encodeIdx([3], new Uint8Array(3)), 3));
    expect(error.file).toBe('train-images-idx3-ubyte');
    expect(error.message).toMatch(/wrong magic number 0x00000801: expected 0x00000803/);
  });

  it('refuses truncated data, saying how much is needed and how much is there', () => {
    const bytes = encodeIdx([4, 2, 2], new Uint8Array(16)).subarray(0, 16 + 10);
    expect(errorOf(() => parseIdx('t', bytes, 3)).message).toMatch(/truncated: sizes 4 × 2 × 2 need 16 data bytes, the file has 10/);
  });

  it('refuses a header cut short', () => {
    expect(errorOf(() => parseIdx('t', Uint8Array.from([0, 0, 8, 3, 0, 0]), 3)).message).toMatch(/truncated/);
  });

  it('refuses bytes beyond the data the sizes describe', () => {
    const bytes = encodeIdx([2], Uint8Array.from([1, 2, 3]));
    expect(errorOf(() => parseIdx('t', bytes, 1)).message).toMatch(/1 bytes after the data/);
  });

  it('refuses an empty file and a file with zero examples', () => {
    expect(errorOf(() => parseIdx('e', new Uint8Array(0), 1)).message).toMatch(/empty/);
    expect(errorOf(() => parseIdx('z', encodeIdx([0, 28, 28], new Uint8Array(0)), 3)).message).toMatch(/holds no data/);
  });
});
