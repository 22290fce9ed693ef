import { useConfig } from '../state/config';
import { detectorEta, detectorExport, useDetector } from '../state/detector';
import { useRun } from '../state/run';
import { sweepBusy, useSweep } from '../state/sweep';
import type { ModelRole } from '../worker/api';
import { AttackBars } from './detector/AttackBars';
import { CheckList } from './detector/CheckList';
import { requestText, significanceText } from './detector/describe-report';
import { DraftNumber } from './controls/DraftNumber';
import { download } from './download';
import { formatEta } from './TrainingProgress';
import './detector/detector.css';
import { formatDuration, formatPercent } from '../shared/format';
import { epsilonText } from './epsilon';

const ROLES: Array<{ role: ModelRole; label: string }> = [
  { role: 'student', label: 'Student (last run)' },
  { role: 'teacher', label: 'Teacher (last run)' },
  { role: 'imported', label: 'Imported model' },
];

const VERDICT_TEXT = {
  clean: 'no sign of gradient masking: the white-box numbers can be trusted',
  suspected: 'one warning sign: read the failed check before trusting the PGD numbers',
  masked: 'the PGD numbers overstate robustness: gradients are hiding adversarial examples',
} as const;

/** Runs FGSM, PGD, Square and noise on one model and judges whether its robustness is real. */
export function DetectorPanel() {
  const epsilon = useConfig((s) => s.config.epsilon);
  const dataset = useConfig((s) => s.config.dataset);
  const runStatus = useRun((s) => s.status);
  const { role, subset, queries, status, progress, report, reportRequest, set, run, cancel } = useDetector();
  const eta = useDetector((s) => detectorEta(s));
  const training = runStatus === 'running' || runStatus === 'pausing' || runStatus === 'paused';
  const sweeping = useSweep((s) => sweepBusy(s.status));
  const percent = Math.round(100 * (progress?.fraction ?? 0));
  return (
    <section className="panel" role="region" aria-label="Gradient masking detector">
      <h2>Gradient masking detector</h2>
      <p className="detector-note">
        A defence can look robust because its gradients point nowhere (defensive distillation, too high τ). The detector
        attacks the same {subset} test points at ε = {epsilonText(epsilon, dataset)} with a white-box attack (PGD) and attacks that need no
        gradient (Square, random noise), and applies six warning signs. These are the settings of the next run; a report
        below states its own.
      </p>
      <div className="detector-controls">
        <label>
          Model to examine
          <select value={role} onChange={(e) => set({ role: e.target.value as ModelRole })}>
            {ROLES.map((r) => (
              <option key={r.role} value={r.role}>{r.label}</option>
            ))}
          </select>
        </label>
        <DraftNumber label="Detector subset" min={1} max={10000} value={subset} onChange={(n) => n !== null && set({ subset: n })} />
        <DraftNumber label="Square queries" min={2} max={20000} value={queries} optional placeholder="default"
          onChange={(n) => set({ queries: n })} />
        <button type="button" disabled={status === 'running' || training || sweeping} onClick={() => void run(useConfig.getState().config)}>
          Run detector
        </button>
        {status === 'running' && (
          <button type="button" onClick={cancel}>
            Cancel detector
          </button>
        )}
      </div>
      {training && <p className="detector-note">Wait for the run to finish (or stop it) to run the detector.</p>}
      {status === 'running' && (
        <div role="progressbar" aria-label="Detector progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
          aria-valuetext={`${progress?.stage ?? ''} · ${percent}%`} className="progress-track">
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
      )}
      {status === 'running' && <p className="progress-text">{progress?.stage} · {percent}% · {formatEta(eta)}</p>}
      {report && reportRequest && (
        <>
          <p className="verdict" role="status" aria-label="Detector verdict">
            Verdict: <span className={`verdict-word verdict-${report.verdict}`}>{report.verdict}</span> — {VERDICT_TEXT[report.verdict]}
          </p>
          <p className="detector-note">{requestText(reportRequest)}</p>
          <p className="thresholds">
            A check fails only if a gap is at least {report.thresholds.minGap} percentage points <em>and</em> significant
            ({significanceText(report.thresholds)}). Two attacks on the same {report.attacks.pgd.cleanCorrect} clean-correct of{' '}
            {report.subset} points are compared with McNemar&apos;s test on the points only one of them breaks; the unbounded attack
            and zero gradients with a one-sample binomial test. Natural accuracy on them: {formatPercent(report.cleanAccuracy)}. Took{' '}
            {formatDuration(report.seconds)}.
          </p>
          <AttackBars report={report} />
          <CheckList checks={report.checks} />
          <button
            type="button"
            onClick={() =>
              download(`detector-${report.verdict}.json`, JSON.stringify(detectorExport(report, reportRequest), null, 2), 'application/json')
            }
          >
            Export detector report
          </button>
        </>
      )}
    </section>
  );
}
