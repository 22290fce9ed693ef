/**
 * Setting the page up for a tour step's preset: exactly what its button in the Presets region
 * does (presets/apply-preset.ts) — every setting, the detector's budget and the address. Not while a
 * run or a sweep is in progress, for the same reason the Presets buttons wait then: the settings
 * on screen would no longer be the ones that run is using.
 */
import { selectEngineBusy, useStore } from '../store';
import { applyPreset, presetsWait } from '../presets/apply-preset';
import type { TourStep } from './tour';

/**
 * Set `step`'s preset now, unless a run or a sweep is in progress. Returns whether the settings
 * changed; a step without a preset changes nothing.
 */
export function openStepSettings(step: TourStep): boolean {
  if (!step.preset || presetsWait(selectEngineBusy(useStore.getState()))) return false;
  applyPreset(step.preset);
  return true;
}
