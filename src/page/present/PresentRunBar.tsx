import { ProgressFill } from '../ProgressFill';
import { useConfig } from '../settings/config';
import { useDetector } from '../detector/use-detector';
import { useRun } from '../run/use-run';
import { sweepBusy, useSweep } from '../temperature-sweep/use-sweep';
import { RunControls } from '../run/RunControls';
import { TrainingProgress, formatEta } from '../run/TrainingProgress';

/** Examine the last run's student: the model the big numbers are about. */
function runDetectorOnStudent() {
  useDetector.getState().set({ role: 'student' });
  void useDetector.getState().run(useConfig.getState().config);
}

/**
 * Train and Run detector from the stage, so a lesson can run live: the page's own run controls
 * and progress, and the detector on the student with the budget set on the main page (or in the URL).
 */
export function PresentRunBar() {
  const runStatus = useRun((s) => s.status);
  const hasStudent = useRun((s) => s.runs.some((r) => r.savedId === undefined && r.student.length > 0));
  const detector = useDetector((s) => s.status);
  const stage = useDetector((s) => s.progress?.stage ?? '');
  const fraction = useDetector((s) => s.progress?.fraction ?? 0);
  const eta = useDetector((s) => s.etaSeconds);
  const sweeping = useSweep((s) => sweepBusy(s.status));
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
