/** Setting the one store's slices in tests, as a panel's events would leave them. */
import { type SliceKey, type Store, useStore } from '../store';
import { type SliceChange, patchSlice } from '../store-slice';

/** Merge `change` into slice `key`, every other slice as it is: `setSlice('run', { status: 'running' })`. */
export function setSlice<K extends SliceKey>(key: K, change: SliceChange<Store[K]>): void {
  useStore.setState((s) => patchSlice(s, key, change));
}
