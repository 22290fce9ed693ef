import type { Preset } from '../../shared/presets';
import { activePresetId, applyPreset, presetSettings, presetsWait, usePresetSize } from '../presets/apply-preset';
import { selectEngineBusy, useStore } from '../store';
import { describePreset } from '../presets/describe-preset';
import type { TourStep } from './tour';

interface TourPanelProps {
  steps: readonly TourStep[];
  index: number;
  onMove: (delta: number) => void;
}

/**
 * The guided tour: step k of n, its name and what to look for, Back and Next (← and → do the
 * same). At either end the button stays focusable but does nothing, so focus is never lost.
 */
export function TourPanel({ steps, index, onMove }: TourPanelProps) {
  const step = steps[index];
  const first = index === 0;
  const last = index === steps.length - 1;
  return (
    <section className="present-tour" aria-label="Guided tour">
      <div className="present-bar">
        <button type="button" onClick={() => onMove(-1)} aria-disabled={first} aria-keyshortcuts="ArrowLeft PageUp">
          Back
        </button>
        <p className="present-bar-text" aria-live="polite">
          Step {index + 1} of {steps.length}: {step.name}
        </p>
        <button type="button" onClick={() => onMove(1)} aria-disabled={last} aria-keyshortcuts="ArrowRight PageDown">
          Next
        </button>
      </div>
      <p className="present-look-for">{step.lookFor}</p>
      {step.preset && <PresetSettings preset={step.preset} />}
    </section>
  );
}

/**
 * Whether the page holds the step's preset (its step set it on opening), with what it set; else
 * why not and a button that sets it. The button stays in place, only marked disabled, so focus
 * is not lost when pressing it makes it pointless.
 */
function PresetSettings({ preset }: { preset: Preset }) {
  const holds = useStore((s) => activePresetId(s.settings.config) === preset.id);
  const waits = presetsWait(useStore(selectEngineBusy));
  const size = usePresetSize();
  const { config, budget } = presetSettings(preset, size);
  const said = holds
    ? `Set: ${describePreset(config, budget)} Press Train, then Run detector.`
    : waits
      ? 'A run or a sweep is in progress: this preset’s settings wait until it ends.'
      : 'The page holds other settings now.';
  return (
    <>
      <p className="caption" role="status" aria-label="Tour settings">{said}</p>
      <button type="button" className="primary" aria-disabled={holds || waits} onClick={() => !holds && !waits && applyPreset(preset, size)}>
        Use the settings of “{preset.name}”
      </button>
    </>
  );
}
