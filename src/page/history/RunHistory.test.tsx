// @vitest-environment happy-dom
/**
 * The Run history region in happy-dom, over a fake IndexedDB: the "Runs" table sorts by its
 * header buttons (aria-sort follows), ticked rows are overlaid in the accuracy chart, exports
 * take the ticked rows, and rows are deleted one by one or as the ticked ones.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../hosts/worker/client', () => ({
  engine: () => {
    throw new Error('the run history must not call the engine');
  },
  callback: <T,>(f: T) => f,
}));
const downloads = vi.hoisted(() => [] as Array<{ name: string; data: string }>);
vi.mock('../download', () => ({ download: (name: string, data: string) => void downloads.push({ name, data }) }));

const { RunHistory } = await import('./RunHistory');
const { render, byRole } = await import('../testing/render');
const { useStore } = await import('../store');
const { setSlice } = await import('../testing/store');
const { addRuns, newRecord } = await import('./saved-runs');
const { detectorFiguresOf, finishedRun } = await import('../testing/runs');

/** Three kept runs, oldest first: natural 70, 90, 80 %; only the second measured by the detector. */
async function keepThree() {
  const run = (label: string, natAcc: number, savedAt: number) => {
    const base = finishedRun({ label });
    return newRecord({ ...base, student: [{ ...base.student[0], natAcc }] }, { kind: 'trained' }, savedAt);
  };
  const [a, b, c] = await addRuns([run('a', 70, 1), run('b', 90, 2), run('c', 80, 3)]);
  const { setDetectorFigures } = await import('./saved-runs');
  await setDetectorFigures(b.id, detectorFiguresOf({ verdict: 'clean', square: 61, whiteBox: 55 }));
  return { a, b, c };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  downloads.length = 0;
  setSlice('run', { runs: [] });
  setSlice('saved', { entries: [], status: 'idle', savedFrom: {}, notice: null });
});
afterEach(() => document.body.replaceChildren());

/** Render the panel and let its first read of IndexedDB land. */
async function renderHistory() {
  const page = await render(<RunHistory />);
  await page.update(() => vi.waitFor(() => expect(useStore.getState().saved.status).toBe('ready')));
  return page;
}

const rowLabels = (container: HTMLElement) =>
  [...byRole(container, 'table', 'Runs')[0].querySelectorAll('tbody th')].map((th) => th.firstChild?.textContent);
const header = (container: HTMLElement, name: string) => byRole(container, 'button', name)[0].closest('th')!;

describe('the Run history region', () => {
  it('says there are no runs yet before any', async () => {
    const page = await renderHistory();
    expect(byRole(page.container, 'region', 'Run history')).toHaveLength(1);
    expect(page.container.textContent).toContain('No runs yet: train one, or import runs.');
    expect(byRole(page.container, 'button', 'Export JSON')[0].hasAttribute('disabled')).toBe(true);
    await page.unmount();
  });

  it('lists the runs newest first and sorts by a column header, aria-sort following', async () => {
    await keepThree();
    const page = await renderHistory();
    expect(rowLabels(page.container)).toEqual(['c', 'b', 'a']);
    expect(header(page.container, 'Run').getAttribute('aria-sort')).toBe('descending');
    const natural = byRole(page.container, 'button', 'Natural')[0];
    await page.update(() => natural.click());
    expect(rowLabels(page.container)).toEqual(['a', 'c', 'b']);
    expect(header(page.container, 'Natural').getAttribute('aria-sort')).toBe('ascending');
    expect(header(page.container, 'Run').hasAttribute('aria-sort')).toBe(false);
    await page.update(() => natural.click());
    expect(rowLabels(page.container)).toEqual(['b', 'c', 'a']);
    expect(header(page.container, 'Natural').getAttribute('aria-sort')).toBe('descending');
    // Square: the measured row first, "—" for the others.
    await page.update(() => byRole(page.container, 'button', 'Square robust')[0].click());
    const cells = [...page.container.querySelectorAll('tbody tr')].map((tr) => tr.querySelectorAll('td')[9].textContent);
    expect(cells).toEqual(['61.0%Square 100 q. ε=0.05 on 64', '—', '—']);
    await page.unmount();
  });

  it('overlays ticked rows in the accuracy chart and exports just those', async () => {
    const { b } = await keepThree();
    const page = await renderHistory();
    const overlay = byRole(page.container, 'checkbox', 'Overlay b')[0] as HTMLInputElement;
    await page.update(() => overlay.click());
    expect(overlay.checked).toBe(true);
    expect(useStore.getState().run.runs).toMatchObject([{ savedId: b.id, label: 'b' }]);
    expect(page.container.textContent).toContain('Exports the 1 ticked run.');

    await page.update(() => byRole(page.container, 'button', 'Export JSON')[0].click());
    await page.update(() => byRole(page.container, 'button', 'Export CSV')[0].click());
    expect(downloads.map((d) => d.name)).toEqual(['run-history.json', 'run-history.csv']);
    expect(JSON.parse(downloads[0].data).runs.map((r: { label: string; history: { detector: { verdict: string } } }) => [r.label, r.history.detector.verdict])).toEqual([
      ['b', 'clean'],
    ]);
    expect(downloads[1].data.trim().split('\n')).toHaveLength(2);

    await page.update(() => overlay.click());
    expect(useStore.getState().run.runs).toEqual([]);
    expect(page.container.textContent).toContain('Exports all 3 runs.');
    await page.unmount();
  });

  it('deletes a row by its button, and the ticked rows with Delete selected', async () => {
    await keepThree();
    const page = await renderHistory();
    await page.update(async () => {
      byRole(page.container, 'button', 'Delete c')[0].click();
      await vi.waitFor(() => expect(useStore.getState().saved.entries).toHaveLength(2));
    });
    expect(rowLabels(page.container)).toEqual(['b', 'a']);
    const deleteSelected = byRole(page.container, 'button', 'Delete selected')[0];
    expect(deleteSelected.hasAttribute('disabled')).toBe(true);
    await page.update(() => byRole(page.container, 'checkbox', 'Overlay a')[0].click());
    await page.update(() => byRole(page.container, 'checkbox', 'Overlay b')[0].click());
    await page.update(async () => {
      deleteSelected.click();
      await vi.waitFor(() => expect(useStore.getState().saved.entries).toHaveLength(0));
    });
    expect(useStore.getState().run.runs).toEqual([]);
    expect(page.container.textContent).toContain('No runs yet');
    await page.unmount();
  });
});
