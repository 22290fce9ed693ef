import { formatDateTime } from '../../shared/format';
import { memo } from 'react';
import { runActive } from '../engine-busy';
import { useStore } from '../store';
import { HISTORY_COLUMNS, historyCells } from './history-table';
import type { SavedEntry } from './saved-runs';

interface RowProps {
  entry: SavedEntry;
  /** The name the row's controls use: its label, with seed or number where labels repeat. */
  name: string;
  shown: boolean;
  onShow: (id: number, shown: boolean) => void;
  onDelete: (key: IDBValidKey) => void;
}

/** Columns that hold numbers (aligned as figures). */
const NUMERIC = new Set<string>(['seed', 'tau', 'lambda', 'epsilon', 'natural', 'whiteBox', 'square', 'seconds']);

/** One run: the Overlay checkbox, every column's figure with what produced it, Delete. */
export const HistoryRow = memo(function HistoryRow({ entry, name, shown, onShow, onDelete }: RowProps) {
  // The row of the run training now is kept as interrupted until it ends: say it is live.
  const live = useStore((s) => entry.ok && runActive(s.run.status) && s.saved.savedFrom[s.run.activeId] === entry.run.id);
  const remove = (
    <td>
      <button type="button" aria-label={`Delete ${name}`} onClick={() => onDelete(entry.ok ? entry.run.id : entry.key)}>
        Delete
      </button>
    </td>
  );
  if (!entry.ok) {
    return (
      <tr className="history-unreadable">
        <td />
        <th scope="row">{entry.label ?? `Record ${String(entry.key)}`}</th>
        <td colSpan={HISTORY_COLUMNS.length - 1}>unreadable ({entry.reason})</td>
        {remove}
      </tr>
    );
  }
  const { run } = entry;
  const cells = historyCells(run, live);
  const kept = new Date(run.savedAt);
  return (
    <tr>
      <td>
        <input type="checkbox" checked={shown} aria-label={`Overlay ${name}`} onChange={(e) => onShow(run.id, e.target.checked)} />
      </td>
      <th scope="row">
        {cells.run.text}
        <span className="cell-note">
          {cells.run.note} · kept <time dateTime={kept.toISOString()}>{formatDateTime(run.savedAt)}</time>
        </span>
      </th>
      {HISTORY_COLUMNS.slice(1).map(({ id }) => (
        <td key={id} className={NUMERIC.has(id) ? 'num' : undefined}>
          {id === 'verdict' && run.detector ? (
            <span className={`verdict-word verdict-${run.detector.verdict.replace(' ', '-')}`}>{cells[id].text}</span>
          ) : (
            cells[id].text
          )}
          {cells[id].note && <span className="cell-note">{cells[id].note}</span>}
        </td>
      ))}
      {remove}
    </tr>
  );
});
