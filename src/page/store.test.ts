/** The one store: Reset is one change to several slices, one busy check covers every engine job, slices stay apart. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { finishedRun } from './testing/runs';

vi.mock('../hosts/worker/client', () => ({ callback: <T>(f: T) => f, engine: () => ({ stop: async () => undefined }) }));

const { useStore, selectEngineBusy } = await import('./store');
const { setSlice } = await import('./testing/store');

beforeEach(() => {
  setSlice('run', { status: 'idle', runs: [], progress: null });
  setSlice('temperatureSweep', { status: 'idle', progress: null });
  setSlice('detector', { status: 'idle' });
  setSlice('alerts', { list: [] });
});

describe('the one store', () => {
  it('resets runs, a sweep in flight and the alerts in a single change, leaving the detector’s report', () => {
    const report = { verdict: 'clean' } as never;
    setSlice('run', { status: 'done', runs: [finishedRun()], progress: { phase: 'student', epoch: 2, batch: 0, batches: 4, fraction: 1, etaSeconds: 0 } });
    setSlice('temperatureSweep', { status: 'running', progress: { stage: 'student', tau: 2, index: 1, count: 2, repeat: 1, repeats: 1, fraction: 0.5, etaSeconds: 3 } });
    setSlice('detector', { status: 'done', report });
    useStore.getState().alerts.alert('Dataset blobs: broken');
    const changes: unknown[] = [];
    const unsubscribe = useStore.subscribe((s) => changes.push(s));
    useStore.getState().reset();
    unsubscribe();
    expect(changes).toHaveLength(1);
    const s = useStore.getState();
    expect(s.run).toMatchObject({ status: 'idle', runs: [], progress: null, activeId: 0 });
    expect(s.temperatureSweep).toMatchObject({ status: 'stopped', progress: null });
    expect(s.alerts.list).toEqual([]);
    expect(s.detector).toMatchObject({ status: 'done', report });
  });

  it('calls the engine busy while a run trains or is paused, a sweep runs or is paused, or the detector runs', () => {
    const busy = () => selectEngineBusy(useStore.getState());
    expect(busy()).toBeNull();
    for (const status of ['running', 'pausing', 'paused'] as const) {
      setSlice('run', { status });
      expect(busy()).toBe('training');
    }
    setSlice('run', { status: 'done' });
    expect(busy()).toBeNull();
    for (const status of ['running', 'paused'] as const) {
      setSlice('temperatureSweep', { status });
      expect(busy()).toBe('sweep');
    }
    setSlice('temperatureSweep', { status: 'stopped' });
    setSlice('detector', { status: 'running' });
    expect(busy()).toBe('detector');
    setSlice('detector', { status: 'error' });
    expect(busy()).toBeNull();
  });

  it('changes one slice without touching the others, so a reader of another slice sees no change', () => {
    const before = useStore.getState();
    const seen: string[] = [];
    const unsubscribe = useStore.subscribe(({ detector }, previous) => void (detector !== previous.detector && seen.push(detector.status)));
    setSlice('run', { status: 'running' });
    const after = useStore.getState();
    expect(after.run).not.toBe(before.run);
    const others = (Object.keys(after) as (keyof typeof after)[]).filter((key) => key !== 'run');
    expect(others).toHaveLength(12); // every other slice, and reset
    for (const key of others) expect(after[key], key).toBe(before[key]);
    setSlice('detector', { status: 'running' });
    unsubscribe();
    expect(seen).toEqual(['running']);
  });

  it('has a generated hook for every field of every slice and for reset, and none for a whole slice', () => {
    const { use } = useStore;
    for (const [key, slice] of Object.entries(useStore.getState())) {
      if (typeof slice === 'function') expect(typeof use[key as 'reset'], key).toBe('function');
      else expect(Object.keys(use[key as 'run']), key).toEqual(Object.keys(slice));
    }
    expect(typeof use.run).toBe('object'); // not callable: no hook returns a slice
  });

  it('shows an alert once while the same message is showing, and dismisses it by id', () => {
    const { alert } = useStore.getState().alerts;
    alert('Saved runs: storage full');
    const first = useStore.getState();
    alert('Saved runs: storage full');
    expect(useStore.getState()).toBe(first); // nothing changed, nobody told
    alert('Export failed');
    const [full, exported] = useStore.getState().alerts.list;
    useStore.getState().alerts.dismiss(full.id);
    expect(useStore.getState().alerts.list).toEqual([exported]);
  });
});
