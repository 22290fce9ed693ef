/**
 * The run history as a table: its columns, what each cell says (every figure with the attack,
 * ε, steps and subset behind it), the order a column sorts in, and the names rows go by. Pure
 * functions of the records: the panel (RunHistory.tsx) draws them, the tests check them.
 */
import { DATASET_INFO, DATASET_LABELS, type DatasetId, MODEL_LABELS } from '../../shared/config';
import { captionAttack } from '../../shared/describe';
import { formatDecimal, formatDuration, formatEpsilon, formatPercent } from '../../shared/format';
import { methodText, usesLambda } from '../../shared/run-record';
import type { RunOrigin, SavedEntry, SavedRun } from '../../shared/saved-run';

export const HISTORY_COLUMNS = [
  { id: 'run', header: 'Run' },
  { id: 'method', header: 'Method' },
  { id: 'dataset', header: 'Data set' },
  { id: 'seed', header: 'Seed' },
  { id: 'tau', header: 'τ' },
  { id: 'lambda', header: 'λ' },
  { id: 'epsilon', header: 'ε' },
  { id: 'natural', header: 'Natural' },
  { id: 'whiteBox', header: 'White-box robust' },
  { id: 'square', header: 'Square robust' },
  { id: 'verdict', header: 'Verdict' },
  { id: 'seconds', header: 'Time' },
] as const;

export type HistoryColumn = (typeof HISTORY_COLUMNS)[number]['id'];

export interface HistorySort {
  column: HistoryColumn;
  direction: 'ascending' | 'descending';
}

/** Newest first, as the history opens. */
export const DEFAULT_SORT: HistorySort = { column: 'run', direction: 'descending' };

/** A cell: its text ("—" where nothing was measured), and under it what produced the figure. */
export interface Cell {
  text: string;
  note?: string;
}

/** Verdicts from best to worst; "no verdict" (the model was near chance) after them. */
const VERDICT_ORDER = ['clean', 'suspected', 'masked', 'no verdict'] as const;

const lastEpoch = (run: SavedRun) => run.student.at(-1);

/** A data set's name without the picker's explanation: "Blobs", "MNIST", "CIFAR-10". */
const datasetName = (id: DatasetId) => DATASET_LABELS[id].replace(/ \(.*\)$/, '');

/**
 * Seconds the run's epochs took, teacher and student, each with its evaluation: measured in every
 * home (page, command line, PyTorch), so rows from each compare. A non-finite epoch time: unknown.
 */
export function trainingSeconds(run: SavedRun): number | null {
  const total = [...run.teacher, ...run.student].reduce((sum, p) => sum + p.seconds, 0);
  return Number.isFinite(total) ? total : null;
}

/** The value a column sorts by; null (not measured, or not a setting of this method) sorts last either way. */
export function sortValue(run: SavedRun, column: HistoryColumn): number | string | null {
  const { config, detector } = run;
  switch (column) {
    case 'run': return run.savedAt;
    case 'method': return methodText(config);
    case 'dataset': return datasetName(config.dataset);
    case 'seed': return config.seed;
    case 'tau': return config.method === 'ltd' ? config.tau : null;
    case 'lambda': return usesLambda(config) ? config.lambda : null;
    case 'epsilon': return config.epsilon;
    case 'natural': return lastEpoch(run)?.natAcc ?? null;
    case 'whiteBox': return lastEpoch(run)?.robustAcc ?? null;
    case 'square': return detector?.square.robustAccuracy ?? null;
    case 'verdict': return detector ? VERDICT_ORDER.indexOf(detector.verdict) : null;
    case 'seconds': return trainingSeconds(run);
  }
}

/**
 * The entries in the order `sort` asks for: readable runs by the column (ties keep their order,
 * newest first), then the unreadable ones as they came.
 */
export function sortEntries(entries: SavedEntry[], sort: HistorySort): SavedEntry[] {
  const readable = entries.flatMap((e) => (e.ok ? [e.run] : []));
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const order = readable
    .map((run) => ({ run, value: sortValue(run, sort.column) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? 0 : a.value === null ? 1 : -1;
      const byValue = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : String(a.value).localeCompare(String(b.value));
      return sign * byValue;
    });
  return [...order.map(({ run }): SavedEntry => ({ ok: true, run })), ...entries.filter((e) => !e.ok)];
}

/** The next sort after a click on `column`'s header: a new column ascends, the same one flips. */
export function nextSort(sort: HistorySort, column: HistoryColumn): HistorySort {
  if (sort.column !== column) return { column, direction: 'ascending' };
  return { column, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' };
}

/** A setting as the run began, and where a live change left it ("5 → 2"). */
function setting(start: number, last: number | undefined): string {
  return last === undefined || last === start ? formatDecimal(start) : `${formatDecimal(start)} → ${formatDecimal(last)}`;
}

/** Where a row came from, e.g. "trained here", "imported: pytorch, 2 GPUs", "imported: metrics JSON". */
export function originText(origin: RunOrigin): string {
  if (origin.kind === 'trained') return 'trained here';
  const format = origin.format === 'pytorch' ? 'pytorch' : 'metrics JSON';
  return `imported: ${format}${origin.detail ? `, ${origin.detail}` : ''}`;
}

/** Every cell of a row, keyed by column. */
/** What the run column says of how the run ended; `live`: its row is the run training now. */
function outcomeText(run: SavedRun, live: boolean): string {
  const epoch = run.student.at(-1)?.epoch;
  if (live) return ` (training… kept to epoch ${epoch})`;
  if (run.outcome === 'interrupted') return ` (interrupted after student epoch ${epoch})`;
  return run.outcome === 'completed' ? '' : ` (${run.outcome})`;
}

/** Every cell of a row, keyed by column; `live`: the row is the run being trained on this page now. */
export function historyCells(run: SavedRun, live = false): Record<HistoryColumn, Cell> {
  const { config, detector, origin } = run;
  const last = lastEpoch(run);
  const seconds = trainingSeconds(run);
  const autoAttack = origin.kind === 'imported' ? origin.autoAttack : null;
  const whiteBoxNotes = [
    run.robustAttack ? captionAttack(run.robustAttack, 'compact') : null,
    detector ? `detector: ${formatPercent(detector.whiteBox.robustAccuracy)} ${captionAttack(detector.whiteBox.settings, 'compact')}` : null,
    autoAttack ? `${autoAttack.attack ?? 'AutoAttack'}: ${formatPercent(autoAttack.robustAccuracy)} ε=${formatDecimal(autoAttack.epsilon)} on ${autoAttack.subset}` : null,
  ].filter((note) => note !== null);
  return {
    run: { text: run.label + outcomeText(run, live), note: `#${run.id} · ${originText(origin)}` },
    method: { text: methodText(config) },
    // A paper-scale PyTorch run trained its own architecture (a WideResNet), which its model card names.
    dataset: { text: datasetName(config.dataset), note: (origin.kind === 'imported' ? origin.modelCard?.architecture : undefined) ?? MODEL_LABELS[config.model] },
    seed: { text: String(config.seed) },
    tau: { text: config.method === 'ltd' ? setting(config.tau, last?.tau) : '—' },
    lambda: { text: usesLambda(config) ? setting(config.lambda, last?.lambda) : '—' },
    epsilon: { text: formatEpsilon(config.epsilon, { image: DATASET_INFO[config.dataset].inputShape.length > 1, norm: config.norm }) },
    natural: { text: formatPercent(last?.natAcc) },
    whiteBox: { text: formatPercent(last?.robustAcc), note: whiteBoxNotes.join('; ') || undefined },
    square: detector ? { text: formatPercent(detector.square.robustAccuracy), note: captionAttack(detector.square.settings, 'compact') } : { text: '—' },
    verdict: { text: detector?.verdict ?? '—' },
    seconds: { text: seconds === null ? '—' : formatDuration(seconds) },
  };
}

/**
 * The name each row goes by (its controls are "Overlay <name>", "Delete <name>"): its label, with
 * the seed where labels repeat (repeats over seeds), and its number where that is not enough.
 */
export function rowNames(entries: SavedEntry[]): Map<IDBValidKey, string> {
  const base = entries.map((e) => (e.ok ? e.run.label : `unreadable ${e.label ?? 'record'} #${String(e.key)}`));
  const withSeed = entries.map((e, i) => (e.ok && count(base, base[i]) > 1 ? `${base[i]} seed ${e.run.config.seed}` : base[i]));
  return new Map(entries.map((e, i) => {
    const name = e.ok && count(withSeed, withSeed[i]) > 1 ? `${withSeed[i]} #${e.run.id}` : withSeed[i];
    return [e.ok ? e.run.id : e.key, name];
  }));
}

const count = (names: string[], name: string) => names.filter((n) => n === name).length;
