/** Reset (the store's root action) and the τ sweep slice: the sweep Reset stops must not stay "running". */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import type { TemperatureSweepEvent } from '../../shared/events';

/** The worker as the stores see it: Reset's stop, and a sweep that runs until told otherwise. */
const fake = vi.hoisted(() => ({
  stops: 0,
  send: null as ((event: TemperatureSweepEvent) => void) | null,
  finish: null as (() => void) | null,
}));
vi.mock('../../hosts/worker/client', () => ({
  callback: <T>(f: T) => f,
  engine: () => ({
    stop: async () => void fake.stops++,
    temperatureSweep: (_config: unknown, _options: unknown, onEvent: (event: TemperatureSweepEvent) => void) =>
      new Promise<void>((resolve) => {
        fake.send = onEvent;
        fake.finish = resolve;
      }),
  }),
}));

const { useStore } = await import('../store');
const { setSlice } = await import('../testing/store');

const progress: TemperatureSweepEvent = { type: 'sweep-progress', stage: 'student', tau: 2, index: 1, count: 2, repeat: 1, repeats: 1, fraction: 0.25, etaSeconds: 9 };

beforeEach(() => {
  fake.stops = 0;
  setSlice('temperatureSweep', { status: 'idle', progress: null, points: [], temperatures: '1, 2' });
});

describe('Reset and the τ sweep', () => {
  it('a sweep in flight ends as stopped, its progress cleared, and what it still sends is ignored', async () => {
    const running = useStore.getState().temperatureSweep.run(DEFAULT_CONFIG);
    fake.send!(progress);
    expect(useStore.getState().temperatureSweep).toMatchObject({ status: 'running', progress: { fraction: 0.25 } }); // events do arrive
    useStore.getState().reset();
    expect(fake.stops).toBe(1);
    expect(useStore.getState().temperatureSweep).toMatchObject({ status: 'stopped', progress: null });
    // The stopped sweep's last words arrive after the Reset.
    fake.send!(progress);
    fake.send!({ type: 'done', reason: 'stopped', seconds: 3 });
    fake.finish!();
    await running;
    expect(useStore.getState().temperatureSweep).toMatchObject({ status: 'stopped', progress: null, finishedSeconds: null });
  });

  it('a paused sweep is stopped the same way', async () => {
    const running = useStore.getState().temperatureSweep.run(DEFAULT_CONFIG);
    fake.send!({ type: 'paused' });
    expect(useStore.getState().temperatureSweep.status).toBe('paused');
    useStore.getState().reset();
    expect(useStore.getState().temperatureSweep.status).toBe('stopped');
    fake.finish!();
    await running;
  });

  it('a finished sweep keeps its status and results, and the next sweep’s events are folded in again', async () => {
    const first = useStore.getState().temperatureSweep.run(DEFAULT_CONFIG);
    fake.send!({ type: 'done', reason: 'completed', seconds: 5 });
    fake.finish!();
    await first;
    useStore.getState().reset();
    expect(useStore.getState().temperatureSweep).toMatchObject({ status: 'done', finishedSeconds: 5 });
    const second = useStore.getState().temperatureSweep.run(DEFAULT_CONFIG);
    fake.send!(progress);
    expect(useStore.getState().temperatureSweep).toMatchObject({ status: 'running', progress: { fraction: 0.25 } });
    fake.finish!();
    await second;
  });
});
