/**
 * Robust accuracy under one attack, always together with the settings that produced it
 * (as AutoAttack's runner prints them): attack, ε, steps, restarts, queries, subset size.
 */
import type * as tf from '@tensorflow/tfjs';
import { inChunks } from '../attacks/chunked';
import { fgsm } from '../attacks/fgsm';
import { noise } from '../attacks/noise';
import { pgd } from '../attacks/pgd';
import { defaultSquareQueries, square } from '../attacks/square';
import { type AttackResult, type AttackSummary, summarize } from '../attacks/types';
import type { AttackSettings } from '../events';
import type { Classifier } from '../models';

/** What to run: the settings of the figure, plus the seed of its random draws. */
export interface AttackSpec {
  attack: AttackSettings['attack'];
  epsilon: number;
  /** PGD steps (FGSM: 1; black-box attacks: 0). */
  steps?: number;
  restarts?: number;
  /** Square's query budget, or the number of noise draws. */
  queries?: number;
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
}

/** The figure plus the per-example outcome (1 = broken), for comparisons between attacks. */
export interface Evaluated {
  figure: RobustFigure;
  brokenMask: Uint8Array;
}

export function settingsOf(spec: AttackSpec, subset: number, inputShape: number[]): AttackSettings {
  switch (spec.attack) {
    case 'PGD':
      return { attack: 'PGD', epsilon: spec.epsilon, steps: spec.steps ?? 10, restarts: spec.restarts ?? 1, subset };
    case 'FGSM':
      return { attack: 'FGSM', epsilon: spec.epsilon, steps: 1, restarts: 1, subset };
    case 'Square':
      return { attack: 'Square', epsilon: spec.epsilon, steps: 0, restarts: 1, subset, queries: spec.queries ?? defaultSquareQueries(inputShape) };
    case 'Noise':
      return { attack: 'Noise', epsilon: spec.epsilon, steps: 0, restarts: 1, subset, queries: spec.queries ?? 20 };
  }
}

/** Every attack runs in chunks of 256 points (attacks/chunked.ts): a whole subset at once can exhaust GPU memory. */
function launch(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, s: AttackSettings, seed: number, onProgress?: (f: number) => void) {
  let chunk = 0;
  let chunks = 1;
  const onChunk = (index: number, count: number) => ([chunk, chunks] = [index, count]);
  switch (s.attack) {
    case 'PGD':
      return inChunks(pgd, model, x, y, { epsilon: s.epsilon, steps: s.steps, restarts: s.restarts, seed });
    case 'FGSM':
      return inChunks(fgsm, model, x, y, { epsilon: s.epsilon });
    case 'Square': {
      const onSquare = (d: number, t: number) => onProgress?.((chunk + d / t) / chunks);
      return inChunks(square, model, x, y, { epsilon: s.epsilon, queries: s.queries, seed, onProgress: onSquare }, undefined, onChunk);
    }
    case 'Noise':
      return inChunks(noise, model, x, y, { epsilon: s.epsilon, draws: s.queries ?? 20, seed });
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
      ...summarize(result),
      settings,
      broken: brokenMask.reduce((a, b) => a + b, 0),
      cleanCorrect,
      ...(meanQueries === undefined ? {} : { meanQueries }),
    },
    brokenMask,
  };
}

/** Run one attack on (x, y) and report its figure; `onProgress` gets the fraction done (Square only). */
export async function evaluateAttack(
  model: Classifier,
  x: tf.Tensor,
  y: tf.Tensor1D,
  spec: AttackSpec,
  onProgress?: (fraction: number) => void,
): Promise<Evaluated> {
  const settings = settingsOf(spec, x.shape[0], x.shape.slice(1));
  const result = await launch(model, x, y, settings, spec.seed, onProgress);
  result.xAdv.dispose();
  return figureOf(result, settings);
}
