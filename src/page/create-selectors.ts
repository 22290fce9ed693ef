/**
 * zustand's auto-generated selectors (docs/guides/auto-generating-selectors.md) for a store made of
 * slices: `useStore.use.run.status()` is `useStore((s) => s.run.status)`, one hook per field of
 * every slice, and `useStore.use.reset()` for an action at the root. Generated from the store's
 * shape when it is made, so a new field needs no new hook. There is deliberately no hook for a
 * whole slice: one would re-render its component on every change to any field of it (a run's
 * progress, ten times a second).
 */
import type { StoreApi, UseBoundStore } from 'zustand';

type Fn = (...args: never[]) => unknown;

/** One hook per field of each slice, one per action at the root. */
export type StoreHooks<T> = { [K in keyof T]: T[K] extends Fn ? () => T[K] : { [F in keyof T[K]]-?: () => T[K][F] } };

export type WithSelectors<S> = S extends { getState: () => infer T } ? S & { use: StoreHooks<T> } : never;

export function createSelectors<S extends UseBoundStore<StoreApi<object>>>(store: S): WithSelectors<S> {
  const state = store.getState() as Record<string, unknown>;
  const read = (select: (s: Record<string, Record<string, unknown>>) => unknown) => () => store(select as (s: object) => unknown);
  const use = Object.fromEntries(
    Object.entries(state).map(([key, value]) => [
      key,
      typeof value === 'function'
        ? read((s) => s[key])
        : Object.fromEntries(Object.keys(value as object).map((field) => [field, read((s) => s[key][field])])),
    ]),
  );
  return Object.assign(store, { use }) as WithSelectors<S>;
}
