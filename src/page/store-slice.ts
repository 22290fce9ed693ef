/**
 * What every slice is built with: its key in the one store, its creator's type, and a `set`
 * that changes that slice alone. Slices sit under their own key (`s.run.status`,
 * `s.detector.status`) rather than spread flat as in zustand's guide, because run, sweep,
 * detector and gallery each have a `status`, a `progress` and a `set` of their own.
 */
import type { StateCreator } from 'zustand';
import type { Store } from './store';

/** The store's slices, each under its own key (the root also has `reset`). */
export type SliceKey = 'run' | 'sweep' | 'lambdaSweep' | 'detector' | 'gallery' | 'softLabels' | 'saved' | 'alerts';

/** A slice's creator: it sees (and may change) the whole store, and returns its own part. */
export type SliceCreator<K extends SliceKey> = StateCreator<Store, [], [], Store[K]>;

type StoreSet = Parameters<StateCreator<Store>>[0];

/** A change to one slice: some of its fields, or a function of the slice that returns them. */
export type SliceChange<S> = Partial<S> | ((slice: S) => Partial<S>);

/**
 * `store` with a change merged into `store[key]`, every other slice (and the slice's other
 * fields) as they are. No fields: `store` itself, so nothing is told of a change.
 */
export function patchSlice<K extends SliceKey>(store: Store, key: K, change: SliceChange<Store[K]>): Store {
  const fields = typeof change === 'function' ? change(store[key]) : change;
  return Object.keys(fields).length === 0 ? store : { ...store, [key]: { ...store[key], ...fields } };
}

/** A `set` for the slice under `key`: takes the slice's fields, as zustand's `set` takes the store's. */
export function sliceSetter<K extends SliceKey>(set: StoreSet, key: K): (change: SliceChange<Store[K]>) => void {
  return (change) => set((store) => patchSlice(store, key, change));
}
