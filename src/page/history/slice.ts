/**
 * The run-history slice: what IndexedDB holds (as last read) and the actions of the Run history
 * panel. Every run of this session is kept without a Save step from its first student epoch: the
 * run slice calls `checkpoint` after each student epoch, which writes the row as `interrupted`
 * (so a reload, a closed tab or a dead worker leaves it at its last finished epoch), and `keep`
 * at its end, which writes the outcome (a failed run stays `interrupted`). The detector's
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
import type { RunRecord } from '../../shared/run-record';
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
  /** Write this session's run `runId` as it ended (once it has a student epoch). */
  keep: (runId: number) => Promise<void>;
  /** Write run `runId`'s epochs so far while it trains, as `interrupted` until its end is kept. */
  checkpoint: (runId: number) => Promise<void>;
  /** Put what the detector measured on run `runId`'s student into that run's row. */
  attachDetector: (runId: number, report: DetectorReport) => Promise<void>;
  /** Add the runs of exported files (metrics JSON, PyTorch results); a bad file changes nothing. */
  importFiles: (files: ReadonlyArray<{ name: string; text: () => Promise<string> }>) => Promise<void>;
  remove: (keys: IDBValidKey[]) => Promise<void>;
  /** Draw a row's run dashed in the accuracy chart, or take it out again. */
  setShown: (id: number, shown: boolean) => void;
}

/** The history keeps a run once it has a student epoch, whatever became of it. */
export function canKeep(run: { student: unknown[] } | undefined): boolean {
  return !!run && run.student.length > 0;
}

/** The outcome a run's row is written with: a run that is still going, or failed part-way, is `interrupted` at its last finished epoch. */
export function keptOutcome(outcome: RunRecord['outcome']): Exclude<RunRecord['outcome'], 'running' | 'failed'> {
  return outcome === 'running' || outcome === 'failed' ? 'interrupted' : outcome;
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
  /**
   * Each session run's writes, chained so they land in order (the first adds the row, later ones
   * replace it), the last resolving to the row's id (null while none was written).
   */
  const writes = new Map<number, Promise<number | null>>();
  /** Unreadable rows already named in an alert: each is said once a page, not at every refresh. */
  const named = new Set<string>();

  /** Write run `runId` as it stands now; its row's id, or null (storage off, no student epoch, a failed write, already said). */
  const write = (runId: number): Promise<number | null> => {
    const before = writes.get(runId) ?? Promise.resolve(saved().savedFrom[runId] ?? null);
    const next = before.then(async (id) => {
      const run = get().run.runs.find((r) => r.id === runId && r.savedId === undefined);
      // Unavailable storage was said once already (the panel says it too); not again on every epoch.
      if (!run || !canKeep(run) || saved().status === 'unavailable') return id;
      try {
        const record = await saveRun({ ...run, outcome: keptOutcome(run.outcome) }, id ?? undefined);
        patch((s) => ({ savedFrom: { ...s.savedFrom, [runId]: record.id } }));
        return record.id;
      } catch (error) {
        // The run itself is on the page still: say so, and how to keep it anyway.
        report(`Run ${run.id} (${run.label}) was not saved in the history: ${errorText(error)}. It stays on the charts while this page is open, and Export metrics still writes it to a file.`);
        return id;
      }
    });
    writes.set(runId, next);
    return next;
  };

  return {
    entries: [],
    status: 'idle',
    savedFrom: {},
    notice: null,

    async refresh() {
      patch({ status: 'loading' });
      try {
        const entries = await listRuns();
        patch({ entries, status: 'ready' });
        for (const entry of entries) {
          if (entry.ok || named.has(String(entry.key))) continue;
          named.add(String(entry.key));
          report(`Run history: record #${String(entry.key)}${entry.label ? ` (${entry.label})` : ''} skipped: ${entry.reason}; the other runs are listed`);
        }
      } catch (error) {
        patch({ status: 'unavailable' });
        report(error);
      }
    },

    async keep(runId) {
      await write(runId);
      await saved().refresh();
    },

    async checkpoint(runId) {
      await write(runId);
      await saved().refresh();
    },

    async attachDetector(runId, detectorReport) {
      const id = (await writes.get(runId)) ?? saved().savedFrom[runId] ?? null;
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
