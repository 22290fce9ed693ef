/**
 * Fashion-MNIST from its four IDX files (`train-images-idx3-ubyte[.gz]`, `train-labels-…`,
 * `t10k-images-…`, `t10k-labels-…`). The original MNIST files have the same names and format
 * and load the same way.
 */
import { DataFormatError } from './errors';
import { type NamedBytes, baseName } from './files';
import { type IdxArray, parseIdx } from './idx';
import { FASHION_CLASSES, type ImageSet, type ImageSplit, firstBadLabel } from './image-set';

const SIDE = 28;
const MEMBERS = {
  trainImages: /^train-images[.-]idx3-ubyte(\.gz)?$/i,
  trainLabels: /^train-labels[.-]idx1-ubyte(\.gz)?$/i,
  testImages: /^t10k-images[.-]idx3-ubyte(\.gz)?$/i,
  testLabels: /^t10k-labels[.-]idx1-ubyte(\.gz)?$/i,
} as const;
/** The names a folder or URL of Fashion-MNIST holds. */
export const FASHION_FILE_NAMES = [
  'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz',
];

/** Whether a file name is one of the four IDX files. */
export function isIdxName(name: string): boolean {
  return Object.values(MEMBERS).some((re) => re.test(baseName(name)));
}

type Role = keyof typeof MEMBERS;

/** Parse every file whose name is one of the four members, then insist all four are there. */
function parseMembers(files: NamedBytes[]): Record<Role, { name: string; idx: IdxArray }> {
  const found: Partial<Record<Role, { name: string; idx: IdxArray }>> = {};
  for (const file of files) {
    const role = (Object.keys(MEMBERS) as Role[]).find((r) => MEMBERS[r].test(baseName(file.name)));
    if (role) found[role] = { name: file.name, idx: parseIdx(file.name, file.bytes, role.endsWith('Images') ? 3 : 1) };
  }
  (Object.keys(MEMBERS) as Role[]).forEach((role, i) => {
    if (!found[role]) {
      throw new DataFormatError(
        FASHION_FILE_NAMES[i].replace(/\.gz$/, '[.gz]'),
        `missing: Fashion-MNIST needs the four files ${FASHION_FILE_NAMES.map((n) => n.replace(/\.gz$/, '')).join(', ')}`,
      );
    }
  });
  return found as Record<Role, { name: string; idx: IdxArray }>;
}

function split(images: { name: string; idx: IdxArray }, labels: { name: string; idx: IdxArray }): ImageSplit {
  const [count, rows, cols] = images.idx.dims;
  if (rows !== SIDE || cols !== SIDE) {
    throw new DataFormatError(images.name, `wrong dimensions: images are ${rows}×${cols}, Fashion-MNIST's are ${SIDE}×${SIDE}`);
  }
  const n = labels.idx.dims[0];
  if (n !== count) throw new DataFormatError(labels.name, `holds ${n} labels but ${images.name} holds ${count} images`);
  const bad = firstBadLabel(labels.idx.data, FASHION_CLASSES.length);
  if (bad >= 0) throw new DataFormatError(labels.name, `label ${labels.idx.data[bad]} at index ${bad} is not a class (0–9)`);
  return { pixels: images.idx.data, labels: labels.idx.data, n: count };
}

/**
 * Assemble Fashion-MNIST from inflated files, matched by name (any folder prefix, `.gz` or not).
 * @param source  where the files came from, for the status line
 */
export function fashionFromFiles(files: NamedBytes[], source: string): ImageSet {
  const m = parseMembers(files);
  return {
    id: 'fashion-mnist',
    source,
    height: SIDE,
    width: SIDE,
    channels: 1,
    classNames: FASHION_CLASSES,
    train: split(m.trainImages, m.trainLabels),
    test: split(m.testImages, m.testLabels),
  };
}
