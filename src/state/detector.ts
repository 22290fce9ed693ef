/**
 * The detector's store: which model to examine, with which white-box attack and what budget,
 * the run's progress, and the last report (and ε sweep). URL parameters (`detectorSubset`, …,
 * detector-url.ts) or a preset set them (e.g. tiny ones for tests).
 */
import { create } from 'zustand';
import type { Config, EvalAttackId } from '../engine/config';
import type { AaLiteBudget } from '../engine/events';
import type { DetectorProgress, DetectorReport } from '../engine/eval/masking';
import type { SweepPoint } from '../engine/eval/sweep';
import type { ModelRole } from '../worker/api';
import { callback, engine } from '../worker/client';
import { estimateEta } from '../engine/progress';
import { detectorBudgetFromQuery, detectorMultiplesFromQuery } from './detector-url';
import { opened } from './opened-query';
import { useRun } from './run';

export interface DetectorBudget {
  /** Test points examined (the first N of the test split). */
  subset: number;
  /** Square's query budget per example; null: the attack's default (1000 on 2-D, 5000 on images). */
  queries: number | null;
  pgdSteps: number;
  restarts: number;
  /** The white-box side of every check: AA-lite's gradient part (default), APGD-CE or PGD. */
  attack: EvalAttackId;
  /** AA-lite's budget: standard (AutoAttack's) or quick. */
  aaBudget: AaLiteBudget;
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
  sweep: SweepPoint[] | null;
  set: (change: Partial<DetectorBudget & { role: ModelRole }>) => void;
  run: (config: Config) => Promise<void>;
  /** Stop the running detector at its next stage (no verdict then). */
  cancel: () => void;
}

/**
 * Seconds left for the running detector at time `now`, or null while too early to tell. The store
 * computes it when progress arrives and keeps the number: a selector that read the clock would
 * return a new value on every call, which React's useSyncExternalStore takes for a store that
 * changes on every read ("getSnapshot should be cached", then "Maximum update depth exceeded").
 */
export function detectorEta(state: Pick<DetectorState, 'progress' | 'startedAt'>, now: number): number | null {
  return state.progress ? estimateEta((now - state.startedAt) / 1000, state.progress.fraction) : null;
}

export const useDetector = create<DetectorState>((set, get) => ({
  role: 'student',
  ...detectorBudgetFromQuery(opened.query),
  status: 'idle',
  progress: null,
  startedAt: 0,
  etaSeconds: null,
  report: null,
  reportRequest: null,
  sweep: null,

  set: (change) => set(change),

  async run(config) {
    const { role, subset, queries, pgdSteps, restarts, attack, aaBudget } = get();
    const request: DetectorReportRequest = { role, config, epsilon: config.epsilon, subset, queries, pgdSteps, restarts, attack, aaBudget };
    set({ status: 'running', progress: { stage: 'starting', fraction: 0 }, startedAt: performance.now(), etaSeconds: null });
    let shown = 0;
    const multiples = detectorMultiplesFromQuery(typeof location === 'undefined' ? '' : location.search);
    try {
      const report = await engine().runDetector(
        {
          role, config, subset, epsilon: config.epsilon, seed: config.seed,
          options: { pgdSteps, restarts, whiteBox: attack, aaBudget, ...(queries ? { squareQueries: queries } : {}), ...(multiples ? { sweepMultiples: multiples } : {}) },
        },
        callback((progress: DetectorProgress) => {
          // At most ~10 updates a second (AA-lite reports every iteration), and every new stage.
          const now = performance.now();
          if (now - shown < 100 && progress.stage === get().progress?.stage) return;
          shown = now;
          set({ progress, etaSeconds: detectorEta({ progress, startedAt: get().startedAt }, now) });
        }),
      );
      set({ status: 'done', report, reportRequest: request, sweep: report.sweep, progress: null, etaSeconds: null });
    } catch (error) {
      // A cancel is the person's own choice: the panel says so, no alert.
      const cancelled = error instanceof Error && error.name === 'DetectorCancelled';
      set({ status: cancelled ? 'idle' : 'error', progress: null, etaSeconds: null });
      if (!cancelled) useRun.getState().alert(error instanceof Error ? error.message : String(error));
    }
  },

  cancel: () => {
    if (get().status === 'running') void engine().cancelDetector();
  },
}));
