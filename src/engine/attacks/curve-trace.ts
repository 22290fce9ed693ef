/**
 * Convergence curves of the gradient attacks (Carlini et al. 2019 ask for success against
 * iterations): per iteration, the best loss so far and the points broken so far — "broken at any
 * iterate up to k", the same rule as the attacks' best-iterate return, so a line's last value is
 * what the attack reports. An attack logs each iterate's per-point loss and misclassification on
 * the device (`IterateLog`, no readback inside its loop); once per call the log is stacked and
 * read back in one go, and the running max and OR are taken on the host. Per-iteration [n]
 * vectors are small: K iterations of n points hold 2·K·n numbers.
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvergenceRecord } from '../../shared/curves';

/** Where an attack call adds its lines: the recorder, the base name of its lines and their group. */
export interface CurveHook {
  recorder: CurveRecorder;
  /** Base name of the lines ("PGD-20", "APGD-CE"); the attack adds " restart 2", " target 1". */
  name: string;
  group: string;
  /** Lines of the group run one after another on the points left standing (ConvergenceRecord.chain). */
  chain: boolean;
}

/** The same hook with another base name (a member of an ensemble, a target class). */
export const renamed = (hook: CurveHook | undefined, name: string): CurveHook | undefined => (hook ? { ...hook, name } : undefined);

export class CurveRecorder {
  private lines = new Map<string, ConvergenceRecord>();

  /** The lines in the order they first appeared (a chain's order). */
  records(): ConvergenceRecord[] {
    return [...this.lines.values()].map((r) => ({ ...r, lossSum: [...r.lossSum], broken: [...r.broken] }));
  }

  /** Add per-point host arrays of one line (`loss[k][i]`, `wrong[k][i]`, already cumulative or not) over the points `attacked` marks. */
  addHost(name: string, hook: Pick<CurveHook, 'group' | 'chain'>, loss: Float32Array[], wrong: Uint8Array[], attacked: Uint8Array | null): void {
    const line = this.lines.get(name) ?? { name, group: hook.group, chain: hook.chain, points: 0, lossSum: [], broken: [] };
    this.lines.set(name, line);
    const steps = loss.length;
    for (let k = line.lossSum.length; k < steps; k++) {
      line.lossSum.push(0);
      line.broken.push(0);
    }
    const n = steps === 0 ? 0 : loss[0].length;
    for (let i = 0; i < n; i++) {
      if (attacked && !attacked[i]) continue;
      line.points++;
      let best = -Infinity;
      let fooled = false;
      for (let k = 0; k < steps; k++) {
        if (loss[k][i] > best) best = loss[k][i];
        fooled ||= wrong[k][i] !== 0;
        line.lossSum[k] += best;
        if (fooled) line.broken[k]++;
      }
    }
  }
}

/**
 * An attack call's iterates, per run (a restart, a target class): `record` keeps a copy of the
 * iterate's per-point loss and misclassification (call it inside a tidy: the copies are kept
 * out of it); `flush` reads them all back at once and adds one line per run to the recorder, plus
 * with `union` a line that takes, at each k, the best over the runs (PGD's restarts side by side).
 */
export class IterateLog {
  private runs: Array<{ name: string; loss: tf.Tensor1D[]; wrong: tf.Tensor1D[] }> = [];

  constructor(readonly hook: CurveHook) {}

  record(run: number, name: string, loss: tf.Tensor1D, wrong: tf.Tensor1D): void {
    this.runs[run] ??= { name, loss: [], wrong: [] };
    // Own tidy, then kept: safe whether or not the caller is inside a tidy.
    this.runs[run].loss.push(tf.keep(tf.tidy(() => tf.cast(loss, 'float32').clone())) as tf.Tensor1D);
    this.runs[run].wrong.push(tf.keep(tf.tidy(() => tf.cast(wrong, 'int32'))) as tf.Tensor1D);
  }

  /** One readback for every run; `attacked` (1 = the point counts, e.g. clean-correct) is read with them. */
  async flush(attacked: tf.Tensor1D | null, union?: string): Promise<void> {
    const runs = this.runs.filter((r) => r && r.loss.length > 0);
    if (runs.length === 0) return this.dispose();
    const stacked = tf.tidy(() => runs.map((r) => [tf.stack(r.loss), tf.stack(r.wrong)]).flat());
    const mask = attacked ? tf.tidy(() => tf.cast(attacked, 'int32')) : null;
    try {
      const data = await Promise.all([...stacked.map((t) => t.data()), ...(mask ? [mask.data()] : [])]);
      const n = runs[0].loss[0].shape[0];
      const rows = <T extends Float32Array | Uint8Array>(flat: ArrayLike<number>, make: (v: ArrayLike<number>) => T) =>
        Array.from({ length: flat.length / n }, (_, k) => make(Array.prototype.slice.call(flat, k * n, (k + 1) * n)));
      const attackedHost = mask ? Uint8Array.from(data[stacked.length] as Int32Array) : null;
      const perRun = runs.map((r, j) => ({
        name: r.name,
        loss: rows(data[2 * j], (v) => Float32Array.from(v)),
        wrong: rows(data[2 * j + 1], (v) => Uint8Array.from(v)),
      }));
      for (const r of perRun) this.hook.recorder.addHost(r.name, this.hook, r.loss, r.wrong, attackedHost);
      if (union && perRun.length > 1) {
        // At each k: the best loss any run reached by its k-th iterate, and broken by any run by then.
        const steps = Math.min(...perRun.map((r) => r.loss.length));
        const loss = Array.from({ length: steps }, (_, k) => Float32Array.from({ length: n }, (_, i) => Math.max(...perRun.map((r) => bestUpTo(r.loss, k, i)))));
        const wrong = Array.from({ length: steps }, (_, k) => Uint8Array.from({ length: n }, (_, i) => (perRun.some((r) => r.wrong[k][i]) ? 1 : 0)));
        this.hook.recorder.addHost(union, this.hook, loss, wrong, attackedHost);
      }
    } finally {
      tf.dispose([...stacked, ...(mask ? [mask] : [])]);
      this.dispose();
    }
  }

  /** Free the kept copies (an attack that throws calls this). */
  dispose(): void {
    tf.dispose(this.runs.flatMap((r) => (r ? [...r.loss, ...r.wrong] : [])));
    this.runs = [];
  }
}

function bestUpTo(loss: Float32Array[], k: number, i: number): number {
  let best = -Infinity;
  for (let j = 0; j <= k; j++) if (loss[j][i] > best) best = loss[j][i];
  return best;
}
