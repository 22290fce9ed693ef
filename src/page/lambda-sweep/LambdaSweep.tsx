import { ProgressFill } from '../ProgressFill';
import { selectEngineBusy, useStore } from '../store';
import { DraftNumber } from '../settings/DraftNumber';
import { LambdaSweepChart } from './LambdaSweepChart';
import { formatEta } from '../run/TrainingProgress';
import { formatDuration } from '../../shared/format';
import { epsilonText } from '../epsilon';
import { RepeatsSelect } from '../RepeatsSelect';
import { repeatText } from '../charts/sweep-series';
import { lambdaGroups, parseLambdas } from './slice';
import { sweepBusy } from '../temperature-sweep/slice';

/** Paper Tables 5–6: one LTD student per λ at the current τ, one teacher, TRADES as the reference row. */
export function LambdaSweep() {
  const epsilon = useStore((s) => s.settings.config.epsilon);
  const dataset = useStore((s) => s.settings.config.dataset);
  const norm = useStore((s) => s.settings.config.norm);
  const tau = useStore((s) => s.settings.config.tau);
  const invalidConfig = useStore((s) => s.settings.issues.length > 0);
  const backend = useStore.use.run.backend();
  const engineBusy = useStore(selectEngineBusy);
  const lambdas = useStore.use.lambdaSweep.lambdas();
  const includeSquare = useStore.use.lambdaSweep.includeSquare();
  const squareQueries = useStore.use.lambdaSweep.squareQueries();
  const repeats = useStore.use.lambdaSweep.repeats();
  const status = useStore.use.lambdaSweep.status();
  const progress = useStore.use.lambdaSweep.progress();
  const groups = useStore((s) => lambdaGroups(s.lambdaSweep.points));
  const finishedSeconds = useStore.use.lambdaSweep.finishedSeconds();
  const { set, run, stop } = useStore.getState().lambdaSweep;
  const parsed = parseLambdas(lambdas);
  const percent = Math.round(100 * (progress?.fraction ?? 0));
  const progressText = progress
    ? `${progress.method === 'ltd' ? 'LTD' : 'TRADES'} λ = ${progress.lambda} (${progress.index}/${progress.count})${repeatText(progress)} · ${percent}% · ${
        status === 'done' && finishedSeconds !== null ? `done in ${formatDuration(finishedSeconds)}` : formatEta(progress.etaSeconds)
      }`
    : null;
  return (
    <section className="panel" role="region" aria-label="Lambda sweep">
      <h2>λ sweep</h2>
      <p className="detector-note">
        Paper Tables 5–6: trains the current settings as LTD once per λ at τ = {tau}, all from one teacher and the same seed,
        then TRADES at the current λ as the reference row, and measures each student’s natural, white-box (the Evaluation
        attack) and Square accuracy at ε = {epsilonText(epsilon, dataset, norm)} on the test set. λ weighs the robustness term
        KL(softmax(Z(x)) ‖ softmax(Z(x′))) against the soft-label term. “Repeats” trains every row again at seeds seed + 1, … and
        shows the mean and spread.
      </p>
      <div className="detector-controls">
        <label>
          Lambdas
          <input type="text" className="taus" value={lambdas} onChange={(e) => set({ lambdas: e.target.value })}
            aria-invalid={!parsed.ok} aria-describedby={parsed.ok ? undefined : 'lambda-sweep-error'} />
        </label>
        <label>
          <input type="checkbox" checked={includeSquare} onChange={(e) => set({ includeSquare: e.target.checked })} />
          Include Square attack in the λ sweep
        </label>
        <DraftNumber label="λ sweep Square queries" min={2} max={20000} value={squareQueries} disabled={!includeSquare}
          onChange={(queries) => queries !== null && set({ squareQueries: queries })} />
        <RepeatsSelect value={repeats} onChange={(r) => set({ repeats: r })} />
        <button type="button" disabled={engineBusy !== null || !backend || !parsed.ok || invalidConfig}
          onClick={() => void run(useStore.getState().settings.config)}>
          Run λ sweep
        </button>
        {sweepBusy(status) && (
          <button type="button" onClick={stop}>
            Stop λ sweep
          </button>
        )}
      </div>
      {!parsed.ok && <p id="lambda-sweep-error" className="field-error" aria-live="polite">{parsed.message}</p>}
      {progressText && (
        <>
          <div role="progressbar" aria-label="Lambda sweep progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
            aria-valuetext={progressText} className="progress-track">
            <ProgressFill percent={percent} />
          </div>
          <p className="progress-text">{status === 'stopped' ? `Stopped · ${progressText}` : progressText}</p>
        </>
      )}
      <LambdaSweepChart groups={groups} />
    </section>
  );
}
