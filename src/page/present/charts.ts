/** The charts presentation mode shows one at a time, in the order next/previous walks through them. */
export const PRESENT_CHARTS = [
  { id: 'accuracy', name: 'Accuracy per epoch' },
  { id: 'epsilon', name: 'Robust accuracy as ε grows' },
  { id: 'discrepancy', name: 'Discrepancy G(Z)' },
  { id: 'learning-rate', name: 'Learning rate' },
  { id: 'data', name: 'Data' },
] as const;

export type PresentChartId = (typeof PRESENT_CHARTS)[number]['id'];

/** The chart `delta` away from `index` among `count`, wrapping round: the charts are a loop, not a sequence. */
export function chartAfter(index: number, count: number, delta: number): number {
  if (count <= 0) return 0;
  return (((index + delta) % count) + count) % count;
}
