/** What the command line reads from and writes to disk: data folders, model folders, results. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { folderSources } from '../node/local-folder';
import type { DataFileSource } from '../../engine/data/files';
import type { ExportedModel } from '../../engine/run/engine-api';

/** The JSON files the commands write as results, never a model. */
const RESULT_FILES = /^(metrics|tau-sweep|lambda-sweep|detector|evaluate)\.json$/;

/**
 * A model folder's model.json and weights. A folder of the page's downloads (`student.json`)
 * works too; `train --out`'s own folder holds metrics, with the models one level down.
 */
export async function modelFiles(dir: string): Promise<DataFileSource[]> {
  const all = (await folderSources(dir)).filter((f) => /\.(json|bin)$/i.test(f.name));
  const model = all.find((f) => f.name.toLowerCase() === 'model.json');
  // The model.json first (the importer reads the first .json), without metrics.json beside it.
  const files = model ? [model, ...all.filter((f) => f !== model && /\.bin$/i.test(f.name))] : all.filter((f) => !RESULT_FILES.test(f.name));
  if (!files.some((f) => /\.json$/i.test(f.name))) {
    const hint = all.some((f) => f.name === 'metrics.json') ? `: this is a train --out folder, its models are in ${join(dir, 'student')} and ${join(dir, 'teacher')}` : '';
    throw new Error(`--model-dir ${dir}: no model.json there (a tfjs model: model.json and its weights)${hint}`);
  }
  return files;
}

/**
 * Write a model as tfjs lays out a model folder: `<dir>/model.json` (what --model-dir and
 * tf.loadLayersModel look for) and the weights file its manifest names (`<role>.weights.bin`).
 */
export async function writeModel(dir: string, model: ExportedModel): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.json'), model.modelJson);
  await writeFile(join(dir, model.weightsName), new Uint8Array(model.weights));
  return join(dir, 'model.json');
}

/** Write text files under `dir` (created if needed); returns their paths. */
export async function writeTexts(dir: string, files: Record<string, string>): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    await writeFile(path, text);
    paths.push(path);
  }
  return paths;
}
