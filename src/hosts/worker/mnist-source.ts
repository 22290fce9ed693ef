/**
 * The embedded MNIST in a browser: the image-set registry's loader fetches the packed digits
 * once from the page's own origin and keeps them in the Cache API. Browser-only (the Cache
 * API, Vite's base URL), so it lives here, not in the engine.
 */
import { DataFormatError } from '../../engine/data/errors';
import { MNIST_PACK_URL, parseMnistPack } from '../../engine/data/mnist';
import { imageSets } from '../../engine/data/registry';

/** Bump when scripts/pack-mnist.mjs changes the pack, so browsers drop their cached copy. */
const MNIST_PACK_VERSION = 1;
const CACHE_NAME = 'ltd-playground-data';

/** Bytes of `url`, from the Cache API when it holds them (fetched and stored otherwise). */
async function fetchCached(url: string): Promise<Uint8Array> {
  const cache = typeof caches === 'undefined' ? null : await caches.open(CACHE_NAME).catch(() => null);
  const hit = await cache?.match(url);
  if (hit) return new Uint8Array(await hit.arrayBuffer());
  const response = await fetch(url);
  if (!response.ok) throw new DataFormatError(url, `the server answered ${response.status} ${response.statusText}`.trim());
  await cache?.put(url, response.clone()).catch(() => undefined); // a full or private cache only costs a refetch
  return new Uint8Array(await response.arrayBuffer());
}

/** Let the registry fetch the embedded MNIST the first time a run or preview needs it. */
export function registerMnistSource(): void {
  const url = new URL(`${import.meta.env.BASE_URL}${MNIST_PACK_URL}?v=${MNIST_PACK_VERSION}`, self.location.origin).href;
  imageSets.setLoader('mnist', async () => parseMnistPack('mnist-digits.bin', await fetchCached(url)));
}
