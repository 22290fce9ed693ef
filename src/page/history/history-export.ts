/**
 * The run history as files. JSON: the page's metrics JSON (`{ exported, runs }`, src/shared/metrics-export.ts),
 * each run a run record that every metrics reader knows, plus the history's own fields under
 * `history` — so importing it (history-import.ts) gives back the same rows. CSV: one row per run,
 * the table's columns with the full caption of every attack behind a figure (per-epoch figures are
 * in the JSON, and in the page's Export metrics CSV).
 */
import { describeSettings } from '../../shared/describe';
import { csvCell, metricsJson } from '../../shared/metrics-export';
import type { RunRecord } from '../../shared/run-record';
import { originText, sortValue, trainingSeconds } from './history-table';
import { type DetectorFigures, type RunOrigin, type SavedRun, runFields } from '../../shared/saved-run';

/** What the history adds to a run record in its JSON export. */
export interface HistoryFields {
  /** When the run entered the history that exported it, ms since 1970. */
  savedAt: number;
  origin: RunOrigin;
  detector: DetectorFigures | null;
}

export type ExportedRun = RunRecord & { history: HistoryFields };

export function exportedRun(run: SavedRun): ExportedRun {
  return { id: run.id, ...runFields(run), history: { savedAt: run.savedAt, origin: run.origin, detector: run.detector } };
}

export function historyJson(runs: SavedRun[]): string {
  return metricsJson(runs.map(exportedRun));
}

const COLUMNS = [
  'run', 'label', 'saved', 'source', 'outcome', 'dataset', 'model', 'method', 'tau', 'lambda', 'epsilon', 'seed', 'epochs',
  'natural_accuracy', 'robust_accuracy', 'robust_attack', 'square_accuracy', 'square_attack',
  'detector_white_box_accuracy', 'detector_white_box_attack', 'verdict', 'training_seconds',
] as const;

/** One row per run; an empty field where nothing was measured (or the method has no such setting). */
export function historyCsv(runs: SavedRun[]): string {
  const rows = runs.map((run) => {
    const { config, detector } = run;
    const last = run.student.at(-1);
    return [
      run.id, run.label, new Date(run.savedAt).toISOString(), originText(run.origin), run.outcome, config.dataset, config.model, config.method,
      sortValue(run, 'tau'), sortValue(run, 'lambda'), config.epsilon, config.seed, run.student.length,
      last?.natAcc ?? null, last?.robustAcc ?? null, run.robustAttack && last?.robustAcc != null ? describeSettings(run.robustAttack) : null,
      detector?.square.robustAccuracy ?? null, detector ? describeSettings(detector.square.settings) : null,
      detector?.whiteBox.robustAccuracy ?? null, detector ? describeSettings(detector.whiteBox.settings) : null,
      detector?.verdict ?? null, trainingSeconds(run),
    ];
  });
  return [COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}
