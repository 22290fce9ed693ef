/** One job on the engine at a time: every job's action refuses while another holds the engine, with one alert naming it. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

// An engine that records what it was asked to do: a refused job must not reach it at all.
const calls: string[] = [];
const record = (name: string) => async () => {
  calls.push(name);
  return new Promise<never>(() => {}); // never answers: the job stays in flight
};
vi.mock('../hosts/worker/client', () => ({
  callback: <T>(f: T) => f,
  engine: () => ({
    train: record('train'), temperatureSweep: record('temperatureSweep'), lambdaSweep: record('lambdaSweep'),
    runDetector: record('runDetector'), adversarialExamples: record('adversarialExamples'), teacherCalibration: record('teacherCalibration'),
    stop: async () => undefined,
  }),
}));

const { useStore } = await import('./store');
const { setSlice } = await import('./testing/store');

/** Each job as a person starts it, by the store action its button (or shortcut, or tour step) calls. */
const JOBS: Record<string, () => unknown> = {
  train: () => useStore.getState().run.train(useStore.getState().settings.config),
  temperatureSweep: () => useStore.getState().temperatureSweep.run(useStore.getState().settings.config),
  lambdaSweep: () => useStore.getState().lambdaSweep.run(useStore.getState().settings.config),
  runDetector: () => useStore.getState().detector.run(useStore.getState().settings.config),
  adversarialExamples: () => useStore.getState().gallery.show(useStore.getState().settings.config),
  teacherCalibration: () => useStore.getState().calibration.measure(1),
};

function idle() {
  setSlice('run', { status: 'idle', runs: [], repeats: 1 });
  setSlice('temperatureSweep', { status: 'idle' });
  setSlice('lambdaSweep', { status: 'idle' });
  setSlice('detector', { status: 'idle' });
  setSlice('gallery', { status: 'idle' });
  setSlice('calibration', { measuring: null });
  setSlice('alerts', { list: [] });
  calls.length = 0;
}

beforeEach(idle);

describe('one job on the engine at a time', () => {
  for (const [first, startFirst] of Object.entries(JOBS)) {
    it(`refuses every other job while ${first} runs, each with an alert, and none reaches the engine`, async () => {
      void startFirst();
      await Promise.resolve();
      expect(calls).toEqual([first]);
      for (const [second, startSecond] of Object.entries(JOBS)) {
        setSlice('alerts', { list: [] });
        await startSecond();
        expect(calls, `${second} while ${first}`).toEqual([first]);
        const alerts = useStore.getState().alerts.list.map((a) => a.message);
        expect(alerts, `${second} while ${first}`).toHaveLength(1);
        expect(alerts[0]).toMatch(/refused: .* One job runs on the engine at a time/);
      }
      idle();
    });
  }

  it('lets a job start once the one before it has ended', async () => {
    setSlice('detector', { status: 'done' });
    setSlice('run', { status: 'done' });
    void JOBS.train();
    await Promise.resolve();
    expect(calls).toEqual(['train']);
    expect(useStore.getState().alerts.list).toEqual([]);
  });
});
