import { ProgressFill } from '../ProgressFill';
import { formatDuration } from '../../shared/format';
import { useStore } from '../store';

export function formatEta(seconds: number | null): string {
  if (seconds === null) return 'estimating…';
  // Whole seconds, rounded up: "0 s left" while work remains would be wrong.
  return `${formatDuration(Math.ceil(seconds))} left`;
}

const PHASE_TEXT = { teacher: 'Teacher', student: 'Student', evaluating: 'Evaluating' } as const;

/** Phase, epoch, batch and ETA of the running experiment. */
export function TrainingProgress() {
  const progress = useStore.use.run.progress();
  const status = useStore.use.run.status();
  const finishedIn = useStore.use.run.finishedSeconds();
  const percent = Math.round(100 * (progress?.fraction ?? 0));
  const text = progress
    ? `${PHASE_TEXT[progress.phase]} · epoch ${progress.epoch} · batch ${progress.batch}/${progress.batches} · ${percent}% · ${
        status === 'done' && finishedIn !== null ? `done in ${formatDuration(finishedIn)}` : formatEta(progress.etaSeconds)
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
        <ProgressFill percent={percent} />
      </div>
      <p className="progress-text">{text}</p>
    </div>
  );
}
