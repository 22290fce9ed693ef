import { useConfig } from '../state/config';
import { runActive, useRun } from '../state/run';
import { selectEngineBusy, useStore } from '../state/store';

/** Train / Pause–Resume / Step / Stop / Reset. Space toggles pause (see App). */
export function RunControls() {
  const status = useRun((s) => s.status);
  const backend = useRun((s) => s.backend);
  const { train, pause, resume, step, stop } = useRun.getState();
  const reset = useStore((s) => s.reset);
  const invalid = useConfig((s) => s.issues.length > 0);
  // One job on the engine at a time: a run, a τ sweep or the detector.
  const engineBusy = useStore(selectEngineBusy);
  const active = runActive(status);
  const pausedish = status === 'paused' || status === 'pausing';
  return (
    <div className="run-controls" role="group" aria-label="Run controls">
      <button
        type="button"
        className="primary"
        onClick={() => void train(useConfig.getState().config)}
        disabled={engineBusy !== null || !backend || invalid}
        title={invalid ? 'Fix the settings marked in red first' : undefined}
      >
        Train
      </button>
      <button type="button" onClick={pausedish ? resume : pause} disabled={!active} aria-keyshortcuts="Space">
        {pausedish ? 'Resume' : 'Pause'}
      </button>
      <button type="button" onClick={step} disabled={status !== 'paused'} title="While paused: train one batch, then pause again">
        Step
      </button>
      <button type="button" onClick={stop} disabled={!active}>
        Stop
      </button>
      <button type="button" onClick={reset}>
        Reset
      </button>
      <span className="run-status" aria-live="polite">
        {STATUS_TEXT[status]}
      </span>
    </div>
  );
}

const STATUS_TEXT: Record<string, string> = {
  idle: 'Ready',
  running: 'Training…',
  pausing: 'Pausing at the next batch…',
  paused: 'Paused',
  done: 'Finished',
  error: 'Stopped by an error',
};
