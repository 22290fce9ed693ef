import { parseTemperatures } from '../engine/sweep-plan';
import { DraftNumber } from './controls/DraftNumber';
import { useConfig } from '../state/config';
import { useDetector } from '../state/detector';
import { useRun } from '../state/run';
import { sweepBusy, useSweep } from '../state/sweep';
import { TemperatureSweepChart } from './TemperatureSweepChart';
import { formatEta } from './TrainingProgress';
import { formatDecimal, formatDuration, formatPercent } from '../shared/format';
import { epsilonText } from './epsilon';

const STAGE_TEXT = { substitute: 'Substitute', student: 'Student', square: 'Square attack' } as const;

/** One LTD student per τ (paper's temperature ablation), optionally after finding τ_max (§4.2). */
export function TemperatureSweep() {
  const epsilon = useConfig((s) => s.config.epsilon);
  const dataset = useConfig((s) => s.config.dataset);
  const invalidConfig = useConfig((s) => s.issues.length > 0);
  const backend = useRun((s) => s.backend);
  const runStatus = useRun((s) => s.status);
  const detectorRunning = useDetector((s) => s.status === 'running');
  const { temperatures, includeSquare, findTauMax, squareQueries, status, progress, points, substitutes, tauMax, finishedSeconds, set, run, stop } =
    useSweep();
  const parsed = parseTemperatures(temperatures);
  const training = runStatus === 'running' || runStatus === 'pausing' || runStatus === 'paused';
  const busy = sweepBusy(status);
  const percent = Math.round(100 * (progress?.fraction ?? 0));
  const progressText = progress
    ? `${STAGE_TEXT[progress.stage]} τ = ${progress.tau} (${progress.index}/${progress.count}) · ${percent}% · ${
        status === 'done' && finishedSeconds !== null ? `done in ${formatDuration(finishedSeconds)}` : formatEta(progress.etaSeconds)
      }`
    : null;
  return (
    <section className="panel" role="region" aria-label="Temperature sweep">
      <h2>Temperature sweep</h2>
      <p className="detector-note">
        Trains the current settings as LTD once per τ, all from one teacher and the same seed, and measures each student’s
        natural, PGD and Square accuracy at ε = {epsilonText(epsilon, dataset)}. “Find τ_max first” trains cheap natural substitutes on the
        teacher’s soft labels (paper §4.2) and sweeps only τ up to the first whose natural accuracy falls 5 points below τ = 1’s.
      </p>
      <div className="detector-controls">
        <label>
          Temperatures
          <input type="text" className="taus" value={temperatures} onChange={(e) => set({ temperatures: e.target.value })}
            aria-invalid={!parsed.ok} aria-describedby={parsed.ok ? undefined : 'sweep-taus-error'} />
        </label>
        <label>
          <input type="checkbox" checked={includeSquare} onChange={(e) => set({ includeSquare: e.target.checked })} />
          Include Square attack
        </label>
        <DraftNumber label="Sweep Square queries" min={2} max={20000} value={squareQueries} disabled={!includeSquare}
          onChange={(queries) => queries !== null && set({ squareQueries: queries })} />
        <label>
          <input type="checkbox" checked={findTauMax} onChange={(e) => set({ findTauMax: e.target.checked })} />
          Find τ_max first
        </label>
        <button type="button" disabled={busy || training || detectorRunning || !backend || !parsed.ok || invalidConfig}
          onClick={() => void run(useConfig.getState().config)}>
          Run τ sweep
        </button>
        {busy && (
          <button type="button" onClick={stop}>
            Stop τ sweep
          </button>
        )}
      </div>
      {!parsed.ok && <p id="sweep-taus-error" className="field-error" aria-live="polite">{parsed.message}</p>}
      {(training || detectorRunning) && <p className="detector-note">Wait for the {training ? 'run' : 'detector'} to finish to run the sweep.</p>}
      {progressText && (
        <>
          <div role="progressbar" aria-label="Temperature sweep progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
            aria-valuetext={progressText} className="progress-track">
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <p className="progress-text">{status === 'stopped' ? `Stopped · ${progressText}` : progressText}</p>
        </>
      )}
      {tauMax && (
        <p className="caption" aria-label="τ_max">
          Substitutes (natural accuracy on {substitutes[0]?.testPoints ?? 0} test points):{' '}
          {substitutes.map((s) => `τ=${formatDecimal(s.tau)}: ${formatPercent(s.natAcc)}`).join(', ')}. τ_max ={' '}
          {tauMax.tauMax ?? 'none (no substitute fell below the threshold)'}; threshold {formatPercent(tauMax.threshold)} (τ=1:{' '}
          {formatPercent(tauMax.baseline)}). Robust sweep: {tauMax.taus.length > 0 ? tauMax.taus.join(', ') : 'no τ'}.
        </p>
      )}
      <TemperatureSweepChart points={points} />
    </section>
  );
}
