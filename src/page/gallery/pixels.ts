/**
 * Turning images (plain arrays from the worker) into RGBA bytes for a canvas's ImageData, and the
 * gain that stretches a tiny perturbation to the visible range. No DOM: testable in Node.
 */

/**
 * RGBA bytes of one `h × w × c` image, row-major like the data sets: one channel is grey, three
 * are RGB (any other count shows its first channel).
 *
 * @param values  the image, `h·w·c` values
 * @param shape   [h, w, c]
 * @param toByte  maps one value to 0–255 (bytes as they are; [0, 1] floats times 255; …)
 */
export function toRgba(values: ArrayLike<number>, shape: number[], toByte: (v: number) => number): Uint8ClampedArray<ArrayBuffer> {
  const [h, w, c] = shape;
  const out = new Uint8ClampedArray(h * w * 4);
  for (let p = 0; p < h * w; p++) {
    const first = toByte(values[p * c]);
    const rgb = c === 3 ? [first, toByte(values[p * c + 1]), toByte(values[p * c + 2])] : [first, first, first];
    out.set([...rgb, 255], 4 * p);
  }
  return out;
}

/** [0, 1] → 0–255. */
export const unitToByte = (v: number) => Math.round(255 * v);

/**
 * The factor k that maps the largest |δ| of the perturbations to the edge of the visible range
 * when δ is drawn as 0.5 + k·δ (grey is no change). 1 when nothing moved, so zeros stay grey.
 */
export function perturbationGain(perturbations: Array<ArrayLike<number>>): number {
  let max = 0;
  for (const p of perturbations) for (let i = 0; i < p.length; i++) max = Math.max(max, Math.abs(p[i]));
  return max > 0 ? 0.5 / max : 1;
}

/** A perturbation value δ drawn at gain k: grey (128) for 0, black / white at ∓0.5/k. */
export const perturbationToByte = (gain: number) => (delta: number) => Math.round(255 * (0.5 + gain * delta));
