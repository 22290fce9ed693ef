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
  torchrun --nnodes=M --nproc_per_node=N --rdzv-backend=c10d --rdzv-endpoint=HOST:29500 --rdzv-id=JOB SCRIPT
                                            M machines of N GPUs each: run the same line on every machine,
                                            HOST being one of them (PyTorch before 2.0 spells the flags
                                            --rdzv_backend, --rdzv_endpoint, --rdzv_id)
  Flags override settings: --epochs --teacher-epochs --batch-size --seed --learning-rate
  --eval-subset --eval-pgd-steps; and --config --data-dir --out --device --random --no-autoattack
  (-h lists them). (Debian's torchrun of PyTorch 1.13 on Python 3.11 fails on its own default
  --redirects 0: add --redirects 1 --tee 1.)

Paper scale (export presets such as `export-torch --preset paper-cifar10`) adds a "scale" block to the
  settings: the model is the TRADES / LTD reference code's WideResNet (--depth, --widen override it),
  the learning rate drops x0.1 at the listed epochs (--lr-drops), training forward passes run in mixed
  precision on GPUs (--amp; evaluation always in float32), and AutoAttack runs on a stated subset of
  the test split (--aa-subset). --time-steps N times N training steps of each phase on random inputs and
  prints what an epoch and the whole run take on this machine, before a cluster is booked.

Runs that survive a cluster: after every epoch the first process writes DIR/checkpoint.pt (model,
  optimiser, gradient scaler, learning rate, every process's random generator states, the epoch and the
  figures so far), and at the end of
  each phase DIR/teacher.pt and DIR/student.pt (the weights alone); DIR is --checkpoint-dir, default the
  results file's name with -checkpoints. --resume continues from DIR/checkpoint.pt: on the same number of
  processes the resumed run takes the same steps as one never stopped.

Results: SCRIPT-results.json (--out), in the page's metrics JSON shape,
  {"exported", "runs": [{config, per-epoch natural and PGD accuracy, the PGD settings, ...}]},
  plus "pytorch": torch version, device, processes, random streams, wall time, the training attack,
  AutoAttack's result with every attack's settings, and a RobustBench-style model card
  (src/shared/torch-results.ts declares it). The page's run history imports it.

AutoAttack: the standard version (APGD-CE, APGD-T, FAB-T, Square) built from the torchattacks package's
  attacks when it is installed, with AutoAttack's standard budget; without it, this file's own APGD-CE,
  APGD-T and Square with the page's AA-lite standard budget (no FAB-T). The results name which ran.

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
  - the threat model (the settings' "norm", L-inf where there is none): under "l2" epsilon is an L2
    radius; the PGD steps along grad / ||grad||_2 and projects exactly onto the L2 ball and [0, 1], and
    AutoAttack runs its L2 versions (APGD-L2, Square-L2; torchattacks with norm='L2')
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
    are per process within an epoch, the first process's shared by all at its end
  - paper scale: the WideResNet has no engine twin (the page cannot train it), so it runs with
    --random torch only

Needs PyTorch (1.13 or newer); torchattacks is optional.
"""
import argparse
import collections
import contextlib
import datetime
import decimal
import gzip
import json
import math
import os
import platform
import re
import signal
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

# The paper-scale block an export preset adds to the settings (src/shared/torch-scale.ts declares it):
# which preset, the WideResNet, the epochs from which the learning rate is x0.1 once more, AutoAttack's
# subset of the test split, and whether GPUs train in mixed precision.
# The threat models: epsilon is the radius in this norm. A config without "norm" is L-inf (older pages wrote none).
NORMS = ("linf", "l2")
NORM_NAMES = {"linf": "Linf", "l2": "L2"}  # as AutoAttack, torchattacks and RobustBench spell them

SCALE_KEYS = ("preset", "architecture", "lrDropEpochs", "autoAttackSubset", "mixedPrecision")

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
        # A results file keeps the paper-scale block apart from the run's (page) settings: put it back.
        scale = value.get("pytorch", {}).get("scale") if isinstance(value.get("pytorch"), dict) else None
        value = value["runs"][0].get("config") if isinstance(value["runs"][0], dict) else None
        if scale and isinstance(value, dict):
            value = dict(value, scale=scale)
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
    config = dict(value)
    if config.get("norm", "linf") not in NORMS:
        raise ConfigError(where, "norm %r is not a threat model (one of %s)" % (config.get("norm"), ", ".join(NORMS)))
    if config.get("scale") is not None:
        if config["dataset"] not in IMAGE_DATASETS:
            raise ConfigError(where, "scale: a WideResNet needs image data, not %s" % config["dataset"])
        config["scale"] = checked_scale(config["scale"], where)
    return config


def whole(value, low):
    """Whether value is a whole number (not a bool) of at least low."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= low


def check_wide_resnet(depth, widen, where):
    """A ConfigError unless depth = 6n + 4 (n >= 1 blocks per stage) and widen >= 1, as TRADES' WideResNet asserts."""
    if not whole(depth, 10) or (depth - 4) % 6:
        raise ConfigError(where, "depth %r is not 6n + 4 with n >= 1 blocks per stage (10, 16, 22, 28, 34, ...)" % (depth,))
    if not whole(widen, 1):
        raise ConfigError(where, "widen %r is not a whole number >= 1" % (widen,))


def checked_scale(value, where):
    """The paper-scale block when every key holds what it should, else a ConfigError naming the key."""
    if not isinstance(value, dict):
        raise ConfigError(where, "scale: not an object (expected %s)" % ", ".join(SCALE_KEYS))
    missing = [key for key in SCALE_KEYS if key not in value]
    if missing:
        raise ConfigError(where, "scale: missing %s" % ", ".join(missing))
    architecture = value["architecture"]
    if not isinstance(architecture, dict) or architecture.get("name") != "WideResNet":
        raise ConfigError(where, "scale.architecture: %r is not {name: WideResNet, depth, widen}" % (architecture,))
    check_wide_resnet(architecture.get("depth"), architecture.get("widen"), where + ": scale.architecture")
    drops = value["lrDropEpochs"]
    if not isinstance(drops, list) or not all(whole(d, 1) for d in drops) or drops != sorted(set(drops)):
        raise ConfigError(where, "scale.lrDropEpochs: %r is not a rising list of epochs (1-based)" % (drops,))
    if not whole(value["autoAttackSubset"], 1):
        raise ConfigError(where, "scale.autoAttackSubset: %r is not a whole number of test points >= 1" % (value["autoAttackSubset"],))
    if value["mixedPrecision"] not in ("gpu", "off"):
        raise ConfigError(where, "scale.mixedPrecision: %r is not gpu or off" % (value["mixedPrecision"],))
    return dict(value, architecture=dict(architecture), lrDropEpochs=list(drops))


def js_number(value):
    """A number as JavaScript's String(value) writes it (5, not 5.0; 0.00005, not 5e-05)."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    if 1e-6 <= abs(value) < 1e21:
        return format(decimal.Decimal(repr(value)), "f")
    mantissa, exponent = repr(value).split("e")
    return "%se%s%d" % (mantissa, "-" if int(exponent) < 0 else "+", abs(int(exponent)))


def norm_of(config):
    """The settings' threat model, "linf" or "l2" (missing: "linf")."""
    return config.get("norm", "linf")


def norm_field(norm):
    """{"norm": "l2"} under L2, else nothing: figures' settings name the norm only where it is not L-inf, as the
    engine's AttackSettings do, so L-inf results read as they always have."""
    return {"norm": norm} if norm != "linf" else {}


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
    if config.get("scale"):
        return " ".join(parts) + " (PyTorch, %s)" % architecture_name(config)
    return " ".join(parts) + " (PyTorch)"


# The page's model names (src/shared/catalog.ts MODEL_LABELS), for the model card of a run at the page's scale.
MODEL_LABELS = {"mlp": "MLP", "cnn": "Small CNN", "resnet": "ResNet (batch norm)"}


def architecture_name(config):
    """The model as RobustBench's model cards name it ("WideResNet-34-10"), or the page's name for its own models."""
    scale = config.get("scale")
    if scale:
        return "WideResNet-%d-%d" % (scale["architecture"]["depth"], scale["architecture"]["widen"])
    return MODEL_LABELS[config["model"]]


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

    def radii(self, like):
        """One U(0, 1) per example (the L2 start's radius): tf.randomUniform([n], 0, 1) seeded seed + 1,
        as src/engine/attacks/threat.ts uniformStart draws it."""
        return tf_uniform(self.batch_size, 0.0, 1.0, self.seed + 1)[self.rows].to(like.device)


class TorchNoise:
    """PyTorch's generator, seeded per process from the run's seed."""

    def __init__(self, generator):
        self.generator = generator

    def uniform(self, like, low, high):
        return low + (high - low) * torch.rand(like.shape, generator=self.generator, device=like.device)

    def normal(self, like):
        return torch.randn(like.shape, generator=self.generator, device=like.device)

    def radii(self, like):
        return torch.rand(like.shape[:1], generator=self.generator, device=like.device)


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


# ==============================================================================================
# Paper scale: WideResNet as the TRADES reference code defines it (yaodongyu/TRADES models/wideresnet.py),
# which LTD's released CIFAR-10 models load into (RobustBench: Chen2021LTD_WRN34_10 is
# WideResNet(depth=34, widen_factor=10, sub_block1=False)). PyTorch's own batch norm and initialisers,
# not the engine's: the page cannot train this model, so there is nothing to match there.
# ==============================================================================================
class WideBlock(nn.Module):
    """TRADES' BasicBlock: pre-activation BN-ReLU-conv3x3-BN-ReLU-conv3x3 plus the shortcut -- the input
    itself, or, where the width changes, a 1x1 convolution of the pre-activated input. The attribute
    names are TRADES' (bn1, conv1, bn2, conv2, convShortcut), so state dicts load either way."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=1, padding=1, bias=False)
        self.convShortcut = None if cin == cout else nn.Conv2d(cin, cout, 1, stride=stride, padding=0, bias=False)

    def forward(self, x):
        activated = F.relu(self.bn1(x))
        out = self.conv2(F.relu(self.bn2(self.conv1(activated))))
        return out + (x if self.convShortcut is None else self.convShortcut(activated))


class NetworkBlock(nn.Module):
    """One stage: n blocks, the first changing the width (and the stride)."""

    def __init__(self, blocks, cin, cout, stride):
        super().__init__()
        self.layer = nn.Sequential(*[WideBlock(cin if i == 0 else cout, cout, stride if i == 0 else 1) for i in range(blocks)])

    def forward(self, x):
        return self.layer(x)


class WideResNet(nn.Module):
    """WRN-depth-widen (Zagoruyko & Komodakis 2016) as TRADES defines it: a 3x3 stem of 16 channels, three
    stages of n = (depth - 4) / 6 blocks of 16w, 32w, 64w channels (stride 2 into the second and third),
    BN-ReLU, global average pooling, the logits. WRN-34-10 has 46 160 474 parameters. TRADES' optional
    unused `sub_block1` is left out, as in LTD's CIFAR-10 models (DDP refuses parameters no step uses)."""

    def __init__(self, in_channels, depth, widen, classes):
        super().__init__()
        check_wide_resnet(depth, widen, "WideResNet")
        n = (depth - 4) // 6
        widths = [16, 16 * widen, 32 * widen, 64 * widen]
        self.conv1 = nn.Conv2d(in_channels, widths[0], 3, stride=1, padding=1, bias=False)
        self.block1 = NetworkBlock(n, widths[0], widths[1], 1)
        self.block2 = NetworkBlock(n, widths[1], widths[2], 2)
        self.block3 = NetworkBlock(n, widths[2], widths[3], 2)
        self.bn1 = nn.BatchNorm2d(widths[3])
        self.fc = nn.Linear(widths[3], classes)
        # TRADES' initialisation: He normal over fan-out for convolutions, BN at (1, 0), a zero bias on
        # the logits (their weights keep PyTorch's default).
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.normal_(m.weight, 0.0, math.sqrt(2.0 / (m.kernel_size[0] * m.kernel_size[1] * m.out_channels)))
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        nn.init.zeros_(self.fc.bias)

    def forward(self, x):
        out = self.block3(self.block2(self.block1(self.conv1(x))))
        out = F.relu(self.bn1(out))
        # TRADES pools with avg_pool2d(out, 8): on CIFAR's 32x32 inputs that is the whole 8x8 map.
        return self.fc(F.adaptive_avg_pool2d(out, 1).flatten(1))


def build_model(config, input_shape, classes):
    """The configured model family for inputs of input_shape (torch's layout, CHW for images); the
    WideResNet of the paper-scale block when the settings have one."""
    scale = config.get("scale")
    if scale:
        architecture = scale["architecture"]
        return WideResNet(input_shape[0], architecture["depth"], architecture["widen"], classes)
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
# loss_scale: a positive factor on the loss whose input gradient's sign the steps take (Precision says why).
# norm: the threat model, "linf" (signed-gradient steps) or "l2" (normalised-gradient steps).
TrainAttack = collections.namedtuple("TrainAttack", "epsilon steps alpha classes noise loss_scale norm", defaults=(1.0, "linf"))


def default_step_size(epsilon, steps):
    """alpha = 2.5 epsilon / K (Madry et al.)."""
    return 2.5 * epsilon / steps


def train_attack(config, classes, noise=None):
    """The training PGD of the settings: K steps of size trainPgdStepSize (0: 2.5 epsilon / K)."""
    steps = config["trainPgdSteps"]
    alpha = config["trainPgdStepSize"] or default_step_size(config["epsilon"], steps)
    return TrainAttack(config["epsilon"], steps, alpha, classes, noise, norm=norm_of(config))


# ----------------------------------------------------------------------------------------------
# The threat model (src/engine/attacks/threat.ts): the projection onto the epsilon-ball of the norm
# intersected with [0, 1]^d, and the steepest-ascent direction of unit norm.
# ----------------------------------------------------------------------------------------------
def project_linf(x, x0, epsilon):
    """Onto the epsilon-ball around x0, intersected with the input box [0, 1]."""
    return torch.min(torch.max(x, x0 - epsilon), x0 + epsilon).clamp(0, 1)


def per_example(values, like):
    """[n] values shaped to broadcast over a batch [n, ...]."""
    return values.reshape((like.shape[0],) + (1,) * (like.dim() - 1))


def l2_norms(t):
    """||t_i||_2 of each example of a batch [n, ...]."""
    return t.reshape(t.shape[0], -1).norm(dim=1)


def normalize_l2(t):
    """t_i / (||t_i||_2 + 1e-12) per example (AutoAttack's normalize for L2)."""
    return t / (per_example(l2_norms(t), t) + 1e-12)


def project_l2(x, x0, epsilon):
    """The exact Euclidean projection of x onto {||delta||_2 <= epsilon around x0} intersected with [0, 1]^d.

    With v = x - x0 and the box lo = -x0 <= delta <= hi = 1 - x0 (lo <= 0 <= hi), a multiplier mu >= 0 for
    the ball makes ||delta - v||^2 + mu (||delta||^2 - epsilon^2) separable over coordinates; each 1-D
    quadratic on [lo_i, hi_i] is minimised by clipping v_i / (1 + mu). So delta(t) = clip(t v, lo, hi) with
    t = 1 / (1 + mu) in (0, 1]: t = 1 where ||clip(v)|| <= epsilon (the ball is inactive), else the t with
    ||delta(t)|| = epsilon (complementary slackness). ||delta(t)||^2 is piecewise quadratic in t, with a
    break where coordinate i reaches its bound, at t_i = b_i / |v_i| (b_i = hi_i for v_i > 0, -lo_i for
    v_i < 0): below t_i it contributes t^2 v_i^2, above b_i^2. Sorting the breaks finds the piece where
    the norm crosses epsilon, and t solves that piece's quadratic in closed form (no bisection)."""
    v64, x064 = (x - x0).double(), x0.double()
    n = v64.shape[0]
    v, a = v64.reshape(n, -1), x064.reshape(n, -1)
    bound = torch.where(v > 0, 1 - a, a)  # how far each coordinate may move in its direction
    with torch.no_grad():
        breaks = torch.where(v != 0, bound / v.abs().clamp_min(1e-300), torch.full_like(v, math.inf))
        order = breaks.argsort(dim=1)
        t_sorted, v2, b2 = breaks.gather(1, order), v.gather(1, order) ** 2, bound.gather(1, order) ** 2
        clipped_sum = b2.cumsum(dim=1) - b2  # sum of b^2 over the coordinates before each break (clipped there)
        free_sum = v2.flip(1).cumsum(dim=1).flip(1)  # sum of v^2 over the coordinates from each break on (still free)
        eps2 = epsilon * epsilon
        # ||delta(t_k)||^2 with coordinates k.. free: crossing happens on the first piece whose end exceeds eps^2.
        at_break = clipped_sum + torch.where(torch.isinf(t_sorted), torch.zeros_like(free_sum), t_sorted.clamp_max(1e300) ** 2 * free_sum)
        inside = (v.clamp(-a, 1 - a) ** 2).sum(dim=1) <= eps2
        k = (at_break < eps2).sum(dim=1).clamp_max(v.shape[1] - 1)  # the first break at or beyond the crossing
        c_k, r_k = clipped_sum.gather(1, k[:, None])[:, 0], free_sum.gather(1, k[:, None])[:, 0]
        t = torch.sqrt(((eps2 - c_k) / r_k.clamp_min(1e-300)).clamp_min(0))
        t = torch.where(inside, torch.ones_like(t), t.clamp_max(1.0))
    delta = torch.min(torch.max(t[:, None] * v, -a), 1 - a)
    return (x064 + delta.reshape(v64.shape)).clamp(0, 1).to(x.dtype)


def project_l2_scale_clip(x, x0, epsilon):
    """AutoAttack's L2 projection (APGD-L2, Square-L2): x0 + delta min(epsilon, ||delta||) / ||delta||, clipped to
    [0, 1]. Inside the ball (clipping towards x0's box only shortens delta), not the nearest point once the clip bites."""
    delta = x - x0
    return (x0 + normalize_l2(delta) * torch.clamp(per_example(l2_norms(delta), delta), max=epsilon)).clamp(0, 1)


def project(norm, x, x0, epsilon):
    """Onto the epsilon-ball of the norm around x0 intersected with [0, 1] (exact for both norms)."""
    return project_l2(x, x0, epsilon) if norm == "l2" else project_linf(x, x0, epsilon)


def ascent_direction(norm, grad):
    """The steepest-ascent direction of unit norm: sign(grad) for L-inf, grad / ||grad||_2 per example for L2."""
    return normalize_l2(grad) if norm == "l2" else grad.sign()


def uniform_ball(x, epsilon, norm, noise):
    """A uniform random perturbation of the epsilon-ball: U(-eps, eps) per coordinate for L-inf (Madry);
    for L2 a uniform direction (a normalised Gaussian) at radius eps u^(1/d), u ~ U(0, 1)."""
    if norm != "l2":
        return noise.uniform(x, -epsilon, epsilon)
    d = x[0].numel()
    return normalize_l2(noise.normal(x)) * per_example(noise.radii(x) ** (1.0 / d) * epsilon, x)


def random_start(x, epsilon, start, noise, norm="linf"):
    if start == "uniform":
        delta = uniform_ball(x, epsilon, norm, noise)
    else:  # "normal-small": TRADES' x + 0.001 N(0, 1)
        delta = noise.normal(x) * 0.001
    return project(norm, x + delta, x, epsilon)


def pgd_perturb(loss_fn, x, attack, start):
    """K steepest-ascent steps of size alpha on loss_fn (a scalar function of the inputs) -- signed
    gradients under L-inf, normalised gradients under L2 -- projected after each; returns the last
    iterate (training PGD)."""
    x_adv = random_start(x, attack.epsilon, start, attack.noise, attack.norm)
    for _ in range(attack.steps):
        x_adv.requires_grad_(True)
        (grad,) = torch.autograd.grad(attack.loss_scale * loss_fn(x_adv), x_adv)
        x_adv = project(attack.norm, x_adv.detach() + attack.alpha * ascent_direction(attack.norm, grad), x, attack.epsilon)
    return x_adv.detach()


def pgd_robust(model, x, y, epsilon, steps, alpha, start_noise, norm="linf"):
    """Evaluation PGD-K, one restart, on the cross-entropy of the true labels: True where the example
    is classified correctly clean and at every iterate (an example counts as broken at the first
    misclassified iterate, the random start included, as the engine keeps it)."""
    with torch.no_grad():
        fooled = model(x).argmax(dim=1) != y
    x_adv = project(norm, x + start_noise, x, epsilon)
    for _ in range(steps):
        x_adv.requires_grad_(True)
        logits = model(x_adv)
        (grad,) = torch.autograd.grad(F.cross_entropy(logits, y, reduction="sum"), x_adv)
        fooled |= logits.detach().argmax(dim=1) != y
        x_adv = project(norm, x_adv.detach() + alpha * ascent_direction(norm, grad), x, epsilon)
    with torch.no_grad():
        fooled |= model(x_adv).argmax(dim=1) != y
    return ~fooled


def fgm_robust(model, x, y, epsilon, norm="linf"):
    """FGSM (L-inf: x + eps sign(grad)) or FGM (L2: x + eps grad / ||grad||_2), one step on the cross-entropy
    of the true labels, no random start, then projected (src/engine/attacks/fgsm.ts). True where the
    example is correct clean and after the step. Returns (robust, x_adv)."""
    x_in = x.detach().requires_grad_(True)
    logits = model(x_in)
    (grad,) = torch.autograd.grad(F.cross_entropy(logits, y, reduction="sum"), x_in)
    x_adv = project(norm, x + epsilon * ascent_direction(norm, grad), x, epsilon)
    with torch.no_grad():
        return (logits.detach().argmax(dim=1) == y) & (model(x_adv).argmax(dim=1) == y), x_adv


class FlatInputs(nn.Module):
    """A 2-D data set's model seen as an image model: [n, 1, 1, d] in, the model's logits out."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x.reshape(x.shape[0], -1))


# ==============================================================================================
# AutoAttack (Croce & Hein 2020): its standard version built from the torchattacks package's attacks
# when it is installed, else this file's APGD-CE, APGD-T and Square at the page's AA-lite standard
# budget. Either way each attack runs only on the points the earlier ones left standing (robust
# accuracy is the per-point worst case) and is reported with its settings, as AutoAttack's log does.
# ==============================================================================================
# AutoAttack's standard budget, which the page's AA-lite "standard" copies (src/shared/attack-plan.ts
# AA_LITE_BUDGETS); python/test_attacks.py holds these to the engine's.
AA_STEPS = 100
AA_RESTARTS = 1
AA_TARGETS = 9
AA_QUERIES = 5000
SQUARE_P_INIT = 0.8
APGD_RHO = 0.75
# Square's p_init halvings: above these shares (of 10 000) of the budget, p_init is divided by this much.
SQUARE_HALVINGS = ((8000, 512), (6000, 256), (4000, 128), (2000, 64), (1000, 32), (500, 16), (200, 8), (50, 4), (10, 2))


def apgd_checkpoints(steps):
    """The iterations (1-based) after which APGD may halve its step (autopgd_base.py's integer windows;
    src/engine/attacks/apgd-schedule.ts): a first window of max(floor(0.22 N), 1), each next one
    max(floor(0.03 N), 1) shorter, never below max(floor(0.06 N), 1). N = 100: 22, 41, 57, 70, 80, 87, 93, 99."""
    first, least, decrease = max(int(0.22 * steps), 1), max(int(0.06 * steps), 1), max(int(0.03 * steps), 1)
    checkpoints, window, at = [], first, first
    while at <= steps:
        checkpoints.append(at)
        window = max(window - decrease, least)
        at += window
    return checkpoints


def p_selection(it, budget, p_init):
    """Square's share of pixels a window covers at iteration it (square.py's p_selection, schedule rescaled to the budget)."""
    i = int(it / budget * 10000)
    for above, divisor in SQUARE_HALVINGS:
        if i > above:
            return p_init / divisor
    return p_init


def square_side(p, h, w):
    """round(sqrt(p h w)) (halves up, as JavaScript's Math.round), at least 1 and at most the shorter side."""
    return min(max(math.floor(math.sqrt(p * h * w) + 0.5), 1), min(h, w))


def picked(logits, index):
    return logits.gather(1, index[:, None])[:, 0]


def best_other(logits, y):
    """max over j != y of z_j."""
    return logits.masked_fill(F.one_hot(y, logits.shape[1]).bool(), float("-inf")).max(dim=1).values


def attack_loss(loss, logits, y, target=None):
    """The per-example loss an APGD run ascends (src/engine/attacks/attack-losses.ts): CE; the CW margin
    max_{j != y} z_j - z_y; targeted DLR -(z_y - z_t) / (z_pi1 - (z_pi3 + z_pi4) / 2 + 1e-12)."""
    if loss == "ce":
        return F.cross_entropy(logits, y, reduction="none")
    if loss == "margin":
        return best_other(logits, y) - picked(logits, y)
    top = logits.sort(dim=1, descending=True).values
    return -(picked(logits, y) - picked(logits, target)) / (top[:, 0] - 0.5 * (top[:, 2] + top[:, 3]) + 1e-12)


def apgd_run(model, x, y, epsilon, steps, loss, target, generator, norm="linf"):
    """One APGD run under L-inf or L2 from a random start (autopgd_base.py attack_single_run, as
    src/engine/attacks/apgd.ts runs it): step 2 epsilon, momentum 0.75 after the first step, the step
    halved and the iterate sent back to the best one at each checkpoint where at most rho of the window's
    steps raised the loss (or the best loss stalled since a checkpoint that did not halve). True where
    some iterate was misclassified. Under L2 as autopgd_base.py with norm='L2': the start
    x + eps t / ||t||_2 with t ~ N(0, I), steps along grad / ||grad||_2, and its own scale-and-clip
    projection (project_l2_scale_clip) after the step and after the momentum."""
    n = x.shape[0]
    view = (n,) + (1,) * (x.dim() - 1)
    lo, hi = (x - epsilon).clamp(0, 1), (x + epsilon).clamp(0, 1)

    def project(v):
        return project_l2_scale_clip(v, x, epsilon) if norm == "l2" else torch.min(torch.max(v, lo), hi)

    def evaluate(inputs):
        inputs = inputs.detach().requires_grad_(True)
        logits = model(inputs)
        values = attack_loss(loss, logits, y, target)
        (grad,) = torch.autograd.grad(values.sum(), inputs)
        return logits.detach().argmax(dim=1) != y, values.detach(), grad.detach()

    if norm == "l2":
        x_adv = (x + epsilon * normalize_l2(torch.randn(x.shape, generator=generator, device=x.device))).clamp(0, 1)
    else:
        t = torch.rand(x.shape, generator=generator, device=x.device) * 2 - 1
        x_adv = (x + epsilon * t / (t.reshape(n, -1).abs().max(dim=1).values.reshape(view) + 1e-12)).clamp(0, 1)
    fooled, loss_now, grad = evaluate(x_adv)
    x_old, eta = x_adv, torch.full(view, 2 * epsilon, device=x.device)
    x_best, grad_best, loss_best = x_adv, grad, loss_now
    loss_prev, rises = loss_now, torch.zeros(n, device=x.device)
    loss_best_last, reduced_last = loss_best, torch.ones(n, dtype=torch.bool, device=x.device)
    checkpoints = apgd_checkpoints(steps)
    for i in range(steps):
        a = 1.0 if i == 0 else 0.75
        z = project(x_adv + eta * ascent_direction(norm, grad))
        x_new = project(x_adv + a * (z - x_adv) + (1 - a) * (x_adv - x_old))
        wrong, loss_now, grad = evaluate(x_new)
        fooled = fooled | wrong
        improved = loss_now > loss_best
        x_best = torch.where(improved.reshape(view), x_new, x_best)
        grad_best = torch.where(improved.reshape(view), grad, grad_best)
        loss_best = torch.where(improved, loss_now, loss_best)
        rises = rises + (loss_now > loss_prev).float()
        loss_prev, x_old, x_adv = loss_now, x_adv, x_new
        if i + 1 in checkpoints:
            k = checkpoints.index(i + 1)
            window = checkpoints[k] - (checkpoints[k - 1] if k else 0)
            reduce = (rises <= window * APGD_RHO) | (~reduced_last & (loss_best_last >= loss_best))
            eta = torch.where(reduce.reshape(view), eta / 2, eta)
            x_adv = torch.where(reduce.reshape(view), x_best, x_adv)
            grad = torch.where(reduce.reshape(view), grad_best, grad)
            rises, loss_best_last, reduced_last = torch.zeros_like(rises), loss_best, reduce
    return fooled


def random_signs(shape, generator, device):
    return torch.randint(0, 2, shape, generator=generator, device=device).float() * 2 - 1


def square_run(model, x, y, epsilon, queries, generator, p_init=SQUARE_P_INIT):
    """The Square attack under L-inf (Andriushchenko et al. 2020; AutoAttack's square.py, as
    src/engine/attacks/square.ts runs it): score-based, forward passes only. From x + epsilon times
    vertical stripes of random sign, each query moves one random window (side from the p_init
    schedule; every example its own window and signs) to a corner of the epsilon-box and keeps the move
    where it lowers the margin z_y - max_{j != y} z_j. True where the point was broken; and the queries
    each point used, the stripe start included."""
    n = x.shape[0]
    images = x if x.dim() == 4 else x.reshape(n, 1, 1, -1)  # a 2-D point is a 1 x d image
    c, h, w = images.shape[1:]
    rows = torch.arange(h, device=x.device).reshape(1, 1, h, 1)
    cols = torch.arange(w, device=x.device).reshape(1, 1, 1, w)

    def score(candidates, labels):
        with torch.no_grad():
            logits = model(candidates.reshape((candidates.shape[0],) + tuple(x.shape[1:])))
        return picked(logits, labels) - best_other(logits, labels), logits.argmax(dim=1) == labels

    best = project_linf(images + epsilon * random_signs((n, c, 1, w), generator, x.device), images, epsilon)
    margin, correct = score(best, y)
    used = torch.ones(n, device=x.device)
    for it in range(queries - 1):
        live = correct.nonzero()[:, 0]
        if live.numel() == 0:
            break
        m, side = live.numel(), square_side(p_selection(it, queries, p_init), h, w)
        top = torch.randint(0, h - side + 1, (m, 1, 1, 1), generator=generator, device=x.device)
        left = torch.randint(0, w - side + 1, (m, 1, 1, 1), generator=generator, device=x.device)
        window = ((rows >= top) & (rows < top + side) & (cols >= left) & (cols < left + side)).float()
        step = window * random_signs((m, c, 1, 1), generator, x.device) * 2 * epsilon
        candidate = project_linf(best[live] + step, images[live], epsilon)
        candidate_margin, candidate_correct = score(candidate, y[live])
        take = candidate_margin < margin[live]
        best[live[take]] = candidate[take]
        margin[live[take]] = candidate_margin[take]
        correct[live[take]] = candidate_correct[take]
        used[live] += 1
    return ~correct, used


def eta_rectangles(height, width):
    """square.py's eta_rectangles for L2: nested rectangles around the centre weighted 1 / (k + 1)^2, unit L2 norm."""
    delta = torch.zeros(height, width, dtype=torch.float64)
    if height == 0 or width == 0:
        return delta
    top, left = height // 2, width // 2
    for k in range(max(height // 2 + 1, width // 2 + 1)):
        delta[max(top, 0):min(top + 2 * k + 1, height), max(left, 0):min(left + 2 * k + 1, width)] += 1.0 / (k + 1) ** 2
        top, left = top - 1, left - 1
    return delta / delta.norm()


def square_eta(s, transpose=False):
    """square.py's eta(s) for L2, the "meta pseudo-Gaussian" window: the upper half eta_rectangles, the lower
    half their negation, unit L2 norm; transposed when asked (square.py flips a coin for it)."""
    delta = torch.cat([eta_rectangles(s // 2, s), -eta_rectangles(s - s // 2, s)])
    delta = (delta / delta.norm()).float()
    return delta.t() if transpose else delta


def square_side_l2(p, h, w):
    """square.py's L2 side: round(sqrt(p h w)) (halves up, as the engine), at least 3, odd, at most the shorter side."""
    s = max(math.floor(math.sqrt(p * h * w) + 0.5), 3)
    return min(s + 1 if s % 2 == 0 else s, min(h, w))


def square_l2_run(model, x, y, epsilon, queries, generator, p_init=SQUARE_P_INIT):
    """The Square attack under L2 (Andriushchenko et al. 2020; AutoAttack's square.py with norm='L2', as
    src/engine/attacks/square-l2.ts runs it): score-based, forward passes only. Start: a grid of tiles of
    side h // 5, each eta(side) with a random sign per (example, channel), scaled to ||delta||_2 = eps and
    clipped to [0, 1] (inputs under 5 rows -- a 2-D point seen as a 1 x d image -- start at a random vertex
    of signs, scaled to eps). Each query picks a side from the p_init schedule and two windows W1, W2 (their
    corners and eta's orientation shared by the batch, as square.py draws them; the signs per example):
    per channel W1 becomes eta(side) (+-1) plus W1's old perturbation normalised, rescaled to
    sqrt(max(eps^2 - ||delta||^2, 0) / c + ||delta on W1 u W2||^2), so the mass W2 gives up moves to W1;
    W2 is zeroed and x + eps delta / ||delta|| clipped to [0, 1] is kept where it lowers the margin.
    True where the point was broken; and the queries each point used, the start included."""
    n = x.shape[0]
    images = x if x.dim() == 4 else x.reshape(n, 1, 1, -1)
    c, h, w = images.shape[1:]

    def score(candidates, labels):
        with torch.no_grad():
            logits = model(candidates.reshape((candidates.shape[0],) + tuple(x.shape[1:])))
        return picked(logits, labels) - best_other(logits, labels), logits.argmax(dim=1) == labels

    def channel_norms(t):
        return t.pow(2).sum(dim=(2, 3), keepdim=True).sqrt()

    tile = h // 5
    if tile == 0:
        delta = random_signs((n, c, h, w), generator, x.device)
    else:
        delta, eta, start = torch.zeros_like(images), square_eta(tile).to(x.device), (h - 5 * tile) // 2
        for i in range(h // tile):
            for j in range(w // tile):
                top, left = start + i * tile, start + j * tile
                window = delta[:, :, top:top + tile, left:left + tile]
                window += (eta * random_signs((n, c, 1, 1), generator, x.device))[:, :, :window.shape[2], :window.shape[3]]
    best = (images + normalize_l2(delta) * epsilon).clamp(0, 1)
    margin, correct = score(best, y)
    used = torch.ones(n, device=x.device)
    for it in range(queries - 1):
        live = correct.nonzero()[:, 0]
        if live.numel() == 0:
            break
        m, side = live.numel(), square_side_l2(p_selection(it, queries, p_init), h, w)
        top, top2 = torch.randint(0, h - side + 1, (2,), generator=generator, device=x.device).tolist()
        left, left2 = torch.randint(0, w - side + 1, (2,), generator=generator, device=x.device).tolist()
        transpose = bool(torch.rand(1, generator=generator, device=x.device).item() > 0.5)
        x_live, delta = images[live], best[live] - images[live]
        window1 = delta[:, :, top:top + side, left:left + side]
        norm_image = per_example(l2_norms(delta), delta)
        mask = torch.zeros((1, 1, h, w), device=x.device)
        mask[:, :, top:top + side, left:left + side] = 1
        mask[:, :, top2:top2 + side, left2:left2 + side] = 1
        norm_windows = channel_norms(delta * mask)
        fresh = square_eta(side, transpose).to(x.device) * random_signs((m, c, 1, 1), generator, x.device) + window1 / (1e-12 + channel_norms(window1))
        room = ((epsilon ** 2 - norm_image ** 2).clamp_min(0) / c + norm_windows ** 2).sqrt()
        fresh = fresh / (1e-12 + channel_norms(fresh)) * room
        delta = delta.clone()
        delta[:, :, top2:top2 + side, left2:left2 + side] = 0
        delta[:, :, top:top + side, left:left + side] = fresh
        candidate = (x_live + normalize_l2(delta) * epsilon).clamp(0, 1)
        candidate_margin, candidate_correct = score(candidate, y[live])
        take = candidate_margin < margin[live]
        best[live[take]] = candidate[take]
        margin[live[take]] = candidate_margin[take]
        correct[live[take]] = candidate_correct[take]
        used[live] += 1
    return ~correct, used


def own_members(classes):
    """This file's ensemble: the page's AA-lite standard (src/shared/attack-plan.ts aaLiteMembers) --
    APGD-CE, APGD-T on min(9, C - 1) targets (the margin APGD below 4 classes, where targeted DLR has no
    z_pi4), Square; no FAB-T."""
    common = {"steps": AA_STEPS, "restarts": AA_RESTARTS}
    targeted = ({"attack": "APGD-T", "loss": "dlr-targeted", "targets": min(AA_TARGETS, classes - 1), **common} if classes >= 4
                else {"attack": "APGD", "loss": "margin", **common})
    return [{"attack": "APGD", "loss": "ce", **common}, targeted, {"attack": "Square", "queries": AA_QUERIES, "pInit": SQUARE_P_INIT, "restarts": 1}]


def own_attack(model, settings):
    """The function (x, y, generator) -> broken of one of own_members' attacks, under settings' norm."""
    epsilon, norm = settings["epsilon"], settings.get("norm", "linf")
    if settings["attack"] == "Square":
        square = square_l2_run if norm == "l2" else square_run
        return lambda x, y, g: square(model, x, y, epsilon, settings["queries"], g, settings["pInit"])[0]
    if settings["attack"] == "APGD":
        return lambda x, y, g: apgd_run(model, x, y, epsilon, settings["steps"], settings["loss"], None, g, norm)

    def targeted(x, y, g):
        # Column t of the clean logits' ranking is the (t+1)-th most likely class; column 0 is y here.
        with torch.no_grad():
            ranking = model(x).topk(settings["targets"] + 1, dim=1).indices
        broken = torch.zeros(x.shape[0], dtype=torch.bool, device=x.device)
        for t in range(1, settings["targets"] + 1):
            left = (~broken).nonzero()[:, 0]
            if left.numel() == 0:
                break
            broken[left] = apgd_run(model, x[left], y[left], epsilon, settings["steps"], "dlr-targeted", ranking[left, t], g, norm)
        return broken
    return targeted


def torchattacks_members(classes):
    """AutoAttack's standard version from torchattacks' own attacks at AutoAttack's standard budget.
    (torchattacks' AutoAttack class builds APGD and APGD-T at their 10-iteration defaults, a tenth of
    the standard version's 100; so the members are built here.) Below 4 classes: APGD-CE and Square."""
    common = {"steps": AA_STEPS, "restarts": AA_RESTARTS}
    members = [{"attack": "APGD", "loss": "ce", **common}]
    if classes >= 4:
        # torchattacks' APGDT and multi-targeted FAB attack the C - 1 other classes (AutoAttack's 9 on CIFAR-10).
        members += [{"attack": "APGD-T", "loss": "dlr-targeted", "targets": classes - 1, **common},
                    {"attack": "FAB-T", "targets": classes - 1, **common}]
    return members + [{"attack": "Square", "queries": AA_QUERIES, "pInit": SQUARE_P_INIT, "restarts": 1}]


def torchattacks_attack(torchattacks, model, settings, classes, seed):
    """The function (x, y, generator) -> broken of one of torchattacks_members' attacks, under settings' norm."""
    epsilon, steps, norm = settings["epsilon"], settings.get("steps"), settings.get("norm", "linf")
    name = NORM_NAMES[norm]  # torchattacks' own spelling, "Linf" or "L2"
    if settings["attack"] == "APGD":
        attack = torchattacks.APGD(model, norm=name, eps=epsilon, steps=steps, n_restarts=1, seed=seed, loss="ce")
    elif settings["attack"] == "APGD-T":
        attack = torchattacks.APGDT(model, norm=name, eps=epsilon, steps=steps, n_restarts=1, seed=seed, n_classes=classes)
    elif settings["attack"] == "FAB-T":
        attack = torchattacks.FAB(model, norm=name, eps=epsilon, steps=steps, n_restarts=1, seed=seed, multi_targeted=True, n_classes=classes)
    else:
        attack = torchattacks.Square(model, norm=name, eps=epsilon, n_queries=settings["queries"], n_restarts=1, p_init=settings["pInit"], seed=seed)

    def broken(x, y, _generator):
        # Projected again before it counts: a point is broken only by an input inside the epsilon-ball and [0, 1].
        x_adv = project(norm, attack(x, y).detach(), x, epsilon)
        with torch.no_grad():
            return model(x_adv).argmax(dim=1) != y
    return broken


def ensemble_version(members):
    """What ran, in words: "APGD-CE, APGD-T (9 targets), Square (5000 queries); 100 iterations, 1 restart"."""
    names = []
    for m in members:
        if m["attack"] == "APGD":
            names.append("APGD-CE" if m["loss"] == "ce" else "APGD-margin")
        elif m["attack"] == "Square":
            names.append("Square (%d queries)" % m["queries"])
        else:
            names.append("%s (%d targets)" % (m["attack"], m["targets"]))
    return "%s; %d iterations, %d restart" % (", ".join(names), AA_STEPS, AA_RESTARTS)


def autoattack(ctx, model, x, y, classes, epsilon, seed, implementation, norm="linf"):
    """Robust accuracy (percent) of model on (x, y) -- this process's share of the subset -- under the
    ensemble, every attack on the points still standing, with each attack's settings and figures; or
    why it did not run. implementation: "auto" (torchattacks when it imports), "torchattacks", "own".
    norm: the threat model, epsilon its radius ("linf" or "l2", AutoAttack's norm='Linf' or 'L2')."""
    n = int(ctx.all_sum(x.shape[0]))
    settings = {"epsilon": epsilon, **norm_field(norm), "subset": n}
    torchattacks = None
    if implementation != "own":
        try:
            import torchattacks
        except ImportError as error:
            if implementation == "torchattacks":
                return {"status": "failed", "reason": "--autoattack torchattacks: it cannot be imported (%s)" % error, "attack": "AutoAttack", **settings}
    if torchattacks is not None:
        version_of = getattr(torchattacks, "__version__", "unknown")
        members, name = torchattacks_members(classes), "AutoAttack"
        what = "torchattacks %s, AutoAttack's standard version built from its attacks" % version_of
    else:
        version_of, members, name = None, own_members(classes), "AA-lite"
        what = "ltd_torch.py's own APGD and Square, the page's AA-lite standard budget (no FAB-T): torchattacks is not installed"
    if x.dim() == 2:
        model, x = FlatInputs(model), x.reshape(x.shape[0], 1, 1, x.shape[1])  # torchattacks takes images
    model.eval()
    try:
        standing = torch.zeros(x.shape[0], dtype=torch.bool, device=x.device)
        with torch.no_grad():
            for start in range(0, x.shape[0], EVAL_CHUNK):
                standing[start:start + EVAL_CHUNK] = model(x[start:start + EVAL_CHUNK]).argmax(dim=1) == y[start:start + EVAL_CHUNK]
        clean = ctx.all_sum(int(standing.sum()))
        stages = []
        for member in members:
            member = dict(member, epsilon=epsilon, **norm_field(norm))
            label = member["attack"] + ("-" + member["loss"] if "loss" in member else "")
            member_seed = stream_seed(seed, "autoattack", label)
            generator = torch.Generator(device=x.device).manual_seed(stream_seed(seed, "autoattack", label, "rank-%d" % ctx.rank))
            run_attack = (torchattacks_attack(torchattacks, model, member, classes, member_seed) if torchattacks is not None
                          else own_attack(model, member))
            started, attacked = time.time(), ctx.all_sum(int(standing.sum()))
            for chunk in standing.nonzero()[:, 0].split(EVAL_CHUNK):
                standing[chunk[run_attack(x[chunk], y[chunk], generator)]] = False
            left = ctx.all_sum(int(standing.sum()))
            stages.append({**member, "subset": int(attacked), "broken": int(attacked - left), "robustAccuracy": 100 * left / n,
                           "seconds": time.time() - started})
            ctx.log("  %s: %d of %d points broken, robust accuracy %.2f%% (%.0f s)" % (label, attacked - left, attacked, 100 * left / n, time.time() - started))
    except Exception as error:  # report, never lose the training results over the evaluation
        return {"status": "failed", "reason": "%s: %s" % (type(error).__name__, error), "attack": name, **settings}
    return {"status": "done", "attack": name, "implementation": what, "torchattacks": version_of, "version": ensemble_version(members),
            "cleanAccuracy": 100 * clean / n, "robustAccuracy": stages[-1]["robustAccuracy"], "attacks": stages, **settings}


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


def rate_with_drops(base, drops, epoch):
    """Paper scale: the base rate x0.1 once for every listed epoch already reached -- each is the first
    epoch at its lower rate, as the TRADES and AWP reference code write `if epoch >= 100` (the AWP
    code's TRADES-AWP recipe drops at 100 and 150 of 200 epochs)."""
    return base * PIECEWISE_FACTOR ** sum(1 for d in drops if epoch >= d)


def phase_rate(config, epoch, epochs):
    """The learning rate of epoch (1-based): the paper-scale drops when the settings have them, else the page's schedule."""
    scale = config.get("scale")
    if scale:
        return rate_with_drops(config["learningRate"], scale["lrDropEpochs"], epoch)
    return learning_rate_at(config, epoch, epochs)


# ==============================================================================================
# Precision: float32, or autocast on a GPU for the training forward passes (the training PGD's
# included). Evaluation -- the per-epoch accuracies and AutoAttack -- never autocasts.
# ==============================================================================================
class Precision:
    """How the training steps compute. dtype None is float32; float16 brings a gradient scaler (its
    range is too narrow for small gradients) and scales the training attack's loss, whose gradient
    only its sign is used of; bfloat16 has float32's range and needs neither."""

    # The training PGD's loss is multiplied by this in float16, so that small input gradients do not
    # underflow to a zero sign; the sign itself is unchanged by a positive factor.
    FLOAT16_ATTACK_SCALE = 1024.0

    def __init__(self, dtype=None):
        self.dtype = dtype
        self.scaler = grad_scaler() if dtype == torch.float16 else None
        self.attack_scale = self.FLOAT16_ATTACK_SCALE if dtype == torch.float16 else 1.0

    def autocast(self):
        if self.dtype is None:
            return contextlib.nullcontext()
        return torch.autocast("cuda", dtype=self.dtype)

    def backward(self, loss):
        (self.scaler.scale(loss) if self.scaler else loss).backward()

    def step(self, optimizer):
        if self.scaler:
            self.scaler.step(optimizer)  # skips the step when a gradient overflowed
            self.scaler.update()
        else:
            optimizer.step()

    def describe(self):
        if self.dtype is None:
            return "float32"
        return "%s autocast for training forward passes (training PGD included), float32 weights and evaluation" % str(self.dtype).replace("torch.", "")


FLOAT32 = Precision()


def grad_scaler():
    """A CUDA gradient scaler: torch.amp's where it exists (PyTorch 2.3 on), else torch.cuda.amp's."""
    if hasattr(torch, "amp") and hasattr(torch.amp, "GradScaler"):
        return torch.amp.GradScaler("cuda")
    return torch.cuda.amp.GradScaler()


def choose_precision(flag, config, device):
    """--amp: auto is mixed precision on CUDA when the paper-scale block asks for it (bfloat16 where the GPU
    has it, else float16), float32 otherwise; bf16 / fp16 force it, off refuses it; never on a CPU."""
    if flag in ("bf16", "fp16") and device.type != "cuda":
        raise ConfigError("--amp %s" % flag, "mixed precision runs on CUDA GPUs only; this run is on %s" % device)
    if flag == "bf16":
        return Precision(torch.bfloat16)
    if flag == "fp16":
        return Precision(torch.float16)
    scale = config.get("scale")
    if flag == "off" or device.type != "cuda" or not scale or scale["mixedPrecision"] != "gpu":
        return FLOAT32
    return Precision(torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16)


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


def plain_step(step_loss, model, batch, precision=FLOAT32):
    """Gradients of loss + weight decay at the current weights; returns the (weighted) data loss."""
    with precision.autocast():
        total, data_loss = step_loss(*batch)
    precision.backward(total.float())
    return data_loss.detach().float()


def awp_rule(gamma):
    """AWP (Wu et al. 2020) as src/engine/train/awp.ts: v = gamma ||w|| g / ||g|| per weight matrix or
    kernel (not biases), g the gradient of the method's own loss; the step's gradients are taken
    at w + v, then w is copied back exactly and the optimiser steps from it."""

    def awp_step(step_loss, model, batch, precision=FLOAT32):
        with precision.autocast():
            _, data_loss = step_loss(*batch)
        # The ascent direction of the (weighted) data loss, the global batch mean's; a scaler's factor
        # does not change it (v is normalised by the gradient's norm).
        precision.backward(data_loss.float())
        perturbed = [p for p in model.parameters() if p.dim() > 1]
        with torch.no_grad():
            saved = [p.detach().clone() for p in perturbed]
            for p in perturbed:
                p.add_(p.grad * (gamma * p.norm() / (p.grad.norm() + 1e-20)))
        model.zero_grad(set_to_none=True)
        try:
            return plain_step(step_loss, model, batch, precision)
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

    def all_gather(self, value):
        """[value of process 0, value of process 1, ...] on every process (any picklable value)."""
        if self.world_size == 1:
            return [value]
        values = [None] * self.world_size
        dist.all_gather_object(values, value)
        return values

    def barrier(self):
        if self.world_size > 1:
            dist.barrier()

    def share_buffers(self, model):
        """Process 0's buffers (batch norm's running statistics) on every process. Each process updates its
        own during an epoch; shared at its end, the evaluation, the checkpoint and the next epoch's first
        attack all see the one model a checkpoint holds, so a resumed run goes on exactly as before."""
        if self.world_size > 1:
            for buffer in model.buffers():
                dist.broadcast(buffer, 0)

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
def train_epoch(ctx, step_loss, model, objective, optimizer, rule, data, shares, teacher, attack, augment, precision=FLOAT32):
    """One epoch: get batch -> craft x' (the model in inference mode, as the engine's attack sees it)
    -> loss and gradients (averaged over processes by DDP) -> step. Returns the mean batch loss."""
    attack = attack._replace(loss_scale=precision.attack_scale)
    # Summed on the device and read once per epoch: a readback per batch would stall a GPU.
    loss_sum, batches = torch.zeros((), device=ctx.device), 0
    for share in shares:
        index = torch.tensor(share.indices, device=ctx.device)
        x, y = data.train_x[index], data.train_y[index]
        if augment:
            x = augment_batch(x, *augment, share.noise)
        teacher_logits = None
        if teacher is not None:
            with torch.no_grad(), precision.autocast():
                teacher_logits = teacher(x).float()
        model.eval()
        with precision.autocast():
            x_adv = objective.craft(model, x, y, attack._replace(noise=share.noise))
        model.train()
        optimizer.zero_grad(set_to_none=True)
        loss_sum += rule(step_loss, model, (x, x_adv, y, teacher_logits, share.weight), precision)
        precision.step(optimizer)
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
    (src/engine/attacks/chunked.ts). Under L2: a uniform point of the L2 ball (uniform_ball)."""
    epsilon, seed, norm = config["epsilon"], stream_seed(config["seed"], "eval"), norm_of(config)
    shape = (n,) + tuple(x.shape[1:])
    if random != "engine":
        generator = torch.Generator().manual_seed(seed)
        return uniform_ball(torch.zeros(shape), epsilon, norm, TorchNoise(generator))
    chunks = []
    for i, start in enumerate(range(0, n, EVAL_CHUNK)):
        size = min(EVAL_CHUNK, n - start)
        noise = EngineNoise(chunk_seed(seed, i), size, list(range(size)))
        chunks.append(uniform_ball(torch.zeros((size,) + shape[1:]), epsilon, norm, noise))
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
        alpha = default_step_size(epsilon, steps)
        robust += int(pgd_robust(model, xs, ys, epsilon, steps, alpha, starts[index].to(ctx.device), norm_of(config)).sum())
    return 100 * ctx.all_sum(robust) / n


def train_phase(config, random, ctx, phase, model, objective, epochs, data, teacher=None, progress=None):
    """Train model for epochs with objective, evaluating after every epoch; returns the epoch points.
    progress (a Progress, or None for a run that keeps no checkpoints): where it resumes from, the
    precision it trains in, and where each epoch's checkpoint goes."""
    precision = progress.precision if progress else FLOAT32
    optimizer = make_optimizer(config, model)
    seed = config["seed"]
    generator = torch.Generator(device=ctx.device).manual_seed(stream_seed(seed, phase + "-train", "rank-%d" % ctx.rank))
    points, first = (progress.restore(phase, model, optimizer, generator) if progress else ([], 1))
    step_loss = ctx.wrap(StepLoss(model, objective, weight_decay_for(config["method"])))
    n = data.train_y.shape[0]
    sampler = DistributedSampler(range(n), num_replicas=ctx.world_size, rank=ctx.rank, shuffle=True, seed=stream_seed(seed, phase + "-train"))
    attack = train_attack(config, data.classes)
    starts = evaluation_starts(config, random, data.test_x, min(config["evalSubset"], data.test_y.shape[0])) if phase == "student" else None
    for epoch in range(first, epochs + 1):
        started = time.time()
        lr = phase_rate(config, epoch, epochs)
        for group in optimizer.param_groups:
            group["lr"] = lr
        if random == "engine":
            shares = engine_batches(config, ctx, phase, epoch, n)
        else:
            shares = torch_batches(config, ctx, sampler, TorchNoise(generator), epoch)
        rule = gradient_rule(config, phase, epoch)
        loss = train_epoch(ctx, step_loss, model, objective, optimizer, rule, data, shares, teacher, attack, augmentation(config), precision)
        ctx.share_buffers(model)
        nat_acc = natural_accuracy(ctx, model, data.test_x, data.test_y)
        robust_acc = pgd_accuracy(config, ctx, model, data.test_x, data.test_y, starts) if starts is not None else None
        seconds = time.time() - started
        points.append({"epoch": epoch, "natAcc": nat_acc, "robustAcc": robust_acc, "loss": loss, "lr": lr,
                       "tau": config["tau"], "lambda": config["lambda"], "seconds": seconds})
        robust = "" if robust_acc is None else "  %sPGD-%d %.1f%%" % ("L2 " if norm_of(config) == "l2" else "", config["evalPgdSteps"], robust_acc)
        ctx.log("%s epoch %d/%d  loss %.4f  natural %.1f%%%s  lr %g  %.1f s" % (phase, epoch, epochs, loss, nat_acc, robust, lr, seconds))
        if progress:
            progress.save(phase, epoch, points, model, optimizer, generator, teacher)
    if progress:
        progress.save_weights(phase, model)
    return points


# ==============================================================================================
# Checkpoints: one file the first process rewrites after every epoch, read back by --resume
# ==============================================================================================
CHECKPOINT_FORMAT = 1
# For the resume test (python/test_paper_scale.py): "PHASE:EPOCH" makes every process kill itself
# with SIGKILL right after that epoch's checkpoint is written -- a crash at a known point, no cleanup.
KILL_AFTER_ENV = "LTD_TORCH_KILL_AFTER_EPOCH"


class Progress:
    """What a run has done and where it keeps it: folder/checkpoint.pt (rewritten after every epoch by
    process 0, whole or not at all), folder/teacher.pt and folder/student.pt (each phase's final weights),
    the checkpoint it resumed from (or None), the precision it trains in, the wall time of its earlier
    sessions and the epochs it resumed at."""

    def __init__(self, ctx, config, random, folder, precision, resumed=None):
        self.ctx, self.config, self.random, self.folder, self.precision = ctx, config, random, folder, precision
        self.path = os.path.join(folder, "checkpoint.pt")
        self.resumed = resumed
        self.points = dict(resumed["points"]) if resumed else {"teacher": [], "student": []}
        self.earlier_seconds = resumed["wallSeconds"] if resumed else 0.0
        self.resumes = resumed["resumes"] + [{"phase": resumed["phase"], "epoch": resumed["epoch"], "worldSize": ctx.world_size}] if resumed else []
        self.started = time.time()
        if ctx.rank == 0:
            os.makedirs(folder, exist_ok=True)

    def phase_done(self, phase, epochs):
        """Whether the checkpoint holds phase's last epoch or a later phase."""
        state = self.resumed
        return bool(state) and (state["phase"] == "student" or (phase == "teacher" and state["epoch"] >= epochs))

    def restore(self, phase, model, optimizer, generator):
        """(the phase's points so far, the epoch to go on from): from the checkpoint when it is of this
        phase, with model, optimiser, scaler and random generator as they were; else ([], 1)."""
        state = self.resumed
        if not state or state["phase"] != phase:
            return [], 1
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        if self.precision.scaler and state["scaler"]:
            self.precision.scaler.load_state_dict(state["scaler"])
        if state["worldSize"] == self.ctx.world_size:
            generator.set_state(state["rng"][self.ctx.rank])
        else:
            # Each process had its own stream; with another number of processes there is no way to
            # continue them, so the resumed run is a different (equally valid) draw from here on.
            generator.manual_seed(stream_seed(self.config["seed"], phase + "-train", "rank-%d" % self.ctx.rank, "resumed-%d" % state["epoch"]))
            self.ctx.log("resumed on %d process(es); the checkpoint was written by %d: random starts and crops go on from "
                         "fresh generators" % (self.ctx.world_size, state["worldSize"]))
        return list(self.points[phase]), state["epoch"] + 1

    def seconds(self):
        return self.earlier_seconds + time.time() - self.started

    def save(self, phase, epoch, points, model, optimizer, generator, teacher):
        """The checkpoint after epoch of phase, whose points so far are points (every process calls it:
        each hands in its generator's state)."""
        self.points[phase] = list(points)
        rng = self.ctx.all_gather(generator.get_state())
        if self.ctx.rank == 0:
            state = {
                "format": CHECKPOINT_FORMAT, "config": self.config, "random": self.random, "worldSize": self.ctx.world_size,
                "phase": phase, "epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scaler": self.precision.scaler.state_dict() if self.precision.scaler else None, "rng": rng,
                "teacher": teacher.state_dict() if teacher is not None else None, "points": self.points,
                "wallSeconds": self.seconds(), "resumes": self.resumes,
            }
            write_atomically(self.path, state)
        if os.environ.get(KILL_AFTER_ENV) == "%s:%d" % (phase, epoch):
            self.ctx.barrier()  # every process past the write, then all die at once
            os.kill(os.getpid(), signal.SIGKILL)

    def save_weights(self, phase, model):
        """folder/PHASE.pt: the phase's final state dict (a WideResNet's loads into TRADES' and RobustBench's)."""
        if self.ctx.rank == 0:
            write_atomically(os.path.join(self.folder, phase + ".pt"), model.state_dict())


def write_atomically(path, value):
    """torch.save to a temporary file, then a rename: a crash mid-write leaves the previous file whole."""
    partial = path + ".partial"
    torch.save(value, partial)
    os.replace(partial, path)


# Settings a resumed run may change: they decide only what the final evaluation attacks, not a step.
RESUME_MAY_CHANGE = ("scale.autoAttackSubset",)


def flat_settings(config):
    """The settings with the paper-scale block's keys spelt out ("scale.architecture.depth"), to compare."""
    flat = {}
    for key, value in config.items():
        if isinstance(value, dict):
            flat.update({"%s.%s" % (key, k): v for k, v in flat_settings(value).items()})
        else:
            flat[key] = value
    return flat


def load_checkpoint(path, config, random):
    """The checkpoint at path for these settings, or None when there is none yet; a ConfigError when it
    was written for other settings or is not a checkpoint of this script."""
    if not os.path.exists(path):
        return None
    try:
        # On the CPU whatever the device: generator states must stay CPU byte tensors, and
        # load_state_dict copies weights and optimiser state to where the model lives.
        state = torch.load(path, map_location="cpu")
    except Exception as error:  # a truncated or foreign file: say which and why
        raise ConfigError(path, "not a readable checkpoint (%s: %s)" % (type(error).__name__, error))
    if not isinstance(state, dict) or state.get("format") != CHECKPOINT_FORMAT:
        raise ConfigError(path, "not a checkpoint of this script (format %r, expected %d)" % (state.get("format") if isinstance(state, dict) else None, CHECKPOINT_FORMAT))
    before, now = flat_settings(state["config"]), flat_settings(config)
    changed = ["%s %s -> %s" % (key, json.dumps(before.get(key)), json.dumps(now.get(key)))
               for key in sorted(set(before) | set(now)) if before.get(key) != now.get(key) and key not in RESUME_MAY_CHANGE]
    if state["random"] != random:
        changed.append("--random %s -> %s" % (state["random"], random))
    if changed:
        raise ConfigError(path, "written for other settings (%s): resume with the same settings, or pass another --checkpoint-dir" % "; ".join(changed))
    return state


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


def epoch_list(text):
    try:
        epochs = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("--lr-drops must be epochs separated by commas, e.g. 100,150; got %r" % text)
    if any(e < 1 for e in epochs) or epochs != sorted(set(epochs)):
        raise argparse.ArgumentTypeError("--lr-drops must be rising epochs of at least 1, got %r" % text)
    return epochs


EPILOG = """Several machines (the same line on every one; HOST:PORT reachable from all of them):
  torchrun --nnodes=M --nproc_per_node=GPUS --rdzv-backend=c10d --rdzv-endpoint=HOST:29500 --rdzv-id=JOB SCRIPT ...
  (PyTorch before 2.0: --rdzv_backend, --rdzv_endpoint, --rdzv_id.) On a scheduler that restarts jobs,
  pass --resume every time: it continues from the last epoch's checkpoint, or starts when there is none.
  --checkpoint-dir must be storage every machine sees (the first process writes, every process reads).
"""


def parse_args(argv=None):
    embedded = CONFIG is not None
    parser = argparse.ArgumentParser(description="LTD Playground experiment in PyTorch" + (": " + run_label(CONFIG) if embedded else ""),
                                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
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
    parser.add_argument("--checkpoint-dir", metavar="DIR", default=None,
                        help="where checkpoint.pt (every epoch), teacher.pt and student.pt go (default: beside --out, RESULTS-checkpoints)")
    parser.add_argument("--resume", action="store_true", help="continue from DIR/checkpoint.pt when it exists (the same settings only)")
    parser.add_argument("--amp", choices=["auto", "off", "bf16", "fp16"], default="auto",
                        help="mixed precision for training forward passes, CUDA only (evaluation stays float32); auto: on "
                             "for paper-scale runs on a GPU, bfloat16 where it has it, else float16")
    parser.add_argument("--autoattack", choices=["auto", "torchattacks", "own"], default="auto",
                        help="AutoAttack's implementation: torchattacks' attacks (standard version), this file's own "
                             "(AA-lite standard, no FAB-T), or auto: torchattacks when it imports")
    parser.add_argument("--no-autoattack", action="store_true", help="skip AutoAttack at the end")
    parser.add_argument("--time-steps", type=ranged(int, 1, 1000, "--time-steps"), metavar="N",
                        help="time N training steps of each phase on random inputs and print what an epoch and the run take; trains nothing, writes nothing")
    scale = parser.add_argument_group("paper scale (settings with a 'scale' block, such as export-torch --preset paper-cifar10)")
    scale.add_argument("--depth", type=int, metavar="N", help="WideResNet depth, 6n + 4%s" % (
        " (exported: %d)" % CONFIG["scale"]["architecture"]["depth"] if embedded and CONFIG.get("scale") else ""))
    scale.add_argument("--widen", type=int, metavar="N", help="WideResNet widening factor%s" % (
        " (exported: %d)" % CONFIG["scale"]["architecture"]["widen"] if embedded and CONFIG.get("scale") else ""))
    scale.add_argument("--lr-drops", type=epoch_list, metavar="E,E", help="epochs from which the learning rate is x0.1 once more%s" % (
        " (exported: %s)" % ",".join(map(str, CONFIG["scale"]["lrDropEpochs"])) if embedded and CONFIG.get("scale") else ""))
    scale.add_argument("--aa-subset", type=int, metavar="N", help="AutoAttack on the first N test points%s" % (
        " (exported: %d)" % CONFIG["scale"]["autoAttackSubset"] if embedded and CONFIG.get("scale") else ""))
    return parser.parse_args(argv)


# Flags that change the paper-scale block: flag, attribute, where in the block.
SCALE_OVERRIDES = (("--depth", "depth", ("architecture", "depth")), ("--widen", "widen", ("architecture", "widen")),
                   ("--lr-drops", "lr_drops", ("lrDropEpochs",)), ("--aa-subset", "aa_subset", ("autoAttackSubset",)))


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
    for flag, attribute, where in SCALE_OVERRIDES:
        value = getattr(args, attribute)
        if value is None:
            continue
        if not config.get("scale"):
            raise ConfigError(flag, "only paper-scale settings (a 'scale' block, e.g. export-torch --preset paper-cifar10) have it; "
                                    "these run the page's %s" % MODEL_LABELS[config["model"]])
        block = json.loads(json.dumps(config["scale"]))
        (block["architecture"] if len(where) == 2 else block)[where[-1]] = value
        config["scale"] = checked_scale(block, flag)
    if config.get("scale") and args.random == "engine":
        raise ConfigError("--random engine", "the WideResNet has no twin on the page (its initialisers are the TRADES code's): use --random torch")
    return config


def epsilon_text(epsilon):
    """epsilon as RobustBench writes it: "8/255" for a multiple of 1/255, else the number."""
    k = round(epsilon * 255)
    return "%d/255" % k if k and abs(epsilon * 255 - k) < 1e-6 else js_number(epsilon)


def model_card(config, student_points, robust):
    """The fields RobustBench's model cards have (model_info/<dataset>/Linf/<name>.json) for this run, its
    accuracies as their two-decimal strings, plus the epochs and the AutoAttack implementation that ran."""
    done = robust["status"] == "done"
    clean = student_points[-1]["natAcc"] if student_points else None
    notes = []
    if done:
        notes.append("%s (%s) on the first %d test points" % (robust["attack"], robust["implementation"], robust["subset"]))
    else:
        notes.append("AutoAttack %s: %s" % (robust["status"], robust["reason"]))
    if config["testSize"] < 10000:
        notes.append("clean accuracy on the first %d test points" % config["testSize"])
    return {
        "name": run_label(config), "dataset": config["dataset"], "threat_model": NORM_NAMES[norm_of(config)], "eps": epsilon_text(config["epsilon"]),
        "architecture": architecture_name(config), "epochs": config["epochs"], "additional_data": False, "number_forward_passes": 1,
        "clean_acc": None if clean is None else "%.2f" % clean,
        "autoattack_acc": "%.2f" % robust["robustAccuracy"] if done else None,
        "implementation": robust["implementation"] if done else None, "footnote": "; ".join(notes),
    }


def results(config, random, ctx, teacher_points, student_points, objective, autoattack, seconds, progress=None):
    """The results file: the page's metrics JSON shape ({exported, runs}) plus what PyTorch ran."""
    page_config = {key: value for key, value in config.items() if key != "scale"}  # the page's own settings alone
    run = {
        "id": 1, "label": run_label(config), "config": page_config, "teacher": teacher_points, "student": student_points,
        "robustAttack": {"attack": "PGD", **norm_field(norm_of(config)), "epsilon": config["epsilon"], "steps": config["evalPgdSteps"], "restarts": 1,
                         "subset": min(config["evalSubset"], config["testSize"])},
        "teacherCached": False, "liveChanges": [], "outcome": "completed",
    }
    trained_with = None
    if objective.adversarial:
        attack = train_attack(config, 0)
        trained_with = {"attack": "PGD", **norm_field(attack.norm), "epsilon": attack.epsilon, "steps": attack.steps, "stepSize": attack.alpha, "start": objective.start}
    return {
        "exported": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "runs": [run],
        "pytorch": {
            "script": os.path.basename(__file__), "torch": torch.__version__, "python": platform.python_version(),
            "device": str(ctx.device), "worldSize": ctx.world_size, "backend": ctx.backend, "random": random,
            "wallSeconds": seconds, "trainAttack": trained_with, "autoAttack": autoattack,
            "scale": config.get("scale"), "precision": progress.precision.describe() if progress else FLOAT32.describe(),
            "checkpoints": {"folder": progress.folder, "resumed": progress.resumes} if progress else None,
            "modelCard": model_card(config, student_points, autoattack),
        },
    }


def new_model(config, random, phase, input_shape, classes, device):
    """A fresh model with the engine's initial weights (--random engine) or PyTorch-seeded ones."""
    torch.manual_seed(stream_seed(config["seed"], phase + "-init"))
    model = build_model(config, input_shape, classes)
    if random == "engine":
        engine_initialise(model, config["seed"], phase + "-init")
    return model.to(device)


Options = collections.namedtuple("Options", "autoattack checkpoint_dir resume amp time_steps", defaults=(None,))

# One input's shape (torch's layout) per data set, for --time-steps, which needs no data files.
INPUT_SHAPES = {"blobs": (2,), "moons": (2,), "spirals": (2,), "mnist": (1, 28, 28), "fashion-mnist": (1, 28, 28), "cifar10": (3, 32, 32)}


def time_steps(config, random, ctx, precision, count):
    """--time-steps N: the median seconds of N training steps of each phase (after 2 to warm up) on random
    inputs of the data set's shape, and what an epoch and the whole run take at that pace (training
    alone: the per-epoch evaluation and AutoAttack come on top). Writes nothing."""
    shape, classes = INPUT_SHAPES[config["dataset"]], 10 if config["dataset"] in IMAGE_DATASETS else TOYS[config["dataset"]][0]
    share = config["batchSize"] // ctx.world_size
    generator = torch.Generator(device=ctx.device).manual_seed(config["seed"])
    x = torch.rand((share,) + shape, generator=generator, device=ctx.device)
    y = torch.randint(0, classes, (share,), generator=generator, device=ctx.device)
    steps_per_epoch = -(-config["trainSize"] // config["batchSize"])
    objective = student_objective(config)
    phases = [("student", objective, config["epochs"])]
    if objective.needs_teacher:
        phases.insert(0, ("teacher", NaturalObjective(teacher_temperature(config)), config["teacherEpochs"]))
    teacher = new_model(config, random, "teacher", shape, classes, ctx.device).eval() if objective.needs_teacher else None
    total = 0.0
    for phase, phase_objective, epochs in phases:
        model = new_model(config, random, phase, shape, classes, ctx.device)
        optimizer = make_optimizer(config, model)
        step_loss = ctx.wrap(StepLoss(model, phase_objective, weight_decay_for(config["method"])))
        attack = train_attack(config, classes, TorchNoise(generator))
        shares = [Share(list(range(share)), 1.0, TorchNoise(generator))] * (count + 2)
        data = Data(x, y, x, y, classes, "random inputs")
        seconds = []
        for i, one in enumerate(shares):
            if ctx.device.type == "cuda":
                torch.cuda.synchronize()
            started = time.time()
            train_epoch(ctx, step_loss, model, phase_objective, optimizer, plain_step, data, [one], teacher if phase == "student" else None,
                        attack, augmentation(config), precision)
            if ctx.device.type == "cuda":
                torch.cuda.synchronize()
            if i >= 2:
                seconds.append(time.time() - started)
        step = sorted(seconds)[len(seconds) // 2]
        total += step * steps_per_epoch * epochs
        ctx.log("time-steps: %s step (batch %d on %d process(es), %s, %s): %.3f s median of %d; an epoch of %d steps %.1f min, %d epochs %.1f h" % (
            phase, config["batchSize"], ctx.world_size, ctx.device, precision.describe().split(" for ")[0], step, count, steps_per_epoch,
            step * steps_per_epoch / 60, epochs, step * steps_per_epoch * epochs / 3600))
    ctx.log("time-steps: training alone %.1f h (the per-epoch evaluation and AutoAttack come on top)" % (total / 3600))


def evaluate_robustness(config, ctx, student, data, implementation):
    """AutoAttack on the first N test points (the paper-scale block's subset, else evalSubset), each process
    attacking its share; or why it did not run."""
    if implementation is None:
        return {"status": "skipped", "reason": "--no-autoattack"}
    scale = config.get("scale")
    subset = min(scale["autoAttackSubset"] if scale else config["evalSubset"], data.test_y.shape[0])
    mine = shard(subset, ctx).to(ctx.device)
    norm = norm_of(config)
    ctx.log("AutoAttack on the first %d test points, %s eps %s:" % (subset, NORM_NAMES[norm], epsilon_text(config["epsilon"])))
    robust = autoattack(ctx, student, data.test_x[mine], data.test_y[mine], data.classes, config["epsilon"], config["seed"], implementation, norm)
    if robust["status"] == "done":
        ctx.log("%s (%s): %.2f%% robust, %.2f%% clean on the first %d test points" % (
            robust["attack"], robust["implementation"], robust["robustAccuracy"], robust["cleanAccuracy"], subset))
    else:
        ctx.log("AutoAttack %s: %s" % (robust["status"], robust["reason"]))
    return robust


def run(config, random, ctx, data_dir, out, options):
    """Teacher (when the method has one), student, AutoAttack; checkpoints after every epoch; writes the
    results file on rank 0. options: an Options."""
    if config["batchSize"] % ctx.world_size:
        raise SystemExit("--nproc_per_node=%d does not divide the batch size %d: every process takes an equal share of "
                         "each batch (pick --batch-size)" % (ctx.world_size, config["batchSize"]))
    folder = options.checkpoint_dir or os.path.splitext(out)[0] + "-checkpoints"
    precision = choose_precision(options.amp, config, ctx.device)
    resumed = load_checkpoint(os.path.join(folder, "checkpoint.pt"), config, random) if options.resume else None
    # Every process reads the checkpoint itself: on several machines the folder must be one they all see.
    seen = ctx.all_gather(None if resumed is None else "%s epoch %d" % (resumed["phase"], resumed["epoch"]))
    if len(set(seen)) > 1:
        raise ConfigError(folder, "the processes found different checkpoints there (%s): --checkpoint-dir must be a folder "
                                  "every machine shares" % ", ".join("process %d: %s" % (r, s or "none") for r, s in enumerate(seen)))
    if options.resume:
        ctx.log("resuming after %s epoch %d from %s" % (resumed["phase"], resumed["epoch"], folder) if resumed
                else "--resume: no checkpoint in %s yet, starting from the beginning" % folder)
    if ctx.device.type == "cuda":
        torch.backends.cudnn.benchmark = True  # fixed input shapes: let cuDNN pick its fastest kernels once
    if options.time_steps:
        return time_steps(config, random, ctx, precision, options.time_steps)
    progress = Progress(ctx, config, random, folder, precision, resumed)
    data = load_data(config, data_dir)
    data = data._replace(train_x=data.train_x.to(ctx.device), train_y=data.train_y.to(ctx.device),
                         test_x=data.test_x.to(ctx.device), test_y=data.test_y.to(ctx.device))
    input_shape = tuple(data.train_x.shape[1:])
    ctx.log("%s: %d training and %d test examples (%s); %d process(es) on %s; %s" % (
        run_label(config), data.train_y.shape[0], data.test_y.shape[0], data.source, ctx.world_size, ctx.device, precision.describe()))
    if config.get("scale"):
        drops = config["scale"]["lrDropEpochs"]
        ctx.log("learning rate %g, x0.1 from epoch%s %s" % (config["learningRate"], "s" if len(drops) != 1 else "", ", ".join(map(str, drops)) or "(none)"))
    objective = student_objective(config)
    teacher = None
    if objective.needs_teacher:
        teacher = new_model(config, random, "teacher", input_shape, data.classes, ctx.device)
        if progress.phase_done("teacher", config["teacherEpochs"]):
            teacher.load_state_dict(resumed["model"] if resumed["phase"] == "teacher" else resumed["teacher"])
        else:
            teacher_objective = NaturalObjective(teacher_temperature(config))
            progress.points["teacher"] = train_phase(config, random, ctx, "teacher", teacher, teacher_objective, config["teacherEpochs"], data, None, progress)
        teacher.eval()
    student = new_model(config, random, "student", input_shape, data.classes, ctx.device)
    if resumed and resumed["phase"] == "student" and resumed["epoch"] >= config["epochs"]:
        student.load_state_dict(resumed["model"])  # trained: it stopped during the evaluation
        progress.save_weights("student", student)
    else:
        progress.points["student"] = train_phase(config, random, ctx, "student", student, objective, config["epochs"], data, teacher, progress)
    student.eval()
    robust = evaluate_robustness(config, ctx, student, data, options.autoattack)
    if ctx.rank == 0:
        with open(out, "w") as f:
            json.dump(results(config, random, ctx, progress.points["teacher"], progress.points["student"], objective, robust,
                              progress.seconds(), progress), f, indent=2)
        ctx.log("results: " + out)


def main(argv=None):
    args = parse_args(argv)
    try:
        config = settings(args)
        data_dir = args.data_dir or DEFAULT_DATA_DIRS.get(config["dataset"])
        out = args.out or os.path.splitext(os.path.basename(__file__))[0] + "-results.json"
        options = Options(None if args.no_autoattack else args.autoattack, args.checkpoint_dir, args.resume, args.amp, args.time_steps)
        ctx = Context(args.device)
        try:
            run(config, args.random or default_random(config), ctx, data_dir, out, options)
        finally:
            ctx.close()
    except (ConfigError, DataError) as error:
        raise SystemExit(str(error))


if __name__ == "__main__":
    main()
