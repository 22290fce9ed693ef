/**
 * The losses of DESIGN.md §1 written a second time, in plain float64 JavaScript, for tests:
 * finite differences of these are accurate to ~1e-10, so they can judge tfjs's float32
 * gradients. Nothing in the engine imports this file.
 */

export type Matrix = number[][];

export function softmax64(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export function logSoftmax64(z: number[]): number[] {
  const m = Math.max(...z);
  const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
  return z.map((v) => v - lse);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function oneHot64(labels: number[], classes: number): Matrix {
  return labels.map((y) => Array.from({ length: classes }, (_, c) => (c === y ? 1 : 0)));
}

/** CE(Z, p) = −Σ p·log softmax(Z), batch mean. */
export function ce64(logits: Matrix, targets: Matrix): number {
  return mean(logits.map((z, i) => -logSoftmax64(z).reduce((a, l, c) => a + targets[i][c] * l, 0)));
}

/** KL(softmax(Z) ‖ softmax(Z')), batch mean. */
export function kl64(logits: Matrix, advLogits: Matrix): number {
  return mean(
    logits.map((z, i) => {
      const lp = logSoftmax64(z);
      const lq = logSoftmax64(advLogits[i]);
      return lp.reduce((a, l, c) => a + Math.exp(l) * (l - lq[c]), 0);
    }),
  );
}

export const soft64 = (teacher: Matrix, tau: number): Matrix => teacher.map((q) => softmax64(q.map((v) => v / tau)));
export const smooth64 = (targets: Matrix, s: number): Matrix => targets.map((t) => t.map((v) => (1 - s) * v + s / t.length));
export const scale64 = (m: Matrix, k: number): Matrix => m.map((r) => r.map((v) => v * k));

export const trades64 = (z: Matrix, zAdv: Matrix, targets: Matrix, lambda: number) => ce64(z, targets) + lambda * kl64(z, zAdv);
export const ltd64 = (z: Matrix, zAdv: Matrix, q: Matrix, tau: number, lambda: number) => trades64(z, zAdv, soft64(q, tau), lambda);
export const ltdPgdAt64 = (zAdv: Matrix, q: Matrix, tau: number) => ce64(zAdv, soft64(q, tau));
export const distill64 = (z: Matrix, q: Matrix, t: number) => ce64(scale64(z, 1 / t), soft64(q, t));

/** A smooth tiny network, logits = tanh(x·W1 + b1)·W2 + b2, for gradients w.r.t. inputs. */
export interface TinyNet {
  w1: Matrix;
  b1: number[];
  w2: Matrix;
  b2: number[];
}

export function tinyNet64(net: TinyNet, x: Matrix): Matrix {
  const h = x.map((row) => net.b1.map((b, j) => Math.tanh(b + row.reduce((a, v, i) => a + v * net.w1[i][j], 0))));
  return h.map((row) => net.b2.map((b, k) => b + row.reduce((a, v, j) => a + v * net.w2[j][k], 0)));
}

/** Central finite differences of f at every entry of x: (f(x + h) − f(x − h)) / 2h. */
export function finiteDifferences(f: (x: Matrix) => number, x: Matrix, h = 1e-6): Matrix {
  return x.map((row, i) =>
    row.map((_, j) => {
      const plus = x.map((r) => [...r]);
      const minus = x.map((r) => [...r]);
      plus[i][j] += h;
      minus[i][j] -= h;
      return (f(plus) - f(minus)) / (2 * h);
    }),
  );
}

/** ‖a − b‖ / ‖b‖ over all entries. */
export function relativeError(a: Matrix, b: Matrix): number {
  let num = 0;
  let den = 0;
  a.forEach((row, i) =>
    row.forEach((v, j) => {
      num += (v - b[i][j]) ** 2;
      den += b[i][j] ** 2;
    }),
  );
  return Math.sqrt(num / den);
}

/**
 * The shared 2-example, 3-class batch of the loss tests, chosen so the softmaxes are simple
 * fractions: softmax(Z) = [1/8, 2/8, 5/8] and [3/5, 1/5, 1/5]; softmax(Z') = [1/3, 1/3, 1/3]
 * and [1/4, 1/4, 1/2]. Q is the teacher's logits, Y the labels.
 */
export const FIXTURE = {
  Z: [
    [0, Math.log(2), Math.log(5)],
    [Math.log(3), 0, 0],
  ] as Matrix,
  Z_ADV: [
    [0, 0, 0],
    [0, 0, Math.log(2)],
  ] as Matrix,
  Q: [
    [2, 0, 4],
    [6, 2, 0],
  ] as Matrix,
  Y: [2, 0],
};
