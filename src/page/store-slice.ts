/**
 * How a slice of the one store is made, without naming the store. Slices sit under their own key
 * (`s.run.status`, `s.detector.status`) rather than spread flat as in zustand's slices guide,
 * because run, sweeps, detector and gallery each have a `status`, a `progress` and a `set`.
 *
 * A slice declares the part of the store it reads (`View`: its own slice and the few fields of
 * others it calls) instead of importing the store's type: store.ts imports every slice, so a slice
 * importing `Store` back would make the files a circle. The compiler checks at that one place that
 * the store gives each slice the view it declares.
 */

/** A change to one slice: some of its fields, or a function of the slice that returns them. */
export type SliceChange<S> = Partial<S> | ((slice: S) => Partial<S>);

/**
 * A slice's creator, zustand's `StateCreator` narrowed to one slice: `patch` changes this slice
 * alone (taking its fields as zustand's `set` takes the store's), `get` is the store as the slice
 * sees it, and `subscribe` hears every change to the store.
 */
export type SliceCreator<S, View> = (
  patch: (change: SliceChange<S>) => void,
  get: () => View,
  subscribe: (listener: () => void) => () => void,
) => S;

/**
 * `store` with a change merged into `store[key]`, every other slice (and the slice's other fields)
 * as they are. No fields: `store` itself, so nothing is told of a change.
 */
export function patchSlice<T extends object, K extends keyof T>(store: T, key: K, change: SliceChange<T[K]>): T {
  const fields = typeof change === 'function' ? (change as (slice: T[K]) => Partial<T[K]>)(store[key]) : change;
  return Object.keys(fields).length === 0 ? store : { ...store, [key]: { ...store[key], ...fields } };
}
