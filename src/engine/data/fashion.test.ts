import { describe, expect, it } from 'vitest';
import { DataFormatError } from './errors';
import { fashionFromFiles } from './fashion';
import { encodeIdx } from './idx';
import { imageDataset } from './image-set';
import { loadImageFiles } from './load-files';
import { fashionFiles, knownImages } from './test-files';

describe('Fashion-MNIST from IDX files', () => {
  it('round-trips generated files exactly, gzipped or not, with any folder prefix', async () => {
    for (const gzip of [true, false]) {
      const files = fashionFiles(5, 3, gzip).map((f) => ({ ...f, name: `fashion/${f.name}` }));
      const set = await loadImageFiles('fashion-mnist', files);
      expect([set.train.n, set.test.n, set.height, set.width, set.channels]).toEqual([5, 3, 28, 28, 1]);
      expect(Array.from(set.train.pixels)).toEqual(Array.from(knownImages(5, 784).pixels));
      expect(Array.from(set.test.labels)).toEqual([0, 1, 2]);
    }
  });

  it('turns bytes into inputs in [0, 1] by /255', async () => {
    const set = await loadImageFiles('fashion-mnist', fashionFiles(2, 2));
    const data = imageDataset(set, 2, 1);
    expect(data.inputShape).toEqual([28, 28, 1]);
    expect(data.train.x[1]).toBeCloseTo(11 / 255, 7);
    expect(data.train.x[784]).toBeCloseTo(37 / 255, 7);
    expect(data.test.n).toBe(1);
  });

  it('refuses image and label counts that disagree, naming the labels file', () => {
    const files = fashionFiles(4, 2, false);
    files[1] = { name: 'train-labels-idx1-ubyte', bytes: encodeIdx([3], new Uint8Array(3)) };
    expect(() => fashionFromFiles(files, 'x')).toThrow(
      new DataFormatError('train-labels-idx1-ubyte', 'holds 3 labels but train-images-idx3-ubyte holds 4 images'),
    );
  });

  it('refuses images of the wrong dimensions', () => {
    const files = fashionFiles(2, 2, false);
    files[0] = { name: 'train-images-idx3-ubyte', bytes: encodeIdx([2, 32, 32], new Uint8Array(2048)) };
    expect(() => fashionFromFiles(files, 'x')).toThrow(/train-images-idx3-ubyte: wrong dimensions: images are 32×32/);
  });

  it('refuses a label that is not a class', () => {
    const files = fashionFiles(2, 2, false);
    files[3] = { name: 't10k-labels-idx1-ubyte', bytes: encodeIdx([2], Uint8Array.from([1, 12])) };
    expect(() => fashionFromFiles(files, 'x')).toThrow(/t10k-labels-idx1-ubyte: label 12 at index 1/);
  });

  it('names the member that is missing', () => {
    const files = fashionFiles(2, 2).filter((f) => !f.name.startsWith('t10k-labels'));
    return expect(loadImageFiles('fashion-mnist', files)).rejects.toThrow(/^t10k-labels-idx1-ubyte\[\.gz\]: missing/);
  });

  it('reports a bad file before complaining that others are missing', () => {
    const only = [{ name: 'train-images-idx3-ubyte.gz', bytes: Uint8Array.from([1, 2, 3, 4]) }];
    return expect(loadImageFiles('fashion-mnist', only)).rejects.toThrow(/^train-images-idx3-ubyte\.gz: is named \.gz but is not gzip/);
  });
});
