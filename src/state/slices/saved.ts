/**
 * The saved-runs slice: what IndexedDB holds (as last read), and the actions of the Saved runs
 * panel. Storage failures become one alert that names the problem; the rest of the app goes on.
 * Whether a saved run is shown in the chart is not kept here: it is in the run slice's runs.
 */
import { captionAttack } from '../../shared/describe';
import type { AttackSettings } from '../../shared/events';
import { formatPercent } from '../../shared/format';
import { type SavedEntry, type SavedRun, deleteRun, listRuns, saveRun } from '../saved-runs';
import { errorText } from './alerts';
import { currentRun } from './run';
import { type SliceCreator, sliceSetter } from './slice';

export interface SavedSlice {
  entries: SavedEntry[];
  /** `unavailable`: IndexedDB cannot be used here (private window, blocked storage). */
  status: 'idle' | 'loading' | 'ready' | 'unavailable';
  /** In-session run id → saved id, so the same run is not saved twice. */
  savedFrom: Record<number, number>;
  refresh: () => Promise<void>;
  /** Save the current run (it must have finished or been stopped). */
  saveCurrent: () => Promise<void>;
  remove: (key: IDBValidKey) => Promise<void>;
  /** Draw a saved run dashed in the accuracy chart, or take it out again. */
  toggleShown: (id: number) => void;
}

/** A run can be saved once it has a student epoch and is no longer training. */
export function canSave(run: { student: unknown[]; outcome: string } | undefined): boolean {
  return !!run && run.student.length > 0 && run.outcome !== 'running';
}

/** The attack behind a robust figure, short, e.g. "PGD-10 ε=0.05 on 500", "AA-lite (quick) ε=0.05 on 500". */
export function attackShort(pgd: AttackSettings | null): string {
  return pgd ? captionAttack(pgd, 'compact') : 'no attack recorded';
}

/** The last student epoch's figures, as shown in the list. */
export function finalFigures(run: SavedRun): { epochs: number; natural: string; pgd: string } {
  const last = run.student.at(-1);
  return {
    epochs: run.student.length,
    natural: last ? formatPercent(last.natAcc) : '—',
    pgd: last && last.pgdAcc !== null ? `${formatPercent(last.pgdAcc)} (${attackShort(run.pgd)})` : '—',
  };
}

export const createSavedSlice: SliceCreator<'saved'> = (set, get) => {
  const patch = sliceSetter(set, 'saved');
  const saved = () => get().saved;
  const report = (error: unknown) => get().alerts.alert(errorText(error));

  return {
    entries: [],
    status: 'idle',
    savedFrom: {},

    async refresh() {
      patch({ status: 'loading' });
      try {
        patch({ entries: await listRuns(), status: 'ready' });
      } catch (error) {
        patch({ status: 'unavailable' });
        report(error);
      }
    },

    async saveCurrent() {
      const run = currentRun(get().run.runs);
      if (!run || !canSave(run) || saved().savedFrom[run.id] !== undefined) return;
      try {
        const record = await saveRun(run);
        patch((s) => ({ savedFrom: { ...s.savedFrom, [run.id]: record.id } }));
      } catch (error) {
        report(error);
      }
      await saved().refresh();
    },

    async remove(key) {
      try {
        await deleteRun(key);
        if (typeof key === 'number') {
          get().run.removeComparison(key);
          patch((s) => ({ savedFrom: Object.fromEntries(Object.entries(s.savedFrom).filter(([, id]) => id !== key)) }));
        }
      } catch (error) {
        report(error);
      }
      await saved().refresh();
    },

    toggleShown(id) {
      const { runs, addComparison, removeComparison } = get().run;
      if (runs.some((r) => r.savedId === id)) return removeComparison(id);
      const entry = saved().entries.find((e) => e.ok && e.run.id === id);
      if (!entry?.ok) return;
      // The record's own bookkeeping stays in saved runs; the chart needs the run.
      const { id: _key, version: _version, savedAt: _savedAt, ...record } = entry.run;
      addComparison({ ...record, savedId: id });
    },
  };
};
