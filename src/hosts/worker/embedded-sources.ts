/**
 * The embedded data sets in a browser: the image-set registry's loaders fetch the packed MNIST
 * digits and the Fashion-MNIST subset once from the page's own origin and keep them in the Cache
 * API. Browser-only (the Cache API, Vite's base URL), so it lives here, not in the engine. Files
 * the person loads for Fashion-MNIST (all 70 000) replace the subset in the registry.
 */
import { DataFormatError } from '../../engine/data/errors';
import { FASHION_PACK_NAME, FASHION_PACK_URL, parseFashionPack } from '../../engine/data/fashion-pack';
import { MNIST_PACK_URL, parseMnistPack } from '../../engine/data/mnist';
import { imageSets } from '../../engine/data/registry';

/**
 * Bump when a pack changes (scripts/pack-mnist.mjs, scripts/pack-fashion.ts), so browsers drop
 * their cached copy: the version is part of the cached URL.
 */
const MNIST_PACK_VERSION = 1;
const FASHION_PACK_VERSION = 1;
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

const served = (path: string, version: number) => new URL(`${import.meta.env.BASE_URL}${path}?v=${version}`, self.location.origin).href;

/** Let the registry fetch each embedded set the first time a run or preview needs it. */
export function registerEmbeddedSources(): void {
  const mnist = served(MNIST_PACK_URL, MNIST_PACK_VERSION);
  const fashion = served(FASHION_PACK_URL, FASHION_PACK_VERSION);
  imageSets.setLoader('mnist', async () => parseMnistPack('mnist-digits.bin', await fetchCached(mnist)));
  imageSets.setLoader('fashion-mnist', async () => parseFashionPack(FASHION_PACK_NAME, await fetchCached(fashion)));
}
