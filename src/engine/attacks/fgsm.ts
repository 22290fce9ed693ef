/**
 * Fast gradient sign method (Goodfellow et al. 2015): one signed-gradient step of size ε on
 * the cross-entropy of the true label, no random start. Under L2 it is the fast gradient method
 * (FGM): one step ε·∇/‖∇‖₂, then the exact projection onto the L2 ball ∩ [0, 1] (threat.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { oneHot, softCrossEntropyPerExample } from '../losses';
import type { Classifier } from '../models';
import { type Norm, ascentStep } from './threat';
import { type AttackResult, readCorrectness } from './types';

export interface FgsmOptions {
  /** L∞ radius; also the step size, since FGSM takes exactly one step. */
  epsilon: number;
  /** The threat model: ε is the radius in this norm (default L∞: FGSM; L2: FGM). */
  norm?: Norm;
}

export async function fgsm(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, options: FgsmOptions): Promise<AttackResult> {
  const { epsilon, norm = 'linf' } = options;
  const { xAdv, cleanLogits } = tf.tidy(() => {
    let cleanLogits!: tf.Tensor2D;
    const gradient = tf.grad((input: tf.Tensor) => {
      const logits = model(input);
      cleanLogits = tf.keep(logits);
      return tf.sum(softCrossEntropyPerExample(logits, oneHot(y, logits.shape[1]))) as tf.Scalar;
    })(x);
    return { xAdv: ascentStep(norm, x, gradient, epsilon, x, epsilon), cleanLogits };
  });
  const advLogits = tf.tidy(() => model(xAdv));
  const correctness = await readCorrectness(cleanLogits, advLogits, y);
  cleanLogits.dispose();
  advLogits.dispose();
  return { xAdv, ...correctness };
}
