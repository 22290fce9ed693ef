import { ProgressFill } from '../ProgressFill';
import { parseTemperatures } from '../../shared/temperature-plan';
import { DraftNumber } from '../settings/DraftNumber';
import { selectEngineBusy, useStore } from '../store';
import { ChosenTau } from './ChosenTau';
import { TemperatureSweepChart } from './TemperatureSweepChart';
import { PaperTable4 } from './PaperTable4';
import './temperature-sweep.css';
import { formatEta } from '../run/TrainingProgress';
import { formatDecimal, formatDuration, formatPercent } from '../../shared/format';
import { epsilonText } from '../epsilon';
import { RepeatsSelect } from '../RepeatsSelect';
import { repeatText } from '../charts/sweep-series';
import { sweepBusy, tauGroups } from './slice';

const STAGE_TEXT = { substitute: 'Substitute', student: 'Student', 'aa-lite': 'AA-lite', square: 'Square attack', test: 'Test set, chosen' } as const;

/** One LTD student per τ (paper's temperature ablation), optionally after finding τ_max (§4.2). */
export function TemperatureSweep() {
  const epsilon = useStore((s) => s.settings.config.epsilon);
  const dataset = useStore((s) => s.settings.config.dataset);
  const norm = useStore((s) => s.settings.config.norm);
  const invalidConfig = useStore((s) => s.settings.issues.length > 0);
  const backend = useStore.use.run.backend();
  const engineBusy = useStore(selectEngineBusy);
  const temperatures = useStore.use.temperatureSweep.temperatures();
  const includeSquare = useStore.use.temperatureSweep.includeSquare();
  const includeAaLite = useStore.use.temperatureSweep.includeAaLite();
  const findTauMax = useStore.use.temperatureSweep.findTauMax();
  const squareQueries = useStore.use.temperatureSweep.squareQueries();
  const repeats = useStore.use.temperatureSweep.repeats();
  const status = useStore.use.temperatureSweep.status();
  const progress = useStore.use.temperatureSweep.progress();
  const substitutes = useStore.use.temperatureSweep.substitutes();
  const tauMax = useStore.use.temperatureSweep.tauMax();
  const chosen = useStore.use.temperatureSweep.chosen();
  const finishedSeconds = useStore.use.temperatureSweep.finishedSeconds();
  const { set, run, stop } = useStore.getState().temperatureSweep;
  const groups = useStore((s) => tauGroups(s.temperatureSweep.points));
  const parsed = parseTemperatures(temperatures);
  const busy = sweepBusy(status);
  /** Another job on the engine, which the sweep waits for. */
  const waitFor = engineBusy === 'training' ? 'run' : engineBusy === 'detector' ? 'detector' : null;
  const percent = Math.round(100 * (progress?.fraction ?? 0));
  const progressText = progress
    ? `${STAGE_TEXT[progress.stage]} τ = ${progress.tau} (${progress.index}/${progress.count})${repeatText(progress)} · ${percent}% · ${
        status === 'done' && finishedSeconds !== null ? `done in ${formatDuration(finishedSeconds)}` : formatEta(progress.etaSeconds)
      }`
    : null;
  return (
    <section className="panel" role="region" aria-label="Temperature sweep">
      <h2>Temperature sweep</h2>
      <p className="detector-note">
        Trains the current settings as LTD once per τ, all from one teacher and the same seed, and measures each student’s
        natural, white-box (the Evaluation attack), AA-lite (when included) and Square accuracy at ε = {epsilonText(epsilon, dataset, norm)} on the test set,
        with its logit scale; “Repeats” trains it all
        again at seeds seed + 1, … and shows the mean and spread. “Two-step τ search” is paper §4.2 instead: it
        holds out 10 % of the training points as a validation split, trains cheap natural substitutes on the teacher’s soft
        labels to find τ_max (the first τ whose natural accuracy falls 5 points below τ = 1’s), sweeps the listed τ below
        τ_max, adds one τ between the two best, and chooses τ by validation robust accuracy; only the chosen τ is measured on
        the test set.
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
        <label>
          <input type="checkbox" checked={includeAaLite} onChange={(e) => set({ includeAaLite: e.target.checked })} />
          Include AA-lite
        </label>
        <DraftNumber label="Sweep Square queries" min={2} max={20000} value={squareQueries} disabled={!includeSquare}
          onChange={(queries) => queries !== null && set({ squareQueries: queries })} />
        <label>
          <input type="checkbox" checked={findTauMax} onChange={(e) => set({ findTauMax: e.target.checked })} />
          Two-step τ search
        </label>
        <RepeatsSelect value={findTauMax ? 1 : repeats} onChange={(r) => set({ repeats: r })} disabled={findTauMax}
          title={findTauMax ? 'The two-step τ search chooses one τ and runs once' : undefined} />
        <button type="button" disabled={engineBusy !== null || !backend || !parsed.ok || invalidConfig}
          onClick={() => void run(useStore.getState().settings.config)}>
          Run τ sweep
        </button>
        {busy && (
          <button type="button" onClick={stop}>
            Stop τ sweep
          </button>
        )}
      </div>
      {!parsed.ok && <p id="sweep-taus-error" className="field-error" aria-live="polite">{parsed.message}</p>}
      {waitFor && <p className="detector-note">Wait for the {waitFor} to finish to run the sweep.</p>}
      {progressText && (
        <>
          <div role="progressbar" aria-label="Temperature sweep progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
            aria-valuetext={progressText} className="progress-track">
            <ProgressFill percent={percent} />
          </div>
          <p className="progress-text">{status === 'stopped' ? `Stopped · ${progressText}` : progressText}</p>
        </>
      )}
      {tauMax && (
        <p className="caption" aria-label="τ_max">
          Substitutes (natural accuracy on {substitutes[0]?.points ?? 0} {substitutes[0]?.split ?? 'validation'} points):{' '}
          {substitutes.map((s) => `τ=${formatDecimal(s.tau)}: ${formatPercent(s.natAcc)}`).join(', ')}. τ_max ={' '}
          {tauMax.tauMax ?? 'none (no substitute fell below the threshold)'}; threshold {formatPercent(tauMax.threshold)} (τ=1:{' '}
          {formatPercent(tauMax.baseline)}). Robust sweep (τ &lt; τ_max): {tauMax.taus.length > 0 ? tauMax.taus.join(', ') : 'no τ'}.
        </p>
      )}
      {chosen && <ChosenTau chosen={chosen} />}
      <div className="sweep-with-paper">
        <div>
          <TemperatureSweepChart groups={groups} />
        </div>
        <PaperTable4 />
      </div>
    </section>
  );
}
