/**
 * APGD-T (Croce & Hein 2020; AutoAttack's `APGDAttack_targeted`): APGD on the targeted DLR loss,
 * once per target class — the top-k other classes of the clean logits, k = min(targets, C − 1),
 * in the order of their logits — each run only on the points the earlier targets left standing.
 *
 * Targeted DLR needs C ≥ 4. On 2 or 3 classes APGD-T runs APGD on the CW margin once instead
 * (attack-losses.ts): on 2 classes the one target is the one other class, and on 3 there is no
 * z_π4 to normalise by. `apgdTargetedPlan` (plan.ts) says which, so captions can name what ran.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import { apgd, apgdOnPoints, type ApgdOptions, runSeed } from './apgd';
import { apgdTargetedPlan } from '../../shared/attack-plan';
import { renamed } from './curve-trace';
import { cleanPass, Standing } from './standing';
import type { AttackResult } from './types';

export { apgdTargetedPlan } from '../../shared/attack-plan';

export interface ApgdTargetedOptions extends Omit<ApgdOptions, 'loss' | 'target' | 'trace'> {
  /** Target classes per point (AutoAttack's standard version: 9); at most C − 1 run. */
  targets?: number;
}

export async function apgdTargeted(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, options: ApgdTargetedOptions): Promise<AttackResult> {
  const { restarts = 1, steps, seed } = options;
  const { cleanCorrect, numClasses } = await cleanPass(model, x, y);
  const plan = apgdTargetedPlan(numClasses, options.targets);
  if (plan.loss === 'margin') return apgd(model, x, y, { ...options, loss: 'margin' });

  // Column t of the ranking is the class with the (t+1)-th largest clean logit; column 0 is the
  // prediction (y, on the points attacked), so targets are columns 1..k. No gradient is needed here.
  const ranking = tf.tidy(() => tf.topk(model(x), plan.targets + 1).indices);
  const standing = new Standing(x, cleanCorrect);
  const total = plan.targets * restarts * steps;
  try {
    for (let t = 1; t <= plan.targets; t++) {
      for (let r = 0; r < restarts; r++) {
        const runsBefore = (t - 1) * restarts + r;
        await standing.attack(x, y, async (xs, ys, at) => {
          const target = tf.tidy(() => tf.reshape(tf.slice(tf.gather(ranking, at), [0, t], [at.length, 1]), [at.length]) as tf.Tensor1D);
          try {
            const onStep = (done: number) => options.onProgress?.(runsBefore * steps + done, total);
            // One convergence line per target class (and restart), chained: each attacks what the earlier left standing.
            const curve = renamed(options.curve, `${options.curve?.name} target ${t}${r > 0 ? ` restart ${r + 1}` : ''}`);
            return await apgdOnPoints(model, xs, ys, 'dlr-targeted', target, {
              ...options, seed: runSeed(seed, `target-${t}-restart-${r}`, runsBefore === 0), onStep, curve,
            });
          } finally {
            target.dispose();
          }
        });
      }
    }
    return standing.result();
  } catch (error) {
    standing.dispose();
    throw error;
  } finally {
    ranking.dispose();
  }
}
