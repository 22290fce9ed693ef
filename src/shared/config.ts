/**
 * The one configuration of a run, declared once.
 *
 * Every setting is a row of `FIELDS`: its label (what a person sees), its type, range and default.
 * That table produces the zod schema (validation + error messages), the TypeScript type, the
 * defaults, the URL encoding, and the min/max/step of the UI's controls — adding a setting is
 * one row. This file imports no tfjs, so the UI may read it.
 */
import { z } from 'zod';
import {
  AA_BUDGETS,
  AWP_METHODS,
  DATASET_LABELS,
  DATASETS,
  type DatasetId,
  EVAL_ATTACKS,
  type EvalAttackId,
  INNER_MAX_METHODS,
  INNER_MAXIMISATIONS,
  LR_SCHEDULES,
  LTD_BASES,
  METHOD_LABELS,
  METHODS,
  MODEL_LABELS,
  type MethodId,
  MODELS,
  type ModelId,
  OPTIMIZERS,
  SWITCHES,
  datasetDefaults,
  methodDefaults,
  modelsFor,
  NORMS,
  type NormId,
} from './catalog';

export * from './catalog';

export const CONFIG_VERSION = 1;

/**
 * The defaults a config is read against: the table's, then those its data set and method bring.
 * `dataset` and `method` themselves keep the table's defaults, so a URL still names them.
 */
export function defaultsFor(choice: { dataset?: string | null; method?: string | null; norm?: string | null }): Config {
  const dataset = (DATASETS as readonly string[]).includes(choice.dataset ?? '') ? (choice.dataset as DatasetId) : DEFAULT_CONFIG.dataset;
  const method = (METHODS as readonly string[]).includes(choice.method ?? '') ? (choice.method as MethodId) : DEFAULT_CONFIG.method;
  // ?norm=l2 means the data set's L2 radius (?dataset=cifar10&norm=l2: ε = 0.5).
  const norm = (NORMS as readonly string[]).includes(choice.norm ?? '') ? (choice.norm as NormId) : DEFAULT_CONFIG.norm;
  return { ...DEFAULT_CONFIG, ...datasetDefaults(dataset, undefined, norm), ...methodDefaults(method) };
}

interface NumberField {
  kind: 'number';
  label: string;
  min: number;
  max: number;
  step: number;
  default: number;
  integer?: boolean;
}
interface EnumField<T extends string> {
  kind: 'enum';
  label: string;
  options: readonly T[];
  default: T;
}

const num = (label: string, min: number, max: number, step: number, def: number, integer = false): NumberField => ({
  kind: 'number', label, min, max, step, default: def, integer,
});

/** The table of settings. Order is the order of the URL and of the controls. */
export const FIELDS = {
  dataset: { kind: 'enum', label: 'Dataset', options: DATASETS, default: 'blobs' } as EnumField<DatasetId>,
  model: { kind: 'enum', label: 'Model', options: MODELS, default: 'mlp' } as EnumField<ModelId>,
  method: { kind: 'enum', label: 'Method', options: METHODS, default: 'ltd' } as EnumField<MethodId>,
  /** τ: temperature of the teacher's soft labels (the student always runs at T = 1). */
  tau: num('Teacher temperature', 1, 50, 0.5, 5),
  /** λ: weight of the KL robustness term (TRADES' β). */
  lambda: num('Lambda', 0, 12, 0.5, 6),
  /** LTD's base: TRADES (CE(Z(x), soft) + λ·KL) or PGD-AT (CE(Z(x'), soft)); LTD only. */
  ltdBase: { kind: 'enum', label: 'LTD base', options: LTD_BASES, default: 'trades' } as EnumField<(typeof LTD_BASES)[number]>,
  /** s: label smoothing, y ← (1 − s)·y + s/C (Label smoothing method only). */
  smoothing: num('Label smoothing', 0, 0.99, 0.01, 0.1),
  /** T_d: the temperature teacher and student train at in defensive distillation (deployed at T = 1). */
  distillTemperature: num('Distillation temperature', 1, 100, 1, 50),
  /**
   * How TRADES, label smoothing and LTD craft x′: CE-PGD on y from a uniform start, or KL-PGD from
   * x + 0.001·N(0, 1). Defaults as published (methodDefaults); the same choice for both isolates
   * LTD's label effect from its attack.
   */
  innerMax: { kind: 'enum', label: 'Inner maximisation', options: INNER_MAXIMISATIONS, default: 'ce' } as EnumField<(typeof INNER_MAXIMISATIONS)[number]>,
  /** Adversarial weight perturbation (Wu et al. 2020) on PGD-AT, TRADES or LTD. */
  awp: { kind: 'enum', label: 'AWP', options: SWITCHES, default: 'off' } as EnumField<(typeof SWITCHES)[number]>,
  /** γ: size of AWP's per-layer weight perturbation, relative to ‖w‖ of that layer. */
  awpGamma: num('AWP gamma', 0, 0.1, 0.0005, 5e-3),
  /** Student epochs trained without AWP before it starts (the AWP reference code's `awp_warmup`). */
  awpWarmup: num('AWP warm-up epochs', 0, 200, 1, 0, true),
  /** The threat model of every attack, in training and evaluation: ε is the radius of the L∞ or the L2 ball. */
  norm: { kind: 'enum', label: 'Threat model', options: NORMS, default: 'linf' } as EnumField<NormId>,
  /** ε: radius of every attack in the threat model's norm, in input units ([0, 1]); at most 1 under L∞. */
  epsilon: num('Epsilon', 0, 64, 0.005, 0.05),
  epochs: num('Epochs', 1, 200, 1, 8, true),
  teacherEpochs: num('Teacher epochs', 1, 200, 1, 8, true),
  seed: num('Seed', 0, 2 ** 31 - 1, 1, 1, true),
  optimizer: { kind: 'enum', label: 'Optimizer', options: OPTIMIZERS, default: 'sgd' } as EnumField<(typeof OPTIMIZERS)[number]>,
  learningRate: num('Learning rate', 1e-5, 1, 1e-4, 0.05),
  lrSchedule: { kind: 'enum', label: 'Learning-rate schedule', options: LR_SCHEDULES, default: 'piecewise' } as EnumField<(typeof LR_SCHEDULES)[number]>,
  batchSize: num('Batch size', 1, 1024, 1, 64, true),
  /** PGD steps K used to craft training examples; step α = 2.5·ε/K. */
  trainPgdSteps: num('Training PGD steps', 1, 100, 1, 10, true),
  /** Training PGD step α in input units; 0 means the default 2.5·ε/K. */
  trainPgdStepSize: num('Training PGD step size', 0, 1, 0.001, 0),
  /** The white-box attack of the per-epoch robust figure and the sweeps (eval/evaluation-attack.ts). */
  evalAttack: { kind: 'enum', label: 'Evaluation attack', options: EVAL_ATTACKS, default: 'pgd' } as EnumField<EvalAttackId>,
  /** PGD steps, or APGD-CE iterations, of the evaluation attack (AA-lite's come from its budget). */
  evalPgdSteps: num('Evaluation steps', 1, 200, 1, 10, true),
  /** AA-lite's budget: standard is AutoAttack's (100 iterations, 9 targets, Square 5000), quick a fifth of it. */
  aaBudget: { kind: 'enum', label: 'AA-lite budget', options: AA_BUDGETS, default: 'standard' } as EnumField<(typeof AA_BUDGETS)[number]>,
  /** Square's queries inside AA-lite instead of the budget's (0 keeps the budget's): Square dominates AA-lite's cost on small models. */
  aaQueries: num('AA-lite Square queries', 0, 10000, 1, 0, true),
  /** Test points the per-epoch robust accuracy is measured on (the first N of the test split). */
  evalSubset: num('Evaluation subset', 1, 10000, 1, 500, true),
  trainSize: num('Training examples', 16, 60000, 1, 1000, true),
  testSize: num('Test examples', 16, 10000, 1, 500, true),
  /** Standard deviation of each blob, in input units: larger means more overlap. */
  overlap: num('Blob overlap', 0.01, 0.3, 0.01, 0.08),
  hiddenUnits: num('Hidden units', 2, 512, 1, 64, true),
  /** Channels of the CNN's first convolution (the second has twice as many) and of ResNet's first stage. */
  convChannels: num('Conv channels', 2, 64, 1, 8, true),
  /** Residual blocks per ResNet stage, n: depth 6n + 2 (1 → ResNet-8, 3 → ResNet-20). */
  resnetBlocks: num('ResNet blocks per stage', 1, 5, 1, 1, true),
  /** Random crop (zero padding) on images, plus horizontal flips on CIFAR-10; inputs stay in [0, 1]. */
  augment: { kind: 'enum', label: 'Augmentation', options: SWITCHES, default: 'off' } as EnumField<(typeof SWITCHES)[number]>,
} as const;

export type FieldKey = keyof typeof FIELDS;
/** The settings that are numbers (sliders, number inputs) and the ones picked from a list. */
export type NumericKey = { [K in FieldKey]: (typeof FIELDS)[K]['kind'] extends 'number' ? K : never }[FieldKey];
export type EnumKey = { [K in FieldKey]: (typeof FIELDS)[K]['kind'] extends 'enum' ? K : never }[FieldKey];

function fieldSchema(key: string, field: NumberField | EnumField<string>) {
  if (field.kind === 'enum') {
    return z.enum(field.options as [string, ...string[]], {
      error: () => `${field.label} (${key}) must be one of: ${field.options.join(', ')}`,
    });
  }
  let s = z.number({ error: () => `${field.label} (${key}) must be a number` });
  if (field.integer) s = s.int({ error: `${field.label} (${key}) must be a whole number` });
  return s
    .min(field.min, { error: `${field.label} (${key}) must be at least ${field.min}` })
    .max(field.max, { error: `${field.label} (${key}) must be at most ${field.max}` });
}

const shape = Object.fromEntries(
  Object.entries(FIELDS).map(([key, field]) => [key, fieldSchema(key, field)]),
) as unknown as {
  [K in FieldKey]: (typeof FIELDS)[K] extends EnumField<infer T> ? z.ZodType<T> : z.ZodNumber;
};

export const ConfigSchema = z
  .object({ version: z.literal(CONFIG_VERSION), ...shape })
  .strict()
  .superRefine((config, ctx) => {
    for (const issue of combinationIssues(config)) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  });

export type Config = z.infer<typeof ConfigSchema>;

export const DEFAULT_CONFIG: Config = {
  version: CONFIG_VERSION,
  ...(Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, f.default])) as Omit<Config, 'version'>),
};

/** A setting that was refused, with a message that names it. */
export interface ConfigIssue {
  field: string;
  message: string;
}

export type Validated = { ok: true; config: Config } | { ok: false; issues: ConfigIssue[] };

/** Validate an untrusted object (from the URL, the UI, a message) as a Config. */
export function validateConfig(input: unknown): Validated {
  const result = ConfigSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(config)',
      message: issue.message,
    })),
  };
}

/** Encode the settings that differ from the defaults as URL query parameters. */
export function configToQuery(config: Config): string {
  const params = new URLSearchParams();
  // Against the data set's and method's own defaults, as configFromQuery decodes
  // (?dataset=mnist means ε = 0.3; ?method=defensive-distillation means Adam at 1e-3).
  const defaults = defaultsFor(config);
  for (const key of Object.keys(FIELDS) as FieldKey[]) {
    if (config[key] !== defaults[key]) params.set(key, String(config[key]));
  }
  return params.toString();
}

/**
 * Decode URL query parameters over the defaults. Unknown parameters are ignored (other
 * parts of the page may use them); known ones are validated, and refused ones reported.
 */
export function configFromQuery(query: string): { config: Config; issues: ConfigIssue[] } {
  const params = new URLSearchParams(query);
  const raw: Record<string, unknown> = { ...defaultsFor({ dataset: params.get('dataset'), method: params.get('method'), norm: params.get('norm') }) };
  for (const [key, field] of Object.entries(FIELDS)) {
    const value = params.get(key);
    if (value === null) continue;
    raw[key] = field.kind === 'number' ? (value.trim() === '' ? NaN : Number(value)) : value;
  }
  const result = validateConfig(raw);
  if (result.ok) return { config: result.config, issues: [] };
  const config = { ...DEFAULT_CONFIG };
  const bad = new Set(result.issues.map((i) => i.field));
  for (const key of Object.keys(FIELDS) as FieldKey[]) {
    if (!bad.has(key)) (config as Record<string, unknown>)[key] = raw[key];
  }
  return { config, issues: result.issues };
}

/**
 * Settings that are valid alone but not together. Each refusal is reported on the field to
 * change and its message names every field involved.
 */
function combinationIssues(config: Pick<Config, 'method' | 'awp' | 'dataset' | 'model' | 'innerMax' | 'norm' | 'epsilon'>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (config.norm === 'linf' && config.epsilon > 1) {
    issues.push({
      field: 'epsilon',
      message: `Epsilon (epsilon) must be at most 1 under Threat model (norm) L∞ (the whole input box [0, 1]); got ${config.epsilon}. Larger radii are for L2`,
    });
  }
  if (!modelsFor(config.dataset).includes(config.model)) {
    issues.push({
      field: 'model',
      message: `Model (model) ${MODEL_LABELS[config.model]} does not fit Dataset (dataset) ${DATASET_LABELS[config.dataset]}: pick ${
        modelsFor(config.dataset).map((m) => MODEL_LABELS[m]).join(' or ')
      }`,
    });
  }
  if (config.awp === 'on' && !AWP_METHODS.includes(config.method)) {
    issues.push({
      field: 'awp',
      message: `AWP (awp) applies to ${AWP_METHODS.map((m) => METHOD_LABELS[m]).join(', ')} only, not to Method (method) ${
        METHOD_LABELS[config.method]
      }: turn AWP off or pick one of those methods`,
    });
  }
  if (!INNER_MAX_METHODS.includes(config.method) && config.innerMax !== methodDefaults(config.method).innerMax) {
    issues.push({
      field: 'innerMax',
      message: `Inner maximisation (innerMax) can be chosen for ${INNER_MAX_METHODS.map((m) => METHOD_LABELS[m]).join(', ')} only; Method (method) ${
        METHOD_LABELS[config.method]
      } crafts ${config.method === 'pgd-at' ? 'x′ with CE-PGD by definition' : 'no adversarial examples'}: use ${methodDefaults(config.method).innerMax.toUpperCase()}`,
    });
  }
  return issues;
}
