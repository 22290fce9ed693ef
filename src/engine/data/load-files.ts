/**
 * From picked files (or fetched bytes) to a loaded image set: size check → read → gunzip →
 * expand archives → parse. Every failure is a DataFormatError naming the file; nothing is
 * registered unless the whole set parsed, so the previous set stays loaded.
 */
import { cifarFromFiles, cifarMembers, isCifarName } from './cifar';
import { DataFormatError } from './errors';
import { fashionFromFiles, isIdxName } from './fashion';
import { type DataFileSource, type NamedBytes, type OnLoadProgress, baseName, readSource } from './files';
import { maybeGunzip } from './gzip';
import type { ImageSet } from './image-set';
import type { ImageRegistry } from './registry';

/** The data sets that come from files. */
export type FileDatasetId = 'fashion-mnist' | 'cifar10';

const EXPECTED: Record<FileDatasetId, string> = {
  'fashion-mnist': 'train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]',
  cifar10: 'data_batch_1..5.bin and test_batch.bin, or cifar-10-binary.tar.gz',
};

/**
 * Load `target` from `sources`. Files whose names the data set does not use are skipped (a
 * picked folder may hold a README); if none is usable the error lists what was expected.
 * @param source  where the files came from, in words, for the status line
 */
export async function loadImageFiles(
  target: FileDatasetId,
  sources: DataFileSource[],
  onProgress?: OnLoadProgress,
  source = `${sources.length} file${sources.length === 1 ? '' : 's'}`,
): Promise<ImageSet> {
  const wanted = target === 'fashion-mnist' ? isIdxName : isCifarName;
  const usable = sources.filter((s) => wanted(s.name));
  if (usable.length === 0) {
    const names = sources.map((s) => s.name).join(', ') || '(no files)';
    throw new DataFormatError(names, `not ${target === 'fashion-mnist' ? 'Fashion-MNIST' : 'CIFAR-10'} files: expected ${EXPECTED[target]}`);
  }
  const files: NamedBytes[] = [];
  for (const item of usable) {
    const inflated = await maybeGunzip(await readSource(item, onProgress), onProgress);
    if (target === 'cifar10' && /\.(tar\.gz|tgz|tar)$/i.test(baseName(item.name))) files.push(...cifarMembers(inflated));
    else files.push(inflated);
  }
  onProgress?.({ file: files.map((f) => baseName(f.name)).join(', '), stage: 'parsing', fraction: 0 });
  const set = target === 'fashion-mnist' ? fashionFromFiles(files, source) : cifarFromFiles(files, source);
  onProgress?.({ file: source, stage: 'done', fraction: 1 });
  return set;
}

/**
 * Load `target` and hold it in `registry` only if every file parsed: on any error the
 * previously loaded set stays, and the error (naming the file) propagates to the page.
 */
export async function loadIntoRegistry(
  registry: ImageRegistry,
  target: FileDatasetId,
  sources: DataFileSource[],
  onProgress?: OnLoadProgress,
  source?: string,
): Promise<ImageSet> {
  const set = await loadImageFiles(target, sources, onProgress, source);
  registry.put(set);
  return set;
}
