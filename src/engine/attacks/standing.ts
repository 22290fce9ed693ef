/**
 * Attacks run one after another on the points still standing, as AutoAttack's runner does (and
 * APGD's restarts and APGD-T's targets inside it): gather the points no attack has broken yet,
 * attack only those, scatter the outcome back. A point is broken if any attack breaks it, so the
 * robust accuracy is the per-point worst case over the attacks.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import type { AttackResult } from './types';

/** What one attack on the standing points returns, in the order of `at`. */
export type StandingAttack = (xs: tf.Tensor, ys: tf.Tensor1D, at: Int32Array) => Promise<Pick<AttackResult, 'xAdv' | 'advCorrect'>>;

/** Per-example clean correctness (1 = correct) and the number of classes, read once. */
export async function cleanPass(model: Classifier, x: tf.Tensor, y: tf.Tensor1D): Promise<{ cleanCorrect: Uint8Array; numClasses: number }> {
  const { correct, numClasses } = tf.tidy(() => {
    const logits = model(x);
    return { correct: tf.equal(tf.argMax(logits, -1), y), numClasses: logits.shape[1] };
  });
  const data = await correct.data();
  correct.dispose();
  return { cleanCorrect: Uint8Array.from(data, Number), numClasses };
}

/** The running outcome of a sequence of attacks on (x, y). Call `dispose` or `result` when done. */
export class Standing {
  /** 1 where the point is clean-correct and no attack so far has broken it. */
  readonly robust: Uint8Array;
  private xAdv: tf.Tensor | null;

  /** Starts from the clean inputs (copied) and their clean correctness: clean-wrong points never stand. */
  constructor(x: tf.Tensor, readonly cleanCorrect: Uint8Array) {
    this.robust = cleanCorrect.slice();
    this.xAdv = x.clone();
  }

  /** Original indices of the points still standing, ascending. */
  indices(): Int32Array {
    return Int32Array.from(this.robust.keys()).filter((i) => this.robust[i]);
  }

  count(): number {
    return this.robust.reduce((a, b) => a + b, 0);
  }

  /**
   * Attack the standing points (nothing runs when none stand) and return how many it broke.
   * Every attacked point takes the attack's output as its adversarial input: an adversarial
   * example where it broke, else the attack's strongest try.
   */
  async attack(x: tf.Tensor, y: tf.Tensor1D, run: StandingAttack): Promise<number> {
    const at = this.indices();
    if (at.length === 0) return 0;
    const [xs, ys] = tf.tidy(() => {
      const index = tf.tensor1d(at, 'int32');
      return [tf.gather(x, index), tf.gather(y, index) as tf.Tensor1D];
    });
    let outcome: Pick<AttackResult, 'xAdv' | 'advCorrect'>;
    try {
      outcome = await run(xs, ys, at);
    } finally {
      tf.dispose([xs, ys]);
    }
    const n = this.robust.length;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    let broken = 0;
    at.forEach((i, j) => {
      order[i] = n + j;
      if (!outcome.advCorrect[j]) {
        this.robust[i] = 0;
        broken++;
      }
    });
    const previous = this.xAdv!;
    this.xAdv = tf.tidy(() => tf.gather(tf.concat([previous, outcome.xAdv]), order));
    tf.dispose([previous, outcome.xAdv]);
    return broken;
  }

  /** The sequence's result; the caller owns `xAdv` and this object is spent. */
  result(): AttackResult {
    const xAdv = this.xAdv!;
    this.xAdv = null;
    return { xAdv, cleanCorrect: this.cleanCorrect, advCorrect: this.robust.slice() };
  }

  dispose(): void {
    this.xAdv?.dispose();
    this.xAdv = null;
  }
}
