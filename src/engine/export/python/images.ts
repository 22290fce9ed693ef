/**
 * Python text: the image data sets from their standard files, as the engine reads them
 * (src/engine/data/fashion.ts, cifar.ts, image-set.ts): the first trainSize / testSize examples
 * of each split, pixels / 255 in float32, and every bad file named with its problem.
 */
import type { DatasetId } from '../../../shared/catalog';

const COMMON = String.raw`
# pixel / 255 computed in float64 and rounded once, as the engine's Float32Array does.
PIXEL_VALUES = (torch.arange(256, dtype=torch.float64) / 255).float()


def take(pixels, labels, count):
    """The first count examples, as float32 in [0, 1] (NCHW) and int64 labels."""
    n = min(count, labels.shape[0])
    return PIXEL_VALUES[pixels[:n].long()], labels[:n].long()


def find_file(data_dir, pattern, what):
    """The file of data_dir whose name matches pattern (case-insensitive), or a DataError."""
    if not os.path.isdir(data_dir):
        raise DataError(data_dir, "not a folder: pass --data-dir with the folder that holds %s" % what)
    for name in sorted(os.listdir(data_dir)):
        if re.fullmatch(pattern, name, re.IGNORECASE):
            return os.path.join(data_dir, name)
    raise DataError(os.path.join(data_dir, what), "missing: the folder has no file named like %s" % what)


def read_bytes(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise DataError(path, "not a valid gzip file (%s)" % error)
    return raw
`;

const IDX = String.raw`
def read_idx(path, rank):
    """An IDX array of unsigned bytes (magic 0x0000 08 <rank>), checked as the engine checks it."""
    raw = read_bytes(path)
    if len(raw) < 4 + 4 * rank or raw[0] != 0 or raw[1] != 0 or raw[2] != 8 or raw[3] != rank:
        raise DataError(path, "wrong magic number: not an IDX file of %d dimension(s) of unsigned bytes" % rank)
    dims = struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank])
    body = raw[4 + 4 * rank:]
    if len(body) != math.prod(dims):
        raise DataError(path, "truncated or padded: dimensions %s need %d bytes, it holds %d" % (dims, math.prod(dims), len(body)))
    return torch.frombuffer(bytearray(body), dtype=torch.uint8).reshape(dims)


def idx_split(data_dir, prefix, count):
    images = read_idx(find_file(data_dir, prefix + r"-images[.-]idx3-ubyte(\.gz)?", prefix + "-images-idx3-ubyte[.gz]"), 3)
    labels_path = find_file(data_dir, prefix + r"-labels[.-]idx1-ubyte(\.gz)?", prefix + "-labels-idx1-ubyte[.gz]")
    labels = read_idx(labels_path, 1)
    if images.shape[1:] != (28, 28):
        raise DataError(data_dir, "wrong dimensions: images are %dx%d, expected 28x28" % tuple(images.shape[1:]))
    if labels.shape[0] != images.shape[0]:
        raise DataError(labels_path, "holds %d labels but the images file holds %d images" % (labels.shape[0], images.shape[0]))
    if labels.numel() and int(labels.max()) > 9:
        raise DataError(labels_path, "label %d is not a class (0-9)" % int(labels.max()))
    return take(images.unsqueeze(1), labels, count)


def load_data(data_dir):
    """The four standard IDX files (train-/t10k-, images/labels, .gz or not) from data_dir."""
    train_x, train_y = idx_split(data_dir, "train", CONFIG["trainSize"])
    test_x, test_y = idx_split(data_dir, "t10k", CONFIG["testSize"])
    return Data(train_x, train_y, test_x, test_y, 10, "IDX files in " + data_dir)
`;

const CIFAR = String.raw`
CIFAR_RECORD = 1 + 3 * 32 * 32


def parse_cifar_batch(name, raw):
    """One binary batch: 3073-byte records, a label byte then the red, green and blue planes (CHW)."""
    if not raw:
        raise DataError(name, "the file is empty")
    if len(raw) % CIFAR_RECORD:
        raise DataError(name, "truncated or not a CIFAR-10 batch: %d bytes is not a whole number of %d-byte records" % (len(raw), CIFAR_RECORD))
    records = torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(-1, CIFAR_RECORD)
    labels = records[:, 0]
    if int(labels.max()) > 9:
        raise DataError(name, "label %d is not a class (0-9)" % int(labels.max()))
    return records[:, 1:].reshape(-1, 3, 32, 32), labels


def cifar_files(data_dir):
    """{name: bytes} of the batches: loose .bin files (also under cifar-10-batches-bin/), or the .tar.gz."""
    folders = [data_dir, os.path.join(data_dir, "cifar-10-batches-bin")]
    files = {}
    for folder in folders:
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if re.fullmatch(r"data_batch_[1-5]\.bin|test_batch\.bin", name):
                    files[name] = read_bytes(os.path.join(folder, name))
    archive = os.path.join(data_dir, "cifar-10-binary.tar.gz")
    if not files and os.path.isfile(archive):
        try:
            with tarfile.open(archive, "r:*") as tar:
                for member in tar.getmembers():
                    name = os.path.basename(member.name)
                    if member.isfile() and re.fullmatch(r"data_batch_[1-5]\.bin|test_batch\.bin", name):
                        files[name] = tar.extractfile(member).read()
        except tarfile.TarError as error:
            raise DataError(archive, "not a readable tar archive (%s)" % error)
    return files


def load_data(data_dir):
    """CIFAR-10's binary version: data_batch_1..5.bin in order of their number, and test_batch.bin."""
    files = cifar_files(data_dir)
    train = [parse_cifar_batch(name, files[name]) for name in sorted(files) if name.startswith("data_batch_")]
    if not train:
        raise DataError(os.path.join(data_dir, "data_batch_1.bin"), "missing: CIFAR-10 needs at least one data_batch_N.bin (or cifar-10-binary.tar.gz)")
    if "test_batch.bin" not in files:
        raise DataError(os.path.join(data_dir, "test_batch.bin"), "missing: CIFAR-10 needs test_batch.bin for its test split")
    train_x, train_y = take(torch.cat([p for p, _ in train]), torch.cat([l for _, l in train]), CONFIG["trainSize"])
    test_x, test_y = take(*parse_cifar_batch("test_batch.bin", files["test_batch.bin"]), CONFIG["testSize"])
    return Data(train_x, train_y, test_x, test_y, 10, "CIFAR-10 binary batches in " + data_dir)
`;

/** Where each image set is read from when --data-dir is not given (null: the flag is required). */
export const DEFAULT_DATA_DIRS: Record<'mnist' | 'fashion-mnist' | 'cifar10', string | null> = {
  mnist: null,
  // Debian's dataset-fashion-mnist package (DESIGN.md §4).
  'fashion-mnist': '/usr/share/datasets/fashion-mnist',
  cifar10: null,
};

/** The Python that loads an image data set from its standard files. */
export function pyImageData(dataset: DatasetId): string {
  if (dataset !== 'mnist' && dataset !== 'fashion-mnist' && dataset !== 'cifar10') throw new Error(`pyImageData: ${dataset} is not an image data set`);
  const what = dataset === 'cifar10' ? 'CIFAR-10, binary version' : `${dataset === 'mnist' ? 'MNIST' : 'Fashion-MNIST'}, standard IDX files`;
  return `
# ----------------------------------------------------------------------------------------------
# Data: ${what}
# ----------------------------------------------------------------------------------------------
${COMMON}${dataset === 'cifar10' ? CIFAR : IDX}`;
}
