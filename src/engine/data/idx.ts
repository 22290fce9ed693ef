/**
 * IDX, the format of MNIST and Fashion-MNIST (LeCun's "idx3-ubyte" / "idx1-ubyte"):
 * magic 00 00 08 nd (unsigned bytes, nd dimensions), nd big-endian uint32 sizes, then the
 * data row-major. Labels are 0x00000801, images 0x00000803.
 */
import { DataFormatError } from './errors';

export interface IdxArray {
  /** Sizes, outermost first: [count] for labels, [count, rows, cols] for images. */
  dims: number[];
  data: Uint8Array;
}

export const IDX_LABELS_MAGIC = 0x00000801;
export const IDX_IMAGES_MAGIC = 0x00000803;

/**
 * Parse an unsigned-byte IDX file. The data must be exactly the product of the sizes long.
 * @param name  the file's name, for error messages
 * @param expectedDims  1 for labels, 3 for images
 */
export function parseIdx(name: string, bytes: Uint8Array, expectedDims: 1 | 3): IdxArray {
  if (bytes.length === 0) throw new DataFormatError(name, 'the file is empty');
  if (bytes.length < 4) throw new DataFormatError(name, `truncated: ${bytes.length} bytes, shorter than an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const expected = expectedDims === 1 ? IDX_LABELS_MAGIC : IDX_IMAGES_MAGIC;
  if (magic !== expected) {
    const hex = (v: number) => `0x${v.toString(16).padStart(8, '0')}`;
    throw new DataFormatError(
      name,
      `wrong magic number ${hex(magic)}: expected ${hex(expected)} (IDX unsigned-byte ${expectedDims === 1 ? 'labels' : 'images'})`,
    );
  }
  const headerLength = 4 + 4 * expectedDims;
  if (bytes.length < headerLength) throw new DataFormatError(name, `truncated: ${bytes.length} bytes, shorter than its ${headerLength}-byte header`);
  const dims = Array.from({ length: expectedDims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  if (size === 0) throw new DataFormatError(name, `holds no data (sizes ${dims.join(' × ')})`);
  const available = bytes.length - headerLength;
  if (available < size) {
    throw new DataFormatError(name, `truncated: sizes ${dims.join(' × ')} need ${size} data bytes, the file has ${available}`);
  }
  if (available > size) {
    throw new DataFormatError(name, `${available - size} bytes after the data that sizes ${dims.join(' × ')} describe`);
  }
  return { dims, data: bytes.subarray(headerLength) };
}

/** Write an unsigned-byte IDX file (the inverse of parseIdx; for tests and tools). */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00000800 | dims.length, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, header);
  return out;
}
