/**
 * The detector's store: which model to examine, with which white-box attack and what budget,
 * the run's progress, and the last report (and ε sweep). URL parameters `detectorSubset`,
 * `detectorQueries`, `detectorSteps`, `detectorRestarts`, `detectorAttack` (aa-lite, apgd-ce,
 * pgd) and `detectorBudget` (quick, standard) set them (e.g. tiny ones for tests).
 */
import { create } from 'zustand';
import { AA_BUDGETS, type Config, EVAL_ATTACKS, type EvalAttackId } from '../engine/config';
import type { AaLiteBudget } from '../engine/events';
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

/** Seconds left for the running detector, or null while too early to tell. */
export function detectorEta(state: Pick<DetectorState, 'progress' | 'startedAt'>, now = performance.now()): number | null {
  return state.progress ? estimateEta((now - state.startedAt) / 1000, state.progress.fraction) : null;
}

function urlChoice<T extends string>(name: string, options: readonly T[]): T | undefined {
  if (typeof location === 'undefined') return undefined;
  const value = new URLSearchParams(location.search).get(name);
  return options.find((o) => o === value);
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
  attack: urlChoice('detectorAttack', EVAL_ATTACKS) ?? 'aa-lite',
  aaBudget: urlChoice('detectorBudget', AA_BUDGETS) ?? 'standard',
  status: 'idle',
  progress: null,
  startedAt: 0,
  report: null,
  reportRequest: null,
  sweep: null,

  set: (change) => set(change),

  async run(config) {
    const { role, subset, queries, pgdSteps, restarts, attack, aaBudget } = get();
    const request: DetectorReportRequest = { role, config, epsilon: config.epsilon, subset, queries, pgdSteps, restarts, attack, aaBudget };
    set({ status: 'running', progress: { stage: 'starting', fraction: 0 }, startedAt: performance.now() });
    try {
      const report = await engine().runDetector(
        {
          role, config, subset, epsilon: config.epsilon, seed: config.seed,
          options: { pgdSteps, restarts, whiteBox: attack, aaBudget, ...(queries ? { squareQueries: queries } : {}) },
        },
        callback((progress: DetectorProgress) => set({ progress })),
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
