/**
 * Saved runs: finished runs kept in IndexedDB across page reloads.
 *
 * A record is plain data (settings, per-epoch metrics, the attack behind the PGD numbers), never
 * a model. What comes back out of the database is untrusted input — written by an older version
 * of the playground, or damaged — so every record is checked against `SavedRunSchema`, and one
 * that fails is listed as unreadable with the reason instead of breaking the page.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { z } from 'zod';
import { CONFIG_VERSION, type Config, ConfigSchema, METHODS, type MethodId, methodDefaults } from '../shared/config';
import type { AttackSettings } from '../shared/events';
import type { EpochPoint, LiveChangeMark, RunRecord } from '../shared/run-record';

export const DB_NAME = 'ltd-playground';
/** Bump with a new `upgrade` step when the object stores change. */
export const DB_VERSION = 1;
export const STORE = 'runs';
/** Format of one stored record; a record of another format is reported, not guessed at. */
export const SAVED_RUN_VERSION = 1;

/** Losses, rates and timings: any number, NaN and ±∞ included (a diverged run is still worth keeping). */
const anyNumber = z.custom<number>((v) => typeof v === 'number', { error: 'expected a number' });
const percent = z.number().min(0).max(100);

const EpochPointSchema = z.object({
  epoch: z.number().int().min(1),
  natAcc: percent,
  pgdAcc: percent.nullable(),
  loss: anyNumber,
  lr: anyNumber,
  tau: anyNumber,
  lambda: anyNumber,
  seconds: anyNumber,
  /** G of Eq. 7 (blobs only); one-hot's G is +∞, which IndexedDB keeps. */
  discrepancy: z
    .object({
      model: anyNumber,
      softLabels: z.object({ temperature: anyNumber, value: anyNumber }).optional(),
      oneHot: anyNumber,
      uniform: anyNumber,
    })
    .optional(),
}) satisfies z.ZodType<EpochPoint>;

/** Runs saved before the evaluation attack was selectable have only the first six fields: still valid. */
const AttackSettingsSchema: z.ZodType<AttackSettings> = z.object({
  attack: z.enum(['PGD', 'APGD', 'APGD-T', 'AA-lite', 'FGSM', 'Square', 'Noise']),
  epsilon: z.number().min(0),
  steps: z.number().int().min(0),
  restarts: z.number().int().min(1),
  subset: z.number().int().min(1),
  queries: z.number().int().min(0).optional(),
  loss: z.enum(['ce', 'dlr', 'dlr-targeted', 'margin']).optional(),
  targets: z.number().int().min(0).optional(),
  budget: z.enum(['quick', 'standard']).optional(),
  get members() {
    return z.array(AttackSettingsSchema).optional();
  },
});

const LiveChangeSchema = z.object({
  epoch: z.number().int(),
  batch: z.number().int(),
  batches: z.number().int(),
  label: z.string(),
}) satisfies z.ZodType<LiveChangeMark>;

export const SavedRunSchema = z.object({
  /** The database's key (assigned on save). */
  id: z.number().int(),
  version: z.literal(SAVED_RUN_VERSION),
  /** When it was saved, ms since 1970. */
  savedAt: z.number(),
  label: z.string(),
  config: ConfigSchema,
  teacher: z.array(EpochPointSchema),
  student: z.array(EpochPointSchema),
  pgd: AttackSettingsSchema.nullable(),
  teacherCached: z.boolean(),
  liveChanges: z.array(LiveChangeSchema),
  /** A run still training is never saved. */
  outcome: z.enum(['completed', 'stopped', 'failed']),
});

export type SavedRun = z.infer<typeof SavedRunSchema>;

/** One row of the list: a record that passed the schema, or one that did not and why. */
export type SavedEntry =
  | { ok: true; run: SavedRun }
  | { ok: false; key: IDBValidKey; label: string | null; reason: string };

interface SavedRunsDb extends DBSchema {
  runs: { key: number; value: unknown };
}

/** A storage failure, with a message that names the problem for the person reading it. */
export class SavedRunsError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(`Saved runs: ${message}`);
    this.name = 'SavedRunsError';
  }
}

/** Turn a DOMException from IndexedDB into one sentence a person can act on. */
function storageError(error: unknown, doing: string): SavedRunsError {
  if (error instanceof SavedRunsError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const detail = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  if (name === 'QuotaExceededError') {
    return new SavedRunsError(`the browser's storage for this site is full (QuotaExceededError) while ${doing}: delete saved runs or free space`, error);
  }
  if (name === 'VersionError') {
    return new SavedRunsError(`the database "${DB_NAME}" was written by a newer version of the playground (VersionError): reload the page`, error);
  }
  if (['InvalidStateError', 'SecurityError', 'UnknownError', 'NotFoundError'].includes(name)) {
    return new SavedRunsError(`IndexedDB is not usable here (${name}: ${detail}), e.g. in a private window: runs cannot be kept across reloads`, error);
  }
  return new SavedRunsError(`${doing} failed (${name || 'error'}: ${detail})`, error);
}

/** Open per call and close after: saves are rare, and an open handle would block another tab's upgrade. */
async function withDb<T>(doing: string, work: (db: IDBPDatabase<SavedRunsDb>) => Promise<T>): Promise<T> {
  if (typeof indexedDB === 'undefined') {
    throw new SavedRunsError('IndexedDB is not available in this browser (a private window may disable it): runs cannot be kept across reloads');
  }
  let db: IDBPDatabase<SavedRunsDb> | undefined;
  try {
    db = await openDB<SavedRunsDb>(DB_NAME, DB_VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) database.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      },
      // Another tab opens a newer version: let it upgrade.
      blocking() {
        db?.close();
      },
    });
    return await work(db);
  } catch (error) {
    throw storageError(error, doing);
  } finally {
    db?.close();
  }
}

/**
 * Keep a run: its settings, metrics and attack settings (not its models). The run must have
 * finished or been stopped. Returns the stored record with the id the database gave it.
 */
export async function saveRun(run: RunRecord): Promise<SavedRun> {
  if (run.outcome === 'running') throw new SavedRunsError(`run ${run.id} (${run.label}) is still training: stop it or let it finish first`);
  const record = {
    version: SAVED_RUN_VERSION,
    savedAt: Date.now(),
    label: run.label,
    config: run.config,
    teacher: run.teacher,
    student: run.student,
    pgd: run.pgd,
    teacherCached: run.teacherCached,
    liveChanges: run.liveChanges,
    outcome: run.outcome,
  };
  // Refuse here what the list would refuse later: never write a record that cannot be read back.
  const checked = SavedRunSchema.omit({ id: true }).safeParse(record);
  if (!checked.success) throw new SavedRunsError(`run ${run.id} (${run.label}) cannot be saved: ${describeIssues(checked.error)}`);
  return withDb('saving a run', async (db) => {
    // autoIncrement fills in `id`; a structured clone of plain data, so nothing of the live run is shared.
    const id = await db.add(STORE, checked.data);
    return { ...checked.data, id: Number(id) };
  });
}

/** Every stored record, newest first; the unreadable ones with their reason. */
export async function listRuns(): Promise<SavedEntry[]> {
  const [keys, values] = await withDb('reading saved runs', async (db) => {
    const tx = db.transaction(STORE, 'readonly');
    return Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
  });
  const entries = values.map((value, i) => readRecord(keys[i], value));
  const time = (e: SavedEntry) => (e.ok ? e.run.savedAt : -Infinity);
  return entries.sort((a, b) => time(b) - time(a));
}

/** Delete one record by its key (unreadable ones included). Deleting a missing key is not an error. */
export async function deleteRun(key: IDBValidKey): Promise<void> {
  await withDb('deleting a saved run', (db) => db.delete(STORE, key as number));
}

/**
 * Settings added to the config after records were saved, each with the value that reproduces what
 * those records measured (their runs had no choice): a record without them is filled in, not refused.
 */
const ADDED_CONFIG_FIELDS: Partial<Config> = { awpWarmup: 0, evalAttack: 'pgd', aaBudget: 'standard', aaQueries: 0 };

/** The same for settings whose old value depends on the method: the inner maximisation each method had. */
function addedFor(config: unknown): Partial<Config> {
  const method = (config as { method?: unknown } | null | undefined)?.method;
  return (METHODS as readonly unknown[]).includes(method) ? { innerMax: methodDefaults(method as MethodId).innerMax } : {};
}

/** Check one stored value; never throws. */
export function readRecord(key: IDBValidKey, value: unknown): SavedEntry {
  const fields = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  const label = typeof fields?.label === 'string' ? fields.label : null;
  const refuse = (reason: string): SavedEntry => ({ ok: false, key, label, reason });
  if (!fields) return refuse(`not a saved run (found ${value === null ? 'null' : typeof value})`);
  // Versions first: an old record fails many fields at once, and the version is the one reason that matters.
  if (fields.version !== SAVED_RUN_VERSION) {
    return refuse(`saved in record format ${JSON.stringify(fields.version ?? null)}; this version of the playground reads format ${SAVED_RUN_VERSION}`);
  }
  const configVersion = (fields.config as { version?: unknown } | null | undefined)?.version;
  if (configVersion !== CONFIG_VERSION) {
    return refuse(`its settings are config version ${JSON.stringify(configVersion ?? null)}; this version of the playground reads version ${CONFIG_VERSION}`);
  }
  const parsed = SavedRunSchema.safeParse({ ...fields, config: { ...ADDED_CONFIG_FIELDS, ...addedFor(fields.config), ...(fields.config as object) } });
  if (!parsed.success) return refuse(describeIssues(parsed.error));
  if (parsed.data.id !== key) return refuse(`its id ${parsed.data.id} differs from its key ${String(key)}`);
  return { ok: true, run: parsed.data };
}

/** The first few problems, each with the field it is about, e.g. "student.0.natAcc: …". */
function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
