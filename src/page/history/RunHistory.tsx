import { useCallback, useEffect, useMemo, useState } from 'react';
import { FilePicker } from '../FilePicker';
import { useShallow } from 'zustand/react/shallow';
import { historyCsv, historyJson } from './history-export';
import { DEFAULT_SORT, type HistoryColumn, nextSort, rowNames, sortEntries } from './history-table';
import { download } from '../download';
import { HistoryTable } from './HistoryTable';
import './run-history.css';
import { readableRuns } from './slice';
import { useStore } from '../store';

/**
 * Every finished run, kept across reloads (IndexedDB): sort by any column, tick rows to overlay
 * them in the accuracy chart, delete, export, and import runs exported elsewhere.
 */
export function RunHistory() {
  const entries = useStore.use.saved.entries();
  const status = useStore.use.saved.status();
  const notice = useStore.use.saved.notice();
  const { refresh, importFiles, remove, setShown } = useStore.getState().saved;
  const shownIds = useStore(useShallow((s) => s.run.runs.map((r) => r.savedId)));
  const [sort, setSort] = useState(DEFAULT_SORT);
  useEffect(() => void refresh(), [refresh]);

  const shown = useMemo(() => new Set(shownIds), [shownIds]);
  const rows = useMemo(() => sortEntries(entries, sort), [entries, sort]);
  const names = useMemo(() => rowNames(entries), [entries]);
  const runs = useMemo(() => readableRuns(rows), [rows]);
  const selected = useMemo(() => runs.filter((r) => shown.has(r.id)), [runs, shown]);
  const onSort = useCallback((column: HistoryColumn) => setSort((s) => nextSort(s, column)), []);
  const onDelete = useCallback((key: IDBValidKey) => void remove([key]), [remove]);

  // Exports take the ticked rows when there are any, else every row, in the order shown.
  const exported = selected.length > 0 ? selected : runs;
  const scope = selected.length > 0 ? `the ${selected.length} ticked` : runs.length === 1 ? 'the 1' : `all ${runs.length}`;

  return (
    <section className="panel run-history" role="region" aria-label="Run history">
      <h2>Run history</h2>
      <p className="hint">
        Every run that finishes (or is stopped after a student epoch) is kept here across reloads: settings and figures,
        not the model. Natural and white-box robust: the last student epoch, under the attack named below the figure.
        Square and verdict: the gradient-masking detector on that run’s student, once it has been run; — where not
        measured. Time: the run’s epochs (teacher and student, evaluation included).
      </p>
      <div className="history-actions">
        <FilePicker label="Import runs" accept=".json,application/json" onFiles={(files) => void importFiles(files)} />
        <button type="button" disabled={runs.length === 0} onClick={() => download('run-history.csv', historyCsv(exported), 'text/csv')}>
          Export CSV
        </button>
        <button type="button" disabled={runs.length === 0} onClick={() => download('run-history.json', historyJson(exported), 'application/json')}>
          Export JSON
        </button>
        <button type="button" disabled={selected.length === 0} onClick={() => void remove(selected.map((r) => r.id))}>
          Delete selected
        </button>
        <span className="hint">{runs.length > 0 && `Exports ${scope} run${exported.length === 1 ? '' : 's'}.`}</span>
      </div>
      <p className="hint">
        Import: the page’s metrics JSON (Export metrics, this table’s Export JSON, the command line’s <code>--out</code>) or an
        exported PyTorch script’s results file.
      </p>
      {notice && (
        <p role="status" aria-label="Import status">
          {notice}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="hint">
          {status === 'loading' ? 'Reading the run history…'
            : status === 'unavailable' ? 'The history is off: this browser gives the page no IndexedDB storage.'
            : 'No runs yet: train one, or import runs.'}
        </p>
      ) : (
        <HistoryTable entries={rows} names={names} shown={shown} sort={sort} onSort={onSort} onShow={setShown} onDelete={onDelete} />
      )}
    </section>
  );
}
