import { selectEngineBusy, useStore } from '../store';
import { RepeatsSelect } from '../RepeatsSelect';
import { currentRun, runActive } from './slice';

/** Train (once, or at 3 or 5 seeds in turn: Repeats) / Pause–Resume / Step / Stop / Reset. Space toggles pause (see App). */
export function RunControls() {
  const status = useStore.use.run.status();
  const backend = useStore.use.run.backend();
  const repeats = useStore.use.run.repeats();
  // The current run's place in a repeated Train (a stored object: a stable selection).
  const repeat = useStore((s) => currentRun(s.run.runs)?.repeat);
  const { train, pause, resume, step, stop, setRepeats } = useStore.getState().run;
  const reset = useStore((s) => s.reset);
  const invalid = useStore((s) => s.settings.issues.length > 0);
  // One job on the engine at a time: a run, a τ sweep or the detector.
  const engineBusy = useStore(selectEngineBusy);
  const active = runActive(status);
  const pausedish = status === 'paused' || status === 'pausing';
  return (
    <div className="run-controls" role="group" aria-label="Run controls">
      <button
        type="button"
        className="primary"
        onClick={() => void train(useStore.getState().settings.config)}
        disabled={engineBusy !== null || !backend || invalid}
        title={invalid ? 'Fix the settings marked in red first' : undefined}
      >
        Train
      </button>
      <RepeatsSelect value={repeats} onChange={setRepeats} disabled={active}
        title="Train the same settings at seeds seed, seed + 1, … one after another; the chart shows their mean and min–max" />
      <button type="button" onClick={pausedish ? resume : pause} disabled={!active} aria-keyshortcuts="Space">
        {pausedish ? 'Resume' : 'Pause'}
      </button>
      <button type="button" onClick={step} disabled={status !== 'paused'} title="While paused: train one batch, then pause again">
        Step
      </button>
      <button type="button" onClick={stop} disabled={!active} title={repeat && active ? 'Stops this run and the repeats still to come' : undefined}>
        Stop
      </button>
      <button type="button" onClick={reset}>
        Reset
      </button>
      <span className="run-status" aria-live="polite">
        {STATUS_TEXT[status]}
        {repeat && active && ` (seed ${repeat.seed}, run ${repeat.repeat} of ${repeat.repeats})`}
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
