/**
 * What the attack-failure indicators (indicators.ts) measure on a model: five forward passes of
 * the same inputs, adversarial examples crafted on a teacher and tried on the student, and the
 * chart's attack with twice its iterations on the points it left standing.
 */
import * as tf from '@tensorflow/tfjs';
import { inChunks } from '../attacks/chunked';
import { pgd } from '../attacks/pgd';
import type { Classifier } from '../models';
import { ACCURACY_CHUNK, correctMask } from './accuracy';
import type { OutputStability } from './indicators';
import { type AttackSpec, evaluateAttack, type Evaluated, figureOf, settingsOf } from './robust';

/** A model to craft transfer attacks on, and its name in sentences ("the teacher at T = 50"). */
export interface TransferSource {
  model: Classifier;
  name: string;
}

/**
 * A teacher as the transfer attack crafts on it: its logits divided by the temperature it was
 * trained at (defensive distillation's T), where its softmax is not saturated; LTD's teacher is at 1.
 */
export function teacherSource(teacher: Classifier, temperature: number): TransferSource {
  if (temperature === 1) return { model: teacher, name: 'the teacher' };
  return { model: (x) => tf.tidy(() => tf.div(teacher(x), temperature) as tf.Tensor2D), name: `the teacher at T = ${temperature}` };
}

/**
 * Logits of `x` over `passes` forward passes, compared with the first. The tolerance is relative
 * to the logits' scale: a deterministic backend gives bit-equal logits, and 10⁻⁵ of the scale
 * leaves room for a backend that sums in another order.
 */
export async function outputStability(model: Classifier, x: tf.Tensor, passes = 5): Promise<OutputStability> {
  const n = x.shape[0];
  const [differs, largest, scale] = tf.tidy(() => {
    const chunks = Array.from({ length: Math.ceil(n / ACCURACY_CHUNK) }, (_, i) => x.slice(i * ACCURACY_CHUNK, Math.min(ACCURACY_CHUNK, n - i * ACCURACY_CHUNK)));
    const pass = () => tf.concat(chunks.map((c) => model(c))) as tf.Tensor2D;
    const first = pass();
    const spread = Array.from({ length: passes - 1 }, () => tf.max(tf.abs(tf.sub(pass(), first)), -1));
    const worst = spread.length > 0 ? (tf.max(tf.stack(spread), 0) as tf.Tensor1D) : tf.zeros([n]);
    return [worst, tf.max(worst), tf.max(tf.abs(first))];
  });
  const [perPoint, [maxDifference], [logitScale]] = await Promise.all([differs.data(), largest.data(), scale.data()]);
  tf.dispose([differs, largest, scale]);
  const tolerance = 1e-5 * Math.max(1, logitScale);
  return { passes, n, differing: Array.from(perPoint).filter((d) => !(d <= tolerance)).length, maxDifference, tolerance };
}

/**
 * PGD on the source's cross-entropy (the detector's PGD settings), the result tried on `target`:
 * a point counts broken where the target classifies it correctly clean and wrongly at the
 * source's adversarial input. The settings name the source (`transferFrom`).
 */
export async function transferAttack(target: Classifier, source: TransferSource, x: tf.Tensor, y: tf.Tensor1D, spec: AttackSpec): Promise<Evaluated> {
  const crafted = await inChunks(pgd, source.model, x, y, { epsilon: spec.epsilon, steps: spec.steps ?? 10, restarts: spec.restarts ?? 1, seed: spec.seed });
  try {
    const [cleanCorrect, advCorrect] = await Promise.all([correctMask(target, x, y), correctMask(target, crafted.xAdv, y)]);
    const numClasses = tf.tidy(() => target(x.slice(0, 1)).shape[1]);
    const settings = { ...settingsOf(spec, x.shape[0], x.shape.slice(1), numClasses), transferFrom: source.name };
    return figureOf({ cleanCorrect, advCorrect: advCorrect.map((a, i) => (a && cleanCorrect[i] ? 1 : 0)) }, settings);
  } finally {
    crafted.xAdv.dispose();
  }
}

/** The spec with twice the iterations (PGD's step size follows: 2.5·ε/2K). */
export function doubledSpec(spec: AttackSpec): AttackSpec {
  return { ...spec, steps: 2 * (spec.steps ?? (spec.attack === 'PGD' ? 10 : 100)) };
}

/**
 * The chart's attack with twice its iterations on the points its first run left standing
 * (clean-correct, not broken): how many of those it breaks.
 */
export async function doubledOnStanding(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, spec: AttackSpec, first: Evaluated): Promise<number> {
  const cleanCorrect = await correctMask(model, x, y);
  const standing = Int32Array.from(cleanCorrect.keys()).filter((i) => cleanCorrect[i] && !first.brokenMask[i]);
  if (standing.length === 0) return 0;
  const [xs, ys] = tf.tidy(() => {
    const at = tf.tensor1d(standing, 'int32');
    return [tf.gather(x, at), tf.gather(y, at) as tf.Tensor1D];
  });
  try {
    return (await evaluateAttack(model, xs, ys, doubledSpec(spec))).figure.broken;
  } finally {
    tf.dispose([xs, ys]);
  }
}
