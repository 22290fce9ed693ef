/**
 * The detector's slice: which model to examine, with which white-box attack and what budget,
 * the run's progress, and the last report (and ε sweep). It starts from the address's `detector…`
 * parameters (src/shared/url-params.ts: subset, queries, steps, restarts, attack, budget and the
 * ε sweep's multiples, e.g. tiny ones for tests); a preset sets them all.
 */
import type { Config } from '../../shared/config';
import type { CorpusSummary, DetectorReport, EpsilonPoint, ModelRole } from '../../hosts/worker/api';
import type { DetectorEvent } from '../../shared/events';
import type { CorpusId } from '../../shared/corpus';
import { callback, engine } from '../../hosts/worker/client';
import { estimateEta } from '../../shared/progress';
import { errorText } from '../../shared/error-text';
import type { AlertsView } from '../alerts';
import type { SavedSlice } from '../history/slice';
import { type RunSlice, currentRun } from '../run/slice';
import { type BusyView, refuseIfBusy } from '../engine-busy';
import type { SliceCreator } from '../store-slice';
import { type DetectorBudget, detectorBudget } from '../../shared/url-params';
import { opened } from '../url';

/**
 * What a report was made with, kept beside it: the page's config and the detector's settings
 * at the time the detector ran, which the page may have changed since.
 */
export interface DetectorReportRequest extends DetectorBudget {
  role: ModelRole;
  config: Config;
  epsilon: number;
}

/** The exported JSON: the report with the request that produced it (not the page's current config). */
export function detectorExport(report: DetectorReport, request: DetectorReportRequest) {
  const { role, config, ...settings } = request;
  return { model: role, config, settings, report };
}

/** What the panel shows of the detector's progress: the stage running and the fraction done. */
export type DetectorProgress = Omit<DetectorEvent, 'type'>;

export interface DetectorSlice extends DetectorBudget {
  role: ModelRole;
  status: 'idle' | 'running' | 'done' | 'error';
  progress: DetectorProgress | null;
  /** performance.now() when the running detector started (for its ETA). */
  startedAt: number;
  /**
   * Seconds left, computed when progress arrives (not in a selector: one that reads the clock
   * returns a new value on every call, and React re-renders such a store forever).
   */
  etaSeconds: number | null;
  report: DetectorReport | null;
  /** The request the report was made with (model, config, ε, subset, budgets). */
  reportRequest: DetectorReportRequest | null;
  /** The ε sweep on screen: the detector's own, or a separate sweep run. */
  sweep: EpsilonPoint[] | null;
  /** The multiples of ε the detector's ε sweep runs at; null: the engine's (0.5, 1, 2, 3). */
  multiples: number[] | null;
  /** Also measure the robustness curve (opt-in: it costs AA-lite's gradient part × 8 runs). */
  robustnessCurve: boolean;
  set: (change: Partial<DetectorBudget & { role: ModelRole; multiples: number[] | null; robustnessCurve: boolean }>) => void;
  run: (config: Config) => Promise<void>;
  /** Stop the running detector at its next stage (no verdict then). */
  cancel: () => void;

  // Demo models (the detector's calibration corpus), kept together for the store's rewrite.
  /** The corpus model loaded as the 'demo' role, with the config the detector runs it at (its data set and ε). */
  demo: CorpusSummary | null;
  /** Which corpus model is being built (trained on first use), or null. */
  demoLoading: CorpusId | null;
  /** Build a corpus model in the worker and examine it next (role 'demo'). */
  loadDemo: (id: CorpusId) => Promise<void>;
}

/**
 * Seconds left for the running detector at time `now`, or null while too early to tell. The slice
 * computes it when progress arrives and keeps the number: a selector that read the clock would
 * return a new value on every call, which React's useSyncExternalStore takes for a store that
 * changes on every read ("getSnapshot should be cached", then "Maximum update depth exceeded").
 */
export function detectorEta(state: Pick<DetectorSlice, 'progress' | 'startedAt'>, now: number): number | null {
  return state.progress ? estimateEta((now - state.startedAt) / 1000, state.progress.fraction) : null;
}

/** What the detector reads of the store: itself, the alerts, the current run, and the history row its report goes into. */
export interface DetectorView extends AlertsView, BusyView {
  detector: DetectorSlice;
  run: Pick<RunSlice, 'runs' | 'status'>;
  saved: Pick<SavedSlice, 'attachDetector'>;
}

export const createDetectorSlice: SliceCreator<DetectorSlice, DetectorView> = (patch, get) => {
  const detector = () => get().detector;

  return {
    role: 'student',
    // The address's detector settings, or a preset's (url-params.ts).
    ...detectorBudget(opened.params),
    multiples: opened.params.detectorMultiples,
    robustnessCurve: opened.params.detectorRobustnessCurve,
    status: 'idle',
    progress: null,
    startedAt: 0,
    etaSeconds: null,
    report: null,
    reportRequest: null,
    sweep: null,

    set: (change) => patch(change),

    async run(pageConfig) {
      if (refuseIfBusy(get(), 'Run detector')) return;
      const { role, subset, queries, pgdSteps, restarts, attack, aaBudget, multiples, robustnessCurve, demo } = detector();
      // A demo is judged on its own data set at its own ε, whatever the page shows.
      const config = role === 'demo' && demo ? demo.config : pageConfig;
      const request: DetectorReportRequest = { role, config, epsilon: config.epsilon, subset, queries, pgdSteps, restarts, attack, aaBudget };
      // The engine's student is the current run's (a new run or a sweep replaces it, and neither starts while this runs).
      const runId = role === 'student' ? currentRun(get().run.runs)?.id : undefined;
      patch({ status: 'running', progress: { stage: 'starting', fraction: 0 }, startedAt: performance.now(), etaSeconds: null });
      let shown = 0;
      try {
        const report = await engine().runDetector(
          {
            role, config, subset, epsilon: config.epsilon, seed: config.seed,
            options: { pgdSteps, restarts, whiteBox: attack, aaBudget, robustnessCurve, ...(queries ? { squareQueries: queries } : {}), ...(multiples ? { sweepMultiples: multiples } : {}) },
          },
          callback((event: DetectorEvent) => {
            if (event.type !== 'detector-progress') {
              const unhandled: never = event.type;
              throw new Error(`unhandled detector event ${JSON.stringify(unhandled)}`);
            }
            const progress: DetectorProgress = { stage: event.stage, fraction: event.fraction };
            // At most ~10 updates a second (AA-lite reports every iteration), and every new stage.
            const now = performance.now();
            if (now - shown < 100 && progress.stage === detector().progress?.stage) return;
            shown = now;
            patch({ progress, etaSeconds: detectorEta({ progress, startedAt: detector().startedAt }, now) });
          }),
        );
        patch({ status: 'done', report, reportRequest: request, sweep: report.sweep, progress: null, etaSeconds: null });
        if (runId !== undefined) void get().saved.attachDetector(runId, report); // its row in the run history
      } catch (error) {
        // A cancel is the person's own choice: the panel says so, no alert.
        const cancelled = error instanceof Error && error.name === 'DetectorCancelled';
        patch({ status: cancelled ? 'idle' : 'error', progress: null, etaSeconds: null });
        if (!cancelled) get().alerts.alert(errorText(error));
      }
    },

    cancel: () => {
      if (detector().status === 'running') void engine().cancelDetector();
    },

    demo: null,
    demoLoading: null,
    async loadDemo(id) {
      patch({ demoLoading: id });
      try {
        const demo = await engine().loadCorpusModel(id);
        patch({ demo, role: 'demo' });
      } catch (error) {
        get().alerts.alert(errorText(error));
      } finally {
        patch({ demoLoading: null });
      }
    },
  };
};
