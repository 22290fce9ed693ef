/**
 * The run history in IndexedDB: every finished run, kept across page reloads. The record format
 * and its checks are saved-record.ts; this file opens the database, writes, reads and deletes,
 * and turns storage failures into one sentence a person can act on.
 */
import { type DBSchema, type IDBPDatabase, type IDBPObjectStore, openDB } from 'idb';
import type { RunRecord } from '../../shared/run-record';
import {
  type DetectorFigures, type NewSavedRun, type RunOrigin, SAVED_RUN_VERSION, type SavedEntry, type SavedRun, SavedRunSchema, describeIssues, readRecord,
} from '../../shared/saved-run';

export * from '../../shared/saved-run';

export const DB_NAME = 'ltd-playground';
/** Bump with a new `upgrade` step when the object stores change (a new record format needs none: records carry their own). */
export const DB_VERSION = 1;
export const STORE = 'runs';

interface SavedRunsDb extends DBSchema {
  runs: { key: number; value: unknown };
}

/** A storage failure, with a message that names the problem for the person reading it. */
export class SavedRunsError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(`Run history: ${message}`);
    this.name = 'SavedRunsError';
  }
}

/** What still holds when the history cannot be written: said with every storage refusal. */
const IN_MEMORY = '; this page keeps its runs on the charts while it is open, and Export metrics writes them to a file';

/** Turn a DOMException from IndexedDB into one sentence a person can act on. */
function storageError(error: unknown, doing: string): SavedRunsError {
  if (error instanceof SavedRunsError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const detail = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  if (name === 'QuotaExceededError') {
    return new SavedRunsError(`the browser's storage for this site is full (QuotaExceededError) while ${doing}: delete runs from the history or free space`, error);
  }
  if (name === 'VersionError') {
    return new SavedRunsError(`the database "${DB_NAME}" was written by a newer version of the playground (VersionError): reload the page`, error);
  }
  if (['InvalidStateError', 'SecurityError', 'UnknownError', 'NotFoundError'].includes(name)) {
    return new SavedRunsError(`IndexedDB is not usable here (${name}: ${detail}), e.g. in a private window: runs cannot be kept across reloads${IN_MEMORY}`, error);
  }
  return new SavedRunsError(`${doing} failed (${name || 'error'}: ${detail})`, error);
}

/** Open per call and close after: saves are rare, and an open handle would block another tab's upgrade. */
async function withDb<T>(doing: string, work: (db: IDBPDatabase<SavedRunsDb>) => Promise<T>): Promise<T> {
  if (typeof indexedDB === 'undefined') {
    throw new SavedRunsError(`IndexedDB is not available in this browser (a private window may disable it): runs cannot be kept across reloads${IN_MEMORY}`);
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
 * A run as a new history record: its settings, metrics and attack settings (not its models). The
 * run must have finished or been stopped. Checked here as the list would check it later: a record
 * that could not be read back is never written.
 */
export function newRecord(run: Omit<RunRecord, 'id'> & { id?: number }, origin: RunOrigin, savedAt = Date.now()): NewSavedRun {
  const name = `run ${run.id === undefined ? '' : `${run.id} `}(${run.label})`;
  if (run.outcome === 'running') throw new SavedRunsError(`${name} is still training: stop it or let it finish first`);
  const { label, config, teacher, student, robustAttack, teacherCached, liveChanges, outcome, finalAaLite } = run;
  const record = {
    version: SAVED_RUN_VERSION, savedAt, label, config, teacher, student, robustAttack, teacherCached, liveChanges, outcome, origin, detector: null,
    ...(finalAaLite ? { finalAaLite } : {}),
  };
  const checked = SavedRunSchema.omit({ id: true }).safeParse(record);
  if (!checked.success) throw new SavedRunsError(`${name} cannot be kept: ${describeIssues(checked.error)}`);
  return checked.data;
}

/**
 * Keep a run trained on this page; returns the stored record with the id the database gave it.
 * With `id`, the row the run already has (its epochs so far, kept as `interrupted`) is replaced,
 * keeping any detector figures written into it meanwhile.
 */
export async function saveRun(run: RunRecord, id?: number): Promise<SavedRun> {
  const record = newRecord(run, { kind: 'trained' });
  if (id === undefined) {
    const [saved] = await addRuns([record]);
    return saved;
  }
  return withDb('keeping a run', (db) =>
    allOrNothing(db, async (store) => {
      const before: unknown = await store.get(id);
      const earlier = before === undefined ? null : readRecord(id, before);
      const saved: SavedRun = { ...record, id, detector: earlier?.ok ? earlier.run.detector : null };
      await store.put(saved);
      return saved;
    }),
  );
}

/** Store several records in one transaction: all of them, or (on a failure) none. */
export async function addRuns(records: NewSavedRun[]): Promise<SavedRun[]> {
  return withDb(records.length === 1 ? 'keeping a run' : `keeping ${records.length} runs`, (db) =>
    allOrNothing(db, async (store) => {
      // autoIncrement fills in `id`; a structured clone of plain data, so nothing of the live run is shared.
      // `async`: a request that throws becomes a rejection Promise.all sees, so the others' aborts are not left unhandled.
      const ids = await Promise.all(records.map(async (record) => store.add(record)));
      return records.map((record, i) => ({ ...record, id: Number(ids[i]) }));
    }),
  );
}

type RunStore = IDBPObjectStore<SavedRunsDb, ['runs'], 'runs', 'readwrite'>;

/**
 * `work` in one readwrite transaction that is aborted if any of it fails: a request can throw
 * synchronously (a value that cannot be cloned), and without the abort the requests before it
 * would still be committed.
 */
async function allOrNothing<T>(db: IDBPDatabase<SavedRunsDb>, work: (store: RunStore) => Promise<T>): Promise<T> {
  const tx = db.transaction(STORE, 'readwrite');
  try {
    const result = await work(tx.store);
    await tx.done;
    return result;
  } catch (error) {
    tx.done.catch(() => {}); // the abort's own rejection: the error that caused it is the one to report
    try {
      tx.abort();
    } catch {
      // Already aborted (a failed request aborts its transaction) or finished.
    }
    throw error;
  }
}

/** Every stored record, newest first; the unreadable ones with their reason. */
export async function listRuns(): Promise<SavedEntry[]> {
  const [keys, values] = await withDb('reading the run history', async (db) => {
    const tx = db.transaction(STORE, 'readonly');
    return Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
  });
  const entries = values.map((value, i) => readRecord(keys[i], value));
  const time = (e: SavedEntry) => (e.ok ? e.run.savedAt : -Infinity);
  return entries.sort((a, b) => time(b) - time(a));
}

/** Delete records by their keys (unreadable ones included), in one transaction. A missing key is not an error. */
export async function deleteRuns(keys: IDBValidKey[]): Promise<void> {
  await withDb(keys.length === 1 ? 'deleting a run' : `deleting ${keys.length} runs`, (db) =>
    allOrNothing(db, (store) => Promise.all(keys.map(async (key) => store.delete(key as number)))),
  );
}

export const deleteRun = (key: IDBValidKey) => deleteRuns([key]);

/**
 * Record what the detector measured on a run's student (replacing an earlier measurement). A
 * format-1 record is written back in the current format. Returns the updated record, or null
 * when the row is gone (deleted while the detector ran).
 */
export async function setDetectorFigures(id: number, figures: DetectorFigures): Promise<SavedRun | null> {
  return withDb("recording the detector's figures", (db) =>
    allOrNothing(db, async (store) => {
      const stored: unknown = await store.get(id);
      if (stored === undefined) return null;
      const entry = readRecord(id, stored);
      if (!entry.ok) throw new SavedRunsError(`run #${id} cannot take the detector's figures: ${entry.reason}`);
      const updated: SavedRun = { ...entry.run, detector: figures };
      await store.put(updated);
      return updated;
    }),
  );
}
