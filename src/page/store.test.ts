/** The one store: Reset is one change to several slices, one busy check covers every engine job, slices stay apart. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { finishedRun } from './testing/runs';

vi.mock('../hosts/worker/client', () => ({ callback: <T>(f: T) => f, engine: () => ({ stop: async () => undefined }) }));

const { useStore, selectEngineBusy } = await import('./store');
const { useRun } = await import('./run/use-run');
const { useSweep } = await import('./temperature-sweep/use-sweep');
const { useDetector } = await import('./detector/use-detector');
const { useAlerts } = await import('./use-alerts');

beforeEach(() => {
  useRun.setState({ status: 'idle', runs: [], progress: null });
  useSweep.setState({ status: 'idle', progress: null });
  useDetector.setState({ status: 'idle' });
  useAlerts.setState({ list: [] });
});

describe('the one store', () => {
  it('resets runs, a sweep in flight and the alerts in a single change, leaving the detector’s report', () => {
    const report = { verdict: 'clean' } as never;
    useRun.setState({ status: 'done', runs: [finishedRun()], progress: { phase: 'student', epoch: 2, batch: 0, batches: 4, fraction: 1, etaSeconds: 0 } });
    useSweep.setState({ status: 'running', progress: { stage: 'student', tau: 2, index: 1, count: 2, repeat: 1, repeats: 1, fraction: 0.5, etaSeconds: 3 } });
    useDetector.setState({ status: 'done', report });
    useAlerts.getState().alert('Dataset blobs: broken');
    const changes: unknown[] = [];
    const unsubscribe = useStore.subscribe((s) => changes.push(s));
    useStore.getState().reset();
    unsubscribe();
    expect(changes).toHaveLength(1);
    const s = useStore.getState();
    expect(s.run).toMatchObject({ status: 'idle', runs: [], progress: null, activeId: 0 });
    expect(s.sweep).toMatchObject({ status: 'stopped', progress: null });
    expect(s.alerts.list).toEqual([]);
    expect(s.detector).toMatchObject({ status: 'done', report });
  });

  it('calls the engine busy while a run trains or is paused, a sweep runs or is paused, or the detector runs', () => {
    const busy = () => selectEngineBusy(useStore.getState());
    expect(busy()).toBeNull();
    for (const status of ['running', 'pausing', 'paused'] as const) {
      useRun.setState({ status });
      expect(busy()).toBe('training');
    }
    useRun.setState({ status: 'done' });
    expect(busy()).toBeNull();
    for (const status of ['running', 'paused'] as const) {
      useSweep.setState({ status });
      expect(busy()).toBe('sweep');
    }
    useSweep.setState({ status: 'stopped' });
    useDetector.setState({ status: 'running' });
    expect(busy()).toBe('detector');
    useDetector.setState({ status: 'error' });
    expect(busy()).toBeNull();
  });

  it('changes one slice without touching the others, and tells a slice’s subscribers only of its own changes', () => {
    const before = useStore.getState();
    const seen: string[] = [];
    const unsubscribe = useDetector.subscribe((slice) => seen.push(slice.status));
    useRun.setState({ status: 'running' });
    const after = useStore.getState();
    expect(after.run).not.toBe(before.run);
    for (const key of ['sweep', 'detector', 'gallery', 'softLabels', 'saved', 'alerts'] as const) expect(after[key], key).toBe(before[key]);
    useDetector.setState({ status: 'running' });
    unsubscribe();
    expect(seen).toEqual(['running']);
  });

  it('shows an alert once while the same message is showing, and dismisses it by id', () => {
    const { alert } = useAlerts.getState();
    alert('Saved runs: storage full');
    const first = useStore.getState();
    alert('Saved runs: storage full');
    expect(useStore.getState()).toBe(first); // nothing changed, nobody told
    alert('Export failed');
    const [full, exported] = useAlerts.getState().list;
    useAlerts.getState().dismiss(full.id);
    expect(useAlerts.getState().list).toEqual([exported]);
  });
});
