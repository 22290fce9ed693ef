/**
 * The run slice: backend, run status, progress, and the metric series of every run since the
 * last Reset (the store's root action). A run's record is shared vocabulary (src/shared/run-record.ts):
 * the command line writes the same one. The run's own events (`RunEvent`) are folded in by one
 * exhaustive switch; the sweeps' go to their own slices.
 *
 * Repeats: Train with repeats 3 or 5 trains the same settings at seeds seed, seed + 1, … one
 * after another, each its own run record tagged with its group and seed; the status stays
 * "running" between them, and Stop (or Reset, or a failure) ends the whole group.
 */
import type { BackendInfo, BackendName, DatasetPreview } from '../../hosts/worker/api';
import type { Config } from '../../shared/config';
import type { EventOf, RunEvent } from '../../shared/events';
import { callback, engine } from '../../hosts/worker/client';
import { checkRepeats, type Repeats } from '../../shared/repeats';
import { type LiveChangeMark, type RunRecord, runLabel } from '../../shared/run-record';
import { errorText } from '../../shared/error-text';
import type { AlertsView } from '../alerts';
import { type BusyView, type RunStatus, refuseIfBusy, runActive } from '../engine-busy';
import type { SliceCreator } from '../store-slice';

export type { RunStatus };
export { runActive };

export type Progress = Omit<EventOf<'progress'>, 'type'>;

export interface RunSlice {
  backend: BackendInfo | null;
  backendError: string | null;
  status: RunStatus;
  progress: Progress | null;
  /** Wall time of the last finished run, seconds. */
  finishedSeconds: number | null;
  runs: RunRecord[];
  grid: { size: number; classes: Uint8Array } | null;
  preview: DatasetPreview | null;
  /** The run whose events are folded in (0: none); events of older runs, or of a run Reset dropped, are ignored. */
  activeId: number;
  /** Seeds Train trains the settings at (seed, seed + 1, …). */
  repeats: Repeats;
  /** The repeated Train in progress (null: none); `stopped` once Stop ends it. */
  group: { id: number; stopped: boolean } | null;
  setRepeats: (repeats: Repeats) => void;
  init: (preferred?: BackendName) => Promise<void>;
  loadPreview: (config: Config) => Promise<void>;
  /** Train the settings, once or at each of `repeats` seeds in turn. */
  train: (config: Config) => Promise<void>;
  pause: () => void;
  resume: () => void;
  /** While paused: one batch, then paused again (the engine says so through its progress). */
  step: () => void;
  stop: () => void;
  setLive: (params: { tau?: number; lambda?: number }) => void;
  /** Show a saved run beside the current one (once per saved run); the current run is untouched. */
  addComparison: (run: Omit<RunRecord, 'id' | 'savedId'> & { savedId: number }) => void;
  removeComparison: (savedId: number) => void;
  handle: (event: RunEvent) => void;
}

/** What the run slice reads of the store: itself, the alerts, and the run history every finished run goes into. */
export interface RunView extends AlertsView, BusyView {
  run: RunSlice;
  saved: { keep: (runId: number) => Promise<void>; checkpoint: (runId: number) => Promise<void> };
}


/** The run being trained or last trained: the latest one that is not a saved comparison. */
export function currentRun(runs: RunRecord[]): RunRecord | undefined {
  for (let i = runs.length - 1; i >= 0; i--) if (runs[i].savedId === undefined) return runs[i];
  return undefined;
}

function updateRun(runs: RunRecord[], id: number, change: (run: RunRecord) => Partial<RunRecord>): RunRecord[] {
  return runs.map((run) => (run.id === id ? { ...run, ...change(run) } : run));
}

/** What a run that ended part-way leaves, in a sentence for its alert. */
export function keptText(run: Pick<RunRecord, 'id' | 'student' | 'teacher'> | undefined): string {
  if (!run || run.student.length === 0) {
    return run && run.teacher.length > 0 ? `Kept: the teacher's ${run.teacher.length} epoch(s) on the charts; no student epoch had finished, so nothing went into the run history.` : 'No epoch had finished.';
  }
  return `Kept: run ${run.id} up to student epoch ${run.student.at(-1)!.epoch}, on the charts and in the run history (marked interrupted).`;
}

let nextRunId = 1;
let nextGroupId = 1;

/** Whether the run `id` is a repeat with more of its group still to train (so its end is not the Train's end). */
function groupGoesOn(slice: Pick<RunSlice, 'runs' | 'group'>, id: number): boolean {
  const tag = slice.runs.find((r) => r.id === id)?.repeat;
  return !!tag && slice.group?.id === tag.group && !slice.group.stopped && tag.repeat < tag.repeats;
}

export const createRunSlice: SliceCreator<RunSlice, RunView> = (patch, get, subscribe) => {
  const run = () => get().run;
  const alert = (message: string) => get().alerts.alert(message);
  const dispatch = (id: number) => (event: RunEvent) => {
    if (id === run().activeId) run().handle(event);
  };

  /**
   * Resolves once run `id` has ended (its done or error event folded in) or is no longer followed
   * (Reset, a newer run). Needed because the engine's answer to `train` and the run's events travel
   * on different message channels (the events through a Comlink proxy), so the call can return
   * before its `done` arrives.
   */
  const ended = (id: number) =>
    new Promise<void>((resolve) => {
      const over = () => run().activeId !== id || run().runs.find((r) => r.id === id)?.outcome !== 'running';
      if (over()) return resolve();
      const unsubscribe = subscribe(() => {
        if (!over()) return;
        unsubscribe();
        resolve();
      });
    });

  /** Train one run (one seed of a group, when `repeat` says so); resolves with its id once it has ended. */
  const trainOne = async (config: Config, repeat?: RunRecord['repeat']): Promise<number> => {
    const id = nextRunId++;
    const label = repeat ? `${runLabel(config)} seed=${repeat.seed}` : runLabel(config);
    const record: RunRecord = {
      id, label, config, teacher: [], student: [], robustAttack: null, teacherCached: false, liveChanges: [], outcome: 'running', ...(repeat ? { repeat } : {}),
    };
    patch((s) => ({
      activeId: id, status: 'running', progress: null, finishedSeconds: null, runs: [...s.runs.filter((r) => r.outcome !== 'running'), record],
    }));
    try {
      await engine().train(config, id, callback(dispatch(id)));
    } catch (error) {
      dispatch(id)({ type: 'error', kind: 'internal', message: errorText(error) });
    }
    if (repeat) await ended(id);
    return id;
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
    activeId: 0,

    async init(preferred) {
      try {
        patch({ backend: await engine().init(preferred), backendError: null });
      } catch (error) {
        patch({ backendError: errorText(error) });
      }
    },

    async loadPreview(config) {
      try {
        patch({ preview: await engine().preview(config), grid: null });
      } catch (error) {
        alert(`Dataset ${config.dataset}: ${errorText(error)}`);
      }
    },

    repeats: 1,
    group: null,
    setRepeats: (repeats) => patch({ repeats }),

    async train(config) {
      if (refuseIfBusy(get(), 'Train')) return;
      const { repeats } = run();
      if (repeats === 1) {
        patch({ group: null });
        await trainOne(config);
        return;
      }
      const checked = checkRepeats(repeats, config.seed);
      if (!checked.ok) {
        alert(checked.message);
        return;
      }
      const group = nextGroupId++;
      patch({ group: { id: group, stopped: false } });
      let last = 0;
      for (const [i, seed] of checked.seeds.entries()) {
        // Stop and Reset end the group; so does a run that did not complete.
        if (run().group?.id !== group || run().group?.stopped) break;
        last = await trainOne({ ...config, seed }, { group, repeat: i + 1, repeats, seed });
        if (run().runs.find((r) => r.id === last)?.outcome !== 'completed') break;
      }
      // Stopped between two repeats: the last run ended as completed with the group still going.
      if (run().activeId === last && run().status === 'running') patch({ status: 'done' });
    },

    pause: () => {
      if (run().status !== 'running') return;
      void engine().pause();
      patch({ status: 'pausing' });
    },
    resume: () => {
      if (run().status !== 'paused' && run().status !== 'pausing') return;
      void engine().resume();
      patch({ status: 'running' });
    },
    step: () => {
      if (run().status === 'paused') void engine().step();
    },
    stop: () => {
      patch((s) => (s.group ? { group: { ...s.group, stopped: true } } : {}));
      void engine().stop();
    },
    setLive: (params) => {
      if (!runActive(run().status)) return;
      engine()
        .setLive(params)
        .catch((error: unknown) => alert(errorText(error)));
    },
    addComparison: (comparison) =>
      patch((s) => (s.runs.some((r) => r.savedId === comparison.savedId) ? {} : { runs: [...s.runs, { ...comparison, id: nextRunId++ }] })),
    removeComparison: (savedId) => patch((s) => ({ runs: s.runs.filter((r) => r.savedId !== savedId) })),

    handle(event) {
      const id = run().activeId;
      switch (event.type) {
        case 'started':
          patch((s) => ({ runs: updateRun(s.runs, id, () => ({ teacherCached: event.teacherCached })) }));
          return;
        case 'phase':
          patch((s) => ({ progress: { ...(s.progress ?? { epoch: 0, batch: 0, batches: 0, fraction: 0, etaSeconds: null }), phase: event.phase } }));
          return;
        case 'progress': {
          const { type: _type, ...progress } = event;
          patch({ progress });
          return;
        }
        case 'epoch': {
          const { type: _type, phase: _phase, robustAttack: _attack, grid: _grid, ...point } = event;
          patch((s) => ({
            runs: updateRun(s.runs, id, (r) =>
              event.phase === 'teacher' ? { teacher: [...r.teacher, point] } : { student: [...r.student, point], robustAttack: event.robustAttack },
            ),
            grid: event.grid ?? s.grid,
          }));
          // Each finished student epoch goes into the history at once, so a closed tab keeps it.
          if (event.phase === 'student') void get().saved.checkpoint(id);
          return;
        }
        case 'final-aa-lite': {
          const { type: _type, ...finalAaLite } = event;
          patch((s) => ({ runs: updateRun(s.runs, id, () => ({ finalAaLite })) }));
          return;
        }
        case 'live': {
          const label = event.changed.map((key) => (key === 'tau' ? `τ→${event.tau}` : `λ→${event.lambda}`)).join(', ');
          const mark: LiveChangeMark = { epoch: event.epoch, batch: event.batch, batches: event.batches, label };
          patch((s) => ({ runs: updateRun(s.runs, id, (r) => ({ liveChanges: [...r.liveChanges, mark] })) }));
          return;
        }
        case 'paused':
          patch({ status: 'paused' });
          return;
        case 'resumed':
          patch({ status: 'running' });
          return;
        case 'done':
          patch((s) => ({
            // A repeat with more of its group to come: the Train goes on, so the status does too.
            status: event.reason === 'completed' && groupGoesOn(s, id) ? 'running' : 'done',
            finishedSeconds: event.seconds,
            progress: s.progress && event.reason === 'completed' ? { ...s.progress, fraction: 1, etaSeconds: 0 } : s.progress,
            runs: updateRun(s.runs, id, () => ({ outcome: event.reason })),
          }));
          void get().saved.keep(id); // every finished run goes into the run history (history/slice.ts)
          return;
        case 'error':
          patch((s) => ({
            status: 'error',
            runs: updateRun(s.runs, id, () => ({ outcome: 'failed' })),
            // A lost GPU: the engine has moved to the next backend, and the Backend status says which and why.
            ...(event.backend ? { backend: event.backend as BackendInfo } : {}),
          }));
          alert(`${event.message.replace(/\.+$/, '')}. ${keptText(run().runs.find((r) => r.id === id))}`);
          void get().saved.keep(id); // its finished epochs stay in the history, marked interrupted
          return;
        default: {
          const unhandled: never = event;
          throw new Error(`unhandled run event ${JSON.stringify(unhandled)}`);
        }
      }
    },
  };
};
