/**
 * gzip, checked: detection by the 1f 8b magic, a size ceiling read from the trailer before
 * inflating (a small file must not expand into gigabytes), and streaming inflation in chunks
 * so progress can be reported and the worker yields between chunks.
 */
import { Gunzip } from 'fflate';
import { DataFormatError } from './errors';
import { formatBytes, type NamedBytes, type OnLoadProgress } from './files';
import { errorText } from '../../shared/error-text';

/** The largest inflated size accepted (CIFAR-10's tar is 185 MB). */
export const MAX_INFLATED_BYTES = 1024 * 2 ** 20;
const CHUNK = 4 * 2 ** 20;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Inflate `file` when it is gzip; return it unchanged otherwise. A name ending in `.gz` must
 * be gzip. Every failure is a DataFormatError naming the file.
 */
export async function maybeGunzip(file: NamedBytes, onProgress?: OnLoadProgress): Promise<NamedBytes> {
  const { name, bytes } = file;
  if (!isGzip(bytes)) {
    if (/\.t?gz$/i.test(name)) throw new DataFormatError(name, 'is named .gz but is not gzip data (no 1f 8b header)');
    return file;
  }
  if (bytes.length < 18) throw new DataFormatError(name, `gzip data is truncated (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // ISIZE: the inflated size modulo 2^32 (exact below 4 GB, and we accept far less).
  const declared = view.getUint32(bytes.length - 4, true);
  if (declared > MAX_INFLATED_BYTES) {
    throw new DataFormatError(name, `inflates to ${formatBytes(declared)}, more than the ${formatBytes(MAX_INFLATED_BYTES)} accepted`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > MAX_INFLATED_BYTES) throw new DataFormatError(name, `inflates to more than ${formatBytes(MAX_INFLATED_BYTES)}`);
    chunks.push(chunk);
  });
  try {
    for (let start = 0; start < bytes.length; start += CHUNK) {
      const end = Math.min(start + CHUNK, bytes.length);
      inflater.push(bytes.subarray(start, end), end === bytes.length);
      onProgress?.({ file: name, stage: 'decompressing', fraction: end / bytes.length });
      if (end < bytes.length) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } catch (error) {
    if (error instanceof DataFormatError) throw error;
    throw new DataFormatError(name, `is not valid gzip data (${errorText(error)})`);
  }
  if (total !== declared) {
    throw new DataFormatError(name, `gzip data is truncated or corrupt (inflated ${total} bytes, its trailer says ${declared})`);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return { name, bytes: out };
}
