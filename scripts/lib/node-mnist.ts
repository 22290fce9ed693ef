/**
 * Node scripts read the embedded MNIST straight from the `mnist` package (the page fetches the
 * pack that scripts/pack-mnist.mjs writes into public/data/): call this before a run on MNIST.
 */
import { parseMnistPack } from '../../src/engine/data/mnist';
import { imageSets } from '../../src/engine/data/registry';
import { packMnist } from '../pack-mnist.mjs';

export function registerNodeMnist(): void {
  imageSets.setLoader('mnist', async () => parseMnistPack('mnist-digits.bin', packMnist()));
}
