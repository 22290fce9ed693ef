/**
 * Is there a classifier to judge? A model near chance, or one that predicts (nearly) the same
 * class for every point, has no robustness for gradients to mask: every attack "fails" on it
 * for the wrong reason (a defensively distilled student stuck at 33 % fails the unbounded check
 * because it has nothing to lose). The detector asks this first and, when the answer is no,
 * says "no verdict" with the numbers and the reason; its checks may still be shown.
 *
 * Near chance, stated as a test: natural accuracy k/n on the subset is judged above chance
 * 1/C only when it is both *significantly* above it — exact one-sided binomial test,
 * P(X ≥ k | n, 1/C) < α — and *largely* above it (by at least `minGap` points), the two
 * conditions every other alarm of the detector needs.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import type { CheckNumber } from './checks';
import type { OutputStability } from './indicators';
import { binomialUpperTail, type Thresholds } from '../../shared/stats';

/** Share of the points one predicted class may take before the model counts as predicting one class. */
export const ONE_CLASS_SHARE = 0.95;

/** What the model predicts on the subset: counts only. */
export interface PredictionCensus {
  /** Points in the subset. */
  n: number;
  /** Points classified correctly. */
  correct: number;
  /** Points predicted as each class, and labelled as each class (length C). */
  predicted: number[];
  labels: number[];
}

export interface Judgeability {
  judgeable: boolean;
  /** Why there is no verdict; null when the model can be judged. */
  reason: 'near-chance' | 'one-class' | 'randomised' | null;
  numbers: CheckNumber[];
  explanation: string;
}

/** Count predictions and labels of `model` on (x, y): one readback. */
export async function predictionCensus(model: Classifier, x: tf.Tensor, y: tf.Tensor1D): Promise<PredictionCensus> {
  const [predictedTensor, numClasses] = tf.tidy(() => {
    const logits = model(x);
    return [tf.argMax(logits, -1), logits.shape[1]] as const;
  });
  const [predicted, labels] = await Promise.all([predictedTensor.data(), y.data()]);
  predictedTensor.dispose();
  const count = (values: ArrayLike<number>) => {
    const counts = new Array<number>(numClasses).fill(0);
    Array.from(values).forEach((c) => counts[c]++);
    return counts;
  };
  const correct = Array.from(predicted).filter((c, i) => c === labels[i]).length;
  return { n: predicted.length, correct, predicted: count(predicted), labels: count(labels) };
}

/**
 * Judge whether the model is one to judge. `t.alpha` is the level of the binomial test (the
 * detector's family level: this gate comes before the family and is not one of its tests) and
 * `t.minGap` the effect size in points. `stability`: five passes of the same points; a model whose
 * logits change between them (randomised) is not judged either — its attacks need EOT.
 */
export function judgeability(census: PredictionCensus, t: Pick<Thresholds, 'alpha' | 'minGap'>, stability?: OutputStability): Judgeability {
  const { n, correct } = census;
  const classes = census.predicted.length;
  const chance = 100 / classes;
  const accuracy = n === 0 ? 0 : (100 * correct) / n;
  const pValue = binomialUpperTail(correct, n, 1 / classes);
  const top = census.predicted.indexOf(Math.max(...census.predicted));
  const topShare = n === 0 ? 0 : census.predicted[top] / n;
  const labelShare = n === 0 ? 0 : census.labels[top] / n;
  const numbers: CheckNumber[] = [
    { label: 'natural accuracy', value: accuracy, unit: '%' },
    { label: `chance (1/${classes})`, value: chance, unit: '%' },
    { label: 'p (exact one-sided binomial, accuracy ≤ chance)', value: pValue, unit: '' },
    { label: `share of points predicted as class ${top}`, value: 100 * topShare, unit: '%' },
  ];
  const aboveChance = pValue < t.alpha && accuracy - chance >= t.minGap;
  if (!aboveChance) {
    return {
      judgeable: false, reason: 'near-chance', numbers,
      explanation:
        `No verdict: natural accuracy ${accuracy.toFixed(1)} % on ${n} points is not clearly above chance ${chance.toFixed(1)} % ` +
        `(needs p < ${t.alpha} and at least ${t.minGap} points above it). A model that has learned nothing has no robustness ` +
        'to mask, so every check would judge the training, not the gradients.',
    };
  }
  if (topShare >= ONE_CLASS_SHARE && labelShare < ONE_CLASS_SHARE) {
    return {
      judgeable: false, reason: 'one-class', numbers,
      explanation:
        `No verdict: the model predicts class ${top} for ${(100 * topShare).toFixed(1)} % of the ${n} points ` +
        `(at least ${100 * ONE_CLASS_SHARE} % counts as one class), though only ${(100 * labelShare).toFixed(1)} % carry that label. ` +
        'Attacks on a (nearly) constant classifier measure nothing about its gradients.',
    };
  }
  if (stability && stability.differing > 0) {
    return {
      judgeable: false, reason: 'randomised', numbers: [...numbers, { label: `points whose logits differ over ${stability.passes} passes`, value: stability.differing, unit: '' }],
      explanation:
        `No verdict: the model answers the same input differently from one forward pass to the next (${stability.differing} of ${stability.n} points ` +
        `over ${stability.passes} passes). Its attacks need EOT — gradients averaged over the randomness — before their figures can be judged.`,
    };
  }
  return {
    judgeable: true, reason: null, numbers,
    explanation: `The model is clearly above chance (${accuracy.toFixed(1)} % against ${chance.toFixed(1)} %) and predicts several classes: the checks judge it.`,
  };
}
