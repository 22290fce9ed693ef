/** Turns a config into a data set. */
import type { Config } from '../../shared/config';
import { Rng } from '../../shared/rng';
import { makeBlobs } from './blobs';
import { csvDataset } from './csv-split';
import { imageDataset } from './image-set';
import { makeMoons } from './moons';
import { ownPoints } from './own-points';
import { imageSets } from './registry';
import { makeSpirals } from './spirals';
import type { Dataset } from './types';

/**
 * The data set a config selects. 2-D sets are generated from the seed (own CSV data is split by
 * it); image sets come from the registry (the embedded MNIST through its loader, file sets once
 * loaded), cut to the first `trainSize` / `testSize` examples. Throws DataNotLoadedError for
 * file sets not loaded.
 */
export async function loadDataset(config: Config): Promise<Dataset> {
  const rng = new Rng(config.seed).fork('data');
  const sizes = { trainSize: config.trainSize, testSize: config.testSize };
  switch (config.dataset) {
    case 'blobs':
      return makeBlobs(rng, { classes: 3, std: config.overlap, ...sizes });
    // The toys read `overlap` as their noise: half the blob σ gives the familiar pictures at the default.
    case 'moons':
      return makeMoons(rng, { noise: config.overlap / 2, ...sizes });
    case 'spirals':
      return makeSpirals(rng, { classes: 3, noise: config.overlap / 2, ...sizes });
    // The person's CSV, split by the seed; DataNotLoadedError until a file is loaded.
    case 'csv':
      return csvDataset(ownPoints.require().parsed, rng, sizes.trainSize, sizes.testSize);
    case 'mnist':
    case 'fashion-mnist':
    case 'cifar10':
      return imageDataset(await imageSets.require(config.dataset), config.trainSize, config.testSize);
  }
}

/** A cache key for everything that determines the data (a reload of a file set changes it). */
export function datasetKey(config: Config): string {
  const loaded = config.dataset === 'mnist' || config.dataset === 'fashion-mnist' || config.dataset === 'cifar10'
    ? imageSets.version(config.dataset) : config.dataset === 'csv' ? ownPoints.version() : 0;
  return JSON.stringify([config.dataset, config.seed, config.trainSize, config.testSize, config.overlap, loaded]);
}
