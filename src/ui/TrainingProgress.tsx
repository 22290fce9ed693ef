import { useRun } from '../state/run';

export function formatEta(seconds: number | null): string {
  if (seconds === null) return 'estimating…';
  if (seconds < 60) return `${Math.ceil(seconds)} s left`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - 60 * minutes)} s left`;
}

const PHASE_TEXT = { teacher: 'Teacher', student: 'Student', evaluating: 'Evaluating' } as const;

/** Phase, epoch, batch and ETA of the running experiment. */
export function TrainingProgress() {
  const progress = useRun((s) => s.progress);
  const status = useRun((s) => s.status);
  const finishedIn = useRun((s) => s.finishedSeconds);
  const percent = Math.round(100 * (progress?.fraction ?? 0));
  const text = progress
    ? `${PHASE_TEXT[progress.phase]} · epoch ${progress.epoch} · batch ${progress.batch}/${progress.batches} · ${percent}% · ${
        status === 'done' && finishedIn !== null ? `done in ${Math.round(finishedIn)} s` : formatEta(progress.etaSeconds)
      }`
    : 'Not started';
  return (
    <div className="progress">
      <div
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="progress-track"
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-text">{text}</p>
    </div>
  );
}
