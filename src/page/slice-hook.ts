/**
 * A hook bound to one slice of the store, under the name a panel has always used (`useRun`,
 * `useDetector`…): `useRun((s) => s.status)` is `useStore((s) => s.run.status)`, and
 * `getState`, `setState` and `subscribe` see that slice alone. It keeps the call sites short
 * and lets tests set one slice's fields as before.
 */
import { useStore, type Store } from './store';
import { type SliceChange, type SliceKey, patchSlice } from './store-slice';

export interface SliceHook<S> {
  /** The whole slice (re-renders when any of its fields changes). */
  (): S;
  /** One value of the slice; it must be a primitive or a kept reference (or use useShallow). */
  <T>(selector: (slice: S) => T): T;
  getState: () => S;
  setState: (change: SliceChange<S>) => void;
  /** Called with the slice and its previous value whenever the slice changes. */
  subscribe: (listener: (slice: S, previous: S) => void) => () => void;
}

const whole = <S,>(slice: S) => slice;

export function sliceHook<K extends SliceKey>(key: K): SliceHook<Store[K]> {
  type S = Store[K];
  function useSlice<T>(selector: (slice: S) => T = whole as (slice: S) => T): T {
    return useStore((s) => selector(s[key]));
  }
  return Object.assign(useSlice, {
    getState: () => useStore.getState()[key],
    setState: (change: SliceChange<S>) => useStore.setState((s) => patchSlice(s, key, change)),
    subscribe: (listener: (slice: S, previous: S) => void) =>
      useStore.subscribe((s, previous) => {
        if (s[key] !== previous[key]) listener(s[key], previous[key]);
      }),
  }) as SliceHook<S>;
}
