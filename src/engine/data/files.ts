/**
 * Files as the data parsers receive them: a name and bytes, read only after a size check.
 *
 * A browser `File` is read lazily, so a 2 GB pick is refused by its `size` before a single
 * byte is read; bytes handed over directly (tests, the CLI, fetched URLs) are checked the same way.
 */
import { DataFormatError } from './errors';

/** The largest file accepted (CIFAR-10's archive is 163 MB, Fashion-MNIST's largest file 47 MB). */
export const MAX_FILE_BYTES = 512 * 2 ** 20;

/** Something to read: a browser File/Blob with a name, or bytes already in memory. */
export type DataFileSource =
  | { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }
  | { name: string; bytes: Uint8Array };

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** Where a load is: which file, which stage, and how far (0–1) through that stage. */
export interface LoadProgress {
  file: string;
  stage: 'reading' | 'decompressing' | 'parsing' | 'done';
  fraction: number;
}
export type OnLoadProgress = (progress: LoadProgress) => void;

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MB`;
  return `${bytes} bytes`;
}

/** Refuse sizes that are empty or too large, naming the file. */
export function checkSize(name: string, size: number, limit = MAX_FILE_BYTES): void {
  if (size === 0) throw new DataFormatError(name, 'the file is empty');
  if (size > limit) {
    throw new DataFormatError(name, `the file is ${formatBytes(size)}, more than the ${formatBytes(limit)} this page accepts`);
  }
}

/** Read one source into memory after checking its size. */
export async function readSource(source: DataFileSource, onProgress?: OnLoadProgress): Promise<NamedBytes> {
  // Not `'bytes' in source`: Blob has a bytes() method in recent browsers.
  if ('bytes' in source && source.bytes instanceof Uint8Array) {
    checkSize(source.name, source.bytes.byteLength);
    return { name: source.name, bytes: source.bytes };
  }
  const file = source as Extract<DataFileSource, { size: number }>;
  checkSize(file.name, file.size);
  onProgress?.({ file: file.name, stage: 'reading', fraction: 0 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  onProgress?.({ file: file.name, stage: 'reading', fraction: 1 });
  return { name: file.name, bytes };
}

/** The last part of a path ("cifar-10-batches-bin/test_batch.bin" → "test_batch.bin"). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
