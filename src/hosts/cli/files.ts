/** What the command line reads from and writes to disk: data folders, model folders, results. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { folderSources } from '../node/local-folder';
import type { DataFileSource } from '../../engine/data/files';
import type { ExportedModel } from '../../engine/run/engine-api';

/** The `.json` and `.bin` files of a model folder (model.json and the weights it names). */
export async function modelFiles(dir: string): Promise<DataFileSource[]> {
  const files = (await folderSources(dir)).filter((f) => /\.(json|bin)$/i.test(f.name));
  if (files.length === 0) throw new Error(`--model-dir ${dir}: no .json or .bin files there (a tfjs model: model.json and its weights)`);
  return files;
}

/** Write a model the page exports the same way: `<dir>/<role>.json` and its weights beside it. */
export async function writeModel(dir: string, model: ExportedModel): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, model.jsonName), model.modelJson);
  await writeFile(join(dir, model.weightsName), new Uint8Array(model.weights));
  return join(dir, model.jsonName);
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
