/**
 * The guided tour of presentation mode: a list of steps a teacher walks through with the arrow
 * keys, each with what to look for. It is built over a small step type so that any list of
 * named settings can be toured; until the page has presets, it tours the page's main views.
 *
 * To tour the presets instead (src/shared/presets.ts, each `{ id, name, query, lookFor }`):
 * `import { PRESETS } from '../../shared/presets';` and set `TOUR = presetTour(PRESETS)` below.
 */
import type { PresentChartId } from './charts';

/** Settings to show, by name: a query in the page's URL form ("method=ltd&tau=5"), empty for "keep the settings". */
export interface TourItem {
  id: string;
  name: string;
  /** The settings as a URL query (the page's own encoding); '' keeps the current settings. */
  query: string;
  /** One or two sentences on what the room should watch for. */
  lookFor: string;
}

/** A step of the tour: an item, and the chart put on stage when the step opens (none: leave the chart as it is). */
export interface TourStep extends TourItem {
  chart?: PresentChartId;
}

/**
 * The page's main views in the order a lesson goes: the three numbers, how they evolve, whether
 * they can be trusted, and why a temperature helps. Honest about scale: on 2-D toy data the
 * methods agree within about a point (DESIGN.md §5), so the τ story needs image data.
 */
export const PAGE_TOUR: readonly TourStep[] = [
  {
    id: 'numbers', name: 'The three numbers', query: '', chart: 'accuracy',
    lookFor:
      'Natural accuracy is measured on clean test points; robust accuracy under a white-box attack, named beside it; Square is a ' +
      'black-box attack that never sees gradients. If Square leaves fewer points correct than the white-box attack, the gradients are lying.',
  },
  {
    id: 'accuracy', name: 'Accuracy per epoch', query: '', chart: 'accuracy',
    lookFor:
      'Natural accuracy (dark line) and robust accuracy (orange) after each student epoch. Robust training costs natural accuracy; a ' +
      'good τ gives some of it back. On 2-D toy data the methods agree within about a point: the effect of τ needs image data.',
  },
  {
    id: 'epsilon', name: 'Robust accuracy as ε grows', query: '', chart: 'epsilon',
    lookFor:
      'Run the detector first. Robust accuracy must fall as ε grows and reach about zero for a large ε; a curve that flattens out, or ' +
      'Square below the white-box curve, is a sign of gradient masking.',
  },
  {
    id: 'verdict', name: 'Can the robust number be trusted?', query: '', chart: 'epsilon',
    lookFor:
      'The detector’s verdict: clean, suspected or masked. Too hot a τ (the paper’s τ ≥ 15) or defensive distillation saturates the ' +
      'softmax; the white-box number then looks robust while Square finds the adversarial examples.',
  },
  {
    id: 'discrepancy', name: 'How far from the truth are the labels?', query: '', chart: 'discrepancy',
    lookFor:
      'G(Z), the paper’s Eq. 7: how far the model’s probabilities are from the true class probabilities, known exactly on blobs. ' +
      'One-hot labels are infinitely far wherever classes overlap; soft labels at a moderate τ come closer.',
  },
  {
    id: 'data', name: 'The data the model learns', query: '', chart: 'data',
    lookFor: 'The training data and, on 2-D sets, the student’s decision regions: robust training pushes the boundary away from the points.',
  },
];

/** A tour over named settings (the presets): each step keeps the accuracy chart on stage. */
export function presetTour(items: readonly TourItem[]): TourStep[] {
  return items.map(({ id, name, query, lookFor }) => ({ id, name, query, lookFor, chart: 'accuracy' }));
}

/** The tour presentation mode walks through. */
export const TOUR: readonly TourStep[] = PAGE_TOUR;

/** The step `delta` away from `index` among `count` steps, held at the first and the last (a tour has ends). */
export function tourStep(index: number, count: number, delta: number): number {
  if (count <= 0) return 0;
  return Math.min(count - 1, Math.max(0, index + delta));
}
