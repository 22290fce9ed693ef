/**
 * The one sampler of the 2-D toys: balanced classes, each point drawn as a noiseless point of
 * its class plus isotropic Gaussian noise, redrawn until it lies in [0, 1]² so that every
 * input is a valid attack input.
 */
import type { Rng } from '../../shared/rng';
import type { Split } from './types';

/**
 * `n` points, class `i mod classes` for point i. `centre(c, rng)` gives the noiseless point
 * of class c (it may draw from `rng`, e.g. a position along a curve); `noise` is the standard
 * deviation added to both coordinates.
 */
export function sampleInSquare(
  rng: Rng,
  n: number,
  classes: number,
  noise: number,
  centre: (c: number, rng: Rng) => [number, number],
): Split {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    let px: number, py: number;
    do {
      const [cx, cy] = centre(c, rng);
      px = cx + noise * rng.normal();
      py = cy + noise * rng.normal();
    } while (px < 0 || px > 1 || py < 0 || py > 1);
    x[2 * i] = px;
    x[2 * i + 1] = py;
    y[i] = c;
  }
  return { x, y, n };
}
