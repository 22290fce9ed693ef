import fc from 'fast-check';
import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from './errors';
import { encodeFashionPack, firstPerClass, parseFashionPack } from './fashion-pack';
import type { ImageSplit } from './image-set';
import { knownImages } from './test-files';

const split = (n: number, labelOf: (i: number) => number = (i) => i % 10): ImageSplit => {
  const { pixels } = knownImages(n, 784);
  return { pixels, labels: Uint8Array.from({ length: n }, (_, i) => labelOf(i)), n };
};

describe('the embedded Fashion-MNIST pack', () => {
  it('gives back both splits byte for byte, with the class names and where it came from', async () => {
    const [train, test] = [split(30), split(20, (i) => 9 - (i % 10))];
    const set = await parseFashionPack('p.bin', encodeFashionPack(train, test));
    expect([set.id, set.train.n, set.test.n, set.height, set.width, set.channels]).toEqual(['fashion-mnist', 30, 20, 28, 28, 1]);
    expect(set.train.pixels).toEqual(train.pixels);
    expect(set.test.labels).toEqual(test.labels);
    expect(set.classNames[6]).toBe('Shirt');
    expect(set.source).toMatch(/^the embedded subset .*"Data files" loads all 70,000/);
  });

  it('reads the pack already inflated, as a server sending Content-Encoding hands it over', async () => {
    const packed = encodeFashionPack(split(10), split(10));
    const set = await parseFashionPack('p.bin', gunzipSync(packed));
    expect(set.train.n).toBe(10);
  });

  it('writes the same bytes every time (no timestamp), so the committed pack changes only with its data', () => {
    expect(encodeFashionPack(split(12), split(4))).toEqual(encodeFashionPack(split(12), split(4)));
  });

  it('refuses a wrong magic number, a truncated pack and a label that is no class, naming the file', async () => {
    const raw = gunzipSync(encodeFashionPack(split(10), split(10)));
    const wrongMagic = raw.slice();
    wrongMagic[3] = 0x4d; // "LTDM", the MNIST pack
    await expect(parseFashionPack('f.bin', gzipSync(wrongMagic))).rejects.toThrow(/^f\.bin: wrong magic number: not a Fashion-MNIST pack/);
    await expect(parseFashionPack('f.bin', gzipSync(raw.subarray(0, 5000)))).rejects.toThrow(/f\.bin: truncated or padded: 10 \+ 10 images need/);
    await expect(parseFashionPack('f.bin', gzipSync(raw.subarray(0, 12)))).rejects.toBeInstanceOf(DataFormatError);
    const badLabel = raw.slice();
    badLabel[20 + 10 * 784 + 3] = 10;
    await expect(parseFashionPack('f.bin', gzipSync(badLabel))).rejects.toThrow(/f\.bin: training label 10 at index 3 is not a class/);
  });
});

describe('firstPerClass', () => {
  it('keeps the first k images of each class in the split’s own order', () => {
    const labels = [3, 1, 3, 3, 0, 1, 2, 0, 2, 1];
    const s = split(labels.length, (i) => labels[i]);
    const kept = firstPerClass('s', s, 4, 2);
    expect(Array.from(kept.labels)).toEqual([3, 1, 3, 0, 1, 2, 0, 2]);
    // The image at position 4 of the subset is the split's image 5 (the second class-1 image).
    expect(kept.pixels.subarray(4 * 784, 5 * 784)).toEqual(s.pixels.subarray(5 * 784, 6 * 784));
  });

  it('refuses a split where a class has too few images, naming the file and the class', () => {
    expect(() => firstPerClass('train-images', split(25), 10, 3)).toThrow(/^train-images: class 5 has only 2 images, the subset needs 3 of each/);
  });

  it('is balanced, ordered, and a prefix of the split until some class is full (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 80 }), fc.integer({ min: 1, max: 3 }), (labels, k) => {
      const all = [0, 1, 2, 3].map((c) => labels.filter((l) => l === c).length);
      fc.pre(all.every((n) => n >= k));
      const kept = firstPerClass('s', split(labels.length, (i) => labels[i]), 4, k);
      expect([0, 1, 2, 3].map((c) => Array.from(kept.labels).filter((l) => l === c).length)).toEqual([k, k, k, k]);
      const firstFull = labels.findIndex((_, i) => labels.slice(0, i + 1).filter((l) => l === labels[i]).length > k);
      const prefix = firstFull < 0 ? kept.n : firstFull;
      expect(Array.from(kept.labels.subarray(0, prefix))).toEqual(labels.slice(0, prefix));
    }));
  });
});
