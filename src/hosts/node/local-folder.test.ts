import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadImageFiles } from '../../engine/data/load-files';
import { DEBIAN_FASHION_MNIST_DIR, folderSources } from './local-folder';

describe('a local folder of Fashion-MNIST files', () => {
  const real = existsSync(DEBIAN_FASHION_MNIST_DIR);
  it.skipIf(!real)(`loads the real files in ${DEBIAN_FASHION_MNIST_DIR} (60 000 + 10 000, balanced classes)`, async () => {
    const t0 = performance.now();
    const set = await loadImageFiles('fashion-mnist', await folderSources(DEBIAN_FASHION_MNIST_DIR));
    const seconds = (performance.now() - t0) / 1000;
    console.log(`Fashion-MNIST: read, inflated and parsed 70 000 images in ${seconds.toFixed(2)} s`);
    expect([set.train.n, set.test.n]).toEqual([60000, 10000]);
    const counts = new Array(10).fill(0);
    set.train.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual(new Array(10).fill(6000));
    // The first training image is an ankle boot (class 9) in every copy of the data set.
    expect(set.train.labels[0]).toBe(9);
  });
  if (!real) console.log(`skipped the real Fashion-MNIST test: ${DEBIAN_FASHION_MNIST_DIR} does not exist (apt-get install dataset-fashion-mnist)`);
});
