// IndexedDB in Node for these tests only (the other tests do not need it).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAlerts } from './alerts';
import { currentRun, useRun } from './run';
import { aaLiteSettings } from '../shared/attack-plan';
import { attackShort, canSave, finalFigures, useSaved } from './saved';
import { finishedRun } from './test-runs';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  useRun.setState({ runs: [], status: 'idle' });
  useAlerts.setState({ list: [] });
  useSaved.setState({ entries: [], status: 'idle', savedFrom: {} });
});

describe('showing a saved run in the accuracy chart', () => {
  it('adds the saved run as an earlier run and leaves the current one as it was', () => {
    const current = finishedRun({ id: 40, outcome: 'running', student: [] });
    useRun.setState({ runs: [current] });
    const { id: _id, ...saved } = finishedRun({ label: 'saved one' });
    useRun.getState().addComparison({ ...saved, savedId: 7 });

    const { runs } = useRun.getState();
    expect(runs).toHaveLength(2);
    expect(runs[0]).toBe(current);
    expect(currentRun(runs)).toBe(current);
    expect(runs[1]).toMatchObject({ label: 'saved one', savedId: 7 });
    expect(runs[1].id).not.toBe(current.id);

    useRun.getState().addComparison({ ...saved, savedId: 7 });
    expect(useRun.getState().runs).toHaveLength(2); // once per saved run
    useRun.getState().removeComparison(7);
    expect(useRun.getState().runs).toEqual([current]);
  });

  it('never takes a comparison for the current run, even when nothing was trained this session', () => {
    const { id: _id, ...saved } = finishedRun();
    useRun.getState().addComparison({ ...saved, savedId: 1 });
    expect(currentRun(useRun.getState().runs)).toBeUndefined();
  });
});

describe('the saved-runs store', () => {
  it('saves the current run once, lists it, shows it, and deleting it takes it off the chart', async () => {
    const run = finishedRun({ id: 12 });
    useRun.setState({ runs: [run] });
    await useSaved.getState().saveCurrent();
    await useSaved.getState().saveCurrent(); // a second click does not save it again
    const { entries, savedFrom } = useSaved.getState();
    expect(entries).toHaveLength(1);
    const entry = entries[0];
    if (!entry.ok) throw new Error(entry.reason);
    expect(savedFrom).toEqual({ 12: entry.run.id });

    useSaved.getState().toggleShown(entry.run.id);
    expect(useRun.getState().runs.map((r) => r.savedId)).toEqual([undefined, entry.run.id]);
    expect(currentRun(useRun.getState().runs)).toBe(run);

    await useSaved.getState().remove(entry.run.id);
    expect(useSaved.getState().entries).toEqual([]);
    expect(useSaved.getState().savedFrom).toEqual({});
    expect(useRun.getState().runs).toEqual([run]);
    expect(useAlerts.getState().list).toEqual([]);
  });

  it('does not save a run that is still training', async () => {
    useRun.setState({ runs: [finishedRun({ outcome: 'running' })] });
    await useSaved.getState().saveCurrent();
    expect(useSaved.getState().savedFrom).toEqual({});
  });

  it('turns missing IndexedDB into one alert and an unavailable status, without throwing', async () => {
    const factory = globalThis.indexedDB;
    // @ts-expect-error -- a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      await useSaved.getState().refresh();
    } finally {
      globalThis.indexedDB = factory;
    }
    expect(useSaved.getState().status).toBe('unavailable');
    expect(useAlerts.getState().list.map((a) => a.message)).toEqual([
      'Saved runs: IndexedDB is not available in this browser (a private window may disable it): runs cannot be kept across reloads',
    ]);
  });
});

describe('what the list shows', () => {
  it('writes the attack with its settings', () => {
    expect(attackShort({ attack: 'PGD', steps: 10, epsilon: 0.05, restarts: 1, subset: 500 })).toBe('PGD-10 ε=0.05 on 500');
    expect(attackShort({ attack: 'PGD', steps: 20, epsilon: 0.3, restarts: 3, subset: 64 })).toBe('PGD-20 ε=0.3, 3 restarts on 64');
    expect(attackShort({ attack: 'APGD', loss: 'ce', steps: 20, epsilon: 0.05, restarts: 1, subset: 64 })).toBe('APGD-CE 20 it. ε=0.05 on 64');
    expect(attackShort(aaLiteSettings('quick', 0.05, 64, 3))).toBe('AA-lite (quick) ε=0.05 on 64');
  });

  it('gives the last student epoch with the attack behind its PGD figure', () => {
    const { id: _id, ...run } = finishedRun();
    expect(finalFigures({ ...run, id: 1, version: 1, savedAt: 0, outcome: 'completed' })).toEqual({
      epochs: 2, natural: '85.3%', pgd: '47.5% (PGD-10 ε=0.05 on 500)',
    });
  });

  it('lets a run be saved only with a student epoch and once it stopped training', () => {
    expect(canSave(undefined)).toBe(false);
    expect(canSave(finishedRun({ student: [] }))).toBe(false);
    expect(canSave(finishedRun({ outcome: 'running' }))).toBe(false);
    expect(canSave(finishedRun({ outcome: 'stopped' }))).toBe(true);
  });
});
