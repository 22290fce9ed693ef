/**
 * The session's side of data files and model files: loads from picked files or a URL into the
 * image-set registry (a CSV into the own-points holder), and the imported model. Parsing and checking live in src/engine/data and
 * src/engine/models. (The embedded sets' browser loaders are the worker's: worker/embedded-sources.ts.)
 */
import type * as tf from '@tensorflow/tfjs';
import { DATASET_INFO, DATASET_LABELS, type DatasetId } from '../../shared/config';
import { splitSizes } from '../data/csv-split';
import { DataFormatError } from '../data/errors';
import { fetchDataFile, urlsFor } from '../data/fetch-file';
import { type DataFileSource, type NamedBytes, type OnLoadProgress, readSource } from '../data/files';
import { describeImageSet, type ImageSet } from '../data/image-set';
import { type FileDatasetId, loadIntoRegistry } from '../data/load-files';
import { describePointSet, loadCsvInto, ownPoints, type PointSet } from '../data/own-points';
import { imageSets } from '../data/registry';
import { checkFits, importModel, type ModelSummary, modelSummary } from '../models/io';
import type { DataStatus } from './engine-api';

function status(set: ImageSet): DataStatus {
  return {
    dataset: set.id,
    description: `${DATASET_LABELS[set.id]}: ${describeImageSet(set)}`,
    trainSize: set.train.n,
    testSize: set.test.n,
    inputShape: [set.height, set.width, set.channels],
  };
}

function pointStatus(set: PointSet): DataStatus {
  const { trainSize, testSize } = splitSizes(set.parsed.classCounts);
  return { dataset: 'csv', description: `${DATASET_LABELS.csv}: ${describePointSet(set)}`, trainSize, testSize, inputShape: [2] };
}

/** What is loaded; a set with an embedded pack (MNIST, Fashion-MNIST's subset) is read now if it was not yet. */
export async function dataStatus(dataset: DatasetId): Promise<DataStatus | null> {
  if (dataset === 'csv') {
    const set = ownPoints.get();
    return set ? pointStatus(set) : null;
  }
  if (dataset !== 'mnist' && dataset !== 'fashion-mnist' && dataset !== 'cifar10') return null;
  const set = imageSets.get(dataset) ?? (imageSets.hasLoader(dataset) ? await imageSets.require(dataset) : null);
  return set ? status(set) : null;
}

function fileDataset(dataset: DatasetId): FileDatasetId {
  if (dataset !== 'fashion-mnist' && dataset !== 'cifar10') {
    const why = dataset === 'csv' ? 'loads from a picked CSV file, not a URL' : 'does not load from files; choose Fashion-MNIST or CIFAR-10 first';
    throw new DataFormatError(DATASET_LABELS[dataset], why);
  }
  return dataset;
}

/** A CSV for own 2-D data, image files otherwise; a bad file leaves what was loaded in place. */
export async function loadDataFiles(dataset: DatasetId, files: DataFileSource[], onProgress?: OnLoadProgress): Promise<DataStatus> {
  if (dataset === 'csv') return pointStatus(await loadCsvInto(ownPoints, files, onProgress));
  return status(await loadIntoRegistry(imageSets, fileDataset(dataset), files, onProgress));
}

export async function loadFromUrl(dataset: DatasetId, url: string, onProgress?: OnLoadProgress): Promise<DataStatus> {
  const target = fileDataset(dataset);
  const files: NamedBytes[] = [];
  for (const each of urlsFor(target, url)) files.push(await fetchDataFile(each, onProgress));
  return status(await loadIntoRegistry(imageSets, target, files, onProgress, url));
}

/** An imported model, kept for evaluation and the detector, with the data set it was imported for. */
export interface ImportedModel {
  model: tf.LayersModel;
  dataset: DatasetId;
  summary: ModelSummary;
}

/** Import a Layers model if it fits `dataset` (refused with both shapes otherwise); the caller owns it. */
export async function importModelFiles(files: DataFileSource[], dataset: DatasetId): Promise<ImportedModel> {
  const read: NamedBytes[] = [];
  for (const file of files) read.push(await readSource(file));
  const { model, strippedSoftmax } = await importModel(read);
  const summary = { ...modelSummary(model), strippedSoftmax };
  try {
    const info = DATASET_INFO[dataset];
    // Own 2-D data has as many classes as the loaded file (the catalogue holds only the most it may have).
    const classes = dataset === 'csv' ? ownPoints.get()?.parsed.numClasses ?? info.numClasses : info.numClasses;
    checkFits(read.find((f) => f.name.endsWith('.json'))?.name ?? 'model.json', summary, info.inputShape, classes, DATASET_LABELS[dataset]);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, dataset, summary };
}
