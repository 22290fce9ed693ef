/**
 * Python text: the script's opening — what it is, how to run it, what it shares with the page and
 * what differs — then its imports, the exported settings and the engine's constants.
 */
import { type Config, configToQuery, DATASET_LABELS, METHOD_LABELS, MODEL_LABELS } from '../../../shared/config';

/** What the script reproduces exactly, for every setting. */
const SAME = [
  'the model family, its shapes and initialisers; the method\'s losses (DESIGN.md section 1) and its',
  '  training PGD (steps, step size, random start)',
  'the optimiser update (SGD momentum 0.9 Nesterov, or Adam), weight decay 5e-4 as a loss term on every',
  '  parameter, the learning-rate schedule, batch size and epochs',
  'the evaluation: natural accuracy on the test split; PGD-K (uniform start, alpha = 2.5 eps / K, one',
  '  restart, an example broken at its first misclassified iterate) on the first evalSubset test points',
  'with --random engine: the initial weights, batch order, augmentation and random starts of the',
  '  page\'s run with the same seed (tfjs\'s random streams, ported)',
];

/** What differs from the page, for every setting. */
const DIFFERS = [
  'with --random torch: initial weights, batch order (DistributedSampler) and random starts come from',
  '  PyTorch\'s generators seeded from the same seed: the same distributions, other draws',
  'float32 arithmetic in another order: a near-zero gradient sign can flip and runs then drift apart',
  '  slowly (on blobs, a few epochs agree with the page to the printed digit)',
  'under torchrun, each process takes its share of every batch and DistributedDataParallel averages',
  '  the gradients, weighted so the step is the one-process step; batch norm statistics are per',
  '  process',
];

function datasetNotes(dataset: Config['dataset']): { same: string[]; differs: string[] } {
  switch (dataset) {
    case 'blobs':
    case 'moons':
    case 'spirals':
      return { same: ['the data: the engine\'s generator ported bit for bit (same seed, same float32 points)'], differs: [] };
    case 'mnist':
      return {
        same: [],
        differs: [
          "the data: MNIST's standard IDX files (60 000 / 10 000, --data-dir), first trainSize / testSize of",
          "  each; the page trains on its embedded 10 000 digits split 8 000 / 2 000",
        ],
      };
    case 'fashion-mnist':
      return { same: ['the data: the same IDX files, the first trainSize / testSize examples of each split'], differs: [] };
    case 'csv':
      throw new Error('pyHeader: own 2-D data (CSV) has no PyTorch export'); // torchScript refuses it first
    case 'cifar10':
      return { same: ['the data: the same binary batches, the first trainSize / testSize examples of each split'], differs: [] };
  }
}

/** The docstring: settings, how to run, what is the same and what differs. */
export function pyHeader(config: Config, label: string, fileName: string): string {
  const query = configToQuery(config);
  const notes = datasetNotes(config.dataset);
  const bullets = (lines: string[]) => lines.map((l) => (l.startsWith('  ') ? `  ${l}` : `  - ${l}`)).join('\n');
  const stem = fileName.replace(/\.py$/, '');
  return `#!/usr/bin/env python3
"""LTD Playground experiment, exported to PyTorch: ${label}

Settings (the page's URL query, defaults left out): ${query ? `?${query}` : '(all defaults)'}
  ${DATASET_LABELS[config.dataset]}; ${MODEL_LABELS[config.model]}; ${METHOD_LABELS[config.method]}

Run it (SCRIPT is this file, ${fileName})
  python3 SCRIPT                            one process: CUDA if available, else the CPU
  torchrun --nproc_per_node=N SCRIPT        N processes: one per GPU (NCCL), or N on the CPU (gloo)
  Flags override settings: --epochs --teacher-epochs --batch-size --seed --learning-rate
  --eval-subset --eval-pgd-steps; and --data-dir --out --device --random --no-autoattack (-h lists them).
  (Debian's torchrun of PyTorch 1.13 on Python 3.11 fails on its own default --redirects 0:
  add --redirects 1 --tee 1.)

Results: ${stem}-results.json (--out), in the page's metrics JSON shape,
  {"exported", "runs": [{config, per-epoch natural and PGD accuracy, the PGD settings, ...}]},
  plus "pytorch": torch version, device, processes, random streams, wall time, the training attack
  and AutoAttack's result. The page's run history imports it.

Random numbers (--random): "engine" (the default on 2-D data) draws the page's own random streams,
  one number at a time in Python; "torch" (the default on images, where that is slow) uses
  PyTorch's generators seeded from the same seed.

The same as the page
${bullets([...notes.same, ...SAME])}
Different from the page
${bullets([...notes.differs, ...DIFFERS])}

Needs PyTorch (1.13 or newer). AutoAttack runs at the end when the torchattacks package is
installed; without it the results say it was skipped.
"""
`;
}

export const PY_IMPORTS = String.raw`import argparse
import collections
import datetime
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
`;

/** Engine constants the script needs, each with where it comes from. */
export interface EngineConstants {
  weightDecay: number;
  momentum: number;
  adamEpsilon: number;
  piecewiseMilestones: readonly number[];
  piecewiseFactor: number;
  evalChunk: number;
  accuracyChunk: number;
}

/** The settings as JSON, the label, and the engine's constants. */
export function pySettings(config: Config, label: string, c: EngineConstants): string {
  return String.raw`
# The page's settings, exactly as exported (flags may override some; the results file records them).
CONFIG = json.loads(r"""${JSON.stringify(config, null, 2)}""")
LABEL = ${JSON.stringify(label)}

WEIGHT_DECAY = ${c.weightDecay}  # src/engine/train/optimizer.ts
MOMENTUM = ${c.momentum}
ADAM_EPSILON = ${c.adamEpsilon}  # tfjs's default for float32 backends (PyTorch's is 1e-8)
PIECEWISE_MILESTONES = (${c.piecewiseMilestones.join(', ')})  # fractions of the run (80/120, 100/120), src/engine/train/schedule.ts
PIECEWISE_FACTOR = ${c.piecewiseFactor}
EVAL_CHUNK = ${c.evalChunk}  # examples per attack call
ACCURACY_CHUNK = ${c.accuracyChunk}

Data = collections.namedtuple("Data", "train_x train_y test_x test_y classes source")


class DataError(Exception):
    """A data file that is missing or malformed: names the file and the problem."""

    def __init__(self, path, problem):
        super().__init__("%s: %s" % (path, problem))
`;
}
