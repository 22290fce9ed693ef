import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { currentRun, useRun } from '../state/run';
import { canSave, useSaved } from '../state/saved';
import type { SavedEntry } from '../state/saved-runs';
import { SavedRow } from './saved/SavedRow';
import './saved/saved-runs.css';

/** Names for the row buttons: the label, made unique with the save time where labels repeat (e.g. two seeds). */
function rowNames(entries: SavedEntry[]): string[] {
  const base = entries.map((e) => (e.ok ? e.run.label : `unreadable ${e.label ?? `record ${String(e.key)}`}`));
  return entries.map((e, i) => {
    const repeated = base.filter((b) => b === base[i]).length > 1;
    return repeated && e.ok ? `${base[i]} saved ${new Date(e.run.savedAt).toLocaleString()}` : base[i];
  });
}

/** Finished runs kept across reloads (IndexedDB): save the current one, compare earlier ones in the chart, delete. */
export function SavedRuns() {
  const { entries, status, savedFrom, refresh, saveCurrent, remove, toggleShown } = useSaved();
  const current = useRun((s) => currentRun(s.runs));
  const shownIds = useRun(useShallow((s) => s.runs.map((r) => r.savedId)));
  const [saving, setSaving] = useState(false);
  useEffect(() => void refresh(), [refresh]);

  const alreadySaved = current !== undefined && savedFrom[current.id] !== undefined;
  const shown = useMemo(() => new Set(shownIds), [shownIds]);
  const names = useMemo(() => rowNames(entries), [entries]);
  const hint =
    status === 'unavailable' ? 'Saving is off: this browser gives the page no IndexedDB storage.'
    : alreadySaved ? 'The current run is saved.'
    : !canSave(current) ? 'A run can be saved once it has a student epoch and has finished or been stopped.'
    : `Saves ${current!.label}: settings and per-epoch figures, not the model.`;

  const save = async () => {
    setSaving(true);
    await saveCurrent();
    setSaving(false);
  };

  return (
    <section className="panel" role="region" aria-label="Saved runs">
      <h2>Saved runs</h2>
      <div className="saved-actions">
        <button type="button" disabled={saving || alreadySaved || status === 'unavailable' || !canSave(current)} onClick={() => void save()}>
          Save run
        </button>
        <span className="hint">{hint}</span>
      </div>
      {entries.length === 0 ? (
        <p className="hint">{status === 'loading' ? 'Reading saved runs…' : 'No saved runs yet.'}</p>
      ) : (
        <table className="saved-table" aria-label="Saved runs list">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Saved</th>
              <th scope="col">Epochs</th>
              <th scope="col">Natural</th>
              <th scope="col">PGD (attack, test points)</th>
              <th scope="col"><span className="visually-hidden-table">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, i) => (
              <SavedRow
                key={String(entry.ok ? entry.run.id : entry.key)}
                entry={entry}
                name={names[i]}
                shown={entry.ok && shown.has(entry.run.id)}
                onToggle={toggleShown}
                onDelete={(key) => void remove(key)}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
