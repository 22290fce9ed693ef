/**
 * The experiment of the current settings as ONE self-contained PyTorch script: the same data
 * (the 2-D sets bit for bit), model family, method objective, training PGD, optimiser, schedule
 * and evaluation as the engine, launchable alone or with `torchrun --nproc_per_node=N`, writing a
 * results file the page imports as a run (./torch-results.ts).
 *
 * A pure function of the config with no tfjs: the page, the worker and the command line can all
 * call it. The Python lives in ./python/, one part per concern; only the parts the settings use
 * go into the script, so a reader sees their own method's loss and nothing else.
 */
import { type Config, DATASET_INFO, METHOD_LABELS } from '../../shared/config';
import { PIECEWISE_FACTOR, PIECEWISE_MILESTONES } from '../train/schedule';
import { PY_ATTACKS } from './python/attacks';
import { DEFAULT_DATA_DIRS, pyImageData } from './python/images';
import { pyMain } from './python/main';
import { pyModel } from './python/models';
import { pyObjectives } from './python/objectives';
import { type EngineConstants, PY_IMPORTS, pyHeader, pySettings } from './python/preamble';
import { PY_LOOP } from './python/loop';
import { PY_RANDOM } from './python/random';
import { PY_RNG, pyToyData } from './python/rng';
import { PY_TRAINING } from './python/training';

/**
 * The engine's numbers the script repeats. Those that live in tfjs modules (optimizer.ts,
 * attacks/chunked.ts, eval/accuracy.ts) are restated here so this file stays free of tfjs;
 * torch-script.test.ts checks them against the engine's.
 */
export const ENGINE_CONSTANTS: EngineConstants = {
  weightDecay: 5e-4,
  momentum: 0.9,
  adamEpsilon: 1e-7,
  piecewiseMilestones: PIECEWISE_MILESTONES,
  piecewiseFactor: PIECEWISE_FACTOR,
  evalChunk: 256,
  accuracyChunk: 512,
};

/**
 * The weight decay the run trains with: the paper's, except defensive distillation, which trains
 * with none (train/optimizer.ts weightDecayFor says why; the test checks the two agree).
 */
export function scriptWeightDecay(method: Config['method']): number {
  return method === 'defensive-distillation' ? 0 : ENGINE_CONSTANTS.weightDecay;
}

/** A short description of the run for the page's legends, marked as PyTorch's. */
export function torchRunLabel(config: Config): string {
  const parts = [METHOD_LABELS[config.method]];
  if (config.method === 'ltd' && config.ltdBase === 'pgd-at') parts[0] += ' (PGD-AT base)';
  if (config.awp === 'on') parts[0] += `+AWP γ=${config.awpGamma}`;
  if (config.method === 'ltd') parts.push(`τ=${config.tau}`);
  const usesLambda = config.method === 'trades' || config.method === 'label-smoothing' || (config.method === 'ltd' && config.ltdBase === 'trades');
  if (usesLambda) parts.push(`λ=${config.lambda}`);
  if (config.method === 'label-smoothing') parts.push(`s=${config.smoothing}`);
  if (config.method === 'defensive-distillation') parts.push(`T_d=${config.distillTemperature}`);
  parts.push(`ε=${config.epsilon}`, '(PyTorch)');
  return parts.join(' ');
}

/**
 * The file name of the script for these settings: data set, model, method and its key numbers,
 * e.g. `ltd-blobs-mlp-ltd-tau5-lambda6-eps0.05-seed1.py`.
 */
export function torchScriptName(config: Config): string {
  const parts = ['ltd', config.dataset, config.model, config.method];
  if (config.method === 'ltd') parts.push(`tau${config.tau}`);
  if (['ltd', 'trades', 'label-smoothing'].includes(config.method) && !(config.method === 'ltd' && config.ltdBase === 'pgd-at')) {
    parts.push(`lambda${config.lambda}`);
  }
  if (config.method === 'defensive-distillation') parts.push(`T${config.distillTemperature}`);
  if (config.awp === 'on') parts.push('awp');
  parts.push(`eps${Number(config.epsilon.toPrecision(4))}`, `seed${config.seed}`);
  return `${parts.join('-').replace(/[^A-Za-z0-9._-]/g, '_')}.py`;
}

/** The Python script that runs the experiment of `config` in PyTorch. */
export function torchScript(config: Config): string {
  if (config.dataset === 'csv') {
    // A person's CSV would have to travel with the script, which regenerates its data or reads standard files.
    throw new Error('not available for own 2-D data (CSV): the script regenerates its data from the seed or reads standard data files');
  }
  const label = torchRunLabel(config);
  const fileName = torchScriptName(config);
  const images = DATASET_INFO[config.dataset].inputShape.length === 3;
  const defaultDataDir = images ? DEFAULT_DATA_DIRS[config.dataset as keyof typeof DEFAULT_DATA_DIRS] : null;
  return [
    pyHeader(config, label, fileName),
    PY_IMPORTS,
    pySettings(config, label, { ...ENGINE_CONSTANTS, weightDecay: scriptWeightDecay(config.method) }),
    PY_RNG,
    images ? pyImageData(config.dataset) : pyToyData(config.dataset),
    pyModel(config.model),
    pyObjectives(config),
    PY_RANDOM,
    PY_ATTACKS,
    PY_TRAINING,
    PY_LOOP,
    pyMain(config, defaultDataDir, images),
  ].join('\n');
}
