/**
 * AA-lite: an AutoAttack-style ensemble (Croce & Hein 2020, `autoattack.py`) — APGD-CE, then
 * APGD-T (margin APGD below 4 classes), then Square, each run only on the points the earlier
 * ones left standing. The robust accuracy is the per-point worst case; the breakdown says, like
 * AutoAttack's log, how many points each member broke, the robust accuracy after it, its
 * settings and its seconds.
 *
 * Not AutoAttack: FAB-T is left out, so on screen it is always "AA-lite". Each member runs in
 * chunks (attacks/chunked.ts) so a large subset fits GPU memory.
 */
import type * as tf from '@tensorflow/tfjs';
import type { AaLiteBudget, AttackSettings, AttackStage } from '../../shared/events';
import type { Classifier } from '../models';
import { Rng } from '../../shared/rng';
import { apgd, type ApgdStart } from './apgd';
import { apgdTargeted } from './apgd-targeted';
import { DEFAULT_ATTACK_CHUNK, inChunks } from './chunked';
import { AA_LITE_BUDGETS, aaLiteMembers, attackName } from '../../shared/attack-plan';
import { square } from './square';
import { cleanPass, Standing } from './standing';
import type { Norm } from './threat';
import type { AttackResult } from './types';

export interface AaLiteOptions {
  epsilon: number;
  budget: AaLiteBudget;
  /** Square's queries instead of the budget's. */
  queries?: number;
  seed: number;
  /** Examples per attack call (default 256). */
  chunkSize?: number;
  /** The fraction of the ensemble's budget done (0–1) and the member running. */
  onProgress?: (fraction: number, member: string) => void;
  /**
   * Awaited before each member; it may throw to cancel (a stop, a cancelled detector). The
   * ensemble then frees its tensors and rethrows.
   */
  checkpoint?: () => Promise<void>;
  /**
   * false leaves Square out: the white-box part alone (APGD-CE → APGD-T), which the detector
   * compares with a Square run of its own. Default true.
   */
  blackBox?: boolean;
  /** Where the APGD members start: AutoAttack's random point (default) or x itself (apgd.ts). */
  start?: ApgdStart;
  /** The threat model of every member (default L∞). */
  norm?: Norm;
}

export interface AaLiteResult extends AttackResult {
  /** One entry per member that ran, in order. */
  stages: AttackStage[];
  /** Per point, the index in `stages` of the member that broke it; −1 where none did (or the point was wrong clean). */
  brokenBy: Int8Array;
}

/** The members a run of `aaLite` uses, in order: all of the budget's, or its white-box part. */
export function aaLiteRunMembers(budget: AaLiteBudget, epsilon: number, subset: number, numClasses: number, blackBox = true, queries?: number): AttackSettings[] {
  const members = aaLiteMembers(budget, epsilon, subset, numClasses, queries);
  return blackBox ? members : members.filter((m) => m.attack !== 'Square');
}

/** Cost per attacked point, in forward+backward passes (a Square query is a forward pass, about a third). */
export function memberCost(s: AttackSettings): number {
  if (s.attack === 'Square') return (s.queries ?? 0) / 3;
  return s.steps * s.restarts * Math.max(1, s.targets ?? 1);
}

function runMember(
  model: Classifier, xs: tf.Tensor, ys: tf.Tensor1D, s: AttackSettings, seed: number, chunkSize: number, report: (f: number) => void, norm?: Norm,
): Promise<AttackResult> {
  let chunk = 0;
  let chunks = 1;
  const onChunk = (index: number, count: number) => ([chunk, chunks] = [index, count]);
  const onProgress = (done: number, total: number) => report((chunk + done / total) / chunks);
  const common = { norm, epsilon: s.epsilon, steps: s.steps, restarts: s.restarts, seed, onProgress, start: s.start === 'input' ? ('input' as const) : undefined };
  switch (s.attack) {
    case 'APGD':
      return inChunks(apgd, model, xs, ys, { ...common, loss: s.loss }, chunkSize, onChunk);
    case 'APGD-T':
      return inChunks(apgdTargeted, model, xs, ys, { ...common, targets: s.targets }, chunkSize, onChunk);
    case 'Square':
      return inChunks(square, model, xs, ys, { norm, epsilon: s.epsilon, queries: s.queries, seed, onProgress }, chunkSize, onChunk);
    default:
      throw new Error(`attacks/aa-lite.ts: ${s.attack} is not an AA-lite member`);
  }
}

/** Run AA-lite on (x, y) (int32 labels) at `budget` (plan.ts: AA_LITE_BUDGETS). */
export async function aaLite(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, options: AaLiteOptions): Promise<AaLiteResult> {
  const { epsilon, budget, chunkSize = DEFAULT_ATTACK_CHUNK } = options;
  if (!AA_LITE_BUDGETS[budget]) throw new Error(`attacks/aa-lite.ts: unknown budget "${budget}" (quick or standard)`);
  const n = x.shape[0];
  const { cleanCorrect, numClasses } = await cleanPass(model, x, y);
  const fromInput = options.start === 'input' ? { start: 'input' as const } : {};
  const members = aaLiteRunMembers(budget, epsilon, n, numClasses, options.blackBox, options.queries).map((m) => (m.attack === 'Square' ? m : { ...m, ...fromInput }));
  const costs = members.map(memberCost);
  const totalCost = costs.reduce((a, b) => a + b, 0);
  const rng = new Rng(options.seed);
  const standing = new Standing(x, cleanCorrect);
  const stages: AttackStage[] = [];
  const brokenBy = new Int8Array(n).fill(-1);
  try {
    for (const [i, member] of members.entries()) {
      await options.checkpoint?.();
      const name = attackName(member);
      const before = costs.slice(0, i).reduce((a, b) => a + b, 0);
      const report = (f: number) => options.onProgress?.((before + f * costs[i]) / totalCost, name);
      report(0);
      const attacked = standing.count();
      const started = performance.now();
      const seed = rng.fork(name).seed();
      const stood = standing.robust.slice();
      const broken = await standing.attack(x, y, (xs, ys) => runMember(model, xs, ys, { ...member, subset: attacked }, seed, chunkSize, report, options.norm));
      stood.forEach((was, p) => void (was && !standing.robust[p] && (brokenBy[p] = i)));
      stages.push({
        settings: { ...member, subset: attacked }, broken,
        robustAccuracy: (100 * standing.count()) / n, seconds: (performance.now() - started) / 1000,
      });
    }
    options.onProgress?.(1, 'done');
    return { ...standing.result(), stages, brokenBy };
  } catch (error) {
    standing.dispose();
    throw error;
  }
}
