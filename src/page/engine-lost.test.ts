/** A lost worker ends the job in flight in one change, keeps what it measured, and says so in one sentence. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { finishedRun } from './testing/runs';

/** The client's loss listeners, so the test can lose the worker as client.ts would. */
const lost = vi.hoisted(() => ({ listeners: [] as ((reason: string) => void)[], inits: 0 }));
vi.mock('../hosts/worker/client', () => ({
  callback: <T,>(f: T) => f,
  engine: () => ({ init: async () => (lost.inits++, { name: 'webgpu', reason: 'adapter: fresh' }), stop: async () => undefined }),
  onEngineLost: (listener: (reason: string) => void) => lost.listeners.push(listener),
  watch: () => undefined,
}));

const { useStore } = await import('./store');
const { setSlice } = await import('./testing/store');
const { afterEngineLost } = await import('./engine-lost');
const { watchEngine } = await import('./engine-watch');
watchEngine();

beforeEach(() => {
  setSlice('run', { status: 'idle', runs: [], activeId: 0, group: null });
  setSlice('temperatureSweep', { status: 'idle', points: [] });
  setSlice('lambdaSweep', { status: 'idle', points: [] });
  setSlice('detector', { status: 'idle' });
  setSlice('gallery', { status: 'idle' });
  setSlice('calibration', { measuring: null });
  setSlice('alerts', { list: [] });
  lost.inits = 0;
});

describe('a lost engine worker', () => {
  it('ends a training run as interrupted at its last epoch, with one alert saying why and what was kept', async () => {
    setSlice('run', { status: 'running', runs: [finishedRun({ id: 5, outcome: 'running' })], activeId: 5, group: { id: 1, stopped: false } });
    for (const listener of lost.listeners) listener('threw outside the engine (boom)');
    const s = useStore.getState();
    expect(s.run).toMatchObject({ status: 'error', group: { id: 1, stopped: true } });
    expect(s.run.runs[0].outcome).toBe('interrupted');
    expect(s.run.runs[0].student).toHaveLength(2); // the epochs measured stay on the charts
    expect(s.alerts.list.map((a) => a.message)).toEqual([
      'The engine worker threw outside the engine (boom); a fresh worker has started, and the settings and the run history are as they were. ' +
        'The run ended. Kept: run 5 up to student epoch 2, on the charts and in the run history (marked interrupted).',
    ]);
    await vi.waitFor(() => expect(lost.inits).toBe(1)); // the fresh worker gets its backend
    await vi.waitFor(() => expect(useStore.getState().saved.savedFrom[5]).toBeDefined());
  });

  it('ends a sweep, the detector, the gallery and the calibration in flight, leaving idle slices alone', () => {
    const points = [{ tau: 1 }, { tau: 8 }] as never;
    const state = {
      ...useStore.getState(),
      temperatureSweep: { ...useStore.getState().temperatureSweep, status: 'running' as const, points },
      detector: { ...useStore.getState().detector, status: 'running' as const },
      gallery: { ...useStore.getState().gallery, status: 'running' as const },
      calibration: { ...useStore.getState().calibration, measuring: 3 },
    };
    const { change, message, runId } = afterEngineLost(state, 'stopped answering');
    expect(Object.keys(change).sort()).toEqual(['calibration', 'detector', 'gallery', 'temperatureSweep']);
    expect(change.temperatureSweep).toMatchObject({ status: 'error', points });
    expect(change.detector?.status).toBe('error');
    expect(change.calibration?.measuring).toBeNull();
    expect(runId).toBeNull();
    expect(message).toContain('The τ sweep ended; its 2 measured point(s) stay on its chart.');
  });

  it('changes nothing but says so when no job was running', () => {
    const { change, message } = afterEngineLost(useStore.getState(), 'threw outside the engine (x)');
    expect(change).toEqual({});
    expect(message).toBe('The engine worker threw outside the engine (x); a fresh worker has started, and the settings and the run history are as they were.');
  });
});
