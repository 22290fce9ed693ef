/**
 * Every query parameter the page reads, declared once with its type, default and range
 * (tensorflow/playground's `State.PROPS`): the run's settings (one per row of config.ts's FIELDS,
 * validated there), the page's own (`preset`, `backend`, `present`), the detector's budget, the
 * test sizes e2e specs shrink, and the bench page's. Reading, filtering and rewriting a query go
 * through this table; the page's one door to its address (src/page/url.ts) hands it
 * `location.search` and writes back what it returns. Pure string handling: the command line reads
 * a preset's detector budget with it too, so page and script run the same detector.
 */
import { AA_BUDGETS, type Config, type ConfigIssue, EVAL_ATTACKS, type EvalAttackId, FIELDS, type FieldKey, configFromQuery } from './config';
import type { AaLiteBudget } from './events';
import { type Preset, type PresetSize, expandPresetQuery } from './presets';

/**
 * Who reads a parameter: the run's settings, the page itself, the detector (a preset replaces all
 * of these), test sizes (tiny values keep e2e runs short) and the bench page.
 */
export type ParamGroup = 'settings' | 'page' | 'detector' | 'test' | 'bench';

interface ParamBase {
  group: ParamGroup;
  /** What it sets, for a reader of the table. */
  doc: string;
}
/** A row of FIELDS: read, validated and refused by configFromQuery, never by readParams. */
export interface SettingParam extends ParamBase {
  kind: 'setting';
  field: (typeof FIELDS)[FieldKey];
}
/** A count: a number that rounds to a positive whole number; anything else is the default. */
export interface CountParam<D extends number | null = number | null> extends ParamBase {
  kind: 'count';
  default: D;
}
/** One of `options`; anything else is the default. */
export interface ChoiceParam<T extends string = string, D extends T | null = T | null> extends ParamBase {
  kind: 'choice';
  options: readonly T[];
  default: D;
}
/** On when present as `key=1` or a bare `key`. */
export interface FlagParam extends ParamBase {
  kind: 'flag';
}
/** Comma-separated positive numbers (`1,3`); null unless every one is. */
export interface NumbersParam extends ParamBase {
  kind: 'numbers';
}
/** Free text; null when absent or empty. */
export interface TextParam extends ParamBase {
  kind: 'text';
}
export type UrlParam = SettingParam | CountParam | ChoiceParam | FlagParam | NumbersParam | TextParam;

const count = <D extends number | null>(group: ParamGroup, def: D, doc: string): CountParam<D> => ({ kind: 'count', group, default: def, doc });
const choice = <T extends string, D extends T | null>(group: ParamGroup, options: readonly T[], def: D, doc: string): ChoiceParam<T, D> => ({
  kind: 'choice', group, options, default: def, doc,
});
const flag = (group: ParamGroup, doc: string): FlagParam => ({ kind: 'flag', group, doc });

/** The backends a link may ask the search to start from (`?backend=webgl`). */
export const URL_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

const SETTINGS = Object.fromEntries(
  (Object.keys(FIELDS) as FieldKey[]).map((key) => [key, { kind: 'setting', group: 'settings', field: FIELDS[key], doc: FIELDS[key].label }]),
) as { [K in FieldKey]: SettingParam };

/** The table. A new parameter is one row here. */
export const URL_PARAMS = {
  ...SETTINGS,
  preset: { kind: 'text', group: 'page', doc: 'A preset id (presets.ts), expanded into its settings when the page opens; parameters beside it win' } as TextParam,
  presetSize: choice('page', ['cpu', 'gpu'] as const, null, 'The preset\'s size (cpu or gpu); absent: the running backend\'s'),
  backend: choice('page', URL_BACKENDS, null, 'The backend the search starts from (it still falls back further down when that one fails)'),
  present: flag('page', 'Open in presentation mode (`present=1`)'),
  detectorSubset: count('detector', 200, 'Test points the detector examines: the first N of the test split'),
  detectorQueries: count('detector', null, 'Square’s query budget per example; absent: the attack’s default (1000 on 2-D, 5000 on images)'),
  detectorSteps: count('detector', 20, 'PGD steps of the detector’s PGD beside AA-lite'),
  detectorRestarts: count('detector', 3, 'PGD restarts of that PGD'),
  detectorAttack: choice('detector', EVAL_ATTACKS, 'aa-lite', 'The white-box side of every check: AA-lite’s gradient part, APGD-CE or PGD'),
  detectorBudget: choice('detector', AA_BUDGETS, 'standard', 'AA-lite’s budget: standard (AutoAttack’s) or quick'),
  detectorRobustnessCurve: flag('detector', 'Also measure the robustness curve: each point’s smallest breaking ε by bisection (opt-in, costs AA-lite’s gradient part × 8)'),
  detectorMultiples: { kind: 'numbers', group: 'detector', doc: 'The ε sweep’s multiples of ε; absent: 0.5, 1, 2, 3' } as NumbersParam,
  sweepQueries: count('test', 1000, 'Square’s query budget in the τ and λ sweeps'),
  galleryCount: count('test', 8, 'Test points the adversarial gallery attacks'),
  galleryQueries: count('test', 500, 'Square’s query budget per gallery example'),
  galleryTarget: { kind: 'text', group: 'page', doc: 'The gallery’s target: untargeted (absent), least-likely, or a class index (0, 1, …); targeted runs PGD' } as TextParam,
  fashion: { kind: 'text', group: 'bench', doc: 'Fashion-MNIST files the bench script serves under /bench-data/, comma-separated' } as TextParam,
  steps: flag('bench', 'Measure only the training steps and their ratio'),
  backends: flag('bench', 'Measure only the backend table (backends.ts)'),
  backendSteps: count('bench', 1, 'Training steps each backend is timed over in the backend table'),
  squarePoints: count('bench', 16, 'Digits Square attacks in the backend table'),
  only: { kind: 'text', group: 'bench', doc: 'The backend table\'s figures to measure, comma-separated (all when absent)' } as TextParam,
} satisfies Record<string, UrlParam>;

export type ParamKey = keyof typeof URL_PARAMS;

type ValueOf<P> =
  P extends CountParam<infer D> ? number | D
  : P extends ChoiceParam<infer T, infer D> ? T | D
  : P extends FlagParam ? boolean
  : P extends NumbersParam ? number[] | null
  : P extends TextParam ? string | null
  : never;

/** Every parameter but the settings (configFromQuery reads those), each with its value or its default. */
export type PageParams = { [K in Exclude<ParamKey, FieldKey>]: ValueOf<(typeof URL_PARAMS)[K]> };

function parse(param: Exclude<UrlParam, SettingParam>, raw: string | null): unknown {
  switch (param.kind) {
    case 'count': {
      const value = Math.round(Number(raw ?? NaN));
      return Number.isFinite(value) && value > 0 ? value : param.default;
    }
    case 'choice':
      return param.options.find((o) => o === raw) ?? param.default;
    case 'flag':
      return raw === '' || raw === '1';
    case 'numbers': {
      const values = (raw ?? '').split(',').filter(Boolean).map(Number);
      return values.length > 0 && values.every((v) => Number.isFinite(v) && v > 0) ? values : null;
    }
    case 'text':
      return raw === null || raw === '' ? null : raw;
  }
}

/** Every non-setting parameter of `query`: its value where it parses, else its default. */
export function readParams(query: string): PageParams {
  const given = new URLSearchParams(query);
  const values: Record<string, unknown> = {};
  for (const [key, param] of Object.entries(URL_PARAMS) as [string, UrlParam][]) {
    if (param.kind !== 'setting') values[key] = parse(param, given.get(key));
  }
  return values as PageParams;
}

/** The table's row for `key`, or undefined for a parameter the page does not read. */
export function urlParam(key: string): UrlParam | undefined {
  return Object.hasOwn(URL_PARAMS, key) ? (URL_PARAMS as Record<string, UrlParam>)[key] : undefined;
}

/** The parameters of `query` whose row `keep` accepts (undefined: not in the table), in their order. */
export function filterQuery(query: string, keep: (key: string, param: UrlParam | undefined) => boolean): string {
  return new URLSearchParams([...new URLSearchParams(query)].filter(([key]) => keep(key, urlParam(key)))).toString();
}

/** `query` with `key` set to `value` in its place (appended if absent), or removed when `value` is null. */
export function withParam(query: string, key: ParamKey, value: string | null): string {
  const params = new URLSearchParams(query);
  if (value === null) params.delete(key);
  else params.set(key, value);
  return params.toString();
}

/** Queries joined with `&`, empty ones left out. */
export function joinQueries(...queries: string[]): string {
  return queries.filter(Boolean).join('&');
}

/** What the page reads from the address it opened with. */
export interface OpenedAddress {
  /** The address's query with a `?preset=` expanded into the preset's settings (presets.ts). */
  query: string;
  /** The preset the address named, if it exists. */
  preset: Preset | null;
  /** The preset's size the address asked for (`presetSize`), cpu when it names none. */
  size: PresetSize;
  /** The settings, refused ones at their defaults. */
  config: Config;
  /** What was refused (an unknown preset first), each naming its parameter. */
  issues: ConfigIssue[];
  params: PageParams;
}

/** Read an address's query (`location.search`) through the table. */
export function readAddress(search: string): OpenedAddress {
  const { query, preset, size, issue } = expandPresetQuery(search);
  const { config, issues } = configFromQuery(query);
  return { query, preset, size, config, issues: [...(issue ? [{ field: 'preset', message: issue }] : []), ...issues], params: readParams(query) };
}

export interface DetectorBudget {
  /** Test points examined (the first N of the test split). */
  subset: number;
  /** Square's query budget per example; null: the attack's default (1000 on 2-D, 5000 on images). */
  queries: number | null;
  pgdSteps: number;
  restarts: number;
  /** The white-box side of every check: AA-lite's gradient part (default), APGD-CE or PGD. */
  attack: EvalAttackId;
  /** AA-lite's budget: standard (AutoAttack's) or quick. */
  aaBudget: AaLiteBudget;
}

/** The detector's budget as parameters set it. */
export function detectorBudget(params: PageParams): DetectorBudget {
  return {
    subset: params.detectorSubset, queries: params.detectorQueries, pgdSteps: params.detectorSteps, restarts: params.detectorRestarts,
    attack: params.detectorAttack, aaBudget: params.detectorBudget,
  };
}

/** The detector budget a query sets, over the table's defaults. */
export const detectorBudgetFromQuery = (query: string): DetectorBudget => detectorBudget(readParams(query));

/** The detector's budget when the URL names none (subset 200, AA-lite standard, PGD-20 × 3 beside it). */
export const DETECTOR_BUDGET_DEFAULTS: DetectorBudget = detectorBudgetFromQuery('');
