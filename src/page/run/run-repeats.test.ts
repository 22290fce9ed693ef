/** Train with repeats: one run per seed in turn, one status across them, and Stop or Reset ending the whole group. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Config, DEFAULT_CONFIG } from '../../shared/config';
import type { RunEvent } from '../../shared/events';

type Script = (config: Config, send: (event: RunEvent) => void) => Promise<void>;

/** The worker as the run slice sees it: each train call runs `script` (by default one epoch, then done). */
const fake = vi.hoisted(() => ({ seeds: [] as number[], stops: 0, script: null as Script | null }));
vi.mock('../../hosts/worker/client', () => ({
  callback: <T>(f: T) => f,
  engine: () => ({
    stop: async () => void fake.stops++,
    train: async (config: Config, _id: number, onEvent: (event: RunEvent) => void) => {
      fake.seeds.push(config.seed);
      await fake.script!(config, onEvent);
    },
  }),
}));

const { useStore } = await import('../store');
const { setSlice } = await import('../testing/store');

const epoch = (natAcc: number): RunEvent => ({
  type: 'epoch', phase: 'student', epoch: 1, natAcc, robustAcc: natAcc / 2, robustAttack: null, loss: 1, lr: 0.05, tau: 5, lambda: 6, seconds: 1,
});
const completes: Script = async (config, send) => {
  send(epoch(60 + config.seed));
  send({ type: 'done', reason: 'completed', seconds: 1 });
};

beforeEach(() => {
  useStore.getState().reset();
  setSlice('run', { repeats: 1 });
  fake.seeds = [];
  fake.stops = 0;
  fake.script = completes;
});

describe('a run’s epochs', () => {
  it('keep the evaluation attack’s settings on the run, which the accuracy chart’s caption names', async () => {
    const pgd = { attack: 'PGD' as const, epsilon: 0.1, steps: 10, restarts: 1, subset: 200 };
    fake.script = async (_config, send) => {
      send({ ...epoch(70), robustAttack: pgd } as RunEvent);
      send({ type: 'done', reason: 'completed', seconds: 1 });
    };
    await useStore.getState().run.train(DEFAULT_CONFIG);
    expect(useStore.getState().run.runs[0].robustAttack).toEqual(pgd);
  });
});

describe('Train with repeats', () => {
  it('trains the settings at seed, seed + 1, seed + 2 in turn, each its own run labelled with its seed', async () => {
    useStore.getState().run.setRepeats(3);
    await useStore.getState().run.train({ ...DEFAULT_CONFIG, seed: 7 });
    expect(fake.seeds).toEqual([7, 8, 9]);
    const { runs, status, group } = useStore.getState().run;
    expect(status).toBe('done');
    expect(runs.map((r) => [r.config.seed, r.outcome, r.repeat?.repeat, r.repeat?.repeats, r.student[0].natAcc])).toEqual([
      [7, 'completed', 1, 3, 67], [8, 'completed', 2, 3, 68], [9, 'completed', 3, 3, 69],
    ]);
    expect(runs.map((r) => r.label.endsWith(` seed=${r.config.seed}`))).toEqual([true, true, true]);
    expect(new Set(runs.map((r) => r.repeat?.group)).size).toBe(1);
    expect(group).toMatchObject({ stopped: false });
  });

  it('stays running between two repeats (no moment where Train is free), done only after the last', async () => {
    const seen: string[] = [];
    fake.script = async (config, send) => {
      await completes(config, send);
      seen.push(`${config.seed}:${useStore.getState().run.status}`);
    };
    useStore.getState().run.setRepeats(3);
    await useStore.getState().run.train({ ...DEFAULT_CONFIG, seed: 1 });
    expect(seen).toEqual(['1:running', '2:running', '3:done']);
  });

  it('waits for each run’s done even when it arrives after the engine’s answer (events travel on their own channel)', async () => {
    fake.script = async (_config, send) => {
      send(epoch(50));
      setTimeout(() => send({ type: 'done', reason: 'completed', seconds: 1 }), 5);
    };
    useStore.getState().run.setRepeats(3);
    await useStore.getState().run.train({ ...DEFAULT_CONFIG, seed: 1 });
    expect(fake.seeds).toEqual([1, 2, 3]);
    expect(useStore.getState().run.runs.map((r) => r.outcome)).toEqual(['completed', 'completed', 'completed']);
    expect(useStore.getState().run.status).toBe('done');
  });

  it('stops the whole group: the run under way ends stopped and no later seed starts', async () => {
    fake.script = async (config, send) => {
      send(epoch(50));
      if (config.seed === 2) {
        useStore.getState().run.stop(); // the engine answers a stop with done "stopped"
        send({ type: 'done', reason: 'stopped', seconds: 1 });
        return;
      }
      send({ type: 'done', reason: 'completed', seconds: 1 });
    };
    useStore.getState().run.setRepeats(5);
    await useStore.getState().run.train({ ...DEFAULT_CONFIG, seed: 1 });
    expect(fake.seeds).toEqual([1, 2]);
    expect(fake.stops).toBe(1);
    expect(useStore.getState().run.runs.map((r) => r.outcome)).toEqual(['completed', 'stopped']);
    expect(useStore.getState().run.status).toBe('done');
  });

  it('ends the group when Stop comes just as a repeat completes, before the next one starts', async () => {
    fake.script = async (config, send) => {
      send(epoch(50));
      send({ type: 'done', reason: 'completed', seconds: 1 });
      if (config.seed === 1) useStore.getState().run.stop();
    };
    useStore.getState().run.setRepeats(3);
    await useStore.getState().run.train({ ...DEFAULT_CONFIG, seed: 1 });
    expect(fake.seeds).toEqual([1]);
    expect(useStore.getState().run.status).toBe('done');
  });

  it('ends the group on a failure or a Reset', async () => {
    fake.script = async (config, send) => send(config.seed === 2 ? { type: 'error', kind: 'nan', message: 'LTD: loss is NaN' } : { type: 'done', reason: 'completed', seconds: 1 });
    useStore.getState().run.setRepeats(3);
    await useStore.getState().run.train({ ...DEFAULT_CONFIG, seed: 1 });
    expect(fake.seeds).toEqual([1, 2]);
    expect(useStore.getState().run.status).toBe('error');

    fake.seeds = [];
    fake.script = async () => useStore.getState().reset();
    await useStore.getState().run.train({ ...DEFAULT_CONFIG, seed: 1 });
    expect(fake.seeds).toEqual([1]);
    expect(useStore.getState().run).toMatchObject({ status: 'idle', runs: [], group: null });
  });

  it('trains once, as before, with repeats 1: no group, no seed in the label', async () => {
    await useStore.getState().run.train({ ...DEFAULT_CONFIG, seed: 4 });
    expect(fake.seeds).toEqual([4]);
    const [run] = useStore.getState().run.runs;
    expect(run.repeat).toBeUndefined();
    expect(run.label).toBe('LTD τ=5 λ=6 ε=0.05');
    expect(useStore.getState().run.group).toBeNull();
  });

  it('refuses repeats whose last seed leaves the Seed range, naming it', async () => {
    useStore.getState().run.setRepeats(3);
    await useStore.getState().run.train({ ...DEFAULT_CONFIG, seed: 2 ** 31 - 1 });
    expect(fake.seeds).toEqual([]);
    expect(useStore.getState().alerts.list.map((a) => a.message)).toEqual([
      'Repeats: 3 repeats from seed 2147483647 need seeds up to 2147483649, above the Seed maximum 2147483647.',
    ]);
  });
});
