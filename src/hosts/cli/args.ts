/**
 * The command line's arguments: the command, the run's settings and the command's own options.
 *
 * Settings are the page's: every row of the config table (src/shared/config.ts `FIELDS`) is a
 * flag, in kebab case as people type it (`--train-size 256`) or as the URL spells it
 * (`--trainSize 256`), and `--config '<url query>'` takes a page URL's query whole. Flags win over
 * `--config`. Validation is the page's too, so a refused value reads the same in both homes —
 * with the flag named, since that is what the person typed.
 */
import { parseArgs } from 'node:util';
import { type Config, configFromQuery, FIELDS, type FieldKey } from '../../shared/config';
import { EXPORT_PRESETS, type ExportPreset, exportPresetById, exportPresetConfig } from '../../shared/export-presets';
import { checkRepeats, REPEAT_CHOICES, type Repeats } from '../../shared/repeats';
import { errorText } from '../../shared/error-text';
import { PRESET_SIZES, type PresetSize } from '../../shared/presets';

export const COMMANDS = ['train', 'sweep', 'detect', 'evaluate', 'export-torch', 'presets', 'teacher-confidence', 'corpus'] as const;
export type Command = (typeof COMMANDS)[number];
export const SWEEPS = ['tau', 'lambda'] as const;
export type SweepKind = (typeof SWEEPS)[number];
export const EVALUATE_ATTACKS = ['aa-lite', 'pgd', 'square'] as const;
export type EvaluateAttack = (typeof EVALUATE_ATTACKS)[number];
/** wasm by default: 11–14× tfjs's cpu backend on the small CNN's steps, on the same core (README, Backends). */
export const BACKENDS = ['cpu', 'wasm', 'webgpu'] as const;
export type CliBackend = (typeof BACKENDS)[number];

/** A usage mistake: one line naming the flag and what it allows. The command exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliArgs {
  command: Command;
  /** `sweep`'s kind: which setting the sweep varies. */
  sweep: SweepKind | null;
  config: Config;
  /** The settings as given (flags, then --config), as a URL query: what `presets` lays over each preset. */
  query: string;
  /** `presets`, `teacher-confidence` and `corpus`: the ids named after the command (null: every preset / the default / every corpus model). */
  presets: string[] | null;
  /** The sweep's values (`--values 1,5,30`), in the order given; `teacher-confidence`'s teacher-epoch counts. */
  values: number[] | null;
  /** A sweep's repeats over seeds seed, seed + 1, … (`--repeats 3`). */
  repeats: Repeats;
  /** Directory of an exported model (model.json + weights), for `evaluate` and `detect`. */
  modelDir: string | null;
  /** `evaluate --attack square`'s query budget (`--queries`); null: the data set's default. */
  queries: number | null;
  /** Directory of data files (Fashion-MNIST IDX, CIFAR-10 binaries) for data sets that need them. */
  dataDir: string | null;
  /** Where metrics (JSON, CSV) and the trained model are written; for export-torch, the .py file or its folder. */
  out: string | null;
  attack: EvaluateAttack;
  backend: CliBackend;
  /** Test points the detector and `evaluate` measure on (the first N of the test split). */
  subset: number | null;
  /** `presets --verify`: assert each preset's claim and write the README's table. */
  verify: boolean;
  /** `detect --robustness-curve`: also measure each point's smallest breaking ε (opt-in: AA-lite's gradient part × 8 runs). */
  robustnessCurve: boolean;
  /** `presets`: the size the presets run at (default the CPU's). */
  size: PresetSize;
  /** `presets --verify`: the README whose marked block gets the table (default the project's, when nothing overrides the presets). */
  readme: string | null;
  /** `export-torch --preset <id>`: the export preset whose settings (and paper-scale block) are exported; flags lay over it. */
  exportPreset: ExportPreset | null;
  help: boolean;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Every settings flag, kebab and URL spelling, mapped to its config key. */
const SETTING_FLAGS = new Map<string, FieldKey>(
  (Object.keys(FIELDS) as FieldKey[]).flatMap((key): Array<[string, FieldKey]> => (kebab(key) === key ? [[key, key]] : [[kebab(key), key], [key, key]])),
);

const OWN_OPTIONS = {
  config: { type: 'string' },
  values: { type: 'string' },
  repeats: { type: 'string' },
  'model-dir': { type: 'string' },
  'data-dir': { type: 'string' },
  out: { type: 'string' },
  attack: { type: 'string' },
  backend: { type: 'string' },
  subset: { type: 'string' },
  verify: { type: 'boolean' },
  'robustness-curve': { type: 'boolean' },
  size: { type: 'string' },
  readme: { type: 'string' },
  preset: { type: 'string' },
  queries: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} ${value}: must be one of ${allowed.join(', ')}`);
}

function parseValues(text: string | undefined, key: 'tau' | 'lambda' | 'teacherEpochs'): number[] | null {
  if (text === undefined) return null;
  const field = FIELDS[key];
  const values = text.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const bad = values.find((v) => !Number.isFinite(v) || v < field.min || v > field.max);
  if (values.length === 0 || bad !== undefined) {
    throw new UsageError(`--values ${text}: a comma-separated list of ${field.label} (${key}) values, each from ${field.min} to ${field.max}`);
  }
  return values;
}

/** `--repeats`: 1, 3 or 5, for a sweep only, and every repeat's seed within the Seed range. */
function parseRepeats(text: string | undefined, command: Command, seed: number): Repeats {
  if (text === undefined) return 1;
  const repeats = Number(oneOf('--repeats', text, REPEAT_CHOICES.map(String), '1')) as Repeats;
  if (command !== 'sweep') throw new UsageError(`--repeats ${text}: only sweep tau|lambda repeats over seeds`);
  const checked = checkRepeats(repeats, seed);
  if (!checked.ok) throw new UsageError(`--repeats ${text}: ${checked.message.replace(/^Repeats: /, '')}`);
  return repeats;
}

/** `--queries N`: Square's budget for `evaluate --attack square` (AA-lite's Square has --aa-queries). */
function parseQueries(text: string | undefined, command: Command, attack: string | undefined): number | null {
  if (text === undefined) return null;
  const queries = Number(text);
  if (command !== 'evaluate' || attack !== 'square') throw new UsageError(`--queries ${text}: the query budget of evaluate --attack square (AA-lite's Square takes --aa-queries)`);
  if (!(Number.isInteger(queries) && queries >= 1 && queries <= FIELDS.aaQueries.max)) {
    throw new UsageError(`--queries ${text}: a whole number of queries from 1 to ${FIELDS.aaQueries.max}`);
  }
  return queries;
}

/** Parse `argv` (without node and the script). Throws UsageError on any mistake. */
export function parseCliArgs(argv: string[]): CliArgs {
  const settings = Object.fromEntries([...SETTING_FLAGS.keys()].map((flag) => [flag, { type: 'string' as const }]));
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...settings, ...OWN_OPTIONS }, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages already name the flag ("Unknown option '--tua'").
    throw new UsageError(errorText(error).split('\n')[0]);
  }
  const { values: options, positionals } = parsed;
  const help = options.help === true;
  const [name, kindName, ...extra] = positionals;
  if (name === undefined && help) return { ...emptyArgs(), help };
  if (name === undefined) throw new UsageError(`a command is needed: ${COMMANDS.join(', ')} (--help lists them)`);
  const command = oneOf('command', name, COMMANDS, 'train');
  const sweep = command === 'sweep' ? oneOf('sweep', kindName ?? '(none)', SWEEPS, 'tau') : null;
  const namesPresets = command === 'presets' || command === 'teacher-confidence' || command === 'corpus';
  const presets = namesPresets && kindName !== undefined ? kindName.split(',').filter(Boolean) : null;
  const surplus = command === 'sweep' || namesPresets ? extra : [kindName, ...extra].filter((p) => p !== undefined);
  if (surplus.length > 0) throw new UsageError(`unexpected argument ${surplus[0]}: flags start with --`);

  // Flags first: configFromQuery reads the first of a repeated key, so they win over --config.
  const query = new URLSearchParams();
  for (const [flag, value] of Object.entries(options)) {
    const key = SETTING_FLAGS.get(flag);
    if (key !== undefined && typeof value === 'string') query.append(key, value);
  }
  const given = [query.toString(), options.config ?? ''].filter(Boolean).join('&');
  const { config, issues } = configFromQuery(given);
  if (issues.length > 0) {
    const issue = issues[0];
    const flag = `--${kebab(issue.field)}`;
    const value = options[kebab(issue.field) as keyof typeof options] ?? options[issue.field as keyof typeof options];
    throw new UsageError(`${value === undefined ? `--config (${issue.field})` : `${flag} ${String(value)}`}: ${issue.message}`);
  }
  const subset = options.subset === undefined ? null : Number(options.subset);
  if (subset !== null && !(Number.isInteger(subset) && subset >= 1 && subset <= config.testSize)) {
    throw new UsageError(`--subset ${options.subset}: a whole number of test points from 1 to the test size ${config.testSize}`);
  }
  const queries = parseQueries(options.queries, command, options.attack);
  if (command === 'evaluate' && options['model-dir'] === undefined) throw new UsageError('evaluate needs --model-dir DIR (a model exported by the page or by train --out)');
  for (const flag of ['verify', 'size', 'readme'] as const) {
    if (options[flag] !== undefined && command !== 'presets') throw new UsageError(`--${flag}: only the presets command takes it`);
  }
  if (options['robustness-curve'] !== undefined && command !== 'detect') throw new UsageError('--robustness-curve: only the detect command takes it');
  if (options.readme !== undefined && options.verify !== true) throw new UsageError('--readme: only presets --verify writes the README\'s table');
  const exportPreset = parseExportPreset(options.preset, command);
  return {
    command,
    sweep,
    config: exportPreset ? presetSettings(exportPreset, given) : config,
    query: given,
    presets,
    values: parseValues(options.values, command === 'teacher-confidence' ? 'teacherEpochs' : (sweep ?? 'tau')),
    repeats: parseRepeats(options.repeats, command, config.seed),
    modelDir: options['model-dir'] ?? null,
    queries,
    dataDir: options['data-dir'] ?? null,
    out: options.out ?? null,
    attack: oneOf('--attack', options.attack, EVALUATE_ATTACKS, 'aa-lite'),
    backend: oneOf('--backend', options.backend, BACKENDS, 'wasm'),
    subset,
    verify: options.verify === true,
    robustnessCurve: options['robustness-curve'] === true,
    size: oneOf('--size', options.size, PRESET_SIZES, 'cpu'),
    readme: options.readme ?? null,
    exportPreset,
    help,
  };
}

/** An export preset's settings with the flags (and --config) given laid over them; a UsageError where the two do not fit. */
function presetSettings(preset: ExportPreset, given: string): Config {
  try {
    return exportPresetConfig(preset, given);
  } catch (error) {
    throw new UsageError(`--preset ${preset.id} with the settings given: ${error instanceof Error ? error.message.replace(/^export preset [\w-]+: /, '') : String(error)}`);
  }
}

/** `--preset <id>`: an export preset, for export-torch only. */
function parseExportPreset(id: string | undefined, command: Command): ExportPreset | null {
  if (id === undefined) return null;
  if (command !== 'export-torch') throw new UsageError(`--preset ${id}: only export-torch takes an export preset (presets [id,id] trains the page's presets)`);
  const preset = exportPresetById(id);
  if (!preset) throw new UsageError(`--preset ${id}: not an export preset (${EXPORT_PRESETS.map((p) => p.id).join(', ')})`);
  return preset;
}

function emptyArgs(): CliArgs {
  return {
    command: 'train', sweep: null, config: configFromQuery('').config, query: '', presets: null, values: null, repeats: 1, modelDir: null, queries: null,
    dataDir: null, out: null, attack: 'aa-lite', backend: 'wasm', subset: null, exportPreset: null, verify: false, robustnessCurve: false, size: 'cpu', readme: null, help: false,
  };
}

/** `--help`: the commands, the command's options and every setting with its range and default. */
export function usage(): string {
  const settings = (Object.keys(FIELDS) as FieldKey[]).map((key) => {
    const f = FIELDS[key];
    const range = f.kind === 'number' ? `${f.min}–${f.max}` : f.options.join('|');
    return `  --${kebab(key).padEnd(24)} ${f.label} (${range}; default ${String(f.default)})`;
  });
  return [
    'Usage: ltd-playground <command> [options] [settings]',
    '',
    'Commands:',
    '  train                        train the teacher and the student, as the page\'s Train',
    '  sweep tau|lambda             one student per value of --values (one teacher for all)',
    '  detect                       the gradient-masking detector on --model-dir DIR, or on a run it trains first',
    '  evaluate                     robust accuracy of --model-dir DIR under --attack',
    '  export-torch                 write the settings as one PyTorch script (--out FILE or DIR)',
    `  export-torch --preset ID     an export preset for a GPU cluster (${EXPORT_PRESETS.map((p) => p.id).join(', ')}); settings given lay over it`,
    '  presets [id,id]              train each preset at --size and run its detector (settings given lay over it)',
    '  presets --verify [id,id]     run each preset (and those its claim compares with), assert its claim, write the README\'s table',
    '  teacher-confidence [id]      how flat a preset\'s teacher labels are at τ = 1…30 after --values teacher epochs',
    '  corpus [id,id]               the detector\'s calibration table: each corpus model (all by default) built and judged',
    '',
    'Options:',
    '  --config \'<url query>\'       the settings of a page URL (after the ?); flags win over it',
    '  --values 1,5,30              the sweep\'s values',
    `  --repeats ${REPEAT_CHOICES.join('|').padEnd(18)} a sweep's runs again at seeds seed+1, …: mean ± s.d. and n per value (default 1)`,
    '  --model-dir DIR              a tfjs model folder: model.json and its weights (train --out DIR writes DIR/student and DIR/teacher)',
    '  --data-dir DIR               data files: cifar10 (binary batches), csv (one .csv), or fashion-mnist\'s four IDX files for all 70 000 (default: its embedded 12 000 + 2 000)',
    '  --out DIR                    write metrics.json, metrics.csv and the models (DIR/student/model.json, …) there',
    `  --attack ${EVALUATE_ATTACKS.join('|').padEnd(19)} evaluate's attack (default aa-lite)`,
    '  --queries N                  evaluate --attack square: Square\'s query budget (default: the data set\'s; AA-lite\'s Square: --aa-queries)',
    `  --backend ${BACKENDS.join('|').padEnd(18)} tfjs backend (default wasm; webgpu needs the webgpu package and a GPU)`,
    '  --subset N                   test points the detector and evaluate measure on',
    '  --robustness-curve           detect: also each point\'s smallest breaking ε by bisection (AA-lite\'s gradient part, 8 runs; into --out\'s detector.json)',
    `  --size ${PRESET_SIZES.join('|').padEnd(21)} presets: the CPU size (default, ~10 min each) or the GPU size`,
    '  --readme FILE                presets --verify: where the table goes (default README.md, only when no setting overrides the presets)',
    '',
    'Settings (as the page\'s URL; kebab or camel case):',
    ...settings,
  ].join('\n');
}
