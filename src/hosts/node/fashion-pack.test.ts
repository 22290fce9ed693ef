import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FASHION_PACK_NAME, FASHION_PER_CLASS, parseFashionPack } from '../../engine/data/fashion-pack';
import { loadDataset } from '../../engine/data';
import { imageSets } from '../../engine/data/registry';
import { loadIntoRegistry } from '../../engine/data/load-files';
import { fashionFiles } from '../../engine/data/test-files';
import { DEFAULT_CONFIG } from '../../shared/config';
import { FASHION_PACK_PATH, packFashion, registerNodeFashion } from './fashion-pack';
import { DEBIAN_FASHION_MNIST_DIR, loadFolder } from './local-folder';

const counts = (labels: Uint8Array) => {
  const c = new Array(10).fill(0);
  labels.forEach((l) => c[l]++);
  return c;
};

describe('the committed Fashion-MNIST pack', () => {
  it('holds 12 000 training and 2 000 test images, 1 200 and 200 of each class, in a few MB', async () => {
    const bytes = readFileSync(FASHION_PACK_PATH);
    expect(statSync(FASHION_PACK_PATH).size).toBeLessThan(6.5 * 2 ** 20);
    const set = await parseFashionPack(FASHION_PACK_NAME, new Uint8Array(bytes));
    expect([set.train.n, set.test.n]).toEqual([12000, 2000]);
    expect(counts(set.train.labels)).toEqual(new Array(10).fill(FASHION_PER_CLASS.train));
    expect(counts(set.test.labels)).toEqual(new Array(10).fill(FASHION_PER_CLASS.test));
    // The standard training file starts with an ankle boot (9), then a T-shirt (0).
    expect(Array.from(set.train.labels.subarray(0, 2))).toEqual([9, 0]);
  });

  it('is what the CLI and tests train on once registered, and files loaded later replace it', async () => {
    imageSets.clear();
    registerNodeFashion();
    const data = await loadDataset({ ...DEFAULT_CONFIG, dataset: 'fashion-mnist', model: 'cnn', trainSize: 100, testSize: 50 });
    expect([data.train.n, data.test.n, data.inputShape]).toEqual([100, 50, [28, 28, 1]]);
    expect(imageSets.get('fashion-mnist')?.source).toMatch(/embedded subset/);
    await loadIntoRegistry(imageSets, 'fashion-mnist', fashionFiles(8, 4));
    expect((await imageSets.require('fashion-mnist')).train.n).toBe(8);
    imageSets.clear();
  });

  const real = existsSync(DEBIAN_FASHION_MNIST_DIR);
  it.skipIf(!real)(`is the first images of each class of ${DEBIAN_FASHION_MNIST_DIR}, and repacking gives the committed bytes`, async () => {
    const [full, pack] = await Promise.all([loadFolder('fashion-mnist', DEBIAN_FASHION_MNIST_DIR), packFashion(DEBIAN_FASHION_MNIST_DIR)]);
    expect(Buffer.from(pack).equals(readFileSync(FASHION_PACK_PATH))).toBe(true);
    const set = await parseFashionPack(FASHION_PACK_NAME, pack);
    // The files interleave the classes, so the subset starts as the full set does: a run on its
    // first 11 661 training images sees exactly the full files' first 11 661.
    const prefix = 11661 * 784;
    expect(Buffer.from(set.train.pixels.subarray(0, prefix)).equals(Buffer.from(full.train.pixels.subarray(0, prefix)))).toBe(true);
    expect(set.train.labels.subarray(0, 11661)).toEqual(full.train.labels.subarray(0, 11661));
    expect(set.train.labels[11661]).not.toBe(full.train.labels[11661]);
  });
  if (!real) console.log(`skipped repacking Fashion-MNIST: ${DEBIAN_FASHION_MNIST_DIR} does not exist (apt-get install dataset-fashion-mnist)`);
});
