/**
 * The detector's store: which model to examine and with what budget, the run's progress, and
 * the last report (and ε sweep). URL parameters `detectorSubset`, `detectorQueries`,
 * `detectorSteps` and `detectorRestarts` set the budgets (e.g. tiny ones for tests).
 */
import { create } from 'zustand';
import type { Config } from '../engine/config';
import type { DetectorProgress, DetectorReport } from '../engine/eval/masking';
import type { SweepPoint } from '../engine/eval/sweep';
import type { ModelRole } from '../worker/api';
import { callback, engine } from '../worker/client';
import { estimateEta } from '../engine/progress';
import { useRun } from './run';

export interface DetectorBudget {
  /** Test points examined (the first N of the test split). */
  subset: number;
  /** Square's query budget per example; null: the attack's default (1000 on 2-D, 5000 on images). */
  queries: number | null;
  pgdSteps: number;
  restarts: number;
}

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

interface DetectorState extends DetectorBudget {
  role: ModelRole;
  status: 'idle' | 'running' | 'done' | 'error';
  progress: DetectorProgress | null;
  /** performance.now() when the running detector started, and when its latest progress arrived (for its ETA). */
  startedAt: number;
  progressAt: number;
  report: DetectorReport | null;
  /** The request the report was made with (model, config, ε, subset, budgets). */
  reportRequest: DetectorReportRequest | null;
  /** The ε sweep on screen: the detector's own, or a separate sweep run. */
  sweep: SweepPoint[] | null;
  set: (change: Partial<DetectorBudget & { role: ModelRole }>) => void;
  run: (config: Config) => Promise<void>;
  /** Stop the running detector at its next stage (no verdict then). */
  cancel: () => void;
}

/**
 * Seconds left for the running detector as of its latest progress, or null while too early to
 * tell. A pure function of the state, so it can be a selector: reading the clock here made every
 * call return a new number, which React's useSyncExternalStore takes for a store that changes
 * on every read ("getSnapshot should be cached", then "Maximum update depth exceeded").
 */
export function detectorEta(state: Pick<DetectorState, 'progress' | 'startedAt' | 'progressAt'>): number | null {
  return state.progress ? estimateEta((state.progressAt - state.startedAt) / 1000, state.progress.fraction) : null;
}

function urlNumber(name: string): number | undefined {
  if (typeof location === 'undefined') return undefined;
  const value = Number(new URLSearchParams(location.search).get(name) ?? NaN);
  return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}

export const useDetector = create<DetectorState>((set, get) => ({
  role: 'student',
  subset: urlNumber('detectorSubset') ?? 200,
  queries: urlNumber('detectorQueries') ?? null,
  pgdSteps: urlNumber('detectorSteps') ?? 20,
  restarts: urlNumber('detectorRestarts') ?? 3,
  status: 'idle',
  progress: null,
  startedAt: 0,
  progressAt: 0,
  report: null,
  reportRequest: null,
  sweep: null,

  set: (change) => set(change),

  async run(config) {
    const { role, subset, queries, pgdSteps, restarts } = get();
    const request: DetectorReportRequest = { role, config, epsilon: config.epsilon, subset, queries, pgdSteps, restarts };
    const startedAt = performance.now();
    set({ status: 'running', progress: { stage: 'starting', fraction: 0 }, startedAt, progressAt: startedAt });
    try {
      const report = await engine().runDetector(
        {
          role, config, subset, epsilon: config.epsilon, seed: config.seed,
          options: { pgdSteps, restarts, ...(queries ? { squareQueries: queries } : {}) },
        },
        callback((progress: DetectorProgress) => set({ progress, progressAt: performance.now() })),
      );
      set({ status: 'done', report, reportRequest: request, sweep: report.sweep, progress: null });
    } catch (error) {
      // A cancel is the person's own choice: the panel says so, no alert.
      const cancelled = error instanceof Error && error.name === 'DetectorCancelled';
      set({ status: cancelled ? 'idle' : 'error', progress: null });
      if (!cancelled) useRun.getState().alert(error instanceof Error ? error.message : String(error));
    }
  },

  cancel: () => {
    if (get().status === 'running') void engine().cancelDetector();
  },
}));
