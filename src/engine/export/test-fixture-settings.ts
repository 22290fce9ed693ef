/**
 * For tests only (python-fixtures.test.ts writes it to python/fixtures/engine-settings.json): what the
 * engine and the shared catalogue say about settings, for python/test_ltd_torch.py to hold
 * python/ltd_torch.py to — its constants, per-method choices, flag ranges, labels and schedules, and
 * every combination of data set, model, method, LTD base, AWP and inner maximisation.
 */
import {
  AWP_METHODS, type Config, DATASET_INFO, DATASETS, DEFAULT_CONFIG, FIELDS, INNER_MAX_METHODS, INNER_MAXIMISATIONS, LTD_BASES,
  METHOD_LABELS, METHODS, methodDefaults, modelsFor, needsTeacher, teacherTemperature, validateConfig,
} from '../../shared/config';
import { runLabel } from '../../shared/run-record';
import { ACCURACY_CHUNK } from '../eval/accuracy';
import { DEFAULT_ATTACK_CHUNK } from '../attacks/chunked';
import { augmentationFor } from '../data/augment';
import { INNER_MAX_CRAFT, isAdversarial, studentObjective } from '../train/objectives';
import { MOMENTUM, WEIGHT_DECAY, makeOptimizer, weightDecayFor } from '../train/optimizer';
import { PIECEWISE_FACTOR, PIECEWISE_MILESTONES, learningRateAt } from '../train/schedule';
import { AA_LITE_BUDGETS, aaLiteMembers } from '../../shared/attack-plan';
import { MODEL_LABELS } from '../../shared/catalog';
import { apgdCheckpoints } from '../attacks/apgd-schedule';
import { pSelection, squareSide } from '../attacks/square-schedule';

const config = (changes: Partial<Config>): Config => {
  const checked = validateConfig({ ...DEFAULT_CONFIG, ...changes });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return checked.config;
};

/** The random start of a config's student objective ('uniform', 'normal-small'), or null when it crafts no x'. */
function objectiveStart(c: Config): string | null {
  const craft = studentObjective(c).craft;
  if (craft === INNER_MAX_CRAFT.ce) return 'uniform';
  if (craft === INNER_MAX_CRAFT.kl) return 'normal-small';
  return null;
}

/** Every exportable combination, as the changes to the defaults that make it. */
function combinations(): Partial<Config>[] {
  const out: Partial<Config>[] = [];
  // Own CSV data has no export (torch-script.ts refuses it).
  for (const dataset of DATASETS.filter((d) => d !== 'csv')) {
    for (const model of modelsFor(dataset)) {
      for (const method of METHODS) {
        for (const ltdBase of method === 'ltd' ? LTD_BASES : (['trades'] as const)) {
          for (const awp of AWP_METHODS.includes(method) ? (['off', 'on'] as const) : (['off'] as const)) {
            for (const innerMax of INNER_MAX_METHODS.includes(method) ? INNER_MAXIMISATIONS : [methodDefaults(method).innerMax]) {
              out.push({ dataset, model, method, ltdBase, awp, innerMax });
            }
          }
        }
      }
    }
  }
  return out;
}

export function settingsFixture() {
  const adam = makeOptimizer({ optimizer: 'adam', learningRate: 1e-3 });
  const adamEpsilon = (adam as unknown as { epsilon: number }).epsilon;
  adam.dispose();
  const numeric = Object.entries(FIELDS).flatMap(([key, f]) =>
    f.kind === 'number' ? [[key, { label: f.label, min: f.min, max: f.max, integer: Boolean(f.integer) }] as const] : [],
  );
  return {
    about: 'Written by src/engine/export/python-fixtures.test.ts from the engine; read by python/test_ltd_torch.py.',
    constants: {
      weightDecay: WEIGHT_DECAY, momentum: MOMENTUM, adamEpsilon, piecewiseMilestones: PIECEWISE_MILESTONES,
      piecewiseFactor: PIECEWISE_FACTOR, evalChunk: DEFAULT_ATTACK_CHUNK, accuracyChunk: ACCURACY_CHUNK,
    },
    defaultConfig: DEFAULT_CONFIG,
    numericFields: Object.fromEntries(numeric),
    methods: Object.fromEntries(METHODS.map((method) => [method, {
      label: METHOD_LABELS[method],
      weightDecay: weightDecayFor(method),
      needsTeacher: needsTeacher(method),
      adversarial: isAdversarial(method),
      teacherTemperature: teacherTemperature({ method, distillTemperature: 7 }),
    }])),
    datasets: Object.fromEntries(DATASETS.filter((d) => d !== 'csv').map((d) => [d, {
      inputShape: DATASET_INFO[d].inputShape,
      numClasses: DATASET_INFO[d].numClasses,
      augmentation: augmentationFor({ dataset: d, augment: 'on' }),
    }])),
    schedules: (['constant', 'piecewise', 'cosine'] as const).flatMap((lrSchedule) => [1, 2, 3, 4, 6, 8, 120].map((epochs) => ({
      lrSchedule, learningRate: 0.1, epochs,
      rates: Array.from({ length: epochs }, (_, i) => learningRateAt({ lrSchedule, learningRate: 0.1 }, i + 1, epochs)),
    }))),
    // The label of a run, including epsilons that round (8/255) or sit on a rounding tie (1/32).
    labels: [8 / 255, 1 / 32, 0.3, 0.00005].map((epsilon) => ({ changes: { epsilon }, label: `${runLabel(config({ epsilon }))} (PyTorch)` })),
    modelLabels: MODEL_LABELS,
    // The evaluation attacks the script's own AA-lite copies (python/test_attacks.py): the budget, its
    // members on 10 and 3 classes, APGD's checkpoints and Square's window schedule.
    attacks: {
      aaLiteStandard: AA_LITE_BUDGETS.standard,
      membersTenClasses: aaLiteMembers('standard', 0.03, 100, 10),
      membersThreeClasses: aaLiteMembers('standard', 0.03, 100, 3),
      apgdCheckpoints: Object.fromEntries([100, 20, 10, 5, 1].map((n) => [n, apgdCheckpoints(n)])),
      squareP: [0, 9, 10, 11, 100, 250, 1000, 2500, 4000, 4999].map((it) => ({ it, budget: 5000, pInit: 0.8, p: pSelection(it, 5000, 0.8) })),
      squareSide: [[0.8, 32, 32], [0.05, 32, 32], [0.8 / 512, 32, 32], [0.8, 1, 2]].map(([p, h, w]) => ({ p, h, w, side: squareSide(p, { h, w, c: 3 }) })),
    },
    combinations: combinations().map((changes) => {
      const c = config(changes);
      return { changes, label: `${runLabel(c)} (PyTorch)`, start: objectiveStart(c), needsTeacher: needsTeacher(c.method) };
    }),
  };
}
