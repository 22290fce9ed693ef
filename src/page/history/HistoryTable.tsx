import { HISTORY_COLUMNS, type HistoryColumn, type HistorySort } from './history-table';
import type { SavedEntry } from './saved-runs';
import { HistoryRow } from './HistoryRow';

interface TableProps {
  /** The rows in the order shown. */
  entries: SavedEntry[];
  names: Map<IDBValidKey, string>;
  /** History ids drawn in the accuracy chart (ticked). */
  shown: Set<number | undefined>;
  sort: HistorySort;
  onSort: (column: HistoryColumn) => void;
  onShow: (id: number, shown: boolean) => void;
  onDelete: (key: IDBValidKey) => void;
}

/** The "Runs" table: a sort button in every column header (the sorted one carries aria-sort), one row per run. */
export function HistoryTable({ entries, names, shown, sort, onSort, onShow, onDelete }: TableProps) {
  return (
    <div className="history-scroll">
      <table className="history-table" aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">Overlay</th>
            {HISTORY_COLUMNS.map(({ id, header }) => {
              const sorted = sort.column === id;
              return (
                <th key={id} scope="col" aria-sort={sorted ? sort.direction : undefined}>
                  <button type="button" onClick={() => onSort(id)}>
                    {header}
                    {/* The arrow is for the eye; aria-sort says it to a screen reader. */}
                    <span aria-hidden="true">{sorted ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              );
            })}
            <th scope="col">
              <span className="visually-hidden-table">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const key = entry.ok ? entry.run.id : entry.key;
            return (
              <HistoryRow
                key={String(key)}
                entry={entry}
                name={names.get(key) ?? String(key)}
                shown={entry.ok && shown.has(entry.run.id)}
                onShow={onShow}
                onDelete={onDelete}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
