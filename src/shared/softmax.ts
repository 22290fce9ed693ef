/**
 * softmax(v / τ) and KL divergence on plain number arrays. No tfjs: the page imports this to
 * turn the teacher's logits (sent once by the worker) into soft labels at whatever τ the slider
 * holds, without a round trip to the worker.
 */

/**
 * softmax(logits / τ) (paper Eq. 5), computed as exp((v − max v)/τ) / Σ so that logits of any
 * size (1e3, 1e6) neither overflow nor underflow to 0/0.
 *
 * @param logits  one example's logits, one per class
 * @param tau     temperature, > 0: 1 leaves the logits as they are, larger flattens the labels
 *                towards uniform, smaller sharpens them towards the arg-max one-hot
 */
export function softmax(logits: ArrayLike<number>, tau = 1): number[] {
  if (!(tau > 0)) throw new RangeError(`softmax: the temperature must be > 0, got ${tau}`);
  let max = -Infinity;
  for (let c = 0; c < logits.length; c++) max = Math.max(max, logits[c]);
  const out = Array.from(logits, (v) => Math.exp((v - max) / tau));
  const sum = out.reduce((a, b) => a + b, 0);
  return out.map((v) => v / sum);
}

/**
 * KL(p ‖ q) = Σ p_c log(p_c / q_c) in nats, with 0 · log(0/q) = 0 and +∞ where q_c = 0 < p_c
 * (a one-hot label against a posterior that doubts it).
 *
 * @param p  the reference distribution (for paper Eq. 7, the oracle posterior)
 * @param q  the distribution measured against it (a label or a model's softmax)
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new RangeError(`klDivergence: ${p.length} vs ${q.length} classes`);
  let sum = 0;
  for (let c = 0; c < p.length; c++) {
    if (p[c] > 0) sum += p[c] * (Math.log(p[c]) - Math.log(q[c]));
  }
  return sum;
}
