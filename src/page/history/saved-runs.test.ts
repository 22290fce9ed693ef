// IndexedDB in Node for these tests only (the other tests do not need it).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aaLiteSettings } from '../../shared/attack-plan';
import { validateConfig } from '../../shared/config';
import {
  DB_NAME, DB_VERSION, STORE, SAVED_RUN_VERSION, SavedRunsError, addRuns, deleteRun, deleteRuns, listRuns, newRecord, readRecord, saveRun, setDetectorFigures,
} from './saved-runs';
import { detectorFiguresOf, finishedRun } from '../testing/runs';

/** Write a raw value straight into the store, as an older version or a damaged disk would leave it. */
async function putRaw(value: Record<string, unknown>): Promise<void> {
  await saveRun(finishedRun()).then((saved) => deleteRun(saved.id)); // creates the store as the app does
  const db = await openDB(DB_NAME, DB_VERSION);
  await db.put(STORE, value);
  db.close();
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory(); // a fresh, empty browser profile per test
});
afterEach(() => vi.restoreAllMocks());

describe('the run history in IndexedDB', () => {
  it('saves, lists and deletes a run, keeping every figure and setting', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    const run = finishedRun();
    const saved = await saveRun(run);
    expect(saved.savedAt).toBe(1_700_000_000_000);

    const entries = await listRuns();
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    if (!entry.ok) throw new Error(`expected a readable record, got: ${entry.reason}`);
    expect(entry.run).toEqual(saved);
    const { id: _id, savedId: _savedId, ...fields } = run;
    expect(entry.run).toMatchObject({ ...fields, version: SAVED_RUN_VERSION, origin: { kind: 'trained' }, detector: null });
    expect(validateConfig(entry.run.config)).toEqual({ ok: true, config: run.config });

    await deleteRun(saved.id);
    expect(await listRuns()).toEqual([]);
  });

  it('lists the newest first and gives each save its own id', async () => {
    const now = vi.spyOn(Date, 'now');
    now.mockReturnValue(1000);
    const first = await saveRun(finishedRun({ label: 'first' }));
    now.mockReturnValue(2000);
    const second = await saveRun(finishedRun({ label: 'second' }));
    expect(second.id).not.toBe(first.id);
    const labels = (await listRuns()).map((e) => (e.ok ? e.run.label : e.reason));
    expect(labels).toEqual(['second', 'first']);
  });

  it('refuses to save a run that is still training, and stores nothing', async () => {
    await expect(saveRun(finishedRun({ outcome: 'running' }))).rejects.toThrow(/still training/);
    expect(await listRuns()).toEqual([]);
  });

  it('reports a record with wrong types as unreadable, naming the field, and still lists the good ones', async () => {
    await putRaw({ ...finishedRun(), id: 50, version: 3, savedAt: 5, origin: { kind: 'trained' }, detector: null, student: [{ epoch: 'one', natAcc: '90' }] });
    const good = await saveRun(finishedRun());
    const entries = await listRuns();
    expect(entries.map((e) => e.ok)).toEqual([true, false]);
    const bad = entries[1];
    if (bad.ok) throw new Error('the damaged record was accepted');
    expect(bad.key).toBe(50);
    expect(bad.label).toBe('LTD τ=5 λ=6 ε=0.05');
    expect(bad.reason).toMatch(/^student\.0\.epoch: .*number/);
    expect(entries[0].ok && entries[0].run.id).toBe(good.id);

    await deleteRun(50);
    expect((await listRuns()).map((e) => e.ok)).toEqual([true]);
  });

  it('reports a record of an unknown format by its version, not by its fields', async () => {
    await putRaw({ id: 7, version: 0, label: 'from last year', runs: 'whatever' });
    await putRaw({ id: 8, version: 6, label: 'from next year', savedAt: 1 });
    const reasons = (await listRuns()).map((e) => !e.ok && [e.key, e.label, e.reason]);
    expect(reasons).toEqual([
      [7, 'from last year', 'saved in record format 0; this version of the playground reads formats 1, 2, 3, 4, 5'],
      [8, 'from next year', 'saved in record format 6; this version of the playground reads formats 1, 2, 3, 4, 5'],
    ]);
  });

  it('reads a format-1 record (saved by hand, before the history kept runs itself) as a run trained here, detector not run', async () => {
    const { id: _id, ...run } = finishedRun();
    await putRaw({ ...run, id: 40, version: 1, savedAt: 1234 });
    const [entry] = await listRuns();
    if (!entry.ok) throw new Error(`expected a readable record, got: ${entry.reason}`);
    expect(entry.run).toEqual({ ...run, id: 40, version: SAVED_RUN_VERSION, savedAt: 1234, origin: { kind: 'trained' }, detector: null });
  });

  it('reads a format-4 record as format 5 with no final AA-lite point, and keeps a format-5 run’s point through save and read', async () => {
    const { id: _id, ...run } = finishedRun();
    await putRaw({ ...run, id: 42, version: 4, savedAt: 6, origin: { kind: 'trained' }, detector: null });
    const [old] = await listRuns();
    if (!old.ok) throw new Error(`expected a readable record, got: ${old.reason}`);
    expect(old.run).toEqual({ ...run, id: 42, version: 5, savedAt: 6, origin: { kind: 'trained' }, detector: null });
    expect(old.run).not.toHaveProperty('finalAaLite');
    const finalAaLite = { epoch: run.student.at(-1)!.epoch, robustAcc: 12.5, seconds: 2, attack: { attack: 'AA-lite' as const, epsilon: 0.05, steps: 20, restarts: 1, subset: 64, budget: 'quick' as const, queries: 1000 } };
    const saved = await saveRun({ ...finishedRun(), finalAaLite });
    const entry = (await listRuns()).find((e) => e.ok && e.run.id === saved.id);
    if (!entry?.ok) throw new Error('expected the saved run back');
    expect(entry.run.finalAaLite).toEqual(finalAaLite);
    // A point that is not a percentage is refused, naming the field.
    await putRaw({ ...run, id: 43, version: 5, savedAt: 7, origin: { kind: 'trained' }, detector: null, finalAaLite: { ...finalAaLite, robustAcc: 120 } });
    const bad = (await listRuns()).find((e) => !e.ok);
    expect(bad && !bad.ok && bad.reason).toMatch(/^finalAaLite\.robustAcc: /);
  });

  it('reads a format-2 record, whose evaluation-attack figure was pgdAcc and its settings pgd, under today\'s names', async () => {
    const { id: _id, robustAttack, ...run } = finishedRun();
    const old = (p: (typeof run.student)[number]) => {
      const { robustAcc, ...rest } = p;
      return { ...rest, pgdAcc: robustAcc };
    };
    await putRaw({ ...run, pgd: robustAttack, teacher: run.teacher.map(old), student: run.student.map(old), id: 41, version: 2, savedAt: 5, origin: { kind: 'trained' }, detector: null });
    const [entry] = await listRuns();
    if (!entry.ok) throw new Error(`expected a readable record, got: ${entry.reason}`);
    expect(entry.run).toEqual({ ...run, robustAttack, id: 41, version: SAVED_RUN_VERSION, savedAt: 5, origin: { kind: 'trained' }, detector: null });
    expect(entry.run.student.at(-1)!.robustAcc).toBe(run.student.at(-1)!.robustAcc);
  });

  it('reports settings of another config version, and settings that no longer validate', async () => {
    const old = finishedRun();
    await putRaw({ ...old, id: 8, version: 1, savedAt: 1, config: { ...old.config, version: 0 } });
    await putRaw({ ...old, id: 9, version: 3, savedAt: 2, origin: { kind: 'trained' }, detector: null, config: { ...old.config, lambda: 99 } });
    const reasons = Object.fromEntries((await listRuns()).map((e) => (e.ok ? [e.run.id, 'ok'] : [e.key, e.reason])));
    expect(reasons[8]).toBe('its settings are config version 0; this version of the playground reads version 1');
    expect(reasons[9]).toBe('config.lambda: Lambda (lambda) must be at most 12');
  });

  it('reads a run saved before the evaluation attack was a setting as a PGD run', async () => {
    const run = finishedRun();
    const { evalAttack: _a, aaBudget: _b, aaQueries: _q, awpWarmup: _w, ...olderConfig } = run.config;
    await putRaw({ ...run, id: 21, version: 1, savedAt: 1, config: olderConfig });
    const [entry] = await listRuns();
    if (!entry.ok) throw new Error(`expected a readable record, got: ${entry.reason}`);
    expect(entry.run.config).toMatchObject({ evalAttack: 'pgd', aaBudget: 'standard', aaQueries: 0, awpWarmup: 0 });
    expect(entry.run.robustAttack).toEqual(run.robustAttack);
  });

  it('reads a run saved before the inner maximisation was a setting with its method’s own', async () => {
    const run = finishedRun();
    for (const [id, method, innerMax] of [[31, 'trades', 'kl'], [32, 'ltd', 'ce']] as const) {
      const { innerMax: _i, ...olderConfig } = { ...run.config, method };
      await putRaw({ ...run, id, version: 1, savedAt: id, config: olderConfig });
      const entry = (await listRuns()).find((e) => e.ok && e.run.id === id);
      if (!entry?.ok) throw new Error(`expected a readable record ${id}`);
      expect(entry.run.config.innerMax).toBe(innerMax);
    }
  });

  it('keeps an AA-lite run’s attack settings, members included', async () => {
    const run = finishedRun();
    const robustAttack = aaLiteSettings('quick', 0.05, 500, 3);
    const saved = await saveRun({ ...run, config: { ...run.config, evalAttack: 'aa-lite', aaBudget: 'quick' }, robustAttack });
    const [entry] = await listRuns();
    if (!entry.ok) throw new Error(`expected a readable record, got: ${entry.reason}`);
    expect(entry.run).toEqual(saved);
    expect(entry.run.robustAttack).toEqual(robustAttack);
  });

  it('reports a value that is not an object at all', () => {
    // The store's in-line keys refuse such values, so only a damaged database could hold one: check the reader itself.
    expect(readRecord(11, 'garbage')).toEqual({ ok: false, key: 11, label: null, reason: 'not a saved run (found string)' });
    expect(readRecord(12, null)).toMatchObject({ ok: false, reason: 'not a saved run (found null)' });
  });

  it('names the problem when IndexedDB is missing (e.g. a private window)', async () => {
    const factory = globalThis.indexedDB;
    // @ts-expect-error -- a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      await expect(listRuns()).rejects.toThrow(SavedRunsError);
      await expect(saveRun(finishedRun())).rejects.toThrow(/Run history: IndexedDB is not available/);
    } finally {
      globalThis.indexedDB = factory;
    }
  });

  it('names a full disk as such (QuotaExceededError) and stores nothing', async () => {
    await saveRun(finishedRun()).then((s) => deleteRun(s.id));
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(saveRun(finishedRun())).rejects.toThrow(/storage for this site is full \(QuotaExceededError\) while keeping a run/);
    vi.restoreAllMocks();
    expect(await listRuns()).toEqual([]);
  });

  it('stores several runs in one transaction: all of them, or none when one cannot be written', async () => {
    const records = [newRecord(finishedRun({ label: 'a' }), { kind: 'trained' }, 1), newRecord(finishedRun({ label: 'b' }), { kind: 'trained' }, 2)];
    const stored = await addRuns(records);
    expect(stored.map((r) => r.label)).toEqual(['a', 'b']);
    let calls = 0;
    const add = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (++calls === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return add.apply(this, args);
    });
    await expect(addRuns(records)).rejects.toThrow(/QuotaExceededError\) while keeping 2 runs/);
    vi.restoreAllMocks();
    expect((await listRuns()).map((e) => e.ok && e.run.label)).toEqual(['b', 'a']);
    await deleteRuns(stored.map((r) => r.id));
    expect(await listRuns()).toEqual([]);
  });

  it('records the detector’s figures in a run’s row, writing a format-1 record back in the current format', async () => {
    const { id: _id, ...run } = finishedRun();
    await putRaw({ ...run, id: 60, version: 1, savedAt: 1 });
    const figures = detectorFiguresOf({ verdict: 'masked', square: 12.5, whiteBox: 50 });
    expect(await setDetectorFigures(60, figures)).toMatchObject({ id: 60, version: SAVED_RUN_VERSION, detector: figures });
    const db = await openDB(DB_NAME, DB_VERSION);
    expect(await db.get(STORE, 60)).toMatchObject({ version: SAVED_RUN_VERSION, origin: { kind: 'trained' }, detector: figures });
    db.close();
    // A row deleted while the detector ran: nothing to record, nothing written.
    expect(await setDetectorFigures(61, figures)).toBeNull();
    expect((await listRuns()).map((e) => e.ok && e.run.id)).toEqual([60]);
  });

  it('refuses to keep a record it could not read back, naming the run and field', () => {
    const bad = finishedRun({ student: [{ ...finishedRun().student[0], natAcc: 140 }] });
    expect(() => newRecord(bad, { kind: 'trained' })).toThrow(/^Run history: run 3 \(LTD τ=5 λ=6 ε=0\.05\) cannot be kept: student\.0\.natAcc: /);
  });
});
