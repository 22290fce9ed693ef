/**
 * The guided tour of presentation mode: the steps a teacher walks through with the arrow keys,
 * each with what to look for. It opens on the three numbers, then takes one step per training
 * preset (src/shared/presets.ts; the τ sweep preset runs in its own panel): opening a preset's step sets the page up for it (tour-settings.ts),
 * so Train and Run detector on the stage then show that preset's lesson.
 */
import { type Preset, TRAIN_PRESETS } from '../../shared/presets';
import type { PresentChartId } from './charts';

/** A step of the tour: what the room should watch for, the chart put on stage, and the preset it sets up, if any. */
export interface TourStep {
  id: string;
  name: string;
  /** One or two sentences on what the room should watch for. */
  lookFor: string;
  /** The chart put on stage when the step opens; none leaves the chart the teacher chose. */
  chart?: PresentChartId;
  /** The preset whose settings the step sets when it opens; none keeps the settings. */
  preset?: Preset;
}

/** The first step: what the three big numbers are, before any preset changes the settings. */
export const NUMBERS_STEP: TourStep = {
  id: 'numbers', name: 'The three numbers', chart: 'accuracy',
  lookFor:
    'Natural accuracy is measured on clean test points; robust accuracy under a white-box attack, named beside it; Square is a ' +
    'black-box attack that never sees gradients. If Square leaves fewer points correct than the white-box attack, the gradients are lying. ' +
    'Each next step sets up one preset: press Train, then Run detector.',
};

/** One step per preset, in the presets' order: its name, its sentence, the accuracy chart on stage. */
export function presetTour(presets: readonly Preset[]): TourStep[] {
  return presets.map((preset) => ({ id: preset.id, name: preset.name, lookFor: preset.look, chart: 'accuracy', preset }));
}

/** The tour presentation mode walks through: Train and Run detector on the stage, so the training presets. */
export const TOUR: readonly TourStep[] = [NUMBERS_STEP, ...presetTour(TRAIN_PRESETS)];

/** The step `delta` away from `index` among `count` steps, held at the first and the last (a tour has ends). */
export function tourStep(index: number, count: number, delta: number): number {
  if (count <= 0) return 0;
  return Math.min(count - 1, Math.max(0, index + delta));
}
