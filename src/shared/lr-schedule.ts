/**
 * Where the piecewise schedule drops the learning rate, as plain numbers (the engine's schedule
 * and the page's captions both read it). The paper steps ×0.1 after epochs 80 and 100 of 120;
 * scaled to a short run, plain rounding put both drops after the same epoch (4 epochs:
 * round(⅔·4) = round(⅚·4) = 3, so the last epoch trained at 1 % of the rate and none at 10 %).
 * Here each drop falls after its own epoch and both fall inside the run, so every stage of the
 * paper's schedule — full rate, 10 %, 1 % — gets at least one epoch once there are three.
 */

/** The paper's steps as fractions of the run: ×0.1 after epoch 80 and again after 100, of 120. */
export const PIECEWISE_MILESTONES = [80 / 120, 100 / 120] as const;
export const PIECEWISE_FACTOR = 0.1;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Epochs (1-based) after which the piecewise schedule multiplies the rate by 0.1, for a run of
 * `epochs`: round(⅔·E) and round(⅚·E) (Math.round, halves up), then moved apart where they
 * meet — the second kept before the last epoch, the first before the second. Two epochs hold
 * one drop (after the first), one epoch none.
 */
export function piecewiseMilestones(epochs: number): number[] {
  if (epochs < 2) return [];
  if (epochs === 2) return [1];
  const [first, second] = PIECEWISE_MILESTONES.map((fraction) => Math.round(fraction * epochs));
  const last = clamp(second, 2, epochs - 1);
  return [clamp(first, 1, last - 1), last];
}

/** Whether rounding moved a milestone from where ⅔·E and ⅚·E put it, so a caption can say so. */
export function milestonesMoved(epochs: number): boolean {
  const plain = PIECEWISE_MILESTONES.map((fraction) => Math.round(fraction * epochs));
  const used = piecewiseMilestones(epochs);
  return used.length !== plain.length || used.some((m, i) => m !== plain[i]);
}

/** The schedule in words for a run of `epochs`, e.g. "×0.1 after epochs 2 and 3 of 4". */
export function piecewiseText(epochs: number): string {
  const m = piecewiseMilestones(epochs);
  if (m.length === 0) return `no drop in a ${epochs}-epoch run`;
  const where = m.length === 1 ? `×0.1 after epoch ${m[0]} of ${epochs}` : `×0.1 after epochs ${m[0]} and ${m[1]} of ${epochs}`;
  const note = milestonesMoved(epochs)
    ? ' (⅔ and ⅚ of the run rounded to distinct epochs inside it)'
    : ' (⅔ and ⅚ of the run, as the paper’s 80 and 100 of 120)';
  return where + note;
}
