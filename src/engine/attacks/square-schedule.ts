/**
 * The geometry and schedule of the Square attack (Andriushchenko et al. 2020), as AutoAttack's
 * `square.py` sets them.
 */

/** How an input is seen as an h × w image with c channels. */
export interface SquareGeometry {
  h: number;
  w: number;
  c: number;
}

/**
 * Images ([h, w, c], tfjs's NHWC) are used as they are; a grey image [h, w] gets c = 1. A flat
 * vector [d] (the 2-D toy data) is a 1 × d image with one channel: every "square" then has
 * side 1, so each query re-draws the sign of one coordinate, and the vertical-stripe start is
 * a random corner of the ε-box.
 */
export function squareGeometry(inputShape: number[]): SquareGeometry {
  if (inputShape.length === 3) return { h: inputShape[0], w: inputShape[1], c: inputShape[2] };
  if (inputShape.length === 2) return { h: inputShape[0], w: inputShape[1], c: 1 };
  if (inputShape.length === 1) return { h: 1, w: inputShape[0], c: 1 };
  throw new Error(`square attack: inputs of shape [${inputShape.join(', ')}] are not supported (need [d], [h, w] or [h, w, c])`);
}

/**
 * p, the fraction of pixels a square covers at iteration `it` of a budget of `budget`
 * queries: AutoAttack's `p_selection`, halving p_init at fixed points of a 10 000-query
 * schedule rescaled to the budget (`resc_schedule=True`).
 */
export function pSelection(it: number, budget: number, pInit: number): number {
  const i = Math.floor((it / budget) * 10000);
  const steps: Array<[number, number]> = [
    [8000, 512], [6000, 256], [4000, 128], [2000, 64], [1000, 32], [500, 16], [200, 8], [50, 4], [10, 2],
  ];
  for (const [above, divisor] of steps) if (i > above) return pInit / divisor;
  return pInit;
}

/** Side of the square at that p: round(√(p·h·w)), at least 1 and at most the image's shorter side. */
export function squareSide(p: number, { h, w }: SquareGeometry): number {
  return Math.min(Math.max(Math.round(Math.sqrt(p * h * w)), 1), Math.min(h, w));
}

/** Queries per example, the start included (default 1000 for flat inputs, 5000 for images). */
export function defaultSquareQueries(inputShape: number[]): number {
  return inputShape.length === 1 ? 1000 : 5000;
}
