import { useAlerts } from '../../state/alerts';
import { applySettings } from './apply-settings';
import type { TourStep } from './tour';

/** Load a step's settings; any refused parameter is said in an alert that names it. */
function loadStepSettings(step: TourStep) {
  const refused = applySettings(step.query);
  if (refused.length > 0) useAlerts.getState().alert(`Settings of “${step.name}” refused, current values kept: ${refused.map((i) => i.message).join('; ')}`);
}

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
      {step.query && (
        <button type="button" className="primary" onClick={() => loadStepSettings(step)}>
          Use the settings of “{step.name}”
        </button>
      )}
    </section>
  );
}
