import type { SavedEntry } from '../../state/saved-runs';
import { finalFigures } from '../../state/saved';

interface RowProps {
  entry: SavedEntry;
  /** The name buttons use: the run's label, plus when it was saved if another saved run has the same label. */
  name: string;
  shown: boolean;
  onToggle: (id: number) => void;
  onDelete: (key: IDBValidKey) => void;
}

/** One saved run: label, date, epochs, final accuracies with the attack behind them, Show / Delete. */
export function SavedRow({ entry, name, shown, onToggle, onDelete }: RowProps) {
  if (!entry.ok) {
    return (
      <tr className="saved-unreadable">
        <th scope="row">{entry.label ?? `Record ${String(entry.key)}`}</th>
        <td colSpan={4}>unreadable ({entry.reason})</td>
        <td>
          <button type="button" aria-label={`Delete ${name}`} onClick={() => onDelete(entry.key)}>
            Delete
          </button>
        </td>
      </tr>
    );
  }
  const { run } = entry;
  const figures = finalFigures(run);
  const savedAt = new Date(run.savedAt);
  return (
    <tr>
      <th scope="row">
        {run.label}
        {run.outcome !== 'completed' && ` (${run.outcome})`}
      </th>
      <td>
        <time dateTime={savedAt.toISOString()}>{savedAt.toLocaleString()}</time>
      </td>
      <td className="num">{figures.epochs}</td>
      <td className="num">{figures.natural}</td>
      <td className="num">{figures.pgd}</td>
      <td>
        <div className="row-buttons">
          <button type="button" aria-pressed={shown} aria-label={`Show ${name}`} onClick={() => onToggle(run.id)}>
            Show
          </button>
          <button type="button" aria-label={`Delete ${name}`} onClick={() => onDelete(run.id)}>
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}
