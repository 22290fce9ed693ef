/**
 * The run store: backend, run status, progress, and the metric series of every run since
 * the last Reset. Engine events are folded in by one exhaustive switch.
 */
import { create } from 'zustand';
import type { BackendInfo, BackendName } from '../worker/api';
import type { Config } from '../shared/config';
import type { EngineEvent, EventOf } from '../shared/events';
import type { DatasetPreview } from '../worker/api';
import { callback, engine } from '../worker/client';
import { type LiveChangeMark, type RunRecord, runLabel } from '../shared/run-record';

/** `pausing`: Pause was pressed and the engine has not reached a batch boundary yet. */
export type RunStatus = 'idle' | 'running' | 'pausing' | 'paused' | 'done' | 'error';

// A run's record is shared vocabulary: the command line writes it and the page imports it.
export type { EpochPoint, LiveChangeMark, RunRecord } from '../shared/run-record';
export { runLabel } from '../shared/run-record';

export type Progress = Omit<EventOf<'progress'>, 'type'>;

export interface Alert {
  id: number;
  message: string;
}

interface RunState {
  backend: BackendInfo | null;
  backendError: string | null;
  status: RunStatus;
  progress: Progress | null;
  /** Wall time of the last finished run, seconds. */
  finishedSeconds: number | null;
  runs: RunRecord[];
  grid: { size: number; classes: Uint8Array } | null;
  preview: DatasetPreview | null;
  alerts: Alert[];
  init: (preferred?: BackendName) => Promise<void>;
  loadPreview: (config: Config) => Promise<void>;
  train: (config: Config) => Promise<void>;
  pause: () => void;
  resume: () => void;
  stop: () => void;
  reset: () => void;
  setLive: (params: { tau?: number; lambda?: number }) => void;
  alert: (message: string) => void;
  dismissAlert: (id: number) => void;
  /** Show a saved run beside the current one (once per saved run); the current run is untouched. */
  addComparison: (run: Omit<RunRecord, 'id' | 'savedId'> & { savedId: number }) => void;
  removeComparison: (savedId: number) => void;
  handle: (event: EngineEvent) => void;
}

let nextRunId = 1;
let nextAlertId = 1;

/** Told when the person presses Reset, after the engine was told to stop. */
const resetListeners = new Set<() => void>();

/**
 * Call `listener` on every Reset. Reset stops whatever the shared worker control runs (a τ
 * sweep too), so stores that depend on this one (the sweep store) clear their running state
 * here; this store imports none of them. Returns the unsubscribe function.
 */
export function onReset(listener: () => void): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}


/** The run being trained or last trained: the latest one that is not a saved comparison. */
export function currentRun(runs: RunRecord[]): RunRecord | undefined {
  for (let i = runs.length - 1; i >= 0; i--) if (runs[i].savedId === undefined) return runs[i];
  return undefined;
}

function updateRun(runs: RunRecord[], id: number, change: (run: RunRecord) => Partial<RunRecord>): RunRecord[] {
  return runs.map((run) => (run.id === id ? { ...run, ...change(run) } : run));
}

export const useRun = create<RunState>((set, get) => {
  /** The id of the run whose events are arriving; events of older runs are dropped. */
  let activeId = 0;

  const dispatch = (id: number) => (event: EngineEvent) => {
    if (id === activeId) get().handle(event);
  };

  return {
    backend: null,
    backendError: null,
    status: 'idle',
    progress: null,
    finishedSeconds: null,
    runs: [],
    grid: null,
    preview: null,
    alerts: [],

    async init(preferred) {
      try {
        set({ backend: await engine().init(preferred), backendError: null });
      } catch (error) {
        set({ backendError: error instanceof Error ? error.message : String(error) });
      }
    },

    async loadPreview(config) {
      try {
        set({ preview: await engine().preview(config), grid: null });
      } catch (error) {
        get().alert(`Dataset ${config.dataset}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    async train(config) {
      const id = nextRunId++;
      activeId = id;
      const run: RunRecord = {
        id, label: runLabel(config), config, teacher: [], student: [], pgd: null, teacherCached: false, liveChanges: [], outcome: 'running',
      };
      set((s) => ({ status: 'running', progress: null, finishedSeconds: null, runs: [...s.runs.filter((r) => r.outcome !== 'running'), run] }));
      try {
        await engine().train(config, id, callback(dispatch(id)));
      } catch (error) {
        dispatch(id)({ type: 'error', kind: 'internal', message: error instanceof Error ? error.message : String(error) });
      }
    },

    pause: () => {
      if (get().status !== 'running') return;
      void engine().pause();
      set({ status: 'pausing' });
    },
    resume: () => {
      if (get().status !== 'paused' && get().status !== 'pausing') return;
      void engine().resume();
      set({ status: 'running' });
    },
    stop: () => void engine().stop(),
    reset: () => {
      activeId = 0;
      void engine().stop();
      set({ status: 'idle', progress: null, runs: [], grid: null, alerts: [] });
      resetListeners.forEach((listener) => listener());
    },
    setLive: (params) => {
      if (!['running', 'pausing', 'paused'].includes(get().status)) return;
      engine()
        .setLive(params)
        .catch((error: unknown) => get().alert(error instanceof Error ? error.message : String(error)));
    },
    // The same message twice (a repeated failure, React's double effects in dev) shows once.
    alert: (message) =>
      set((s) => (s.alerts.some((a) => a.message === message) ? s : { alerts: [...s.alerts, { id: nextAlertId++, message }] })),
    dismissAlert: (id) => set((s) => ({ alerts: s.alerts.filter((a) => a.id !== id) })),
    addComparison: (run) =>
      set((s) => (s.runs.some((r) => r.savedId === run.savedId) ? s : { runs: [...s.runs, { ...run, id: nextRunId++ }] })),
    removeComparison: (savedId) => set((s) => ({ runs: s.runs.filter((r) => r.savedId !== savedId) })),

    handle(event) {
      const id = activeId;
      switch (event.type) {
        case 'started':
          set((s) => ({ runs: updateRun(s.runs, id, () => ({ teacherCached: event.teacherCached })) }));
          return;
        case 'phase':
          set((s) => ({ progress: { ...(s.progress ?? { epoch: 0, batch: 0, batches: 0, fraction: 0, etaSeconds: null }), phase: event.phase } }));
          return;
        case 'progress':
          {
            const { type: _type, ...progress } = event;
            set({ progress });
          }
          return;
        case 'epoch': {
          const { type: _type, phase: _phase, pgd: _pgd, grid: _grid, ...point } = event;
          set((s) => ({
            runs: updateRun(s.runs, id, (run) =>
              event.phase === 'teacher' ? { teacher: [...run.teacher, point] } : { student: [...run.student, point], pgd: event.pgd },
            ),
            grid: event.grid ?? s.grid,
          }));
          return;
        }
        case 'live': {
          const label = event.changed.map((key) => (key === 'tau' ? `τ→${event.tau}` : `λ→${event.lambda}`)).join(', ');
          const mark: LiveChangeMark = { epoch: event.epoch, batch: event.batch, batches: event.batches, label };
          set((s) => ({ runs: updateRun(s.runs, id, (run) => ({ liveChanges: [...run.liveChanges, mark] })) }));
          return;
        }
        case 'sweep-progress':
        case 'sweep-substitute':
        case 'sweep-tau-max':
        case 'sweep-point':
        case 'sweep-chosen':
        case 'lambda-progress':
        case 'lambda-point':
          return; // the temperature sweep's own store (state/sweep.ts) shows these
        case 'paused':
          set({ status: 'paused' });
          return;
        case 'resumed':
          set({ status: 'running' });
          return;
        case 'done':
          set((s) => ({
            status: 'done',
            finishedSeconds: event.seconds,
            progress: s.progress && event.reason === 'completed' ? { ...s.progress, fraction: 1, etaSeconds: 0 } : s.progress,
            runs: updateRun(s.runs, id, () => ({ outcome: event.reason })),
          }));
          return;
        case 'error':
          set((s) => ({ status: 'error', runs: updateRun(s.runs, id, () => ({ outcome: 'failed' })) }));
          get().alert(event.message);
          return;
        default: {
          const unhandled: never = event;
          throw new Error(`unhandled engine event ${JSON.stringify(unhandled)}`);
        }
      }
    },
  };
});
