import { readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MNIST_DIGITS_DIR, packMnist } from './mnist-pack.mjs';
import { DataFormatError } from '../../engine/data/errors';
import { maybeGunzip } from '../../engine/data/gzip';
import { parseMnistPack } from '../../engine/data/mnist';

const pack = packMnist();

describe('the embedded MNIST', () => {
  it('holds the package\'s 10 000 digits, split 8 000 / 2 000 with every class in both', async () => {
    const set = await parseMnistPack('mnist-digits.bin', pack);
    expect([set.train.n, set.test.n, set.height, set.width, set.channels]).toEqual([8000, 2000, 28, 28, 1]);
    for (const split of [set.train, set.test]) {
      const counts = new Array(10).fill(0);
      split.labels.forEach((l) => counts[l]++);
      expect(Math.min(...counts)).toBeGreaterThan(split.n / 20);
    }
    const all = [...set.train.labels, ...set.test.labels];
    expect(all.filter((l) => l === 1).length).toBe(1127); // 1.json holds 1127 digits
  });

  it('recovers each pixel byte exactly from the package\'s k/255 floats', async () => {
    const { bytes } = await maybeGunzip({ name: 'p', bytes: pack });
    const sevens = JSON.parse(readFileSync(`${MNIST_DIGITS_DIR}/7.json`, 'utf8')).data as number[];
    const firstSeven = 16 + 784 * (1001 + 1127 + 991 + 1032 + 980 + 863 + 1014); // digits come grouped by class
    for (let p = 0; p < 784; p++) expect(Math.abs(bytes[firstSeven + p] / 255 - sevens[p])).toBeLessThanOrEqual(0.0005);
  });

  it('reads the pack already inflated too (a server may send it with Content-Encoding: gzip)', async () => {
    const { bytes } = await maybeGunzip({ name: 'p', bytes: pack });
    const set = await parseMnistPack('mnist-digits.bin', bytes);
    expect(Array.from(set.test.labels)).toEqual(Array.from((await parseMnistPack('mnist-digits.bin', pack)).test.labels));
  });

  it('gives the same split every time, whatever the run seed', async () => {
    const a = await parseMnistPack('a', pack);
    const b = await parseMnistPack('b', pack);
    expect(Array.from(a.test.labels)).toEqual(Array.from(b.test.labels));
    expect(Array.from(a.test.pixels.subarray(0, 784))).toEqual(Array.from(b.test.pixels.subarray(0, 784)));
  });

  it('refuses a pack with the wrong magic or the wrong length', async () => {
    const { bytes } = await maybeGunzip({ name: 'p', bytes: pack });
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0x58;
    await expect(parseMnistPack('mnist-digits.bin', gzipSync(wrongMagic))).rejects.toThrow(/mnist-digits\.bin: wrong magic number/);
    await expect(parseMnistPack('mnist-digits.bin', gzipSync(bytes.subarray(0, 5000)))).rejects.toBeInstanceOf(DataFormatError);
  });
});
