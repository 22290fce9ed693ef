/**
 * Node scripts read the embedded MNIST straight from the `mnist` package (the page fetches the
 * pack that scripts/pack-mnist.mjs writes (mnist-pack.mjs) into public/data/): call this before a run on MNIST.
 */
import { parseMnistPack } from '../../engine/data/mnist';
import { imageSets } from '../../engine/data/registry';
import { packMnist } from './mnist-pack.mjs';

export function registerNodeMnist(): void {
  imageSets.setLoader('mnist', async () => parseMnistPack('mnist-digits.bin', packMnist()));
}
