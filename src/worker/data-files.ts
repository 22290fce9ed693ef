/**
 * The worker's side of data files and model files: the image-set registry's MNIST loader
 * (fetched once, kept in the Cache API), loads from picked files or a URL, and the imported
 * model registry. Glue only; parsing and checking live in src/engine/data and src/engine/models.
 */
import type * as tf from '@tensorflow/tfjs';
import { DATASET_INFO, DATASET_LABELS, type DatasetId } from '../engine/config';
import { DataFormatError } from '../engine/data/errors';
import { fetchDataFile, urlsFor } from '../engine/data/fetch-file';
import { type DataFileSource, type NamedBytes, type OnLoadProgress, readSource } from '../engine/data/files';
import { describeImageSet, type ImageSet } from '../engine/data/image-set';
import { type FileDatasetId, loadIntoRegistry } from '../engine/data/load-files';
import { MNIST_PACK_URL, parseMnistPack } from '../engine/data/mnist';
import { imageSets } from '../engine/data/registry';
import { checkFits, importModel, type ModelSummary, summarize } from '../engine/models/io';
import type { DataStatus } from './api';

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

function status(set: ImageSet): DataStatus {
  return {
    dataset: set.id,
    description: `${DATASET_LABELS[set.id]}: ${describeImageSet(set)}`,
    trainSize: set.train.n,
    testSize: set.test.n,
    inputShape: [set.height, set.width, set.channels],
  };
}

export function dataStatus(dataset: DatasetId): DataStatus | null {
  const set = dataset === 'mnist' || dataset === 'fashion-mnist' || dataset === 'cifar10' ? imageSets.get(dataset) : null;
  return set ? status(set) : null;
}

function fileDataset(dataset: DatasetId): FileDatasetId {
  if (dataset !== 'fashion-mnist' && dataset !== 'cifar10') {
    throw new DataFormatError(DATASET_LABELS[dataset], 'does not load from files; choose Fashion-MNIST or CIFAR-10 first');
  }
  return dataset;
}

export async function loadDataFiles(dataset: DatasetId, files: DataFileSource[], onProgress?: OnLoadProgress): Promise<DataStatus> {
  return status(await loadIntoRegistry(imageSets, fileDataset(dataset), files, onProgress));
}

export async function loadFromUrl(dataset: DatasetId, url: string, onProgress?: OnLoadProgress): Promise<DataStatus> {
  const target = fileDataset(dataset);
  const files: NamedBytes[] = [];
  for (const each of urlsFor(target, url)) files.push(await fetchDataFile(each, onProgress));
  return status(await loadIntoRegistry(imageSets, target, files, onProgress, url));
}

/**
 * Models the person imported, kept for evaluation and the detector. `imported` owns its
 * model: a new import disposes the previous one.
 */
export const models: { imported: { model: tf.LayersModel; dataset: DatasetId; summary: ModelSummary } | null } = {
  imported: null,
};

/** Import a Layers model and keep it if it fits `dataset` (refused with both shapes otherwise). */
export async function importModelFiles(files: DataFileSource[], dataset: DatasetId): Promise<ModelSummary> {
  const read: NamedBytes[] = [];
  for (const file of files) read.push(await readSource(file));
  const { model, strippedSoftmax } = await importModel(read);
  const summary = { ...summarize(model), strippedSoftmax };
  try {
    const info = DATASET_INFO[dataset];
    checkFits(read.find((f) => f.name.endsWith('.json'))?.name ?? 'model.json', summary, info.inputShape, info.numClasses, DATASET_LABELS[dataset]);
  } catch (error) {
    model.dispose();
    throw error;
  }
  models.imported?.model.dispose();
  models.imported = { model, dataset, summary };
  return summary;
}
