/**
 * One record of the run history, as IndexedDB keeps it (saved-runs.ts) and as an imported file
 * is checked (history-import.ts): a finished run's settings and per-epoch figures, where it came
 * from, and what the gradient-masking detector measured on its student — never a model.
 *
 * What comes back out of the database is untrusted input (an older playground wrote it, or the
 * disk damaged it), so every record is checked against `SavedRunSchema`. Older formats are read
 * by an upgrade step, never refused silently; one that cannot be read is listed with the reason.
 */
import { z } from 'zod';
import { CONFIG_VERSION, type Config, ConfigSchema, METHODS, type MethodId, methodDefaults } from './config';
import type { AttackSettings } from './events';
import type { EpochPoint, LiveChangeMark, RunRecord } from './run-record';
import { ModelCardSchema } from './model-card';

/**
 * Format of one stored record. 1: the run alone (saved by hand). 2: also `origin` and `detector`
 * (every finished run kept automatically, imports, the detector's figures). 3: `robustAcc` and
 * `robustAttack` for `pgdAcc` and `pgd`. 4: the outcome `interrupted`. 5: `finalAaLite`, a
 * completed run's last epoch under AA-lite (quick).
 */
export const SAVED_RUN_VERSION = 5;
const READABLE_VERSIONS = [1, 2, 3, 4, 5];

/** Losses, rates and timings: any number, NaN and ±∞ included (a diverged run is still worth keeping). */
const anyNumber = z.custom<number>((v) => typeof v === 'number', { error: 'expected a number' });
const percent = z.number().min(0).max(100);

const EpochPointSchema = z.object({
  epoch: z.number().int().min(1),
  natAcc: percent,
  robustAcc: percent.nullable(),
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

/** Runs saved before the evaluation attack was selectable have only the first five fields: still valid. */
export const AttackSettingsSchema: z.ZodType<AttackSettings> = z.object({
  attack: z.enum(['PGD', 'APGD', 'APGD-T', 'AA-lite', 'FGSM', 'Square', 'Noise']),
  epsilon: z.number().min(0),
  /** Absent: L∞ (every figure saved before the L2 threat model). */
  norm: z.literal('l2').optional(),
  steps: z.number().int().min(0),
  restarts: z.number().int().min(1),
  subset: z.number().int().min(1),
  queries: z.number().int().min(0).optional(),
  loss: z.enum(['ce', 'dlr', 'dlr-targeted', 'margin']).optional(),
  targets: z.number().int().min(0).optional(),
  budget: z.enum(['quick', 'standard']).optional(),
  start: z.literal('input').optional(),
  part: z.literal('white-box').optional(),
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

/** The fields of a run record (src/shared/run-record.ts) that a history row keeps: all but the session's ids. */
export const RunFieldsSchema = z.object({
  label: z.string(),
  config: ConfigSchema,
  teacher: z.array(EpochPointSchema),
  student: z.array(EpochPointSchema),
  robustAttack: AttackSettingsSchema.nullable(),
  teacherCached: z.boolean(),
  liveChanges: z.array(LiveChangeSchema),
  /**
   * A run still training is never kept as such: from its first student epoch its row is kept as
   * `interrupted` (format 4) and rewritten at each epoch, so a reload, a closed tab or a crashed
   * worker leaves it at its last finished epoch; its end replaces the outcome.
   */
  outcome: z.enum(['completed', 'stopped', 'failed', 'interrupted']),
  /** Format 5: a completed run's last epoch under AA-lite (quick) on the evaluation subset; absent before, and for runs that did not complete. */
  finalAaLite: z.object({ epoch: z.number().int().min(1), robustAcc: percent, attack: AttackSettingsSchema, seconds: anyNumber }).optional(),
});

/** A robust-accuracy figure with the attack settings that produced it. */
const FigureSchema = z.object({ robustAccuracy: percent, settings: AttackSettingsSchema });

/**
 * What the gradient-masking detector measured on the run's student: its verdict, Square's robust
 * accuracy and the white-box side's (the full AA-lite ensemble when it ran, else the checks' own).
 */
export const DetectorFiguresSchema = z.object({
  verdict: z.enum(['clean', 'suspected', 'masked', 'no verdict']),
  square: FigureSchema,
  whiteBox: FigureSchema,
  /** When the detector finished, ms since 1970. */
  measuredAt: z.number(),
});

export type DetectorFigures = z.infer<typeof DetectorFiguresSchema>;

/**
 * AutoAttack's result from an exported PyTorch script's run, when it ran: torchattacks' AutoAttack, or
 * the script's own AA-lite (`attack` and `implementation` say which; records imported before they
 * were kept lack them).
 */
const AutoAttackFigureSchema = z.object({
  robustAccuracy: percent, epsilon: z.number(), subset: z.number().int(), version: z.string(),
  attack: z.enum(['AutoAttack', 'AA-lite']).optional(), implementation: z.string().optional(),
});

/** Where a row came from: trained on this page, or imported from a file (metrics JSON, or a PyTorch script's results). */
export const OriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trained') }),
  z.object({
    kind: z.literal('imported'),
    format: z.enum(['metrics', 'pytorch']),
    file: z.string(),
    /** Where it ran, in a few words ("2 GPUs", "CPU"); empty when the file does not say. */
    detail: z.string(),
    autoAttack: AutoAttackFigureSchema.nullable(),
    /** The RobustBench model card a PyTorch script's results carry (absent from earlier imports). */
    modelCard: ModelCardSchema.optional(),
  }),
]);

export type RunOrigin = z.infer<typeof OriginSchema>;

export const SavedRunSchema = RunFieldsSchema.extend({
  /** The database's key (assigned on save). */
  id: z.number().int(),
  version: z.literal(SAVED_RUN_VERSION),
  /** When it entered the history, ms since 1970. */
  savedAt: z.number(),
  origin: OriginSchema,
  /** Null until the detector has examined this run's student. */
  detector: DetectorFiguresSchema.nullable(),
});

export type SavedRun = z.infer<typeof SavedRunSchema>;

/** A record about to be stored: the database gives it its id. */
export type NewSavedRun = Omit<SavedRun, 'id'>;

/** One row of the history: a record that passed the schema, or one that did not and why. */
export type SavedEntry =
  | { ok: true; run: SavedRun }
  | { ok: false; key: IDBValidKey; label: string | null; reason: string };

/** The run as the page's run slice and the metrics files hold it (without the session's id). */
export function runFields(run: SavedRun): Omit<RunRecord, 'id'> {
  const { label, config, teacher, student, robustAttack, teacherCached, liveChanges, outcome, finalAaLite } = run;
  return { label, config, teacher, student, robustAttack, teacherCached, liveChanges, outcome, ...(finalAaLite ? { finalAaLite } : {}) };
}

/**
 * Settings added to the config after records were saved, each with the value that reproduces what
 * those records measured (their runs had no choice): a record without them is filled in, not refused.
 */
const ADDED_CONFIG_FIELDS: Partial<Config> = { awpWarmup: 0, evalAttack: 'pgd', aaBudget: 'standard', aaQueries: 0, norm: 'linf' };

/** The config with the settings added since filled in, the inner maximisation by its method (what each method had). */
export function withAddedConfigFields(config: unknown): unknown {
  if (typeof config !== 'object' || config === null) return config;
  const method = (config as { method?: unknown }).method;
  const byMethod = (METHODS as readonly unknown[]).includes(method) ? { innerMax: methodDefaults(method as MethodId).innerMax } : {};
  return { ...ADDED_CONFIG_FIELDS, ...byMethod, ...config };
}

/** Why a config cannot be read at all (another config version), or null. */
export function configVersionProblem(config: unknown): string | null {
  const version = (config as { version?: unknown } | null | undefined)?.version;
  if (version === CONFIG_VERSION) return null;
  return `its settings are config version ${JSON.stringify(version ?? null)}; this version of the playground reads version ${CONFIG_VERSION}`;
}

/** A format-1 record as format 2: kept by hand on this page, detector not recorded then. */
function upgradeFrom1(fields: Record<string, unknown>): Record<string, unknown> {
  return { ...fields, version: 2, origin: { kind: 'trained' }, detector: null };
}

/**
 * A format-2 record (or a metrics file written before format 3) with today's names: the
 * evaluation attack's figure was `pgdAcc` and its settings `pgd` whatever the attack was
 * (APGD-CE, AA-lite); they are `robustAcc` and `robustAttack` now.
 */
export function renameRobustFields(fields: Record<string, unknown>): Record<string, unknown> {
  const { pgd, ...rest } = fields;
  const points = (list: unknown) =>
    Array.isArray(list)
      ? list.map((p) => {
          if (typeof p !== 'object' || p === null || !('pgdAcc' in p)) return p;
          const { pgdAcc, ...point } = p as Record<string, unknown>;
          return { ...point, robustAcc: pgdAcc };
        })
      : list;
  return { ...rest, ...('robustAttack' in fields ? {} : { robustAttack: pgd }), teacher: points(fields.teacher), student: points(fields.student) };
}

/**
 * Any readable format as today's: 1 → 2 → 3 → 4 → 5. Format 4 only adds the outcome `interrupted`, so a
 * format-3 record is one as it stands; the number changed so that a format-3 reader names a row
 * that says `interrupted` as from a newer version instead of calling its shape wrong. Format 5
 * only adds the optional `finalAaLite`: a format-4 record has no final point, and keeps none.
 */
function upgrade(stored: Record<string, unknown>): Record<string, unknown> {
  const two = stored.version === 1 ? upgradeFrom1(stored) : stored;
  const three = two.version === 2 ? { ...renameRobustFields(two), version: 3 } : two;
  const four = three.version === 3 ? { ...three, version: 4 } : three;
  if (four.version !== 4) return four;
  const { finalAaLite: _none, ...rest } = four;
  return { ...rest, version: 5 };
}

/** Check one stored value; never throws. */
export function readRecord(key: IDBValidKey, value: unknown): SavedEntry {
  const stored = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  const label = typeof stored?.label === 'string' ? stored.label : null;
  const refuse = (reason: string): SavedEntry => ({ ok: false, key, label, reason });
  if (!stored) return refuse(`not a saved run (found ${value === null ? 'null' : typeof value})`);
  // Versions first: an unknown record fails many fields at once, and the version is the one reason that matters.
  if (!READABLE_VERSIONS.includes(stored.version as number)) {
    return refuse(`saved in record format ${JSON.stringify(stored.version ?? null)}; this version of the playground reads formats ${READABLE_VERSIONS.join(', ')}`);
  }
  const fields = upgrade(stored);
  const configProblem = configVersionProblem(fields.config);
  if (configProblem) return refuse(configProblem);
  const parsed = SavedRunSchema.safeParse({ ...fields, config: withAddedConfigFields(fields.config) });
  if (!parsed.success) return refuse(describeIssues(parsed.error));
  if (parsed.data.id !== key) return refuse(`its id ${parsed.data.id} differs from its key ${String(key)}`);
  return { ok: true, run: parsed.data };
}

/** The first few problems, each with the field it is about, e.g. "student.0.natAcc: …". */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
