/**
 * APGD's checkpoints (Croce & Hein 2020, §3.2): the iterations after which the step size may be
 * halved. The paper writes them as fractions of the budget N, p₀ = 0, p₁ = 0.22,
 * p_{j+1} = p_j + max(p_j − p_{j−1} − 0.03, 0.06); AutoAttack's `autopgd_base.py` runs them as
 * integers — a first window of n_iter_2 = max(⌊0.22·N⌋, 1) iterations, each next window
 * size_decr = max(⌊0.03·N⌋, 1) shorter, never shorter than n_iter_min = max(⌊0.06·N⌋, 1).
 * This file is that integer schedule. No tfjs: a pure function of N.
 */

/** The window lengths of the reference code for a budget of `steps` iterations. */
export function apgdWindows(steps: number): { first: number; min: number; decrease: number } {
  return {
    first: Math.max(Math.floor(0.22 * steps), 1),
    min: Math.max(Math.floor(0.06 * steps), 1),
    decrease: Math.max(Math.floor(0.03 * steps), 1),
  };
}

/**
 * The checkpoints of an APGD run of `steps` iterations: after how many iterations (1-based, ≤ steps)
 * the step-size check runs. The window a check looks back over is the distance to the previous
 * checkpoint (to 0 for the first). For N = 100: 22, 41, 57, 70, 80, 87, 93, 99.
 */
export function apgdCheckpoints(steps: number): number[] {
  const { first, min, decrease } = apgdWindows(steps);
  const checkpoints: number[] = [];
  let window = first;
  for (let at = window; at <= steps; at += window) {
    checkpoints.push(at);
    window = Math.max(window - decrease, min);
  }
  return checkpoints;
}
