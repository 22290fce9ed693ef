/**
 * The page's side of the watch on its worker (client.ts), started once by main.tsx: heartbeats
 * while a job holds the engine, and, when the worker is lost, the job in flight ended with what it
 * measured kept (engine-lost.ts), its run written to the history as interrupted, and the fresh
 * worker given its backend again. Not in store.ts, so importing the store starts no watch.
 */
import { onEngineLost, watch } from '../hosts/worker/client';
import { engineBusy } from './engine-busy';
import { afterEngineLost } from './engine-lost';
import { useStore } from './store';

/** Start the watch; returns what stops it. */
export function watchEngine(): () => void {
  const unsubscribe = useStore.subscribe((s, before) => {
    const busy = engineBusy(s) !== null;
    if (busy !== (engineBusy(before) !== null)) watch(busy);
  });
  const unlisten = onEngineLost((reason) => {
    const s = useStore.getState();
    const { change, message, runId } = afterEngineLost(s, reason);
    useStore.setState(change);
    s.alerts.alert(message);
    if (runId !== null) void s.saved.keep(runId);
    void s.run.init(s.run.backend?.name);
  });
  return () => {
    unsubscribe();
    unlisten();
    watch(false);
  };
}
