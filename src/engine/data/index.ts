/** Turns a config into a data set. */
import type { Config } from '../config';
import { Rng } from '../rng';
import { makeBlobs } from './blobs';
import type { Dataset } from './types';

export async function loadDataset(config: Config): Promise<Dataset> {
  const rng = new Rng(config.seed).fork('data');
  switch (config.dataset) {
    case 'blobs':
      return makeBlobs(rng, { classes: 3, std: config.overlap, trainSize: config.trainSize, testSize: config.testSize });
  }
}

/** A cache key for everything that determines the data. */
export function datasetKey(config: Config): string {
  return JSON.stringify([config.dataset, config.seed, config.trainSize, config.testSize, config.overlap]);
}
