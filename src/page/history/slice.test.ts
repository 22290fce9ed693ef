// IndexedDB in Node for these tests only (the other tests do not need it).
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { openDB } from 'idb';
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

const { useStore } = await import('../store');
const { setSlice } = await import('../testing/store');
const { currentRun } = await import('../run/slice');
const { DB_NAME, DB_VERSION, STORE } = await import('./saved-runs');
const { canKeep, keptOutcome } = await import('./slice');
type RunRecord = import('../../shared/run-record').RunRecord;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  setSlice('run', { runs: [], status: 'idle', activeId: 0 });
  setSlice('alerts', { list: [] });
  setSlice('saved', { entries: [], status: 'idle', savedFrom: {}, notice: null });
  setSlice('detector', { role: 'student', status: 'idle', report: null });
});

const labels = () => useStore.getState().saved.entries.map((e) => (e.ok ? e.run.label : `unreadable: ${e.reason}`));
const rowOf = (runId: number) => {
  const entry = useStore.getState().saved.entries.find((e) => e.ok && e.run.id === useStore.getState().saved.savedFrom[runId]);
  if (!entry?.ok) throw new Error(`run ${runId} has no row`);
  return entry.run;
};

/** Run `run` to its end as the engine would: it is the active run, then its done event arrives. */
async function finish(run: RunRecord, reason: 'completed' | 'stopped' = 'completed') {
  setSlice('run', (s) => ({ runs: [...s.runs, { ...run, outcome: 'running' as const }], activeId: run.id, status: 'running' as const }));
  useStore.getState().run.handle({ type: 'done', reason, seconds: 3 });
  await vi.waitFor(() => expect(useStore.getState().saved.savedFrom[run.id]).toBeDefined());
}

describe('every finished run goes into the history', () => {
  it('keeps a run when it finishes, once, with no Save step', async () => {
    await finish(finishedRun({ id: 12, label: 'first' }));
    expect(labels()).toEqual(['first']);
    expect(rowOf(12)).toMatchObject({ origin: { kind: 'trained' }, detector: null, outcome: 'completed' });
    await useStore.getState().saved.keep(12); // a second call for the same run changes nothing
    await useStore.getState().saved.refresh();
    expect(labels()).toEqual(['first']);
    await finish(finishedRun({ id: 13, label: 'second' }), 'stopped');
    expect(labels()).toEqual(['second', 'first']);
    expect(rowOf(13).outcome).toBe('stopped');
    expect(useStore.getState().alerts.list).toEqual([]);
  });

  it('keeps any run with a student epoch, and writes one that did not end as interrupted', () => {
    expect(canKeep(undefined)).toBe(false);
    expect(canKeep(finishedRun({ student: [] }))).toBe(false);
    for (const outcome of ['running', 'failed', 'stopped', 'completed'] as const) expect(canKeep(finishedRun({ outcome }))).toBe(true);
    expect(keptOutcome('running')).toBe('interrupted');
    expect(keptOutcome('failed')).toBe('interrupted');
    expect(keptOutcome('stopped')).toBe('stopped');
  });

  it('writes a run at each student epoch as interrupted, then its end over the same row', async () => {
    const run = finishedRun({ id: 70, label: 'live', outcome: 'running' });
    setSlice('run', { runs: [{ ...run, student: run.student.slice(0, 1) }], activeId: 70, status: 'running' });
    await useStore.getState().saved.checkpoint(70);
    expect(rowOf(70)).toMatchObject({ outcome: 'interrupted', student: run.student.slice(0, 1) });
    setSlice('run', { runs: [run] });
    await useStore.getState().saved.checkpoint(70);
    expect(rowOf(70).student).toEqual(run.student);
    useStore.getState().run.handle({ type: 'done', reason: 'completed', seconds: 2 });
    await vi.waitFor(() => expect(rowOf(70).outcome).toBe('completed'));
    expect(labels()).toEqual(['live']);
  });

  it('leaves a run that failed part-way in the history as interrupted, and its alert says what was kept', async () => {
    const run = finishedRun({ id: 71, label: 'nan', outcome: 'running' });
    setSlice('run', { runs: [run], activeId: 71, status: 'running' });
    useStore.getState().run.handle({ type: 'error', kind: 'internal', message: 'Training loss is NaN at student epoch 2, batch 3' });
    await vi.waitFor(() => expect(rowOf(71).outcome).toBe('interrupted'));
    expect(useStore.getState().alerts.list.map((a) => a.message)).toEqual([
      `Training loss is NaN at student epoch 2, batch 3. Kept: run 71 up to student epoch ${run.student.at(-1)!.epoch}, on the charts and in the run history (marked interrupted).`,
    ]);
  });

  it('reports a run the full storage refused as not saved, with how to keep it, and keeps the older rows', async () => {
    await finish(finishedRun({ id: 72, label: 'older' }));
    const put = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      setSlice('run', (s) => ({ runs: [...s.runs, finishedRun({ id: 73, label: 'newer' })] }));
      await useStore.getState().saved.keep(73);
    } finally {
      IDBObjectStore.prototype.add = put;
    }
    expect(labels()).toEqual(['older']);
    const [message] = useStore.getState().alerts.list.map((a) => a.message);
    expect(message).toMatch(/^Run 73 \(newer\) was not saved in the history: .*storage for this site is full \(QuotaExceededError\).*It stays on the charts while this page is open, and Export metrics still writes it/);
  });

  it('names an unreadable record in one alert, once, and lists the others', async () => {
    await finish(finishedRun({ id: 74, label: 'fine' }));
    const db = await openDB(DB_NAME, DB_VERSION);
    await db.put(STORE, { id: 999, version: 9, label: 'from the future' });
    db.close();
    await useStore.getState().saved.refresh();
    await useStore.getState().saved.refresh();
    expect(labels()).toEqual(['fine', expect.stringMatching(/^unreadable: saved in record format 9/)]);
    expect(useStore.getState().alerts.list.map((a) => a.message)).toEqual([
      'Run history: record #999 (from the future) skipped: saved in record format 9; this version of the playground reads formats 1, 2, 3, 4, 5; the other runs are listed',
    ]);
  });

  it('does not keep a run stopped before its first student epoch', async () => {
    setSlice('run', { runs: [finishedRun({ id: 20, outcome: 'running', student: [] })], activeId: 20 });
    useStore.getState().run.handle({ type: 'done', reason: 'stopped', seconds: 1 });
    await useStore.getState().saved.keep(20);
    await useStore.getState().saved.refresh();
    expect(useStore.getState().saved.entries).toEqual([]);
  });

  it('turns missing IndexedDB into one alert and an unavailable status, and stops trying', async () => {
    const factory = globalThis.indexedDB;
    // @ts-expect-error -- a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      await useStore.getState().saved.refresh();
      setSlice('run', { runs: [finishedRun({ id: 30 })] });
      await useStore.getState().saved.keep(30);
    } finally {
      globalThis.indexedDB = factory;
    }
    expect(useStore.getState().saved.status).toBe('unavailable');
    expect(useStore.getState().alerts.list.map((a) => a.message)).toEqual([
      'Run history: IndexedDB is not available in this browser (a private window may disable it): runs cannot be kept across reloads; this page keeps its runs on the charts while it is open, and Export metrics writes them to a file',
    ]);
  });
});

describe('the detector’s figures in the history', () => {
  const report = detectorReportOf({ verdict: 'masked', square: 12.5, aaLite: 40 });

  it('go into the row of the run whose student it examined, with the attack settings behind them', async () => {
    await finish(finishedRun({ id: 40, label: 'older' }));
    await finish(finishedRun({ id: 41, label: 'current' }));
    fake.report = report;
    await useStore.getState().detector.run(DEFAULT_CONFIG);
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
    const real = useStore.getState().saved.attachDetector;
    const attach = vi.fn(async () => {});
    setSlice('saved', { attachDetector: attach });
    try {
      for (const role of ['teacher', 'imported', 'student'] as const) {
        setSlice('detector', { role });
        await useStore.getState().detector.run(DEFAULT_CONFIG);
      }
    } finally {
      setSlice('saved', { attachDetector: real });
    }
    expect(attach.mock.calls).toEqual([[42, report]]);
  });

  it('wait for a save still in flight', async () => {
    setSlice('run', { runs: [finishedRun({ id: 43 })] });
    const keeping = useStore.getState().saved.keep(43);
    await useStore.getState().saved.attachDetector(43, report as DetectorReport);
    await keeping;
    expect(rowOf(43).detector?.verdict).toBe('masked');
  });
});

describe('rows in the chart, deleting and importing', () => {
  it('overlays ticked rows as saved runs beside the current one, and deleting them takes them off the chart', async () => {
    await finish(finishedRun({ id: 50, label: 'a' }));
    await finish(finishedRun({ id: 51, label: 'b' }));
    const [a, b] = [useStore.getState().saved.savedFrom[50], useStore.getState().saved.savedFrom[51]];
    useStore.getState().saved.setShown(a, true);
    useStore.getState().saved.setShown(b, true);
    useStore.getState().saved.setShown(b, true); // once per row
    expect(useStore.getState().run.runs.map((r) => r.savedId)).toEqual([undefined, undefined, a, b]);
    expect(currentRun(useStore.getState().run.runs)?.id).toBe(51);
    useStore.getState().saved.setShown(b, false);
    expect(useStore.getState().run.runs.map((r) => r.savedId)).toEqual([undefined, undefined, a]);

    useStore.getState().saved.setShown(b, true);
    await useStore.getState().saved.remove([a, b]);
    expect(useStore.getState().saved.entries).toEqual([]);
    expect(useStore.getState().saved.savedFrom).toEqual({});
    expect(useStore.getState().run.runs.map((r) => r.savedId)).toEqual([undefined, undefined]);
  });

  it('imports good files, refuses a bad one with one alert naming it, and loses nothing', async () => {
    await finish(finishedRun({ id: 60, label: 'trained here' }));
    const good = { name: 'good.json', text: async () => metricsJson([finishedRun({ id: 1, label: 'from afar' })]) };
    const bad = { name: 'bad.json', text: async () => metricsJson([finishedRun({ id: 1, label: 'broken', config: { ...DEFAULT_CONFIG, lambda: 99 } })]) };
    await useStore.getState().saved.importFiles([good, bad]);
    expect(labels().sort()).toEqual(['from afar', 'trained here']);
    expect(useStore.getState().alerts.list.map((a) => a.message)).toEqual([
      'Import runs: bad.json: run 1 (“broken”): config.lambda: Lambda (lambda) must be at most 12',
    ]);
    expect(useStore.getState().saved.notice).toBe('Imported 1 run from good.json.');
  });

  it('names the file when it cannot be read at all', async () => {
    await useStore.getState().saved.importFiles([{ name: 'gone.json', text: () => Promise.reject(new Error('NotReadableError: the file changed')) }]);
    expect(useStore.getState().alerts.list.map((a) => a.message)).toEqual(['Import runs: gone.json: NotReadableError: the file changed']);
  });
});
