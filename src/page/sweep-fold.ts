/**
 * What the τ and λ sweeps' slices share: the run action's course (`startSweep`), how a sweep's
 * pause, resume and end change its status and progress, and its points grouped by value over their repeats — n, mean, s.d., min and max of each
 * figure (src/shared/repeats.ts). The groups are derived, not stored: `groupsOf` memoises them per
 * points array, so a component selects them (`useStore((s) => tauGroups(s.temperatureSweep.points))`) and gets the
 * same array back until a point arrives.
 */
import type { Emit, EngineEvent, EventOf, JobLifecycleEvent, SweepFigures } from '../shared/events';
import { errorText } from '../shared/error-text';
import { groupRepeats, type RepeatGroup } from '../shared/repeats';
import { callback, engine } from '../hosts/worker/client';
import type { SliceChange } from './store-slice';

export type SweepStatus = 'idle' | 'running' | 'paused' | 'done' | 'stopped' | 'error';

/** The fields every sweep slice has, that its own events change. */
interface SweepRun {
  status: SweepStatus;
  progress: { fraction: number; etaSeconds: number | null } | null;
  finishedSeconds: number | null;
}

/** Whether the sweep is using the engine (so a run or the detector must wait). */
export const sweepBusy = (status: SweepStatus) => status === 'running' || status === 'paused';

/** An event's fields without its `type`: what a slice keeps of a progress or point event. */
export function withoutType<E extends EngineEvent>(event: E): Omit<E, 'type'> {
  const { type: _type, ...fields } = event;
  return fields;
}

/** What `startSweep` needs of a sweep's slice and its engine call. */
export interface SweepStart<E, P> {
  /** What the person typed, parsed: the engine's arguments, or the message naming the bad entry. */
  parsed: { ok: true; value: P } | { ok: false; message: string };
  alert: (message: string) => void;
  /** The slice now: the sweep it follows, and its fold of its own job's events. */
  sweep: () => { activeId: number; handle: (event: E | JobLifecycleEvent) => void };
  /** Clear the last sweep's results and mark sweep `activeId` running. */
  begin: (activeId: number) => void;
  /** The engine call, given the listener for this sweep's events. */
  call: (value: P, onEvent: Emit<E>) => Promise<void>;
}

/**
 * A sweep's run action after its busy check: refuse bad input with an alert, else start a sweep
 * with a fresh id, fold only that sweep's events (Reset or a newer sweep moves the id on, so late
 * ones are dropped), and report a rejected call as the sweep's error.
 */
export async function startSweep<E, P>(job: SweepStart<E, P>): Promise<void> {
  if (!job.parsed.ok) {
    job.alert(job.parsed.message);
    return;
  }
  const id = job.sweep().activeId + 1;
  job.begin(id);
  const dispatch = (event: E | JobLifecycleEvent) => {
    if (id === job.sweep().activeId) job.sweep().handle(event);
  };
  try {
    await job.call(job.parsed.value, callback(dispatch));
  } catch (error) {
    dispatch({ type: 'error', kind: 'internal', message: errorText(error) });
  }
}

/** Stop: asks the engine to stop only while the sweep holds it (a finished sweep's Stop does nothing). */
export function stopSweep(status: SweepStatus): void {
  if (sweepBusy(status)) void engine().stop();
}

/** What Reset does to a sweep: its late events are dropped (a new id), and one in flight counts as stopped, its points kept. */
export function sweepAfterReset<S extends SweepRun & { activeId: number }>(sweep: S): Partial<S> {
  return { activeId: sweep.activeId + 1, ...(sweepBusy(sweep.status) ? { status: 'stopped', progress: null } : {}) } as Partial<S>;
}

/** The end of an exhaustive switch over a job's events: TypeScript proves it unreachable (`never`); at run time it names the event. */
export function unhandledEvent(job: string, event: never): never {
  throw new Error(`unhandled ${job} event ${JSON.stringify(event)}`);
}

/** Paused, resumed, done: the same for every sweep (a completed sweep's progress shows 100 %). */
export function sweepRunChange<S extends SweepRun>(event: EventOf<'paused'> | EventOf<'resumed'> | EventOf<'done'>): SliceChange<S> {
  if (event.type === 'paused') return { status: 'paused' } as Partial<S>;
  if (event.type === 'resumed') return { status: 'running' } as Partial<S>;
  return (s: S) => ({
    status: event.reason === 'completed' ? 'done' : 'stopped',
    finishedSeconds: event.seconds,
    progress: s.progress && event.reason === 'completed' ? { ...s.progress, fraction: 1, etaSeconds: 0 } : s.progress,
  }) as Partial<S>;
}

/**
 * A sweep's own course, the same for every sweep: pause, resume and end change its status (see
 * `sweepRunChange`); an error marks it failed and alerts with the sweep's name.
 */
export function foldSweepLifecycle<S extends SweepRun>(
  event: JobLifecycleEvent, patch: (change: SliceChange<S>) => void, alert: (message: string) => void, name: string,
): void {
  if (event.type !== 'error') return patch(sweepRunChange<S>(event));
  patch({ status: 'error' } as Partial<S>);
  alert(`${name}: ${event.message}`);
}

/**
 * A sweep's points grouped by `keyOf` over their repeats, memoised per points array (the slice
 * replaces the array when a point arrives, so the groups follow it and stay stable between).
 */
export function groupsOf<P extends SweepFigures>(keyOf: (point: P) => string): (points: P[]) => RepeatGroup<P>[] {
  const cache = new WeakMap<P[], RepeatGroup<P>[]>();
  return (points) => {
    let groups = cache.get(points);
    if (!groups) {
      groups = groupRepeats(points, keyOf);
      cache.set(points, groups);
    }
    return groups;
  };
}
