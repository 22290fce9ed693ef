#!/usr/bin/env python3
"""LTD Playground experiment in PyTorch.

The page's "Export as PyTorch script" (and `npx ltd-playground export-torch`) downloads this file with
the settings written into its CONFIG line below; the copy in the repository (python/ltd_torch.py)
carries none and reads them from --config FILE (a config JSON, or a metrics or results file whose
first run holds one). Everything else -- data, model, the method's loss, training PGD, optimiser,
schedule, evaluation -- is chosen from those settings when the script runs.

Run it (SCRIPT is this file)
  python3 SCRIPT                            one process: CUDA if available, else the CPU
  torchrun --nproc_per_node=N SCRIPT        N processes: one per GPU (NCCL), or N on the CPU (gloo)
  Flags override settings: --epochs --teacher-epochs --batch-size --seed --learning-rate
  --eval-subset --eval-pgd-steps; and --config --data-dir --out --device --random --no-autoattack
  (-h lists them). (Debian's torchrun of PyTorch 1.13 on Python 3.11 fails on its own default
  --redirects 0: add --redirects 1 --tee 1.)

Results: SCRIPT-results.json (--out), in the page's metrics JSON shape,
  {"exported", "runs": [{config, per-epoch natural and PGD accuracy, the PGD settings, ...}]},
  plus "pytorch": torch version, device, processes, random streams, wall time, the training attack
  and AutoAttack's result (src/shared/torch-results.ts declares it). The page's run history imports it.

Random numbers (--random): "engine" (the default on 2-D data) draws the page's own random streams,
  one number at a time in Python; "torch" (the default on images, where that is slow) uses
  PyTorch's generators seeded from the same seed.

The same as the page
  - the 2-D data sets: the engine's generator ported bit for bit (same seed, same float32 points);
    Fashion-MNIST and CIFAR-10: the same files, the first trainSize / testSize examples of each split
  - the model family, its shapes and initialisers; the method's losses (Chen & Lee 2021, arXiv 2111.02331, and its baselines) and its
    training PGD (steps, step size, random start)
  - the optimiser update (SGD momentum 0.9 Nesterov, or Adam), weight decay 5e-4 as a loss term on
    every parameter (none for defensive distillation), the learning-rate schedule, batch size, epochs
  - the evaluation: natural accuracy on the test split; PGD-K (uniform start, alpha = 2.5 eps / K, one
    restart, an example broken at its first misclassified iterate) on the first evalSubset test points
  - with --random engine: the initial weights, batch order, augmentation and random starts of the
    page's run with the same seed (tfjs's random streams, ported)
Different from the page
  - MNIST: the standard IDX files (60 000 / 10 000, --data-dir), first trainSize / testSize of each;
    the page trains on its embedded 10 000 digits split 8 000 / 2 000
  - with --random torch: initial weights, batch order (DistributedSampler) and random starts come
    from PyTorch's generators seeded from the same seed: the same distributions, other draws
  - float32 arithmetic in another order: a near-zero gradient sign can flip and runs then drift
    apart slowly (on blobs, a few epochs agree with the page to the printed digit)
  - under torchrun, each process takes its share of every batch and DistributedDataParallel
    averages the gradients, weighted so the step is the one-process step; batch norm statistics
    are per process

Needs PyTorch (1.13 or newer). AutoAttack runs at the end when the torchattacks package is
installed; without it the results say it was skipped.
"""
import argparse
import collections
import datetime
import decimal
import gzip
import json
import math
import os
import platform
import re
import struct
import tarfile
import time

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import BatchSampler
from torch.utils.data.distributed import DistributedSampler

# ==============================================================================================
# The settings. The export writes the page's config into the next line (src/engine/export/
# torch-script.ts replaces exactly this line); None here means "read them from --config FILE".
# ==============================================================================================
CONFIG = None

# The engine's constants; python/test_ltd_torch.py checks each against the engine's own
# (python/fixtures/engine-settings.json, written by src/engine/export/python-fixtures.test.ts).
WEIGHT_DECAY = 5e-4  # src/engine/train/optimizer.ts
MOMENTUM = 0.9
ADAM_EPSILON = 1e-7  # tfjs's default for float32 backends (PyTorch's is 1e-8)
PIECEWISE_MILESTONES = (80 / 120, 100 / 120)  # fractions of the run, src/engine/train/schedule.ts
PIECEWISE_FACTOR = 0.1
EVAL_CHUNK = 256  # examples per attack call, src/engine/attacks/chunked.ts
ACCURACY_CHUNK = 512  # src/engine/eval/accuracy.ts

TOY_DATASETS = ("blobs", "moons", "spirals")
IMAGE_DATASETS = ("mnist", "fashion-mnist", "cifar10")
# Where an image set is read from without --data-dir: Fashion-MNIST where Debian's dataset-fashion-mnist puts it.
DEFAULT_DATA_DIRS = {"fashion-mnist": "/usr/share/datasets/fashion-mnist"}

METHOD_LABELS = {  # src/shared/catalog.ts
    "ltd": "LTD", "trades": "TRADES", "pgd-at": "PGD-AT", "natural": "Natural",
    "defensive-distillation": "Defensive distillation", "label-smoothing": "Label smoothing",
}

# Flags that override a setting: flag, setting, type, the page's range and label (src/shared/config.ts FIELDS).
OVERRIDES = [
    ("--epochs", "epochs", int, 1, 200, "Epochs"),
    ("--teacher-epochs", "teacherEpochs", int, 1, 200, "Teacher epochs"),
    ("--batch-size", "batchSize", int, 1, 1024, "Batch size"),
    ("--seed", "seed", int, 0, 2147483647, "Seed"),
    ("--learning-rate", "learningRate", float, 1e-05, 1, "Learning rate"),
    ("--eval-subset", "evalSubset", int, 1, 10000, "Evaluation subset"),
    ("--eval-pgd-steps", "evalPgdSteps", int, 1, 200, "Evaluation steps"),
]

# The settings the script reads; a config file without one of them is refused by name.
CONFIG_KEYS = (
    "version", "dataset", "model", "method", "tau", "lambda", "ltdBase", "smoothing", "distillTemperature",
    "innerMax", "awp", "awpGamma", "awpWarmup", "epsilon", "epochs", "teacherEpochs", "seed", "optimizer",
    "learningRate", "lrSchedule", "batchSize", "trainPgdSteps", "trainPgdStepSize", "evalPgdSteps",
    "evalSubset", "trainSize", "testSize", "overlap", "hiddenUnits", "convChannels", "resnetBlocks", "augment",
)

Data = collections.namedtuple("Data", "train_x train_y test_x test_y classes source")


class DataError(Exception):
    """A data file that is missing or malformed: names the file and the problem."""

    def __init__(self, path, problem):
        super().__init__("%s: %s" % (path, problem))


class ConfigError(Exception):
    """Settings that cannot run: names where they came from and what is wrong."""

    def __init__(self, where, problem):
        super().__init__("%s: %s" % (where, problem))


def read_config(path):
    """The settings in a JSON file: a config object, or a metrics or results file (its first run's config)."""
    try:
        with open(path) as f:
            value = json.load(f)
    except OSError as error:
        raise ConfigError(path, "cannot be read (%s)" % error.strerror)
    except ValueError as error:
        raise ConfigError(path, "not JSON (%s)" % error)
    if isinstance(value, dict) and isinstance(value.get("runs"), list) and value["runs"]:
        value = value["runs"][0].get("config") if isinstance(value["runs"][0], dict) else None
    return checked_config(value, path)


def checked_config(value, where):
    """value when it holds every setting the script reads, else a ConfigError naming the missing ones."""
    if not isinstance(value, dict):
        raise ConfigError(where, "not a config object (expected the page's settings as JSON)")
    missing = [key for key in CONFIG_KEYS if key not in value]
    if missing:
        raise ConfigError(where, "missing setting(s) %s" % ", ".join(missing))
    if value["dataset"] not in TOY_DATASETS + IMAGE_DATASETS:
        raise ConfigError(where, "dataset %r has no PyTorch run (one of %s)" % (value["dataset"], ", ".join(TOY_DATASETS + IMAGE_DATASETS)))
    return dict(value)


def js_number(value):
    """A number as JavaScript's String(value) writes it (5, not 5.0; 0.00005, not 5e-05)."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    if 1e-6 <= abs(value) < 1e21:
        return format(decimal.Decimal(repr(value)), "f")
    mantissa, exponent = repr(value).split("e")
    return "%se%s%d" % (mantissa, "-" if int(exponent) < 0 else "+", abs(int(exponent)))


def uses_lambda(config):
    """Whether the loss has a lambda-weighted KL term (src/shared/run-record.ts usesLambda)."""
    return config["method"] in ("trades", "label-smoothing") or (config["method"] == "ltd" and config["ltdBase"] == "trades")


def run_label(config):
    """The page's label for these settings (src/shared/run-record.ts runLabel), marked as PyTorch's."""
    method = METHOD_LABELS[config["method"]]
    parts = [method + " (PGD-AT base)" if config["method"] == "ltd" and config["ltdBase"] == "pgd-at" else method]
    if config["awp"] == "on":
        parts[0] += "+AWP γ=" + js_number(config["awpGamma"])
    if config["method"] == "ltd":
        parts.append("τ=" + js_number(config["tau"]))
    if uses_lambda(config):
        parts.append("λ=" + js_number(config["lambda"]))
    if config["method"] == "label-smoothing":
        parts.append("s=" + js_number(config["smoothing"]))
    if config["method"] == "defensive-distillation":
        parts.append("T_d=" + js_number(config["distillTemperature"]))
    # formatDecimal: Number(epsilon.toFixed(4)); toFixed rounds a tie of the exact binary value up.
    epsilon = decimal.Decimal(config["epsilon"]).quantize(decimal.Decimal("0.0001"), rounding=decimal.ROUND_HALF_UP)
    parts.append("ε=" + js_number(float(epsilon)))
    return " ".join(parts) + " (PyTorch)"


# ==============================================================================================
# The engine's random numbers (src/shared/rng.ts), bit for bit. JavaScript's 32-bit integer
# arithmetic (Math.imul, >>>, ^) becomes explicit masking with 0xFFFFFFFF.
# ==============================================================================================
MASK32 = 0xFFFFFFFF


def imul(a, b):
    """JavaScript's Math.imul: the low 32 bits of a*b (as an unsigned bit pattern)."""
    return (a * b) & MASK32


class Rng:
    """mulberry32 with named forks, as src/shared/rng.ts: the same seed gives the same stream."""

    def __init__(self, seed):
        self.state = (seed & MASK32) or 0x9E3779B9

    def next(self):
        """A uniform float in [0, 1)."""
        self.state = (self.state + 0x6D2B79F5) & MASK32
        t = self.state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & MASK32
        return ((t ^ (t >> 14)) & MASK32) / 4294967296

    def normal(self):
        """A standard normal draw (Box-Muller), in float64 like the engine's."""
        u = 1 - self.next()
        v = self.next()
        return math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * v)

    def seed(self):
        """A seed for torch (the engine's rng.seed(): a uniform integer below 2^31 - 1)."""
        return math.floor(self.next() * (2 ** 31 - 1))

    def permutation(self, n):
        """A Fisher-Yates permutation of 0..n-1, as the engine shuffles."""
        p = list(range(n))
        for i in range(n - 1, 0, -1):
            j = math.floor(self.next() * (i + 1))
            p[i], p[j] = p[j], p[i]
        return p

    def fork(self, name):
        """An independent stream named name (FNV-style hash of the name into the current state)."""
        h = self.state ^ 0x811C9DC5
        for ch in name:
            h = imul(h ^ ord(ch), 16777619)
        return Rng(h)


def stream_seed(seed, *names):
    """A torch seed from the run's seed and a chain of stream names (the engine's fork names)."""
    rng = Rng(seed)
    for name in names:
        rng = rng.fork(name)
    return rng.seed()


def chunk_seed(seed, index):
    """The seed of attack chunk index: the caller's for chunk 0 (src/engine/attacks/chunked.ts chunkSeed)."""
    return seed if index == 0 else Rng(seed).fork("chunk-%d" % index).seed()


# ==============================================================================================
# tfjs's random ops, ported: seedrandom's alea generator and tfjs's Marsaglia-polar normal with
# truncation at 2 sigma, so --random engine draws the page's initial weights and random starts.
# ==============================================================================================
class Alea:
    """seedrandom's alea generator, which tfjs's random ops draw from (seeded with a decimal string)."""

    def __init__(self, seed):
        n = 0xEFC8249D

        def mash(data):
            nonlocal n
            for ch in data:
                n += ord(ch)
                h = 0.02519603282416938 * n
                n = int(h) & MASK32  # h >>> 0
                h -= n
                h *= n
                n = int(h) & MASK32
                h -= n
                n += h * 0x100000000
            return (int(n) & MASK32) * 2.3283064365386963e-10

        self.c = 1
        self.s0, self.s1, self.s2 = mash(" "), mash(" "), mash(" ")
        self.s0 -= mash(seed)
        if self.s0 < 0:
            self.s0 += 1
        self.s1 -= mash(seed)
        if self.s1 < 0:
            self.s1 += 1
        self.s2 -= mash(seed)
        if self.s2 < 0:
            self.s2 += 1

    def next(self):
        t = 2091639 * self.s0 + self.c * 2.3283064365386963e-10
        self.s0, self.s1 = self.s1, self.s2
        self.c = int(t)  # t | 0
        self.s2 = t - self.c
        return self.s2


def tf_uniform(count, low, high, seed):
    """tf.randomUniform(shape, low, high, 'float32', seed) with count = the shape's size, row-major."""
    rand, span = Alea(str(seed)).next, high - low
    return torch.tensor([low + span * rand() for _ in range(count)], dtype=torch.float64).float()


def tf_normal(count, std, seed, truncated):
    """tf.randomNormal / tf.truncatedNormal (mean 0): Marsaglia's polar method on alea; truncated
    redraws pairs whose first value lies beyond 2 std and drops a second value beyond it.
    (tfjs reads a seed of 0 as 'no seed'; the engine's seeds are never 0 but by a 2^-31 chance.)"""
    rand, values = Alea(str(seed)).next, []
    upper, lower = std * 2, -std * 2
    while len(values) < count:
        while True:
            while True:
                v1 = 2 * rand() - 1
                v2 = 2 * rand() - 1
                s = v1 * v1 + v2 * v2
                if 0 < s < 1:
                    break
            mul = math.sqrt(-2.0 * math.log(s) / s)
            x, y = std * v1 * mul, std * v2 * mul
            if not truncated or lower <= x <= upper:
                break
        values.append(x)
        if len(values) < count and (not truncated or lower <= y <= upper):
            values.append(y)
    return torch.tensor(values, dtype=torch.float64).float()


def to_torch_layout(values, shape):
    """Values laid out as tfjs lays a batch of this torch shape: NHWC for images, as is otherwise."""
    if len(shape) == 4:
        n, c, h, w = shape
        return values.reshape(n, h, w, c).permute(0, 3, 1, 2).contiguous()
    return values.reshape(shape)


class EngineNoise:
    """The engine's random numbers for one global batch (every process draws all of them and keeps
    its rows): the attack's random start (tf.randomUniform / tf.randomNormal with the batch's seed)
    and the augmentation's crops and flips (drawn from the epoch's augment stream)."""

    def __init__(self, seed, batch_size, rows, crops=None):
        self.seed, self.batch_size, self.rows, self.crops = seed, batch_size, rows, crops

    def _draw(self, like, values):
        full = to_torch_layout(values, (self.batch_size,) + tuple(like.shape[1:]))
        return full[self.rows].to(like.device)

    def uniform(self, like, low, high):
        return self._draw(like, tf_uniform(self.batch_size * like[0].numel(), low, high, self.seed))

    def normal(self, like):
        return self._draw(like, tf_normal(self.batch_size * like[0].numel(), 1.0, self.seed, False))


class TorchNoise:
    """PyTorch's generator, seeded per process from the run's seed."""

    def __init__(self, generator):
        self.generator = generator

    def uniform(self, like, low, high):
        return low + (high - low) * torch.rand(like.shape, generator=self.generator, device=like.device)

    def normal(self, like):
        return torch.randn(like.shape, generator=self.generator, device=like.device)


# ==============================================================================================
# Data: the 2-D toys generated exactly as the engine does (src/engine/data/), or the image sets
# from their standard files as the engine reads them (fashion.ts, cifar.ts, image-set.ts)
# ==============================================================================================
def blob_point(c, classes, rng):
    """Blob centres evenly spaced on a circle of radius 0.25 around (0.5, 0.5) (src/engine/data/blobs.ts)."""
    angle = (2 * math.pi * c) / classes + math.pi / 2
    return 0.5 + 0.25 * math.cos(angle), 0.5 + 0.25 * math.sin(angle)


MOON_SCALE = 0.8 / 3


def moon_point(c, classes, rng):
    """A noiseless moon point (src/engine/data/moons.ts): class 0 the upper arc, class 1 the lower."""
    angle = math.pi * rng.next()
    if c == 0:
        x, y = math.cos(angle), math.sin(angle)
    else:
        x, y = 1 - math.cos(angle), 0.5 - math.sin(angle)
    return 0.1 + (x + 1) * MOON_SCALE, 0.3 + (y + 0.5) * MOON_SCALE


SPIRAL_TURNS = 0.75
SPIRAL_RADIUS = 0.42


def spiral_point(c, classes, rng):
    """A noiseless point of arm c (src/engine/data/spirals.ts), sqrt(u) of the way out."""
    t = math.sqrt(rng.next())
    angle = (2 * math.pi * c) / classes + 2 * math.pi * SPIRAL_TURNS * t
    return 0.5 + SPIRAL_RADIUS * t * math.cos(angle), 0.5 + SPIRAL_RADIUS * t * math.sin(angle)


# (classes, noise as a share of the "Blob overlap" setting, noiseless point): blobs read the
# setting as their standard deviation, moons and spirals as twice their noise (src/engine/data/index.ts).
TOYS = {"blobs": (3, 1.0, blob_point), "moons": (2, 0.5, moon_point), "spirals": (3, 0.5, spiral_point)}


def sample_in_square(rng, n, classes, noise, point):
    """src/engine/data/toy-sampler.ts: point i has class i mod classes, its noiseless point plus
    Gaussian noise, redrawn until it lies in [0, 1]^2."""
    xs, ys = [], []
    for i in range(n):
        c = i % classes
        while True:
            cx, cy = point(c, classes, rng)
            px = cx + noise * rng.normal()
            py = cy + noise * rng.normal()
            if 0 <= px <= 1 and 0 <= py <= 1:
                break
        xs.append((px, py))
        ys.append(c)
    # float64 -> float32 rounds once, as the engine's Float32Array does.
    return torch.tensor(xs, dtype=torch.float64).float().reshape(n, 2), torch.tensor(ys, dtype=torch.int64)


def load_toy(config):
    """The engine's 2-D data set for this seed: Rng(seed).fork("data"), then "train" and "test"."""
    classes, share, point = TOYS[config["dataset"]]
    rng, noise = Rng(config["seed"]).fork("data"), config["overlap"] * share
    train_x, train_y = sample_in_square(rng.fork("train"), config["trainSize"], classes, noise, point)
    test_x, test_y = sample_in_square(rng.fork("test"), config["testSize"], classes, noise, point)
    return Data(train_x, train_y, test_x, test_y, classes, "generated from seed %d" % config["seed"])


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


def load_idx(config, data_dir):
    """The four standard IDX files (train-/t10k-, images/labels, .gz or not) from data_dir."""
    train_x, train_y = idx_split(data_dir, "train", config["trainSize"])
    test_x, test_y = idx_split(data_dir, "t10k", config["testSize"])
    return Data(train_x, train_y, test_x, test_y, 10, "IDX files in " + data_dir)


CIFAR_RECORD = 1 + 3 * 32 * 32
CIFAR_BATCH = r"data_batch_[1-5]\.bin|test_batch\.bin"


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
    files = {}
    for folder in (data_dir, os.path.join(data_dir, "cifar-10-batches-bin")):
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if re.fullmatch(CIFAR_BATCH, name):
                    files[name] = read_bytes(os.path.join(folder, name))
    archive = os.path.join(data_dir, "cifar-10-binary.tar.gz")
    if not files and os.path.isfile(archive):
        try:
            with tarfile.open(archive, "r:*") as tar:
                for member in tar.getmembers():
                    name = os.path.basename(member.name)
                    if member.isfile() and re.fullmatch(CIFAR_BATCH, name):
                        files[name] = tar.extractfile(member).read()
        except tarfile.TarError as error:
            raise DataError(archive, "not a readable tar archive (%s)" % error)
    return files


def load_cifar(config, data_dir):
    """CIFAR-10's binary version: data_batch_1..5.bin in order of their number, and test_batch.bin."""
    files = cifar_files(data_dir)
    train = [parse_cifar_batch(name, files[name]) for name in sorted(files) if name.startswith("data_batch_")]
    if not train:
        raise DataError(os.path.join(data_dir, "data_batch_1.bin"), "missing: CIFAR-10 needs at least one data_batch_N.bin (or cifar-10-binary.tar.gz)")
    if "test_batch.bin" not in files:
        raise DataError(os.path.join(data_dir, "test_batch.bin"), "missing: CIFAR-10 needs test_batch.bin for its test split")
    train_x, train_y = take(torch.cat([p for p, _ in train]), torch.cat([l for _, l in train]), config["trainSize"])
    test_x, test_y = take(*parse_cifar_batch("test_batch.bin", files["test_batch.bin"]), config["testSize"])
    return Data(train_x, train_y, test_x, test_y, 10, "CIFAR-10 binary batches in " + data_dir)


def load_data(config, data_dir):
    """The configured data set: generated from the seed (2-D), or read from data_dir (images)."""
    if config["dataset"] in TOYS:
        return load_toy(config)
    if data_dir is None:
        raise DataError("--data-dir", "%s needs the folder that holds its files" % config["dataset"])
    return load_cifar(config, data_dir) if config["dataset"] == "cifar10" else load_idx(config, data_dir)


# ==============================================================================================
# Models: the engine's three families (src/engine/models) with the same shapes, activations and
# initialiser families. He normal is tfjs's truncated normal (redrawn beyond 2 sigma, sigma =
# sqrt(2 / fan_in)), Glorot uniform on the logits, zero biases, batch norm with tfjs's eps = 1e-3
# and momentum 0.9 (PyTorch's 0.1).
# ==============================================================================================
def he_normal(layer):
    """tfjs heNormal: a normal truncated at two standard deviations, sigma = sqrt(2 / fan_in)."""
    fan_in = layer.weight[0].numel()
    std = math.sqrt(2 / fan_in)
    nn.init.trunc_normal_(layer.weight, 0.0, std, -2 * std, 2 * std)
    if layer.bias is not None:
        nn.init.zeros_(layer.bias)
    return layer


def glorot_uniform(layer):
    """tfjs glorotUniform on the logits layer, with a zero bias."""
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


class MLP(nn.Module):
    """src/engine/models/mlp.ts: two hidden ReLU layers of "Hidden units", then the logits."""

    def __init__(self, in_features, hidden, classes):
        super().__init__()
        layers, width = [nn.Flatten()], in_features
        for units in hidden:
            layers += [he_normal(nn.Linear(width, units)), nn.ReLU()]
            width = units
        self.body = nn.Sequential(*layers)
        self.logits = glorot_uniform(nn.Linear(width, classes))

    def forward(self, x):
        return self.logits(self.body(x))

    def init_order(self):
        """(layer, initialiser, HWC shape flattened into it) in the order the engine seeds them."""
        return [(m, "he", None) for m in self.body if isinstance(m, nn.Linear)] + [(self.logits, "glorot", None)]


class SmallCNN(nn.Module):
    """src/engine/models/cnn.ts: conv3x3 (valid) - ReLU - maxpool 2 - conv3x3 (2x channels) - ReLU -
    maxpool 2 - dense ReLU ("Hidden units") - logits."""

    def __init__(self, input_shape, channels, hidden, classes):
        super().__init__()
        c, h, w = input_shape

        def side(s):
            return ((s - 2) // 2 - 2) // 2

        self.features = nn.Sequential(
            he_normal(nn.Conv2d(c, channels, 3)), nn.ReLU(), nn.MaxPool2d(2),
            he_normal(nn.Conv2d(channels, 2 * channels, 3)), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        )
        self.flat = (side(h), side(w), 2 * channels)
        self.dense = nn.Sequential(he_normal(nn.Linear(math.prod(self.flat), hidden)), nn.ReLU())
        self.logits = glorot_uniform(nn.Linear(hidden, classes))

    def forward(self, x):
        return self.logits(self.dense(self.features(x)))

    def init_order(self):
        """(layer, initialiser, HWC shape flattened into it) in the order the engine seeds them."""
        convs = [(m, "he", None) for m in self.features if isinstance(m, nn.Conv2d)]
        return convs + [(self.dense[0], "he", self.flat), (self.logits, "glorot", None)]


class SameConv(nn.Conv2d):
    """A bias-free convolution with TensorFlow's 'same' padding: when the padding is odd the extra
    row and column go at the bottom and right (PyTorch's symmetric padding=1 would shift the
    sampling grid of a stride-2 layer by one pixel)."""

    def __init__(self, cin, cout, kernel, stride):
        super().__init__(cin, cout, kernel, stride=stride, bias=False)
        he_normal(self)

    def forward(self, x):
        pads = []
        for size, k, s in zip(x.shape[-2:], self.kernel_size, self.stride):
            total = max((-(-size // s) - 1) * s + k - size, 0)
            pads.append((total // 2, total - total // 2))
        (top, bottom), (left, right) = pads
        return F.conv2d(F.pad(x, (left, right, top, bottom)), self.weight, None, self.stride)


class BatchNorm(nn.BatchNorm2d):
    """tfjs's batch norm (src/engine/models/resnet.ts): epsilon 1e-3, moving averages kept with
    momentum 0.9 (PyTorch's 0.1) of the batch mean and the *biased* batch variance (PyTorch's own
    BatchNorm2d tracks the unbiased one)."""

    def __init__(self, channels):
        super().__init__(channels, eps=1e-3, momentum=0.1)

    def forward(self, x):
        if not self.training:
            return super().forward(x)
        mean, var = x.mean(dim=(0, 2, 3)), x.var(dim=(0, 2, 3), unbiased=False)
        with torch.no_grad():
            self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
            self.running_var.mul_(1 - self.momentum).add_(self.momentum * var)
        return F.batch_norm(x, None, None, self.weight, self.bias, True, 0.0, self.eps)


class BasicBlock(nn.Module):
    """conv-BN-ReLU-conv-BN plus the shortcut (a 1x1 conv with BN when the shape changes), then ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(SameConv(cin, cout, 3, stride), BatchNorm(cout), nn.ReLU(), SameConv(cout, cout, 3, 1), BatchNorm(cout))
        self.shortcut = nn.Sequential(SameConv(cin, cout, 1, stride), BatchNorm(cout)) if stride != 1 or cin != cout else nn.Identity()

    def forward(self, x):
        return F.relu(self.body(x) + self.shortcut(x))


class ResNet(nn.Module):
    """src/engine/models/resnet.ts: 3x3 stem, three stages of n basic blocks with w, 2w, 4w filters
    (stride 2 between stages), global average pooling, logits: depth 6n + 2."""

    def __init__(self, input_shape, width, blocks, classes):
        super().__init__()
        layers = [SameConv(input_shape[0], width, 3, 1), BatchNorm(width), nn.ReLU()]
        cin = width
        for stage in range(3):
            for b in range(blocks):
                cout = width * 2 ** stage
                layers.append(BasicBlock(cin, cout, 2 if stage > 0 and b == 0 else 1))
                cin = cout
        layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
        self.features = nn.Sequential(*layers)
        self.logits = glorot_uniform(nn.Linear(cin, classes))

    def forward(self, x):
        return self.logits(self.features(x))

    def init_order(self):
        """(layer, initialiser, None) in the order the engine seeds them: the stem, then per block its two
        convolutions and its shortcut's, then the logits."""
        return [(m, "he", None) for m in self.modules() if isinstance(m, SameConv)] + [(self.logits, "glorot", None)]


def build_model(config, input_shape, classes):
    """The configured model family for inputs of input_shape (torch's layout, CHW for images)."""
    if config["model"] == "mlp":
        return MLP(math.prod(input_shape), [config["hiddenUnits"]] * 2, classes)
    if config["model"] == "cnn":
        return SmallCNN(input_shape, config["convChannels"], config["hiddenUnits"], classes)
    if config["model"] == "resnet":
        return ResNet(input_shape, config["convChannels"], config["resnetBlocks"], classes)
    raise ConfigError("model", "%r is not one of mlp, cnn, resnet" % config["model"])


def engine_initialise(model, seed, stream):
    """The engine's initial weights: each layer's tfjs initialiser (He normal, or Glorot uniform on the
    logits) seeded in layer order from Rng(seed).fork(stream), drawn in tfjs's kernel layout."""
    rng = Rng(seed).fork(stream)
    for layer, kind, hwc in model.init_order():
        layer_seed = rng.seed()
        w = layer.weight
        if w.dim() == 4:  # torch [out, in, kh, kw]; tfjs [kh, kw, in, out]
            out_c, in_c, kh, kw = w.shape
            tf_shape, fan_in, fan_out = (kh, kw, in_c, out_c), in_c * kh * kw, out_c * kh * kw
        else:  # torch [out, in]; tfjs [in, out]
            tf_shape, fan_in, fan_out = (w.shape[1], w.shape[0]), w.shape[1], w.shape[0]
        if kind == "he":
            values = tf_normal(w.numel(), math.sqrt(2.0 / max(1, fan_in)), layer_seed, True)
        else:
            limit = math.sqrt(3 * (1.0 / max(1, (fan_in + fan_out) / 2)))
            values = tf_uniform(w.numel(), -limit, limit, layer_seed)
        kernel = values.reshape(tf_shape)
        if w.dim() == 4:
            kernel = kernel.permute(3, 2, 0, 1)
        elif hwc:  # a dense layer after a flatten: tfjs flattens HWC, torch CHW
            h, w_, c = hwc
            kernel = kernel.reshape(h, w_, c, -1).permute(2, 0, 1, 3).reshape(c * h * w_, -1).t()
        else:
            kernel = kernel.t()
        with torch.no_grad():
            layer.weight.copy_(kernel)


# ==============================================================================================
# Attacks: L-infinity PGD as the engine runs it (src/engine/attacks/pgd.ts) -- the training form
# (last iterate) and the evaluation form -- and AutoAttack through the optional torchattacks package
# ==============================================================================================
TrainAttack = collections.namedtuple("TrainAttack", "epsilon steps alpha classes noise")


def default_step_size(epsilon, steps):
    """alpha = 2.5 epsilon / K (Madry et al.)."""
    return 2.5 * epsilon / steps


def train_attack(config, classes, noise=None):
    """The training PGD of the settings: K steps of size trainPgdStepSize (0: 2.5 epsilon / K)."""
    steps = config["trainPgdSteps"]
    alpha = config["trainPgdStepSize"] or default_step_size(config["epsilon"], steps)
    return TrainAttack(config["epsilon"], steps, alpha, classes, noise)


def project_linf(x, x0, epsilon):
    """Onto the epsilon-ball around x0, intersected with the input box [0, 1]."""
    return torch.min(torch.max(x, x0 - epsilon), x0 + epsilon).clamp(0, 1)


def random_start(x, epsilon, start, noise):
    if start == "uniform":
        delta = noise.uniform(x, -epsilon, epsilon)
    else:  # "normal-small": TRADES' x + 0.001 N(0, 1)
        delta = noise.normal(x) * 0.001
    return project_linf(x + delta, x, epsilon)


def pgd_perturb(loss_fn, x, attack, start):
    """K signed-gradient ascent steps of size alpha on loss_fn (a scalar function of the inputs),
    projected after each; returns the last iterate (training PGD)."""
    x_adv = random_start(x, attack.epsilon, start, attack.noise)
    for _ in range(attack.steps):
        x_adv.requires_grad_(True)
        (grad,) = torch.autograd.grad(loss_fn(x_adv), x_adv)
        x_adv = project_linf(x_adv.detach() + attack.alpha * grad.sign(), x, attack.epsilon)
    return x_adv.detach()


def pgd_robust(model, x, y, epsilon, steps, alpha, start_noise):
    """Evaluation PGD-K, one restart, on the cross-entropy of the true labels: True where the example
    is classified correctly clean and at every iterate (an example counts as broken at the first
    misclassified iterate, the random start included, as the engine keeps it)."""
    with torch.no_grad():
        fooled = model(x).argmax(dim=1) != y
    x_adv = project_linf(x + start_noise, x, epsilon)
    for _ in range(steps):
        x_adv.requires_grad_(True)
        logits = model(x_adv)
        (grad,) = torch.autograd.grad(F.cross_entropy(logits, y, reduction="sum"), x_adv)
        fooled |= logits.detach().argmax(dim=1) != y
        x_adv = project_linf(x_adv.detach() + alpha * grad.sign(), x, epsilon)
    with torch.no_grad():
        fooled |= model(x_adv).argmax(dim=1) != y
    return ~fooled


class FlatInputs(nn.Module):
    """A 2-D data set's model seen as an image model: [n, 1, 1, d] in, the model's logits out."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x.reshape(x.shape[0], -1))


def autoattack_accuracy(config, model, x, y, classes):
    """Robust accuracy (percent) under AutoAttack (Croce & Hein 2020) through the torchattacks
    package, with what ran; or why it did not run."""
    epsilon, seed = config["epsilon"], config["seed"]
    settings = {"attack": "AutoAttack", "epsilon": epsilon, "subset": int(x.shape[0])}
    try:
        import torchattacks
    except ImportError as error:
        return {"status": "skipped", "reason": "torchattacks is not installed or cannot be imported (%s)" % error, **settings}
    if x.dim() == 2:
        # torchattacks takes images: show it each 2-D point as a 1x1x2 image.
        model, x = FlatInputs(model), x.reshape(x.shape[0], 1, 1, x.shape[1])
    if classes >= 4:
        version = "standard: APGD-CE, APGD-T, FAB-T, Square (5000 queries)"
        attack = torchattacks.AutoAttack(model, norm="Linf", eps=epsilon, version="standard", n_classes=classes, seed=seed)
    else:
        # APGD-T and FAB-T's targeted DLR loss needs at least 4 classes.
        version = "APGD-CE and Square (5000 queries): APGD-T and FAB-T need at least 4 classes"
        attack = torchattacks.MultiAttack([
            torchattacks.APGD(model, norm="Linf", eps=epsilon, loss="ce", seed=seed),
            torchattacks.Square(model, norm="Linf", eps=epsilon, n_queries=5000, seed=seed),
        ])
    try:
        robust = 0
        for start in range(0, x.shape[0], EVAL_CHUNK):
            xs, ys = x[start:start + EVAL_CHUNK], y[start:start + EVAL_CHUNK]
            x_adv = attack(xs, ys)
            with torch.no_grad():
                robust += int(((model(xs).argmax(dim=1) == ys) & (model(x_adv).argmax(dim=1) == ys)).sum())
    except Exception as error:  # report, never lose the training results over the optional attack
        return {"status": "failed", "reason": "%s: %s" % (type(error).__name__, error), "version": version, **settings}
    return {"status": "done", "robustAccuracy": 100 * robust / x.shape[0], "version": version,
            "torchattacks": getattr(torchattacks, "__version__", "unknown"), **settings}


# ==============================================================================================
# Losses and objectives (src/engine/losses.ts, src/engine/train/objectives.ts):
# how x' is crafted, and the loss on a batch. Every reduction is the batch mean, as in the engine.
# ==============================================================================================
def one_hot(y, classes):
    return F.one_hot(y, classes).float()


def soft_labels(teacher_logits, tau):
    """softmax(q / tau): the teacher's soft labels at temperature tau (paper Eq. 4)."""
    return F.softmax(teacher_logits / tau, dim=1)


def smooth_labels(targets, smoothing):
    """Label smoothing: (1 - s) y + s / C."""
    return targets * (1 - smoothing) + smoothing / targets.shape[1]


def soft_cross_entropy(logits, targets):
    """CE(Z, p) = -sum p log softmax(Z), batch mean."""
    return -(targets * F.log_softmax(logits, dim=1)).sum(dim=1).mean()


def kl_divergence(logits, adv_logits):
    """KL(softmax(Z(x)) || softmax(Z(x'))), batch mean: TRADES' robustness term."""
    log_p = F.log_softmax(logits, dim=1)
    log_q = F.log_softmax(adv_logits, dim=1)
    return (log_p.exp() * (log_p - log_q)).sum(dim=1).mean()


def craft_cross_entropy(model, x, y, attack):
    """x' by PGD on CE(Z(.), y) from a uniform start in the epsilon-ball (Madry; LTD with the original y)."""
    targets = one_hot(y, attack.classes)
    return pgd_perturb(lambda inputs: soft_cross_entropy(model(inputs), targets), x, attack, "uniform")


def craft_kl(model, x, y, attack):
    """x' by PGD on KL(softmax(Z(x)) || softmax(Z(.))) from x + 0.001 N(0, 1) (TRADES)."""
    with torch.no_grad():
        natural = model(x)
    return pgd_perturb(lambda inputs: kl_divergence(natural, model(inputs)), x, attack, "normal-small")


# The inner maximisations by the config's name for them ("Inner maximisation"), with their start.
INNER_MAX = {"ce": (craft_cross_entropy, "uniform"), "kl": (craft_kl, "normal-small")}


class Objective:
    """A method's objective: craft(model, x, y, attack) gives x' (or None), loss(model, x, x_adv, y,
    teacher_logits) the batch loss. needs_teacher: it learns from a teacher's logits."""

    needs_teacher = False
    inner_max = None  # "ce" or "kl" for adversarial objectives, None for natural ones

    @property
    def adversarial(self):
        return self.inner_max is not None

    @property
    def start(self):
        return INNER_MAX[self.inner_max][1] if self.adversarial else None

    def craft(self, model, x, y, attack):
        return INNER_MAX[self.inner_max][0](model, x, y, attack) if self.adversarial else None


class NaturalObjective(Objective):
    """Natural training at temperature T: CE(Z(x) / T, y). T = 1 is plain natural training; a
    defensive-distillation teacher trains at T_d."""

    def __init__(self, temperature=1.0):
        self.temperature = temperature

    def loss(self, model, x, x_adv, y, teacher_logits):
        logits = model(x)
        return soft_cross_entropy(logits / self.temperature, one_hot(y, logits.shape[1]))


class PgdAtObjective(Objective):
    """PGD-AT (Madry et al. 2018): CE(Z(x'), y), x' by PGD on CE from a uniform start."""

    inner_max = "ce"

    def loss(self, model, x, x_adv, y, teacher_logits):
        adv_logits = model(x_adv)
        return soft_cross_entropy(adv_logits, one_hot(y, adv_logits.shape[1]))


class TradesObjective(Objective):
    """TRADES (Zhang et al. 2019) with targets (1 - s) y + s / C (s = 0 is TRADES itself):
    CE(Z(x), targets) + lambda KL(softmax(Z(x)) || softmax(Z(x'))); x' as the inner maximisation says."""

    def __init__(self, lam, smoothing, inner_max):
        self.lam, self.smoothing, self.inner_max = lam, smoothing, inner_max

    def loss(self, model, x, x_adv, y, teacher_logits):
        logits = model(x)
        targets = smooth_labels(one_hot(y, logits.shape[1]), self.smoothing)
        return soft_cross_entropy(logits, targets) + self.lam * kl_divergence(logits, model(x_adv))


class LtdObjective(Objective):
    """LTD on the TRADES base (paper Eq. 5): CE(Z(x), softmax(q(x) / tau)) + lambda KL(softmax(Z(x)) ||
    softmax(Z(x'))). The student's own temperature is 1; only the teacher's labels are softened.
    x' as the inner maximisation says (LTD's own: PGD on CE(Z(.), y) with the original label y)."""

    needs_teacher = True

    def __init__(self, tau, lam, inner_max):
        self.tau, self.lam, self.inner_max = tau, lam, inner_max

    def loss(self, model, x, x_adv, y, teacher_logits):
        logits = model(x)
        return soft_cross_entropy(logits, soft_labels(teacher_logits, self.tau)) + self.lam * kl_divergence(logits, model(x_adv))


class LtdPgdAtObjective(Objective):
    """LTD on the PGD-AT base: CE(Z(x'), softmax(q(x) / tau)) - Madry's loss with y replaced by the
    teacher's soft label of the clean input (no clean term, so lambda is unused)."""

    needs_teacher = True

    def __init__(self, tau, inner_max):
        self.tau, self.inner_max = tau, inner_max

    def loss(self, model, x, x_adv, y, teacher_logits):
        return soft_cross_entropy(model(x_adv), soft_labels(teacher_logits, self.tau))


class DistillationObjective(Objective):
    """Defensive distillation (Papernot et al. 2016): CE(Z(x) / T_d, softmax(q(x) / T_d)); the
    student is deployed (evaluated and attacked) at T = 1."""

    needs_teacher = True

    def __init__(self, temperature):
        self.temperature = temperature

    def loss(self, model, x, x_adv, y, teacher_logits):
        return soft_cross_entropy(model(x) / self.temperature, soft_labels(teacher_logits, self.temperature))


def student_objective(config):
    """The student's objective for the configured method, with its inner maximisation where it has one."""
    method, inner = config["method"], config["innerMax"]
    if method == "natural":
        return NaturalObjective()
    if method == "pgd-at":
        return PgdAtObjective()
    if method == "trades":
        return TradesObjective(config["lambda"], 0, inner)
    if method == "label-smoothing":
        return TradesObjective(config["lambda"], config["smoothing"], inner)
    if method == "ltd":
        return LtdPgdAtObjective(config["tau"], inner) if config["ltdBase"] == "pgd-at" else LtdObjective(config["tau"], config["lambda"], inner)
    if method == "defensive-distillation":
        return DistillationObjective(config["distillTemperature"])
    raise ConfigError("method", "%r is not a method (one of %s)" % (method, ", ".join(METHOD_LABELS)))


def teacher_temperature(config):
    """T_d for defensive distillation (Papernot et al. train the teacher at T_d too), else 1: LTD's
    teacher is trained naturally (src/shared/catalog.ts teacherTemperature)."""
    return config["distillTemperature"] if config["method"] == "defensive-distillation" else 1.0


# ==============================================================================================
# Optimiser, weight decay, schedule, AWP (src/engine/train/)
# ==============================================================================================
def weight_decay_for(method):
    """The paper's 5e-4, except defensive distillation, which trains with none
    (src/engine/train/optimizer.ts weightDecayFor says why)."""
    return 0 if method == "defensive-distillation" else WEIGHT_DECAY


def make_optimizer(config, model):
    """SGD, momentum 0.9, Nesterov (tfjs's update equals PyTorch's), or Adam with tfjs's epsilon.
    Weight decay is not the optimiser's: StepLoss adds (wd / 2) sum ||w||^2 to every step's loss,
    whose gradient wd w is what the engine adds to every parameter's gradient, with either optimiser."""
    if config["optimizer"] == "sgd":
        return torch.optim.SGD(model.parameters(), lr=config["learningRate"], momentum=MOMENTUM, nesterov=True)
    return torch.optim.Adam(model.parameters(), lr=config["learningRate"], betas=(0.9, 0.999), eps=ADAM_EPSILON)


def piecewise_milestones(epochs):
    """Epochs after which the piecewise schedule multiplies the rate by 0.1 (src/shared/lr-schedule.ts):
    round(2/3 E) and round(5/6 E), moved apart where they meet, both inside the run; 2 epochs hold one
    drop, 1 epoch none."""
    if epochs < 2:
        return []
    if epochs == 2:
        return [1]
    # JavaScript's Math.round (halves up), not Python's round (halves to even).
    first, second = (math.floor(fraction * epochs + 0.5) for fraction in PIECEWISE_MILESTONES)
    last = min(max(second, 2), epochs - 1)
    return [min(max(first, 1), last - 1), last]


def learning_rate_at(config, epoch, epochs):
    """The rate of epoch (1-based) of epochs: constant; piecewise x0.1 after each milestone passed;
    cosine from the base rate towards 0 (src/engine/train/schedule.ts)."""
    base = config["learningRate"]
    if config["lrSchedule"] == "piecewise":
        return base * PIECEWISE_FACTOR ** sum(1 for m in piecewise_milestones(epochs) if epoch > m)
    if config["lrSchedule"] == "cosine":
        return base * 0.5 * (1 + math.cos(math.pi * (epoch - 1) / epochs))
    return base


class StepLoss(nn.Module):
    """A step's loss as one module: the method's batch loss and the weight-decay penalty. Wrapped in
    DistributedDataParallel, the whole step is one forward per backward even when the method calls
    the model twice (on x and on x')."""

    def __init__(self, model, objective, weight_decay):
        super().__init__()
        self.model = model
        self.objective = objective
        self.weight_decay = weight_decay

    def forward(self, x, x_adv, y, teacher_logits, weight):
        """weight: this process's share of the global batch times the number of processes (1 when the
        shares are equal), so that DDP's average over processes is the global batch mean."""
        data_loss = weight * self.objective.loss(self.model, x, x_adv, y, teacher_logits)
        penalty = sum(p.pow(2).sum() for p in self.model.parameters())
        return data_loss + (self.weight_decay / 2) * penalty, data_loss


def plain_step(step_loss, model, batch):
    """Gradients of loss + weight decay at the current weights; returns the (weighted) data loss."""
    total, data_loss = step_loss(*batch)
    total.backward()
    return data_loss.detach()


def awp_rule(gamma):
    """AWP (Wu et al. 2020) as src/engine/train/awp.ts: v = gamma ||w|| g / ||g|| per weight matrix or
    kernel (not biases), g the gradient of the method's own loss; the step's gradients are taken
    at w + v, then w is copied back exactly and the optimiser steps from it."""

    def awp_step(step_loss, model, batch):
        _, data_loss = step_loss(*batch)
        data_loss.backward()  # the ascent direction of the (weighted) data loss: the global batch mean's
        perturbed = [p for p in model.parameters() if p.dim() > 1]
        with torch.no_grad():
            saved = [p.detach().clone() for p in perturbed]
            for p in perturbed:
                p.add_(p.grad * (gamma * p.norm() / (p.grad.norm() + 1e-20)))
        model.zero_grad(set_to_none=True)
        try:
            return plain_step(step_loss, model, batch)
        finally:
            with torch.no_grad():
                for p, w in zip(perturbed, saved):
                    p.copy_(w)

    return awp_step


def gradient_rule(config, phase, epoch):
    """AWP for the student when it is on and past its warm-up epochs, else plain gradients (train/awp.ts gradientRule)."""
    awp = phase == "student" and config["awp"] == "on" and epoch > config["awpWarmup"]
    return awp_rule(config["awpGamma"]) if awp else plain_step


# ==============================================================================================
# Augmentation (src/engine/data/augment.ts): random crop with zero padding, flips on CIFAR-10
# ==============================================================================================
def augmentation(config):
    """(pad, flip) for the settings, or None: off, or 2-D data."""
    if config["augment"] != "on" or config["dataset"] not in IMAGE_DATASETS:
        return None
    return (4, True) if config["dataset"] == "cifar10" else (2, False)


def engine_crops(rng, count, pad, flip):
    """The engine's draws for count examples, in its order: row offset, column offset, flip."""
    draws = []
    for _ in range(count):
        dy = math.floor(rng.next() * (2 * pad + 1))
        dx = math.floor(rng.next() * (2 * pad + 1))
        draws.append((dy, dx, flip and rng.next() < 0.5))
    return draws


def augment_batch(x, pad, flip, noise):
    """Per example: a crop of the zero-padded image at a random offset, mirrored if drawn so."""
    b, c, h, w = x.shape
    padded = F.pad(x, (pad, pad, pad, pad))
    if getattr(noise, "crops", None) is not None:
        dy, dx, mirrored = (torch.tensor(column, device=x.device) for column in zip(*noise.crops))
    else:
        dy = torch.randint(0, 2 * pad + 1, (b,), generator=noise.generator, device=x.device)
        dx = torch.randint(0, 2 * pad + 1, (b,), generator=noise.generator, device=x.device)
        mirrored = torch.rand(b, generator=noise.generator, device=x.device) < 0.5
    rows = dy[:, None] + torch.arange(h, device=x.device)
    cols = dx[:, None] + torch.arange(w, device=x.device)
    if flip:
        cols = torch.where(mirrored[:, None], cols.flip(1), cols)
    index = torch.arange(b, device=x.device)[:, None, None, None]
    channel = torch.arange(c, device=x.device)[None, :, None, None]
    return padded[index, channel, rows[:, None, :, None], cols[:, None, None, :]]


# ==============================================================================================
# Processes: one per device under torchrun, or one alone
# ==============================================================================================
class Context:
    """Where this process runs: its rank among world_size processes, its device, its log."""

    def __init__(self, device_flag):
        self.world_size = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        if device_flag == "cuda" and not torch.cuda.is_available():
            raise SystemExit("--device cuda: PyTorch sees no CUDA device here")
        cuda = torch.cuda.is_available() and device_flag != "cpu"
        self.device = torch.device("cuda", local_rank) if cuda else torch.device("cpu")
        self.backend = ("nccl" if cuda else "gloo") if self.world_size > 1 else None
        if cuda:
            torch.cuda.set_device(self.device)
        if self.backend:
            dist.init_process_group(self.backend)

    def log(self, message):
        if self.rank == 0:
            print(message, flush=True)

    def all_sum(self, value):
        """The sum of value over every process."""
        if self.world_size == 1:
            return value
        tensor = torch.tensor([float(value)], dtype=torch.float64, device=self.device)
        dist.all_reduce(tensor)
        return tensor.item()

    def wrap(self, module):
        if self.world_size == 1:
            return module
        return DistributedDataParallel(module, device_ids=[self.device.index] if self.device.type == "cuda" else None)

    def close(self):
        if self.backend:
            dist.destroy_process_group()


# ==============================================================================================
# Batches: this process's share of every global batch, with the batch's random numbers
# ==============================================================================================
Share = collections.namedtuple("Share", "indices weight noise")


def engine_batches(config, ctx, phase, epoch, n):
    """The engine's epoch (src/engine/data/batches.ts, train/trainer.ts): Rng(seed).fork(phase + "-train")
    .fork("epoch-E"), its "shuffle" permutation cut into batches, one attack seed per batch from its
    "attack" stream, crops from "shuffle"."augment". Process r of N takes rows r, r + N, ... of each batch."""
    epoch_rng = Rng(config["seed"]).fork(phase + "-train").fork("epoch-%d" % epoch)
    shuffle, attack_seeds = epoch_rng.fork("shuffle"), epoch_rng.fork("attack")
    augment_rng, augment = shuffle.fork("augment"), augmentation(config)
    order, size = shuffle.permutation(n), config["batchSize"]
    for start in range(0, n, size):
        batch = order[start:start + size]
        seed = attack_seeds.seed()
        crops = engine_crops(augment_rng, len(batch), *augment) if augment else None
        rows = list(range(ctx.rank, len(batch), ctx.world_size))
        # A last batch smaller than the number of processes leaves some with no rows: they take one
        # row with weight 0, so that every process still joins the gradient all-reduce.
        weight = len(rows) * ctx.world_size / len(batch) if rows else 0.0
        rows = rows or [0]
        yield Share([batch[r] for r in rows], weight, EngineNoise(seed, len(batch), rows, crops and [crops[r] for r in rows]))


def torch_batches(config, ctx, sampler, noise, epoch):
    """DistributedSampler's shuffle (seeded, every process an equal share), PyTorch's generator."""
    sampler.set_epoch(epoch)
    for indices in BatchSampler(sampler, config["batchSize"] // ctx.world_size, drop_last=False):
        yield Share(indices, 1.0, noise)


# ==============================================================================================
# Training and evaluation (src/engine/train/trainer.ts, src/engine/run/experiment.ts)
# ==============================================================================================
def train_epoch(ctx, step_loss, model, objective, optimizer, rule, data, shares, teacher, attack, augment):
    """One epoch: get batch -> craft x' (the model in inference mode, as the engine's attack sees it)
    -> loss and gradients (averaged over processes by DDP) -> step. Returns the mean batch loss."""
    # Summed on the device and read once per epoch: a readback per batch would stall a GPU.
    loss_sum, batches = torch.zeros((), device=ctx.device), 0
    for share in shares:
        index = torch.tensor(share.indices, device=ctx.device)
        x, y = data.train_x[index], data.train_y[index]
        if augment:
            x = augment_batch(x, *augment, share.noise)
        teacher_logits = None
        if teacher is not None:
            with torch.no_grad():
                teacher_logits = teacher(x)
        model.eval()
        x_adv = objective.craft(model, x, y, attack._replace(noise=share.noise))
        model.train()
        optimizer.zero_grad(set_to_none=True)
        loss_sum += rule(step_loss, model, (x, x_adv, y, teacher_logits, share.weight))
        optimizer.step()
        batches += 1
    mean = ctx.all_sum(loss_sum.item()) / ctx.world_size / batches
    if not math.isfinite(mean):
        raise SystemExit("The loss became NaN or infinite. Try a lower learning rate (--learning-rate).")
    return mean


def shard(n, ctx):
    """This process's share of n evaluation examples."""
    return torch.arange(ctx.rank, n, ctx.world_size)


def natural_accuracy(ctx, model, x, y):
    """Percent of the whole test split classified correctly."""
    model.eval()
    correct = 0
    mine = shard(x.shape[0], ctx)
    with torch.no_grad():
        for start in range(0, mine.numel(), ACCURACY_CHUNK):
            index = mine[start:start + ACCURACY_CHUNK].to(ctx.device)
            correct += int((model(x[index]).argmax(dim=1) == y[index]).sum())
    return 100 * ctx.all_sum(correct) / x.shape[0]


def evaluation_starts(config, random, x, n):
    """The evaluation PGD's uniform starts for the first n test points, the same on every process.
    The engine attacks in chunks of EVAL_CHUNK, chunk i seeded from the "eval" stream
    (src/engine/attacks/chunked.ts)."""
    epsilon, seed = config["epsilon"], stream_seed(config["seed"], "eval")
    if random != "engine":
        generator = torch.Generator().manual_seed(seed)
        return (torch.rand((n,) + tuple(x.shape[1:]), generator=generator) * 2 - 1) * epsilon
    chunks = []
    for i, start in enumerate(range(0, n, EVAL_CHUNK)):
        size = min(EVAL_CHUNK, n - start)
        values = tf_uniform(size * x[0].numel(), -epsilon, epsilon, chunk_seed(seed, i))
        chunks.append(to_torch_layout(values, (size,) + tuple(x.shape[1:])))
    return torch.cat(chunks)


def pgd_accuracy(config, ctx, model, x, y, starts):
    """Percent of the first evalSubset test points still correct under the evaluation PGD."""
    n = starts.shape[0]
    epsilon, steps = config["epsilon"], config["evalPgdSteps"]
    model.eval()
    robust = 0
    mine = shard(n, ctx)
    for start in range(0, mine.numel(), EVAL_CHUNK):
        index = mine[start:start + EVAL_CHUNK]
        xs, ys = x[index.to(ctx.device)], y[index.to(ctx.device)]
        robust += int(pgd_robust(model, xs, ys, epsilon, steps, default_step_size(epsilon, steps), starts[index].to(ctx.device)).sum())
    return 100 * ctx.all_sum(robust) / n


def train_phase(config, random, ctx, phase, model, objective, epochs, data, teacher=None):
    """Train model for epochs with objective, evaluating after every epoch; returns the epoch points."""
    step_loss = ctx.wrap(StepLoss(model, objective, weight_decay_for(config["method"])))
    optimizer = make_optimizer(config, model)
    n = data.train_y.shape[0]
    seed = config["seed"]
    sampler = DistributedSampler(range(n), num_replicas=ctx.world_size, rank=ctx.rank, shuffle=True, seed=stream_seed(seed, phase + "-train"))
    generator = torch.Generator(device=ctx.device).manual_seed(stream_seed(seed, phase + "-train", "rank-%d" % ctx.rank))
    attack = train_attack(config, data.classes)
    starts = evaluation_starts(config, random, data.test_x, min(config["evalSubset"], data.test_y.shape[0])) if phase == "student" else None
    points = []
    for epoch in range(1, epochs + 1):
        started = time.time()
        lr = learning_rate_at(config, epoch, epochs)
        for group in optimizer.param_groups:
            group["lr"] = lr
        if random == "engine":
            shares = engine_batches(config, ctx, phase, epoch, n)
        else:
            shares = torch_batches(config, ctx, sampler, TorchNoise(generator), epoch)
        rule = gradient_rule(config, phase, epoch)
        loss = train_epoch(ctx, step_loss, model, objective, optimizer, rule, data, shares, teacher, attack, augmentation(config))
        nat_acc = natural_accuracy(ctx, model, data.test_x, data.test_y)
        robust_acc = pgd_accuracy(config, ctx, model, data.test_x, data.test_y, starts) if starts is not None else None
        seconds = time.time() - started
        points.append({"epoch": epoch, "natAcc": nat_acc, "robustAcc": robust_acc, "loss": loss, "lr": lr,
                       "tau": config["tau"], "lambda": config["lambda"], "seconds": seconds})
        robust = "" if robust_acc is None else "  PGD-%d %.1f%%" % (config["evalPgdSteps"], robust_acc)
        ctx.log("%s epoch %d/%d  loss %.4f  natural %.1f%%%s  lr %g  %.1f s" % (phase, epoch, epochs, loss, nat_acc, robust, lr, seconds))
    return points


# ==============================================================================================
# Command line, the run, the results file
# ==============================================================================================
def default_random(config):
    """Where random numbers come from without --random: the engine's streams are cheap on 2-D data, slow on images."""
    return "torch" if config["dataset"] in IMAGE_DATASETS else "engine"


def ranged(kind, low, high, label):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError("%s must be a number, got %r" % (label, text))
        if not low <= value <= high:
            raise argparse.ArgumentTypeError("%s must be between %g and %g, got %s" % (label, low, high, text))
        return value
    return parse


def parse_args(argv=None):
    embedded = CONFIG is not None
    parser = argparse.ArgumentParser(description="LTD Playground experiment in PyTorch" + (": " + run_label(CONFIG) if embedded else ""))
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="settings as JSON (a config, or a metrics or results file: its first run's)" +
                             ("; default: the settings written into this file" if embedded else "; required: this file carries none"))
    for flag, key, kind, low, high, label in OVERRIDES:
        parser.add_argument(flag, type=ranged(kind, low, high, label), dest=key, metavar="N",
                            help="%s (%s)" % (label, "exported: %s" % CONFIG[key] if embedded else "default: the settings'"))
    parser.add_argument("--data-dir", default=None,
                        help="folder of the data files (image data sets only; Fashion-MNIST defaults to %s)" % DEFAULT_DATA_DIRS["fashion-mnist"])
    parser.add_argument("--out", default=None, help="results file (JSON, importable as a run by the page; default: SCRIPT-results.json)")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto", help="default: cuda if available")
    parser.add_argument("--random", choices=["engine", "torch"], default=None,
                        help="engine: the page's random streams (initial weights, batch order, random starts) drawn "
                             "exactly, one number at a time in Python; torch: PyTorch's generators "
                             "(default: engine on 2-D data, torch on images)")
    parser.add_argument("--no-autoattack", action="store_true", help="skip AutoAttack at the end")
    return parser.parse_args(argv)


def settings(args):
    """The run's settings: --config FILE, else the ones written into this file; then the flags' overrides."""
    if args.config is not None:
        config = read_config(args.config)
    elif CONFIG is not None:
        config = checked_config(CONFIG, "CONFIG in " + os.path.basename(__file__))
    else:
        raise ConfigError(os.path.basename(__file__), "carries no settings (CONFIG = None): pass --config FILE, or export the script from the page")
    for _, key, _, _, _, _ in OVERRIDES:
        if getattr(args, key) is not None:
            config[key] = getattr(args, key)
    return config


def results(config, random, ctx, teacher_points, student_points, objective, autoattack, seconds):
    """The results file: the page's metrics JSON shape ({exported, runs}) plus what PyTorch ran."""
    run = {
        "id": 1, "label": run_label(config), "config": config, "teacher": teacher_points, "student": student_points,
        "robustAttack": {"attack": "PGD", "epsilon": config["epsilon"], "steps": config["evalPgdSteps"], "restarts": 1,
                         "subset": min(config["evalSubset"], config["testSize"])},
        "teacherCached": False, "liveChanges": [], "outcome": "completed",
    }
    trained_with = None
    if objective.adversarial:
        attack = train_attack(config, 0)
        trained_with = {"attack": "PGD", "epsilon": attack.epsilon, "steps": attack.steps, "stepSize": attack.alpha, "start": objective.start}
    return {
        "exported": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "runs": [run],
        "pytorch": {
            "script": os.path.basename(__file__), "torch": torch.__version__, "python": platform.python_version(),
            "device": str(ctx.device), "worldSize": ctx.world_size, "backend": ctx.backend, "random": random,
            "wallSeconds": seconds, "trainAttack": trained_with, "autoAttack": autoattack,
        },
    }


def new_model(config, random, phase, input_shape, classes, device):
    """A fresh model with the engine's initial weights (--random engine) or PyTorch-seeded ones."""
    torch.manual_seed(stream_seed(config["seed"], phase + "-init"))
    model = build_model(config, input_shape, classes)
    if random == "engine":
        engine_initialise(model, config["seed"], phase + "-init")
    return model.to(device)


def run(config, random, ctx, data_dir, out, autoattack):
    """Teacher (when the method has one), student, AutoAttack; writes the results file on rank 0."""
    started = time.time()
    if config["batchSize"] % ctx.world_size:
        raise SystemExit("--nproc_per_node=%d does not divide the batch size %d: every process takes an equal share of "
                         "each batch (pick --batch-size)" % (ctx.world_size, config["batchSize"]))
    data = load_data(config, data_dir)
    data = data._replace(train_x=data.train_x.to(ctx.device), train_y=data.train_y.to(ctx.device),
                         test_x=data.test_x.to(ctx.device), test_y=data.test_y.to(ctx.device))
    input_shape = tuple(data.train_x.shape[1:])
    ctx.log("%s: %d training and %d test examples (%s); %d process(es) on %s" % (
        run_label(config), data.train_y.shape[0], data.test_y.shape[0], data.source, ctx.world_size, ctx.device))
    objective = student_objective(config)
    teacher, teacher_points = None, []
    if objective.needs_teacher:
        teacher = new_model(config, random, "teacher", input_shape, data.classes, ctx.device)
        teacher_objective = NaturalObjective(teacher_temperature(config))
        teacher_points = train_phase(config, random, ctx, "teacher", teacher, teacher_objective, config["teacherEpochs"], data)
        teacher.eval()
    student = new_model(config, random, "student", input_shape, data.classes, ctx.device)
    student_points = train_phase(config, random, ctx, "student", student, objective, config["epochs"], data, teacher)
    if ctx.rank != 0:
        return  # no collective follows, so the other processes need not wait for AutoAttack
    student.eval()
    subset = min(config["evalSubset"], data.test_y.shape[0])
    robust = (autoattack_accuracy(config, student, data.test_x[:subset], data.test_y[:subset], data.classes) if autoattack
              else {"status": "skipped", "reason": "--no-autoattack"})
    if robust["status"] == "done":
        ctx.log("AutoAttack (%s) on the first %d test points: %.1f%%" % (robust["version"], subset, robust["robustAccuracy"]))
    else:
        ctx.log("AutoAttack %s: %s" % (robust["status"], robust["reason"]))
    with open(out, "w") as f:
        json.dump(results(config, random, ctx, teacher_points, student_points, objective, robust, time.time() - started), f, indent=2)
    ctx.log("results: " + out)


def main(argv=None):
    args = parse_args(argv)
    try:
        config = settings(args)
        data_dir = args.data_dir or DEFAULT_DATA_DIRS.get(config["dataset"])
        out = args.out or os.path.splitext(os.path.basename(__file__))[0] + "-results.json"
        ctx = Context(args.device)
        try:
            run(config, args.random or default_random(config), ctx, data_dir, out, not args.no_autoattack)
        finally:
            ctx.close()
    except (ConfigError, DataError) as error:
        raise SystemExit(str(error))


if __name__ == "__main__":
    main()
