/**
 * Node only (tests, CLI): load a file data set from a local folder, e.g. Debian's
 * `dataset-fashion-mnist` in /usr/share/datasets/fashion-mnist. Never imported by the worker.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataFileSource, OnLoadProgress } from '../../engine/data/files';
import type { ImageSet } from '../../engine/data/image-set';
import { type FileDatasetId, loadImageFiles } from '../../engine/data/load-files';

export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Every regular file of `dir` as a lazily read source (sizes are checked before reading). */
export async function folderSources(dir: string): Promise<DataFileSource[]> {
  const names = (await readdir(dir)).sort();
  const sources: DataFileSource[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path);
    if (!info.isFile()) continue;
    sources.push({
      name,
      size: info.size,
      arrayBuffer: async () => {
        const buf = await readFile(path);
        return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
      },
    });
  }
  return sources;
}

/** Every file of `dir`, read as the data set `target` (the Fashion-MNIST packer reads Debian's folder so). */
export async function loadFolder(target: FileDatasetId, dir: string, onProgress?: OnLoadProgress): Promise<ImageSet> {
  return loadImageFiles(target, await folderSources(dir), onProgress, dir);
}
