/**
 * Data files from a URL: a single file (e.g. `…/cifar-10-binary.tar.gz`) or a folder URL ending
 * in `/`, from which the data set's standard file names are fetched. Sizes are checked from
 * Content-Length before the body is read, and again while it streams.
 */
import { CIFAR_ARCHIVE_NAME } from './cifar';
import { DataFormatError } from './errors';
import { FASHION_FILE_NAMES } from './fashion';
import { MAX_FILE_BYTES, type NamedBytes, type OnLoadProgress, baseName, checkSize, formatBytes } from './files';
import type { FileDatasetId } from './load-files';
import { errorText } from '../../shared/error-text';

/** The URLs to fetch for `target` given what the person typed. */
export function urlsFor(target: FileDatasetId, url: string): string[] {
  if (!url.endsWith('/')) return [url];
  return (target === 'fashion-mnist' ? FASHION_FILE_NAMES : [CIFAR_ARCHIVE_NAME]).map((name) => url + name);
}

/**
 * Fetch one URL into memory.
 * @param fetchFn  the global fetch in the worker and Node; injectable for tests
 */
export async function fetchDataFile(url: string, onProgress?: OnLoadProgress, fetchFn: typeof fetch = fetch): Promise<NamedBytes> {
  const name = baseName(new URL(url, 'http://x/').pathname) || url;
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (error) {
    throw new DataFormatError(url, `could not be fetched (${errorText(error)})`);
  }
  if (!response.ok) throw new DataFormatError(url, `the server answered ${response.status} ${response.statusText}`.trim());
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared)) checkSize(name, declared);
  if (!response.body) return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_FILE_BYTES) {
      await reader.cancel();
      throw new DataFormatError(name, `the file is more than the ${formatBytes(MAX_FILE_BYTES)} this page accepts`);
    }
    chunks.push(value);
    onProgress?.({ file: name, stage: 'reading', fraction: Number.isFinite(declared) && declared > 0 ? total / declared : 0 });
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { name, bytes };
}
