/**
 * Runs exported elsewhere, read into history records: the page's metrics JSON (`{ exported, runs }`,
 * which Export metrics, the run history's own export and the command line's `--out` write) and an
 * exported PyTorch script's results file (src/shared/torch-results.ts). A file is read whole or
 * not at all: one bad run refuses the file with one message naming the file, the run and the field.
 * Runs that never finished (exported while training, or failed) are skipped and said so.
 */
import { z } from 'zod';
import { type TorchResults, TorchResultsSchema } from './torch-results';
import {
  DetectorFiguresSchema, type NewSavedRun, OriginSchema, type RunOrigin, RunFieldsSchema, SAVED_RUN_VERSION, configVersionProblem, describeIssues, renameRobustFields,
  withAddedConfigFields,
} from './saved-run';
import { errorText } from './error-text';

/** A file that cannot be imported; the message names the file and the problem. */
export class ImportError extends Error {
  constructor(file: string, problem: string) {
    super(`Import runs: ${file}: ${problem}`);
    this.name = 'ImportError';
  }
}

export interface ParsedImport {
  records: NewSavedRun[];
  /** The runs left out, each with why ("run 3 (“LTD τ=5 ε=0.05”): still training when exported"). */
  skipped: string[];
}

/** What the run history's own JSON export adds to each run (history-export.ts). */
const ExportedRunSchema = RunFieldsSchema.extend({
  history: z.object({ savedAt: z.number(), origin: OriginSchema, detector: DetectorFiguresSchema.nullable() }).optional(),
});

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A run as people find it in the file: its place (from 1) and its label. */
function runName(index: number, run: unknown): string {
  const label = isObject(run) && typeof run.label === 'string' ? ` (“${run.label}”)` : '';
  return `run ${index + 1}${label}`;
}

/** The run's fields under today's names, its config filled in as stored records are (settings added since), or why it cannot be read. */
function prepared(run: Fields, name: string, file: string): Fields {
  const problem = configVersionProblem(run.config);
  if (problem) throw new ImportError(file, `${name}: ${problem}`);
  return { ...renameRobustFields(run), config: withAddedConfigFields(run.config) };
}

/** Parse one file's text into records to store (ids come from the database). Throws ImportError. */
export function parseRunsFile(file: string, text: string, savedAt = Date.now()): ParsedImport {
  let top: unknown;
  try {
    top = JSON.parse(text);
  } catch (error) {
    throw new ImportError(file, `not JSON (${errorText(error)})`);
  }
  if (isObject(top) && 'pytorch' in top) return fromPytorch(file, top, savedAt);
  if (isObject(top) && Array.isArray(top.runs)) return fromMetrics(file, top.runs, savedAt);
  throw new ImportError(file, "neither the page's metrics JSON ({ exported, runs: [...] }) nor an exported PyTorch script's results");
}

/** Why a run is not one the history keeps (it keeps finished runs with a student epoch), or null. */
function notFinished(run: Fields): string | null {
  if (run.outcome === 'running') return 'still training when exported';
  if (run.outcome === 'failed') return 'it failed';
  if (Array.isArray(run.student) && run.student.length === 0) return 'no student epoch';
  return null;
}

function fromMetrics(file: string, runs: unknown[], savedAt: number): ParsedImport {
  const records: NewSavedRun[] = [];
  const skipped: string[] = [];
  runs.forEach((run, i) => {
    const name = runName(i, run);
    if (!isObject(run)) throw new ImportError(file, `${name}: not a run (found ${run === null ? 'null' : Array.isArray(run) ? 'an array' : typeof run})`);
    const why = notFinished(run);
    if (why) return void skipped.push(`${name}: ${why}`);
    const parsed = ExportedRunSchema.safeParse(prepared(run, name, file));
    if (!parsed.success) throw new ImportError(file, `${name}: ${describeIssues(parsed.error)}`);
    const { history, ...fields } = parsed.data;
    // A run that came into the exporting history from elsewhere keeps saying where it ran.
    const origin: RunOrigin =
      history?.origin.kind === 'imported' ? { ...history.origin, file } : { kind: 'imported', format: 'metrics', file, detail: '', autoAttack: null };
    records.push({ version: SAVED_RUN_VERSION, savedAt, ...fields, origin, detector: history?.detector ?? null });
  });
  if (records.length === 0) throw new ImportError(file, runs.length === 0 ? 'holds no runs' : `holds no finished run (${skipped.join('; ')})`);
  return { records, skipped };
}

function fromPytorch(file: string, top: Fields, savedAt: number): ParsedImport {
  const where = `${file} (PyTorch script results)`;
  const runs = Array.isArray(top.runs) ? top.runs : [];
  const filled = { ...top, runs: runs.map((run, i) => (isObject(run) ? prepared(run, runName(i, run), where) : run)) };
  const parsed = TorchResultsSchema.safeParse(filled);
  if (!parsed.success) {
    // Name the run a problem is in, as a person finds it, rather than "runs.0.".
    const issues = parsed.error.issues.slice(0, 3).map(({ path, message }) => {
      const inRun = path[0] === 'runs' && typeof path[1] === 'number';
      const field = (inRun ? path.slice(2) : path).join('.') || '(file)';
      return inRun ? `${runName(path[1] as number, runs[path[1] as number])}: ${field}: ${message}` : `${field}: ${message}`;
    });
    const more = parsed.error.issues.length - issues.length;
    throw new ImportError(where, issues.join('; ') + (more > 0 ? `; and ${more} more` : ''));
  }
  const { pytorch } = parsed.data;
  const aa = pytorch.autoAttack;
  const origin: RunOrigin = {
    kind: 'imported', format: 'pytorch', file, detail: whereItRan(pytorch),
    autoAttack: aa.status === 'done'
      ? { robustAccuracy: aa.robustAccuracy, epsilon: aa.epsilon, subset: aa.subset, version: aa.version, attack: aa.attack, ...(aa.implementation ? { implementation: aa.implementation } : {}) }
      : null,
    ...(pytorch.modelCard ? { modelCard: pytorch.modelCard } : {}),
  };
  const records = parsed.data.runs.map(({ id: _id, ...fields }): NewSavedRun => ({ version: SAVED_RUN_VERSION, savedAt, ...fields, origin, detector: null }));
  return { records, skipped: [] };
}

/** Where the script ran, in a few words: "2 GPUs", "1 GPU", "CPU", "CPU, 2 processes". */
export function whereItRan(pytorch: Pick<TorchResults['pytorch'], 'device' | 'worldSize'>): string {
  const n = pytorch.worldSize;
  if (pytorch.device.startsWith('cuda')) return `${n} GPU${n === 1 ? '' : 's'}`;
  const device = pytorch.device === 'cpu' ? 'CPU' : pytorch.device;
  return n === 1 ? device : `${device}, ${n} processes`;
}
