import { ProgressFill } from '../ProgressFill';
import { RunControls } from '../run/RunControls';
import { TrainingProgress, formatEta } from '../run/TrainingProgress';
import { sweepBusy } from '../temperature-sweep/slice';
import { useStore } from '../store';

/** Examine the last run's student: the model the big numbers are about. */
function runDetectorOnStudent() {
  useStore.getState().detector.set({ role: 'student' });
  void useStore.getState().detector.run(useStore.getState().settings.config);
}

/**
 * Train and Run detector from the stage, so a lesson can run live: the page's own run controls
 * and progress, and the detector on the student with the budget set on the main page (or in the URL).
 */
export function PresentRunBar() {
  const runStatus = useStore.use.run.status();
  const hasStudent = useStore((s) => s.run.runs.some((r) => r.savedId === undefined && r.student.length > 0));
  const detector = useStore.use.detector.status();
  const stage = useStore((s) => s.detector.progress?.stage ?? '');
  const fraction = useStore((s) => s.detector.progress?.fraction ?? 0);
  const eta = useStore.use.detector.etaSeconds();
  const sweeping = useStore((s) => sweepBusy(s.temperatureSweep.status));
  const training = runStatus === 'running' || runStatus === 'pausing' || runStatus === 'paused';
  const percent = Math.round(100 * fraction);
  return (
    <section className="present-run" aria-label="Run">
      <RunControls />
      <TrainingProgress />
      <div className="present-detector">
        <button type="button" onClick={runDetectorOnStudent} disabled={!hasStudent || training || sweeping || detector === 'running'}>
          Run detector
        </button>
        {detector === 'running' ? (
          <div role="progressbar" aria-label="Detector progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
            aria-valuetext={`${stage} · ${percent}%`} className="progress-track">
            <ProgressFill percent={percent} />
          </div>
        ) : null}
        <p className="progress-text">
          {detector === 'running' ? `${stage} · ${percent}% · ${formatEta(eta)}` : hasStudent ? 'On the last run’s student.' : 'Train a student first.'}
        </p>
      </div>
    </section>
  );
}
