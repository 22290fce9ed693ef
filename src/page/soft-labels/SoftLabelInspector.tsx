import { useEffect } from 'react';
import { needsTeacher } from '../../shared/config';
import { SoftLabelCard } from './SoftLabelCard';
import './soft-labels.css';
import { currentRun } from '../run/slice';
import { useStore } from '../store';

/**
 * The teacher's soft labels softmax(q/τ) on a few test points, at the τ slider's current value,
 * beside the one-hot label and (on blobs) the oracle posterior: how τ flattens the labels.
 */
export function SoftLabelInspector() {
  const run = useStore((s) => currentRun(s.run.runs));
  const tau = useStore((s) => s.settings.config.tau);
  const sample = useStore.use.softLabels.sample();
  const sampleRunId = useStore.use.softLabels.runId();
  const error = useStore.use.softLabels.error();
  const load = useStore.use.softLabels.load();
  // The teacher exists once its last epoch is reported (or it was reused from the run before).
  const ready = run && needsTeacher(run.config.method) && (run.teacherCached || run.teacher.length >= run.config.teacherEpochs);
  const readyRunId = ready ? run.id : null;
  useEffect(() => {
    if (readyRunId !== null) void load(readyRunId);
  }, [readyRunId, load]);
  const shown = readyRunId !== null && sampleRunId === readyRunId ? sample : null;
  return (
    <section className="panel" role="region" aria-label="Soft labels">
      <h2>Soft labels</h2>
      <p className="caption">
        The teacher’s soft labels softmax(q/τ) at the Teacher temperature slider’s value (move it to see them flatten
        or sharpen), next to the one-hot label{shown?.points[0]?.oracle ? ' and the exact oracle posterior p(c | x)' : ''}.
        Half the points lie nearest the teacher’s decision boundary (smallest logit margin), half farthest from it.
      </p>
      {!ready && <p>Train an LTD run to see the teacher’s soft labels.</p>}
      {ready && error && <p>{error}</p>}
      {ready && !error && !shown && <p>Fetching the teacher’s logits…</p>}
      {shown && (
        <ul className="soft-points">
          {shown.points.map((point) => (
            <SoftLabelCard key={point.index} point={point} tau={tau} classNames={shown.classNames} />
          ))}
        </ul>
      )}
    </section>
  );
}
