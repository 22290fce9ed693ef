/**
 * The exported script draws the engine's random numbers: the 2-D data sets, and with
 * `--random engine` the initial weights, bit for bit in float32. One Python process imports
 * python/ltd_torch.py and reports what it draws for each job's settings. Runs Debian's Python with
 * PyTorch; skips loudly where it is missing (under CI, which installs python3-torch, it fails instead).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG, validateConfig } from '../../shared/config';
import { loadDataset } from '../../engine/data';
import { buildModel } from '../../engine/models';
import { Rng } from '../../shared/rng';
import { SYSTEM_PYTHON, requireTorch, run } from './test-python';
import { TORCH_SOURCE_PATH } from './torch-source';

const missing = requireTorch('the PyTorch export data tests');

const config = (changes: Partial<Config>): Config => {
  const checked = validateConfig({ ...DEFAULT_CONFIG, ...changes });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return checked.config;
};

/** Equal as float32 bit patterns, with the first differing index on failure. */
function expectBitEqual(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) {
  expect(actual.length, what).toBe(expected.length);
  const a = new Uint32Array(Float32Array.from(actual).buffer);
  const b = new Uint32Array(Float32Array.from(expected).buffer);
  const first = a.findIndex((v, i) => v !== b[i]);
  expect(first, `${what}: first difference at ${first}: ${actual[first]} vs ${expected[first]}`).toBe(-1);
}

const TOYS = [
  ['blobs', { seed: 7, overlap: 0.3 }],
  ['moons', { seed: 12345, overlap: 0.2 }],
  ['spirals', { seed: 2 ** 31 - 1, overlap: 0.08 }],
] as const;

/** [what, settings, the engine's input shape, PyTorch's, classes] */
const MODELS = [
  ['MLP', { seed: 3 }, [2], [2], 3],
  ['small CNN (its dense layer reads a flattened HWC map)', { dataset: 'fashion-mnist', model: 'cnn', seed: 11, convChannels: 3, hiddenUnits: 5 }, [28, 28, 1], [1, 28, 28], 10],
  ['ResNet', { dataset: 'cifar10', model: 'resnet', seed: 5, convChannels: 2, epsilon: 8 / 255 }, [32, 32, 3], [3, 32, 32], 10],
] as const;

/** Imports python/ltd_torch.py once; prints each job's data (toys) or its engine-initialised kernels in tfjs's layout. */
const PROBE = String.raw`
import importlib.util, json, sys, torch
spec = importlib.util.spec_from_file_location("ltd_torch", sys.argv[1])
lt = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lt)
jobs, out = json.loads(sys.argv[2]), {}
for job in jobs:
    config = job["config"]
    if job["kind"] == "data":
        data = lt.load_data(config, None)
        out[job["name"]] = {"train": {"x": data.train_x.flatten().tolist(), "y": data.train_y.tolist()},
                            "test": {"x": data.test_x.flatten().tolist(), "y": data.test_y.tolist()}}
        continue
    model = lt.build_model(config, tuple(job["shape"]), job["classes"])
    lt.engine_initialise(model, config["seed"], "student-init")
    kernels = []
    for layer, kind, hwc in model.init_order():
        w = layer.weight.detach()
        if w.dim() == 4:
            w = w.permute(2, 3, 1, 0)
        elif hwc:
            w = w.t().reshape(hwc[2], hwc[0], hwc[1], -1).permute(1, 2, 0, 3).reshape(-1, w.shape[0])
        else:
            w = w.t()
        kernels.append(w.flatten().tolist())
    out[job["name"]] = kernels
json.dump(out, open(sys.argv[3], "w"))
`;

describe.skipIf(Boolean(missing))("the exported script reproduces the engine's random numbers", () => {
  const dir = mkdtempSync(join(tmpdir(), 'torch-data-'));
  let drawn: Record<string, unknown>;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const jobs = [
      ...TOYS.map(([dataset, changes]) => ({ kind: 'data', name: dataset, config: config({ dataset, trainSize: 300, testSize: 120, ...changes }) })),
      ...MODELS.map(([name, changes, , shape, classes]) => ({ kind: 'init', name, config: config(changes as Partial<Config>), shape, classes })),
    ];
    await run(SYSTEM_PYTHON, ['-c', PROBE, TORCH_SOURCE_PATH, JSON.stringify(jobs), join(dir, 'drawn.json')], { cwd: dir, timeoutMs: 180_000 });
    drawn = JSON.parse(readFileSync(join(dir, 'drawn.json'), 'utf8'));
  }, 200_000);

  it.each(TOYS)('draws the %s points of the engine, bit for bit', async (dataset, changes) => {
    const python = drawn[dataset] as Record<'train' | 'test', { x: number[]; y: number[] }>;
    const engine = await loadDataset(config({ dataset, trainSize: 300, testSize: 120, ...changes }));
    for (const split of ['train', 'test'] as const) {
      expectBitEqual(python[split].x, engine[split].x, `${dataset} ${split} x`);
      expect(python[split].y, `${dataset} ${split} y`).toEqual(Array.from(engine[split].y));
    }
  });

  it.each(MODELS)("initialises the %s with the engine's weights (--random engine)", async (name, changes, inputShape, _, classes) => {
    const c = config(changes as Partial<Config>);
    const empty = { x: new Float32Array(), y: new Int32Array(), n: 0 };
    const dataset = { id: c.dataset, inputShape: [...inputShape], numClasses: classes, classNames: [], train: empty, test: empty };
    const model = buildModel(c, dataset, new Rng(c.seed).fork('student-init'));
    const kernels = model.trainableWeights.filter((w) => w.shape.length > 1);
    const python = drawn[name] as number[][];
    expect(python.length).toBe(kernels.length);
    for (const [i, kernel] of kernels.entries()) expectBitEqual(python[i], await kernel.read().data(), kernel.name);
    model.dispose();
  });
});
