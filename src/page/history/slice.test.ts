// IndexedDB in Node for these tests only (the other tests do not need it).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import { metricsJson } from '../../shared/metrics-export';
import type { DetectorReport } from '../../hosts/worker/api';
import { detectorReportOf, finishedRun } from '../testing/runs';

/** The worker's detector: answers with whatever report the test sets. */
const fake = vi.hoisted(() => ({ report: null as unknown }));
vi.mock('../../hosts/worker/client', () => ({
  engine: () => ({ runDetector: async () => fake.report }),
  callback: <T,>(f: T) => f,
}));

const { useAlerts } = await import('../use-alerts');
const { useDetector } = await import('../detector/use-detector');
const { currentRun, useRun } = await import('../run/use-run');
const { canKeep, useSaved } = await import('./use-saved');
type RunRecord = import('../run/use-run').RunRecord;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  useRun.setState({ runs: [], status: 'idle', activeId: 0 });
  useAlerts.setState({ list: [] });
  useSaved.setState({ entries: [], status: 'idle', savedFrom: {}, notice: null });
  useDetector.setState({ role: 'student', status: 'idle', report: null });
});

const labels = () => useSaved.getState().entries.map((e) => (e.ok ? e.run.label : `unreadable: ${e.reason}`));
const rowOf = (runId: number) => {
  const entry = useSaved.getState().entries.find((e) => e.ok && e.run.id === useSaved.getState().savedFrom[runId]);
  if (!entry?.ok) throw new Error(`run ${runId} has no row`);
  return entry.run;
};

/** Run `run` to its end as the engine would: it is the active run, then its done event arrives. */
async function finish(run: RunRecord, reason: 'completed' | 'stopped' = 'completed') {
  useRun.setState((s) => ({ runs: [...s.runs, { ...run, outcome: 'running' }], activeId: run.id, status: 'running' }));
  useRun.getState().handle({ type: 'done', reason, seconds: 3 });
  await vi.waitFor(() => expect(useSaved.getState().savedFrom[run.id]).toBeDefined());
}

describe('every finished run goes into the history', () => {
  it('keeps a run when it finishes, once, with no Save step', async () => {
    await finish(finishedRun({ id: 12, label: 'first' }));
    expect(labels()).toEqual(['first']);
    expect(rowOf(12)).toMatchObject({ origin: { kind: 'trained' }, detector: null, outcome: 'completed' });
    await useSaved.getState().keep(12); // a second call for the same run changes nothing
    await useSaved.getState().refresh();
    expect(labels()).toEqual(['first']);
    await finish(finishedRun({ id: 13, label: 'second' }), 'stopped');
    expect(labels()).toEqual(['second', 'first']);
    expect(rowOf(13).outcome).toBe('stopped');
    expect(useAlerts.getState().list).toEqual([]);
  });

  it('keeps runs that finished or were stopped with a student epoch, not failed or empty ones', () => {
    expect(canKeep(undefined)).toBe(false);
    expect(canKeep(finishedRun({ student: [] }))).toBe(false);
    expect(canKeep(finishedRun({ outcome: 'running' }))).toBe(false);
    expect(canKeep(finishedRun({ outcome: 'failed' }))).toBe(false);
    expect(canKeep(finishedRun({ outcome: 'stopped' }))).toBe(true);
  });

  it('does not keep a run stopped before its first student epoch', async () => {
    useRun.setState({ runs: [finishedRun({ id: 20, outcome: 'running', student: [] })], activeId: 20 });
    useRun.getState().handle({ type: 'done', reason: 'stopped', seconds: 1 });
    await useSaved.getState().keep(20);
    await useSaved.getState().refresh();
    expect(useSaved.getState().entries).toEqual([]);
  });

  it('turns missing IndexedDB into one alert and an unavailable status, and stops trying', async () => {
    const factory = globalThis.indexedDB;
    // @ts-expect-error -- a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      await useSaved.getState().refresh();
      useRun.setState({ runs: [finishedRun({ id: 30 })] });
      await useSaved.getState().keep(30);
    } finally {
      globalThis.indexedDB = factory;
    }
    expect(useSaved.getState().status).toBe('unavailable');
    expect(useAlerts.getState().list.map((a) => a.message)).toEqual([
      'Run history: IndexedDB is not available in this browser (a private window may disable it): runs cannot be kept across reloads',
    ]);
  });
});

describe('the detector’s figures in the history', () => {
  const report = detectorReportOf({ verdict: 'masked', square: 12.5, aaLite: 40 });

  it('go into the row of the run whose student it examined, with the attack settings behind them', async () => {
    await finish(finishedRun({ id: 40, label: 'older' }));
    await finish(finishedRun({ id: 41, label: 'current' }));
    fake.report = report;
    await useDetector.getState().run(DEFAULT_CONFIG);
    await vi.waitFor(() => expect(rowOf(41).detector).not.toBeNull());
    expect(rowOf(41).detector).toMatchObject({
      verdict: 'masked',
      square: { robustAccuracy: 12.5, settings: { attack: 'Square', queries: 100, subset: 64 } },
      // The full AA-lite ensemble, not the checks' white-box part.
      whiteBox: { robustAccuracy: 40, settings: { attack: 'AA-lite', budget: 'quick' } },
    });
    expect(rowOf(40).detector).toBeNull();
  });

  it('are not put anywhere when the detector examined the teacher or an imported model', async () => {
    await finish(finishedRun({ id: 42 }));
    fake.report = report;
    const real = useSaved.getState().attachDetector;
    const attach = vi.fn(async () => {});
    useSaved.setState({ attachDetector: attach });
    try {
      for (const role of ['teacher', 'imported', 'student'] as const) {
        useDetector.setState({ role });
        await useDetector.getState().run(DEFAULT_CONFIG);
      }
    } finally {
      useSaved.setState({ attachDetector: real });
    }
    expect(attach.mock.calls).toEqual([[42, report]]);
  });

  it('wait for a save still in flight', async () => {
    useRun.setState({ runs: [finishedRun({ id: 43 })] });
    const keeping = useSaved.getState().keep(43);
    await useSaved.getState().attachDetector(43, report as DetectorReport);
    await keeping;
    expect(rowOf(43).detector?.verdict).toBe('masked');
  });
});

describe('rows in the chart, deleting and importing', () => {
  it('overlays ticked rows as saved runs beside the current one, and deleting them takes them off the chart', async () => {
    await finish(finishedRun({ id: 50, label: 'a' }));
    await finish(finishedRun({ id: 51, label: 'b' }));
    const [a, b] = [useSaved.getState().savedFrom[50], useSaved.getState().savedFrom[51]];
    useSaved.getState().setShown(a, true);
    useSaved.getState().setShown(b, true);
    useSaved.getState().setShown(b, true); // once per row
    expect(useRun.getState().runs.map((r) => r.savedId)).toEqual([undefined, undefined, a, b]);
    expect(currentRun(useRun.getState().runs)?.id).toBe(51);
    useSaved.getState().setShown(b, false);
    expect(useRun.getState().runs.map((r) => r.savedId)).toEqual([undefined, undefined, a]);

    useSaved.getState().setShown(b, true);
    await useSaved.getState().remove([a, b]);
    expect(useSaved.getState().entries).toEqual([]);
    expect(useSaved.getState().savedFrom).toEqual({});
    expect(useRun.getState().runs.map((r) => r.savedId)).toEqual([undefined, undefined]);
  });

  it('imports good files, refuses a bad one with one alert naming it, and loses nothing', async () => {
    await finish(finishedRun({ id: 60, label: 'trained here' }));
    const good = { name: 'good.json', text: async () => metricsJson([finishedRun({ id: 1, label: 'from afar' })]) };
    const bad = { name: 'bad.json', text: async () => metricsJson([finishedRun({ id: 1, label: 'broken', config: { ...DEFAULT_CONFIG, lambda: 99 } })]) };
    await useSaved.getState().importFiles([good, bad]);
    expect(labels().sort()).toEqual(['from afar', 'trained here']);
    expect(useAlerts.getState().list.map((a) => a.message)).toEqual([
      'Import runs: bad.json: run 1 (“broken”): config.lambda: Lambda (lambda) must be at most 12',
    ]);
    expect(useSaved.getState().notice).toBe('Imported 1 run from good.json.');
  });

  it('names the file when it cannot be read at all', async () => {
    await useSaved.getState().importFiles([{ name: 'gone.json', text: () => Promise.reject(new Error('NotReadableError: the file changed')) }]);
    expect(useAlerts.getState().list.map((a) => a.message)).toEqual(['Import runs: gone.json: NotReadableError: the file changed']);
  });
});
