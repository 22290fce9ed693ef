/**
 * What the τ and λ sweeps' slices share: how a sweep's pause, resume and end change its status and
 * progress, and its points grouped by value over their repeats — n, mean, s.d., min and max of each
 * figure (src/shared/repeats.ts). The groups are derived, not stored: `groupsOf` memoises them per
 * points array, so a component selects them (`useStore((s) => tauGroups(s.temperatureSweep.points))`) and gets the
 * same array back until a point arrives.
 */
import type { EngineEvent, EventOf, SweepFigures } from '../shared/events';
import { groupRepeats, type RepeatGroup } from '../shared/repeats';
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
