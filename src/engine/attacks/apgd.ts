/**
 * APGD under L∞ (Croce & Hein 2020), following AutoAttack's `autopgd_base.py`.
 *
 * Per example: start at x + ε·t/‖t‖∞ with t ~ U(−1, 1) (clipped to [0, 1]); step size η = 2ε;
 * each iteration z = P(x_k + η·sign(∇)), x_{k+1} = P(x_k + a·(z − x_k) + (1 − a)·(x_k − x_{k−1}))
 * with momentum a = 1 on the first step and 0.75 after. It keeps the iterate of highest loss
 * (x_best, and its gradient) and the first misclassified iterate. At each checkpoint
 * (apgd-schedule.ts) it halves η, and restarts x and ∇ from x_best and its gradient, for the
 * examples where at most ρ = 0.75 of the window's steps raised the loss, or where η was not
 * halved at the previous checkpoint and the best loss has not improved since.
 *
 * One deliberate difference: the reference's first oscillation window compares its first step
 * with an unfilled row of zeros (Python's index −1); here every step is compared with the loss
 * before it, the first with the starting point's. Restarts attack only the points earlier
 * restarts left standing, as the reference's `perturb` does; a point is broken if any breaks it.
 *
 * Under L2 (`norm: 'l2'`), as the reference with norm='L2': the start is x + ε·t/‖t‖₂ with
 * t ~ N(0, I), clipped to [0, 1]; the step is η·∇/‖∇‖₂ in place of η·sign(∇); the projection
 * is AutoAttack's scale-then-clip, x + δ·min(ε, ‖δ‖₂)/‖δ‖₂ clipped to [0, 1] (threat.ts), η = 2ε.
 *
 * Everything inside a run stays on the device (masks and tf.where, no readback); the
 * broken/unbroken outcome is read once per restart.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import { Rng } from '../../shared/rng';
import { type AttackLoss, AttackLossError, attackLoss, resolveLoss } from './attack-losses';
import { apgdCheckpoints } from './apgd-schedule';
import { cleanPass, Standing } from './standing';
import type { LossTrace } from './trace';
import { type Norm, normalizeL2, projectL2ScaleClip, sphereStartL2 } from './threat';
import { type AttackResult, expandMask } from './types';

export interface ApgdOptions {
  epsilon: number;
  /** Iterations N per restart (AutoAttack: 100). */
  steps: number;
  /** Random starts; each after the first attacks only the points still standing (default 1). */
  restarts?: number;
  /** The loss ascended (default CE); DLR with too few classes runs the margin (attack-losses.ts). */
  loss?: AttackLoss;
  /** The target class of each example (int32, [n]), for the targeted DLR loss. */
  target?: tf.Tensor1D;
  /** ρ: η is halved when at most this share of a window's steps raised the loss (0.75). */
  rho?: number;
  seed: number;
  /** Told after each iteration, synchronously (no readback): iterations done, and the total over restarts. */
  onProgress?: (done: number, total: number) => void;
  /**
   * 'random' (AutoAttack's start, default) or 'input': start at x itself, so the first step goes
   * where the gradient points — the detector's unbounded check, where at ε = 1 a random start
   * alone is nearly a random input. From x every restart is the same run: use one.
   */
  start?: ApgdStart;
  /** Records the best loss after every iteration of the first restart (all clean-correct points), on the points it leaves standing. */
  trace?: LossTrace;
  /** The threat model: ε is the radius in this norm (default L∞). */
  norm?: Norm;
}

export type ApgdStart = 'random' | 'input';

/** The per-example loss and logits of a batch of inputs. */
export type LossAt = (input: tf.Tensor) => { logits: tf.Tensor2D; loss: tf.Tensor1D };

/** What one APGD run tracks per example, all on the device. */
export interface ApgdState extends tf.TensorContainerObject {
  xAdv: tf.Tensor;
  /** The previous iterate, for the momentum term. */
  xOld: tf.Tensor;
  grad: tf.Tensor;
  /** Step size η per example. */
  eta: tf.Tensor1D;
  xBest: tf.Tensor;
  gradBest: tf.Tensor;
  lossBest: tf.Tensor1D;
  /** The first misclassified iterate (meaningful where `fooled`). */
  xBestAdv: tf.Tensor;
  fooled: tf.Tensor1D;
  /** Loss of the current iterate, and how many steps since the last checkpoint raised it. */
  lossPrev: tf.Tensor1D;
  rises: tf.Tensor1D;
  lossBestLastCheck: tf.Tensor1D;
  reducedLastCheck: tf.Tensor1D;
}

export interface ApgdRunOptions {
  epsilon: number;
  steps: number;
  rho?: number;
  seed: number;
  /** Where the run starts (ApgdOptions.start); default 'random'. */
  start?: ApgdStart;
  /**
   * Called with the starting state (done = 0) and after each iteration `done`; it may read or
   * clone the tensors, not keep or dispose them.
   */
  onStep?: (done: number, state: Readonly<ApgdState>) => void;
  /** The threat model (default L∞). */
  norm?: Norm;
}

/**
 * Loss, misclassification and input gradient of `input` from one forward pass (call inside a
 * tidy: the returned tensors belong to it).
 */
function evaluate(lossAt: LossAt, input: tf.Tensor, y: tf.Tensor1D) {
  let wrong!: tf.Tensor1D;
  let loss!: tf.Tensor1D;
  const { grads } = tf.valueAndGrads((v: tf.Tensor) => {
    const out = lossAt(v);
    // Kept, or the gradient's scope would free them; handed to the enclosing tidy below.
    wrong = tf.keep(tf.notEqual(tf.argMax(out.logits, -1), y) as tf.Tensor1D);
    loss = tf.keep(out.loss);
    return tf.sum(out.loss) as tf.Scalar;
  })([input]);
  const owned = { wrong: wrong.clone(), loss: loss.clone(), grad: grads[0] };
  tf.dispose([wrong, loss]); // kept tensors outlive every tidy: free them by hand
  return owned;
}

const tensorsOf = (s: ApgdState) => Object.values(s) as tf.Tensor[];

/** Dispose the tensors of `old` that `next` no longer holds. */
function replace(old: ApgdState, next: ApgdState): ApgdState {
  const kept = new Set(tensorsOf(next));
  tf.dispose(tensorsOf(old).filter((t) => !kept.has(t)));
  return next;
}

function start(lossAt: LossAt, x: tf.Tensor, y: tf.Tensor1D, epsilon: number, seed: number, from: ApgdStart, norm: Norm): ApgdState {
  return tf.tidy(() => {
    const n = x.shape[0];
    const random = () => {
      if (norm === 'l2') return sphereStartL2(x, epsilon, seed);
      const t = tf.randomUniform(x.shape, -1, 1, 'float32', seed);
      const tMax = tf.max(tf.abs(tf.reshape(t, [n, -1])), -1);
      return tf.clipByValue(tf.add(x, tf.mul(epsilon, tf.div(t, tf.add(expandMask(tMax as tf.Tensor1D, t), 1e-12)))), 0, 1);
    };
    const xAdv = from === 'input' ? tf.clone(x) : random();
    const { wrong, loss, grad } = evaluate(lossAt, xAdv, y);
    return {
      xAdv, xOld: xAdv, grad, eta: tf.fill([n], 2 * epsilon) as tf.Tensor1D,
      xBest: xAdv, gradBest: grad, lossBest: loss, xBestAdv: xAdv, fooled: wrong,
      lossPrev: loss, rises: tf.zeros([n]) as tf.Tensor1D, lossBestLastCheck: loss, reducedLastCheck: tf.onesLike(wrong) as tf.Tensor1D,
    };
  });
}

/**
 * One APGD run from a random start on every example of (x, y): the reference's
 * `attack_single_run`. Synchronous and readback-free; the caller owns the returned tensors
 * (`xBest`, `lossBest`, `xBestAdv`, `fooled` — 1 where some iterate was misclassified).
 * If `lossAt` throws, the run frees what it made and rethrows.
 */
export function apgdRun(lossAt: LossAt, x: tf.Tensor, y: tf.Tensor1D, options: ApgdRunOptions) {
  const { epsilon, steps, rho = 0.75, seed } = options;
  const checkpoints = apgdCheckpoints(steps);
  const norm = options.norm ?? 'linf';
  // The L∞ ε-ball ∩ [0, 1] as per-coordinate bounds, computed once: projecting is then two ops.
  const box = tf.tidy(() => ({ lo: tf.maximum(tf.sub(x, epsilon), 0), hi: tf.minimum(tf.add(x, epsilon), 1) }));
  const geometry: Geometry = norm === 'l2'
    ? { project: (v) => projectL2ScaleClip(v, x, epsilon), direction: normalizeL2 }
    : { project: (v) => tf.minimum(tf.maximum(v, box.lo), box.hi), direction: tf.sign };
  let s: ApgdState | null = null;
  try {
    s = start(lossAt, x, y, epsilon, seed, options.start ?? 'random', norm);
    options.onStep?.(0, s);
    for (let i = 0; i < steps; i++) {
      const at = checkpoints.indexOf(i + 1);
      const window = at < 0 ? 0 : checkpoints[at] - (at === 0 ? 0 : checkpoints[at - 1]);
      const current: ApgdState = s;
      s = replace(current, tf.tidy(() => step(lossAt, geometry, y, current, { rho, momentum: i === 0 ? 1 : 0.75, window })));
      options.onStep?.(i + 1, s);
    }
  } catch (error) {
    if (s) tf.dispose(tensorsOf(s));
    throw error;
  } finally {
    tf.dispose([box.lo, box.hi]);
  }
  const { xBest, lossBest, xBestAdv, fooled } = s;
  const kept = new Set<tf.Tensor>([xBest, lossBest, xBestAdv, fooled]);
  tf.dispose(tensorsOf(s).filter((t) => !kept.has(t)));
  return { xBest, lossBest, xBestAdv, fooled };
}

/** The norm's projection onto the ε-ball ∩ [0, 1] and its unit ascent direction. */
interface Geometry {
  project: (v: tf.Tensor) => tf.Tensor;
  direction: (gradient: tf.Tensor) => tf.Tensor;
}

/**
 * One iteration; `window` > 0 makes it a checkpoint looking back over that many steps.
 * `geometry` is the threat model's projection and step direction.
 */
function step(lossAt: LossAt, geometry: Geometry, y: tf.Tensor1D, s: ApgdState, o: { rho: number; momentum: number; window: number }): ApgdState {
  const a = o.momentum;
  const { project } = geometry;
  const eta = tf.reshape(s.eta, [s.eta.shape[0], ...s.xAdv.shape.slice(1).map(() => 1)]); // broadcasts over each input
  const z = project(tf.add(s.xAdv, tf.mul(eta, geometry.direction(s.grad))));
  const xNew = project(tf.add(tf.add(s.xAdv, tf.mul(a, tf.sub(z, s.xAdv))), tf.mul(1 - a, tf.sub(s.xAdv, s.xOld))));
  const { wrong, loss, grad } = evaluate(lossAt, xNew, y);
  const firstWrong = tf.logicalAnd(wrong, tf.logicalNot(s.fooled)) as tf.Tensor1D;
  const improved = tf.greater(loss, s.lossBest) as tf.Tensor1D;
  const next: ApgdState = {
    ...s,
    xAdv: xNew,
    xOld: s.xAdv,
    grad,
    xBestAdv: tf.where(expandMask(firstWrong, xNew), xNew, s.xBestAdv),
    fooled: tf.logicalOr(s.fooled, wrong) as tf.Tensor1D,
    xBest: tf.where(expandMask(improved, xNew), xNew, s.xBest),
    gradBest: tf.where(expandMask(improved, grad), grad, s.gradBest),
    lossBest: tf.where(improved, loss, s.lossBest) as tf.Tensor1D,
    lossPrev: loss,
    rises: tf.add(s.rises, tf.cast(tf.greater(loss, s.lossPrev), 'float32')) as tf.Tensor1D,
  };
  if (o.window === 0) return next;

  // The checkpoint: halve η and go back to the best point where the window went badly.
  const reduce = shouldReduce({ ...next, reducedLastCheck: s.reducedLastCheck, lossBestLastCheck: s.lossBestLastCheck }, o.window, o.rho);
  return {
    ...next,
    eta: tf.where(reduce, tf.div(s.eta, 2), s.eta) as tf.Tensor1D,
    xAdv: tf.where(expandMask(reduce, xNew), next.xBest, xNew),
    grad: tf.where(expandMask(reduce, grad), next.gradBest, grad),
    rises: tf.zerosLike(next.rises) as tf.Tensor1D,
    lossBestLastCheck: next.lossBest,
    reducedLastCheck: reduce,
  };
}

/**
 * The checkpoint condition, per example: at most ρ·window of the window's steps raised the loss
 * (`rises`), or η was not halved at the previous checkpoint and the best loss has not improved
 * since. True means: halve η and restart from the best point.
 */
export function shouldReduce(
  s: Pick<ApgdState, 'rises' | 'reducedLastCheck' | 'lossBestLastCheck' | 'lossBest'>,
  window: number,
  rho: number,
): tf.Tensor1D {
  return tf.tidy(() => {
    const oscillating = tf.lessEqual(s.rises, window * rho);
    const stalled = tf.logicalAnd(tf.logicalNot(s.reducedLastCheck), tf.greaterEqual(s.lossBestLastCheck, s.lossBest));
    return tf.logicalOr(oscillating, stalled) as tf.Tensor1D;
  });
}

/** An independent seed for run `name` (a restart, a target class); `seed` itself for the first. */
export function runSeed(seed: number, name: string, first: boolean): number {
  return first ? seed : new Rng(seed).fork(`apgd-${name}`).seed();
}

/**
 * One APGD run on the points (xs, ys) with `loss` (already resolved) and, for targeted DLR, a
 * target class per point; returns the points' adversarial inputs (the first misclassified
 * iterate, else the best) and which the run left correct.
 */
export async function apgdOnPoints(
  model: Classifier,
  xs: tf.Tensor,
  ys: tf.Tensor1D,
  loss: AttackLoss,
  target: tf.Tensor1D | null,
  options: ApgdRunOptions & { trace?: LossTrace },
): Promise<Pick<AttackResult, 'xAdv' | 'advCorrect'>> {
  const lossAt: LossAt = (input) => {
    const logits = model(input);
    return { logits, loss: attackLoss(loss, logits, ys, target) };
  };
  const { trace } = options;
  const history: tf.Tensor1D[] = [];
  const onStep: ApgdRunOptions['onStep'] = trace
    ? (done, state) => {
        history.push(state.lossBest.clone());
        options.onStep?.(done, state);
      }
    : options.onStep;
  let run: ReturnType<typeof apgdRun>;
  try {
    run = apgdRun(lossAt, xs, ys, { ...options, onStep });
  } catch (error) {
    tf.dispose(history);
    throw error;
  }
  const xAdv = tf.tidy(() => tf.where(expandMask(run.fooled, run.xBest), run.xBestAdv, run.xBest));
  const fooled = await run.fooled.data();
  if (trace) {
    const stood = tf.tidy(() => tf.logicalNot(run.fooled) as tf.Tensor1D);
    await trace.add(history, stood);
    tf.dispose([stood, ...history]);
  }
  tf.dispose([run.xBest, run.lossBest, run.xBestAdv, run.fooled]);
  return { xAdv, advCorrect: Uint8Array.from(fooled, (f) => (f ? 0 : 1)) };
}

/**
 * APGD with R restarts on (x, y) (int32 labels). Clean-misclassified points are not attacked;
 * the result has the shape every attack shares. The loss that really runs is
 * `resolveLoss(loss, C)`.
 */
export async function apgd(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, options: ApgdOptions): Promise<AttackResult> {
  const { restarts = 1, steps, seed } = options;
  if (options.loss === 'dlr-targeted' && !options.target) {
    throw new AttackLossError('APGD with the targeted DLR loss needs `target`, a class per example');
  }
  const { cleanCorrect, numClasses } = await cleanPass(model, x, y);
  const loss = resolveLoss(options.loss ?? 'ce', numClasses);
  const standing = new Standing(x, cleanCorrect);
  try {
    for (let r = 0; r < restarts; r++) {
      await standing.attack(x, y, async (xs, ys, at) => {
        const target = loss === 'dlr-targeted' ? tf.gather(options.target!, at) : null;
        try {
          const onStep = (done: number) => options.onProgress?.(r * steps + done, restarts * steps);
          const trace = r === 0 ? options.trace : undefined;
          return await apgdOnPoints(model, xs, ys, loss, target, { ...options, seed: runSeed(seed, `restart-${r}`, r === 0), onStep, trace });
        } finally {
          target?.dispose();
        }
      });
    }
    return standing.result();
  } catch (error) {
    standing.dispose();
    throw error;
  }
}
