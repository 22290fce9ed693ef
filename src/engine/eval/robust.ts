/**
 * Robust accuracy under one attack, always together with the settings that produced it
 * (as AutoAttack's runner prints them): attack, ε, steps, restarts, queries, subset size.
 */
import * as tf from '@tensorflow/tfjs';
import { aaLite } from '../attacks/aa-lite';
import { apgd } from '../attacks/apgd';
import { apgdTargeted } from '../attacks/apgd-targeted';
import { inChunks } from '../attacks/chunked';
import type { LossTrace } from '../attacks/trace';
import { correctMask } from './accuracy';
import { fgsm } from '../attacks/fgsm';
import { noise } from '../attacks/noise';
import { pgd } from '../attacks/pgd';
import { aaLiteSettings, apgdTargetedPlan, resolveLoss } from '../../shared/attack-plan';
import { defaultSquareQueries, square } from '../attacks/square';
import { type AttackResult, type AttackSummary, attackSummary } from '../attacks/types';
import type { AaLiteBudget, AttackLoss, AttackName, AttackSettings, AttackStage } from '../../shared/events';
import type { Classifier } from '../models';

/** What to run: the settings of the figure, plus the seed of its random draws. */
export interface AttackSpec {
  attack: AttackName;
  epsilon: number;
  /** 'l2': the L2 threat model (ε an L2 radius); absent or 'linf': L∞. */
  norm?: 'linf' | 'l2';
  /** PGD steps or APGD iterations (FGSM: 1; black-box attacks: 0). PGD: 10, APGD and APGD-T: 100. */
  steps?: number;
  restarts?: number;
  /** Square's query budget (AA-lite's Square too: 0 or absent keeps its budget's), or the number of noise draws. */
  queries?: number;
  /** PGD's or APGD's loss (default CE); DLR with too few classes runs the margin. */
  loss?: AttackLoss;
  /** APGD-T's target classes (default 9, at most C − 1). */
  targets?: number;
  /** AA-lite's budget (default standard: AutoAttack's). */
  budget?: AaLiteBudget;
  /** AA-lite: false runs its white-box part only (no Square). Default true. */
  blackBox?: boolean;
  /** 'input': PGD, APGD, APGD-T or AA-lite's APGD members start at x itself (one restart suffices then). */
  start?: 'input';
  seed: number;
}

/** A robust-accuracy figure and the settings behind it; plain data. */
export interface RobustFigure extends AttackSummary {
  settings: AttackSettings;
  /** Points the attack broke (clean-correct, wrong under attack). */
  broken: number;
  /** Clean-correct points: the denominator of the success rate. */
  cleanCorrect: number;
  /** Mean queries per attacked point, for the black-box attacks. */
  meanQueries?: number;
  /** AA-lite: each member as it ran (AutoAttack's log). */
  stages?: AttackStage[];
}

/** The figure plus the per-example outcome (1 = broken), for comparisons between attacks. */
export interface Evaluated {
  figure: RobustFigure;
  brokenMask: Uint8Array;
  /** AA-lite: per point, the index of the member (in `figure.stages`) that broke it, −1 for none. */
  brokenBy?: Int8Array;
  /**
   * With `verify`: points the attack counted broken (its path reached a misclassified iterate)
   * whose returned input the model classifies correctly — a silent success (Pintor et al. 2022);
   * 0 when every attack returns the adversarial iterate it found.
   */
  silent?: number;
}

/** What an evaluation may be told besides its spec. */
export interface EvaluateHooks {
  /** Awaited between AA-lite's members; may throw to cancel (the attack frees its tensors first). */
  checkpoint?: () => Promise<void>;
  /** PGD and APGD record their best loss per iteration into it (attacks/trace.ts). */
  trace?: LossTrace;
  /** Classify the returned inputs again and count the silent successes (one forward pass). */
  verify?: boolean;
}

/** The settings a spec runs with on a model of `numClasses` classes (after loss fallbacks and defaults). */
export function settingsOf(spec: AttackSpec, subset: number, inputShape: number[], numClasses: number): AttackSettings {
  const settings = baseSettings(spec, subset, inputShape, numClasses);
  if (spec.norm === 'l2') {
    settings.norm = 'l2';
    settings.members = settings.members?.map((m) => ({ ...m, norm: 'l2' }));
  }
  if (spec.attack === 'AA-lite' && spec.blackBox === false) {
    settings.part = 'white-box';
    settings.members = settings.members?.filter((m) => m.attack !== 'Square');
    delete settings.queries;
  }
  if (spec.start === 'input' && ['PGD', 'APGD', 'APGD-T', 'AA-lite'].includes(spec.attack)) {
    settings.start = 'input';
    settings.members = settings.members?.map((m) => (m.attack === 'Square' ? m : { ...m, start: 'input' }));
  }
  return settings;
}

function baseSettings(spec: AttackSpec, subset: number, inputShape: number[], numClasses: number): AttackSettings {
  const restarts = spec.restarts ?? 1;
  switch (spec.attack) {
    case 'PGD':
      return { attack: 'PGD', epsilon: spec.epsilon, steps: spec.steps ?? 10, restarts, subset, ...(spec.loss ? { loss: resolveLoss(spec.loss, numClasses) } : {}) };
    case 'APGD':
      return { attack: 'APGD', epsilon: spec.epsilon, steps: spec.steps ?? 100, restarts, subset, loss: resolveLoss(spec.loss ?? 'ce', numClasses) };
    case 'APGD-T': {
      const plan = apgdTargetedPlan(numClasses, spec.targets);
      return plan.loss === 'margin'
        ? { attack: 'APGD', epsilon: spec.epsilon, steps: spec.steps ?? 100, restarts, subset, loss: 'margin' }
        : { attack: 'APGD-T', epsilon: spec.epsilon, steps: spec.steps ?? 100, restarts, subset, loss: plan.loss, targets: plan.targets };
    }
    case 'AA-lite':
      return aaLiteSettings(spec.budget ?? 'standard', spec.epsilon, subset, numClasses, spec.queries);
    case 'FGSM':
      return { attack: 'FGSM', epsilon: spec.epsilon, steps: 1, restarts: 1, subset };
    case 'Square':
      return { attack: 'Square', epsilon: spec.epsilon, steps: 0, restarts: 1, subset, queries: spec.queries ?? defaultSquareQueries(inputShape) };
    case 'Noise':
      return { attack: 'Noise', epsilon: spec.epsilon, steps: 0, restarts: 1, subset, queries: spec.queries ?? 20 };
  }
}

/**
 * Every attack runs in chunks of 256 points (attacks/chunked.ts): a whole subset at once can
 * exhaust GPU memory. AA-lite chunks each of its members itself.
 */
async function launch(
  model: Classifier, x: tf.Tensor, y: tf.Tensor1D, s: AttackSettings, seed: number, onProgress?: (f: number) => void, hooks: EvaluateHooks = {},
): Promise<AttackResult & { stages?: AttackStage[]; brokenBy?: Int8Array }> {
  let chunk = 0;
  let chunks = 1;
  const onChunk = (index: number, count: number) => ([chunk, chunks] = [index, count]);
  const inChunk = (d: number, t: number) => onProgress?.((chunk + d / t) / chunks);
  const norm = s.norm ?? 'linf';
  switch (s.attack) {
    case 'PGD':
      return inChunks(pgd, model, x, y, { norm, epsilon: s.epsilon, steps: s.steps, restarts: s.restarts, loss: s.loss, seed, trace: hooks.trace, ...(s.start ? { start: 'none' } : {}) });
    case 'APGD':
      return inChunks(apgd, model, x, y, {
        norm, epsilon: s.epsilon, steps: s.steps, restarts: s.restarts, loss: s.loss, seed, onProgress: inChunk, start: s.start, trace: hooks.trace,
      }, undefined, onChunk);
    case 'APGD-T':
      return inChunks(apgdTargeted, model, x, y, { norm, epsilon: s.epsilon, steps: s.steps, restarts: s.restarts, targets: s.targets, seed, onProgress: inChunk, start: s.start }, undefined, onChunk);
    case 'AA-lite':
      return aaLite(model, x, y, {
        norm, epsilon: s.epsilon, budget: s.budget ?? 'standard', queries: s.queries, seed, onProgress, checkpoint: hooks.checkpoint,
        blackBox: s.part !== 'white-box', start: s.start,
      });
    case 'FGSM':
      return inChunks(fgsm, model, x, y, { norm, epsilon: s.epsilon });
    case 'Square':
      return inChunks(square, model, x, y, { norm, epsilon: s.epsilon, queries: s.queries, seed, onProgress: inChunk }, undefined, onChunk);
    case 'Noise':
      return inChunks(noise, model, x, y, { norm, epsilon: s.epsilon, draws: s.queries ?? 20, seed });
  }
}

export function figureOf(result: Pick<AttackResult, 'cleanCorrect' | 'advCorrect' | 'queries'>, settings: AttackSettings): Evaluated {
  const brokenMask = result.cleanCorrect.map((c, i) => (c && !result.advCorrect[i] ? 1 : 0));
  const cleanCorrect = result.cleanCorrect.reduce((a, b) => a + b, 0);
  let meanQueries: number | undefined;
  if (result.queries) {
    const spent = result.queries.reduce((a, b) => a + b, 0);
    meanQueries = cleanCorrect === 0 ? 0 : spent / cleanCorrect;
  }
  return {
    figure: {
      ...attackSummary(result),
      settings,
      broken: brokenMask.reduce((a, b) => a + b, 0),
      cleanCorrect,
      ...(meanQueries === undefined ? {} : { meanQueries }),
    },
    brokenMask,
  };
}

/**
 * Run one attack on (x, y) and report its figure. `onProgress` gets the fraction done (APGD,
 * APGD-T, AA-lite and Square report as they go; the others when they end).
 */
export async function evaluateAttack(
  model: Classifier,
  x: tf.Tensor,
  y: tf.Tensor1D,
  spec: AttackSpec,
  onProgress?: (fraction: number) => void,
  hooks?: EvaluateHooks,
): Promise<Evaluated> {
  const numClasses = classCount(model, x);
  const settings = settingsOf(spec, x.shape[0], x.shape.slice(1), numClasses);
  const result = await launch(model, x, y, settings, spec.seed, onProgress, hooks);
  let returnedCorrect: Uint8Array | null = null;
  try {
    if (hooks?.verify) returnedCorrect = await correctMask(model, result.xAdv, y);
  } finally {
    result.xAdv.dispose();
  }
  const evaluated = figureOf(result, settings);
  if (returnedCorrect) evaluated.silent = evaluated.brokenMask.reduce((sum, broken, i) => sum + (broken && returnedCorrect[i] ? 1 : 0), 0);
  if (result.stages) evaluated.figure.stages = result.stages;
  if (result.brokenBy) evaluated.brokenBy = result.brokenBy;
  return evaluated;
}

/** The model's number of classes, from one example. */
function classCount(model: Classifier, x: tf.Tensor): number {
  return tf.tidy(() => model(x.slice(0, 1)).shape[1]);
}
