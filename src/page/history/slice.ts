/**
 * The run-history slice: what IndexedDB holds (as last read) and the actions of the Run history
 * panel. Every run of this session that finishes (completed or stopped, with a student epoch) is
 * kept without a Save step — the run slice calls `keep` on its done event — and the detector's
 * figures on that run's student are added to its row (`attachDetector`, from the detector slice).
 * Storage failures and bad imports become one alert each that names the problem; the rest of the
 * app goes on. Which rows are overlaid in the accuracy chart is not kept here: it is the run
 * slice's comparisons (`savedId`), so a Reset that clears them unticks the rows too.
 */
import type { DetectorReport, RobustFigure } from '../../hosts/worker/api';
import { ImportError, parseRunsFile } from '../../shared/history-import';
import {
  type DetectorFigures, type SavedEntry, type SavedRun, addRuns, deleteRuns, listRuns, runFields, saveRun, setDetectorFigures,
} from './saved-runs';
import { errorText } from '../../shared/error-text';
import type { AlertsView } from '../alerts';
import type { RunSlice } from '../run/slice';
import type { SliceCreator } from '../store-slice';

export interface SavedSlice {
  entries: SavedEntry[];
  /** `unavailable`: IndexedDB cannot be used here (private window, blocked storage). */
  status: 'idle' | 'loading' | 'ready' | 'unavailable';
  /** In-session run id → history id: the row a run of this session became. */
  savedFrom: Record<number, number>;
  /** What the last import did, in a sentence (the panel's status line); null before any. */
  notice: string | null;
  refresh: () => Promise<void>;
  /** Keep this session's run `runId` if it finished with a student epoch (once). */
  keep: (runId: number) => Promise<void>;
  /** Put what the detector measured on run `runId`'s student into that run's row. */
  attachDetector: (runId: number, report: DetectorReport) => Promise<void>;
  /** Add the runs of exported files (metrics JSON, PyTorch results); a bad file changes nothing. */
  importFiles: (files: ReadonlyArray<{ name: string; text: () => Promise<string> }>) => Promise<void>;
  remove: (keys: IDBValidKey[]) => Promise<void>;
  /** Draw a row's run dashed in the accuracy chart, or take it out again. */
  setShown: (id: number, shown: boolean) => void;
}

/** The history keeps a run that has a student epoch and finished or was stopped (not one that failed). */
export function canKeep(run: { student: unknown[]; outcome: string } | undefined): boolean {
  return !!run && run.student.length > 0 && (run.outcome === 'completed' || run.outcome === 'stopped');
}

/** The readable runs among `entries`. */
export const readableRuns = (entries: SavedEntry[]): SavedRun[] => entries.flatMap((e) => (e.ok ? [e.run] : []));

const figure = (f: RobustFigure) => ({ robustAccuracy: f.robustAccuracy, settings: f.settings });

/** What a row keeps of a detector report: the verdict, Square, and the strongest white-box figure (full AA-lite when it ran). */
export function detectorFigures(report: DetectorReport, measuredAt: number): DetectorFigures {
  return { verdict: report.verdict, square: figure(report.attacks.square), whiteBox: figure(report.attacks.aaLite ?? report.attacks.whiteBox), measuredAt };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the run history reads of the store: itself, the alerts, and the runs it keeps and overlays. */
export interface SavedView extends AlertsView {
  saved: SavedSlice;
  run: Pick<RunSlice, 'runs' | 'addComparison' | 'removeComparison'>;
}

export const createSavedSlice: SliceCreator<SavedSlice, SavedView> = (patch, get) => {
  const saved = () => get().saved;
  const report = (error: unknown) => get().alerts.alert(errorText(error));
  /** Saves in flight, by session run id, each resolving to the row's id (null if it failed). */
  const pending = new Map<number, Promise<number | null>>();

  return {
    entries: [],
    status: 'idle',
    savedFrom: {},
    notice: null,

    async refresh() {
      patch({ status: 'loading' });
      try {
        patch({ entries: await listRuns(), status: 'ready' });
      } catch (error) {
        patch({ status: 'unavailable' });
        report(error);
      }
    },

    async keep(runId) {
      const run = get().run.runs.find((r) => r.id === runId && r.savedId === undefined);
      // Unavailable storage was said once already (the panel says it too); not again on every run.
      if (!canKeep(run) || saved().status === 'unavailable' || saved().savedFrom[runId] !== undefined || pending.has(runId)) return;
      const saving = saveRun(run!).then(
        (record) => {
          patch((s) => ({ savedFrom: { ...s.savedFrom, [runId]: record.id } }));
          return record.id;
        },
        (error: unknown) => {
          report(error);
          return null;
        },
      );
      pending.set(runId, saving);
      await saving;
      pending.delete(runId);
      await saved().refresh();
    },

    async attachDetector(runId, detectorReport) {
      const id = saved().savedFrom[runId] ?? (await pending.get(runId)) ?? null;
      if (id === null) return; // not kept: it failed, had no student epoch, or storage is off
      try {
        await setDetectorFigures(id, detectorFigures(detectorReport, Date.now()));
      } catch (error) {
        report(error);
      }
      await saved().refresh();
    },

    async importFiles(files) {
      const done: string[] = [];
      for (const file of files) {
        try {
          const { records, skipped } = parseRunsFile(file.name, await file.text());
          await addRuns(records);
          done.push(`${plural(records.length, 'run')} from ${file.name}` + (skipped.length ? ` (skipped ${skipped.join('; ')})` : ''));
        } catch (error) {
          // Name the file even where the failure is the storage's or the reading's, not the file's.
          report(error instanceof ImportError ? error : `Import runs: ${file.name}: ${errorText(error)}`);
        }
      }
      if (done.length > 0) patch({ notice: `Imported ${done.join(', ')}.` });
      await saved().refresh();
    },

    async remove(keys) {
      try {
        await deleteRuns(keys);
        for (const key of keys) if (typeof key === 'number') get().run.removeComparison(key);
        const gone = new Set(keys);
        patch((s) => ({ savedFrom: Object.fromEntries(Object.entries(s.savedFrom).filter(([, id]) => !gone.has(id))) }));
      } catch (error) {
        report(error);
      }
      await saved().refresh();
    },

    setShown(id, shown) {
      const { addComparison, removeComparison } = get().run;
      if (!shown) return removeComparison(id);
      const entry = saved().entries.find((e) => e.ok && e.run.id === id);
      if (entry?.ok) addComparison({ ...runFields(entry.run), savedId: id });
    },
  };
};
