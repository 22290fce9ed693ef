import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import { DEFAULT_SORT, type HistorySort, historyCells, nextSort, rowNames, sortEntries, sortValue } from './history-table';
import type { DetectorFigures, SavedEntry, SavedRun } from '../../shared/saved-run';
import { detectorFiguresOf, finishedRun } from '../testing/runs';

/** A history row with the figures a test names; the rest from finishedRun. */
function row(id: number, { natural = 85.25, detector = null, savedAt = id, ...change }: Partial<SavedRun> & { natural?: number } = {}): SavedRun {
  const { id: _id, ...run } = finishedRun();
  const last = { ...run.student[1], natAcc: natural };
  return { ...run, student: [run.student[0], last], id, version: 5, savedAt, origin: { kind: 'trained' }, detector, outcome: 'completed', ...change };
}
const ok = (run: SavedRun): SavedEntry => ({ ok: true, run });
const ids = (entries: SavedEntry[]) => entries.map((e) => (e.ok ? e.run.id : `bad ${String(e.key)}`));
const masked = (square: number): DetectorFigures => detectorFiguresOf({ verdict: 'masked', square, whiteBox: 40 });

describe('sorting the history', () => {
  // Newest first, as listRuns gives them.
  const entries = [
    ok(row(4, { natural: 60, detector: masked(30) })),
    ok(row(3, { natural: 85.25 })),
    { ok: false as const, key: 99, label: null, reason: 'damaged' },
    ok(row(2, { natural: 60, detector: masked(10) })),
    ok(row(1, { natural: 72.5 })),
  ];

  it('opens newest first, the unreadable rows last', () => {
    expect(DEFAULT_SORT).toEqual({ column: 'run', direction: 'descending' });
    expect(ids(sortEntries(entries, DEFAULT_SORT))).toEqual([4, 3, 2, 1, 'bad 99']);
  });

  it('sorts by natural accuracy either way, ties keeping the newer first', () => {
    expect(ids(sortEntries(entries, { column: 'natural', direction: 'ascending' }))).toEqual([4, 2, 1, 3, 'bad 99']);
    expect(ids(sortEntries(entries, { column: 'natural', direction: 'descending' }))).toEqual([3, 1, 4, 2, 'bad 99']);
  });

  it('puts rows the detector has not measured after the measured ones, whichever the direction', () => {
    expect(ids(sortEntries(entries, { column: 'square', direction: 'ascending' }))).toEqual([2, 4, 3, 1, 'bad 99']);
    expect(ids(sortEntries(entries, { column: 'square', direction: 'descending' }))).toEqual([4, 2, 3, 1, 'bad 99']);
  });

  it('orders verdicts clean, suspected, masked, no verdict; τ only where the method has one', () => {
    const verdicts = (['masked', 'no verdict', 'clean', 'suspected'] as const).map((verdict, i) =>
      ok(row(i + 1, { detector: { ...masked(10), verdict } })),
    );
    const sorted = sortEntries([...verdicts, ok(row(9))], { column: 'verdict', direction: 'ascending' });
    expect(sorted.map((e) => e.ok && e.run.detector?.verdict)).toEqual(['clean', 'suspected', 'masked', 'no verdict', undefined]);
    const trades = row(7, { config: { ...DEFAULT_CONFIG, method: 'trades' } });
    expect(sortValue(trades, 'tau')).toBeNull();
    expect(sortValue(trades, 'lambda')).toBe(6);
    expect(sortValue(row(8), 'tau')).toBe(5);
  });

  it('ascends on a new column and flips on the same one', () => {
    expect(nextSort(DEFAULT_SORT, 'natural')).toEqual({ column: 'natural', direction: 'ascending' });
    expect(nextSort({ column: 'natural', direction: 'ascending' }, 'natural')).toEqual({ column: 'natural', direction: 'descending' });
    expect(nextSort({ column: 'natural', direction: 'descending' }, 'natural')).toEqual({ column: 'natural', direction: 'ascending' });
  });

  it('keeps every row and orders the measured values monotonically (property)', () => {
    const figure = fc.option(fc.integer({ min: 0, max: 1000 }).map((v) => v / 10), { nil: null });
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 12 }), fc.boolean(), (squares, ascending) => {
        const rows = squares.map((s, i) => ok(row(i + 1, { detector: s === null ? null : masked(s) })));
        const sort: HistorySort = { column: 'square', direction: ascending ? 'ascending' : 'descending' };
        const values = sortEntries(rows, sort).map((e) => (e.ok ? sortValue(e.run, 'square') : null));
        expect(values.slice().sort()).toEqual(squares.slice().sort());
        const measured = values.filter((v): v is number => v !== null);
        expect(values.slice(0, measured.length)).toEqual(measured); // the unmeasured come last
        for (let i = 1; i < measured.length; i++) expect(ascending ? measured[i] >= measured[i - 1] : measured[i] <= measured[i - 1]).toBe(true);
      }),
    );
  });
});

describe('what a row says', () => {
  it('gives every figure with the attack behind it, and — where nothing was measured', () => {
    const cells = historyCells(row(7));
    expect(cells.run).toEqual({ text: 'LTD τ=5 λ=6 ε=0.05', note: '#7 · trained here' });
    expect(cells.method.text).toBe('LTD');
    expect(cells.dataset).toEqual({ text: 'Blobs', note: 'MLP' });
    expect(cells.epsilon.text).toBe('0.05');
    expect(cells.natural.text).toBe('85.3%');
    expect(cells.whiteBox).toEqual({ text: '47.5%', note: 'PGD-10 ε=0.05 on 500' });
    expect(cells.square).toEqual({ text: '—' });
    expect(cells.verdict.text).toBe('—');
    // One teacher epoch and two student epochs of 2.5 s each.
    expect(cells.seconds.text).toBe('7.5 s');
  });

  it('adds the detector’s Square and AA-lite figures with their settings, and says where an imported run ran', () => {
    const cells = historyCells(
      row(8, {
        detector: detectorFiguresOf({ verdict: 'suspected', square: 12.5, whiteBox: 40 }),
        origin: { kind: 'imported', format: 'pytorch', file: 'r.json', detail: '2 GPUs', autoAttack: { robustAccuracy: 41.2, epsilon: 0.05, subset: 500, version: 'standard' } },
        outcome: 'stopped',
      }),
    );
    expect(cells.run).toEqual({ text: 'LTD τ=5 λ=6 ε=0.05 (stopped)', note: '#8 · imported: pytorch, 2 GPUs' });
    expect(cells.square).toEqual({ text: '12.5%', note: 'Square 100 q. ε=0.05 on 64' });
    expect(cells.verdict.text).toBe('suspected');
    expect(cells.whiteBox.note).toBe('PGD-10 ε=0.05 on 500; detector: 40.0% AA-lite (quick) ε=0.05 on 64; AutoAttack: 41.2% ε=0.05 on 500');
  });

  it('shows a live change of τ or λ, and — for a setting the method does not have', () => {
    const live = row(9);
    live.student[1] = { ...live.student[1], tau: 2 };
    expect(historyCells(live).tau.text).toBe('5 → 2');
    const natural = historyCells(row(10, { config: { ...DEFAULT_CONFIG, method: 'natural' } }));
    expect([natural.tau.text, natural.lambda.text]).toEqual(['—', '—']);
  });

  it('names rows by label, adding the seed, then the number, where labels repeat', () => {
    const seed = (s: number) => ({ config: { ...DEFAULT_CONFIG, tau: 5, lambda: 6, seed: s } });
    const names = rowNames([
      ok(row(1, { label: 'alone' })), ok(row(2, seed(1))), ok(row(3, seed(2))), ok(row(4, seed(2))),
      { ok: false, key: 5, label: 'old', reason: 'damaged' },
    ]);
    expect([...names.values()]).toEqual([
      'alone', 'LTD τ=5 λ=6 ε=0.05 seed 1', 'LTD τ=5 λ=6 ε=0.05 seed 2 #3', 'LTD τ=5 λ=6 ε=0.05 seed 2 #4', 'unreadable old #5',
    ]);
  });
});
