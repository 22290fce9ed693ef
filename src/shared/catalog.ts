/**
 * The catalogue of choices: data sets, methods and models, what a person reads for each, and
 * what each choice brings with it (ε scale, model, PGD steps, optimiser, teacher). Plain data,
 * no tfjs; `config.ts` builds the settings table on it and re-exports it.
 */
import { AA_LITE_BUDGETS, type AaLiteBudgetSpec } from './attack-plan';

export const DATASETS = ['blobs', 'moons', 'spirals', 'csv', 'mnist', 'fashion-mnist', 'cifar10'] as const;
export const METHODS = ['ltd', 'trades', 'pgd-at', 'natural', 'defensive-distillation', 'label-smoothing'] as const;
export const MODELS = ['mlp', 'cnn', 'resnet'] as const;
export const OPTIMIZERS = ['sgd', 'adam'] as const;
/** constant; piecewise ×0.1 at 80/120 and 100/120 of the run (the paper's steps, scaled to distinct epochs: shared/lr-schedule.ts); cosine to 0. */
export const LR_SCHEDULES = ['constant', 'piecewise', 'cosine'] as const;
/** The base method LTD's soft labels are plugged into (paper §4: LTD applies to several). */
export const LTD_BASES = ['trades', 'pgd-at'] as const;
export const SWITCHES = ['off', 'on'] as const;
/** The threat model: ε is the radius of the L∞ ball (the default, the paper's) or of the L2 ball. */
export const NORMS = ['linf', 'l2'] as const;
/**
 * How x′ is crafted in training (the inner maximisation): CE-PGD on the original label from a
 * uniform start in the ε-ball (Madry; LTD's), or KL-PGD from x + 0.001·N(0, 1) (TRADES').
 */
export const INNER_MAXIMISATIONS = ['ce', 'kl'] as const;
/** Methods whose inner maximisation can be chosen; PGD-AT's is CE by definition, natural ones have none. */
export const INNER_MAX_METHODS: readonly MethodId[] = ['trades', 'label-smoothing', 'ltd'];
/** Methods that AWP (adversarial weight perturbation) can be added to, as in the paper. */
export const AWP_METHODS: readonly MethodId[] = ['pgd-at', 'trades', 'ltd'];

/**
 * The white-box attack behind the robust figure of the per-epoch chart and the sweeps: PGD-K on
 * CE (cheapest, the default), APGD on CE, or the AA-lite ensemble (attacks/aa-lite.ts).
 */
export const EVAL_ATTACKS = ['pgd', 'apgd-ce', 'aa-lite'] as const;
/** AA-lite's budgets (attacks/plan.ts AA_LITE_BUDGETS). */
export const AA_BUDGETS = ['quick', 'standard'] as const;

export type DatasetId = (typeof DATASETS)[number];
export type EvalAttackId = (typeof EVAL_ATTACKS)[number];
export type MethodId = (typeof METHODS)[number];
export type ModelId = (typeof MODELS)[number];
export type NormId = (typeof NORMS)[number];
export const NORM_LABELS: Record<NormId, string> = { linf: 'L∞', l2: 'L2' };

/** What a person reads in the pickers. */
export const METHOD_LABELS: Record<MethodId, string> = {
  ltd: 'LTD',
  trades: 'TRADES',
  'pgd-at': 'PGD-AT',
  natural: 'Natural',
  'defensive-distillation': 'Defensive distillation',
  'label-smoothing': 'Label smoothing',
};
export const DATASET_LABELS: Record<DatasetId, string> = {
  blobs: 'Blobs (3 Gaussian classes, 2-D)',
  moons: 'Moons (2 classes, 2-D)',
  spirals: 'Spirals (3 arms, 2-D)',
  csv: 'Own 2-D data (CSV)',
  mnist: 'MNIST (10 000 digits, embedded)',
  'fashion-mnist': 'Fashion-MNIST (12 000 + 2 000 embedded, or IDX files)',
  cifar10: 'CIFAR-10 (binary files)',
};
export const MODEL_LABELS: Record<ModelId, string> = { mlp: 'MLP', cnn: 'Small CNN', resnet: 'ResNet (batch norm)' };
export const EVAL_ATTACK_LABELS: Record<EvalAttackId, string> = { pgd: 'PGD', 'apgd-ce': 'APGD-CE', 'aa-lite': 'AA-lite' };
const budgetLabel = (name: string, b: AaLiteBudgetSpec) => `${name}: ${b.steps} iterations, ${b.targets} targets, Square ${b.queries} queries`;
export const AA_BUDGET_LABELS: Record<(typeof AA_BUDGETS)[number], string> = {
  quick: budgetLabel('Quick', AA_LITE_BUDGETS.quick),
  standard: budgetLabel('Standard', AA_LITE_BUDGETS.standard),
};

export type InnerMax = (typeof INNER_MAXIMISATIONS)[number];
/** The inner maximisations as the picker and captions name them. */
export const INNER_MAX_LABELS: Record<InnerMax, string> = {
  ce: 'CE-PGD on the label y, uniform start (PGD-AT, LTD)',
  kl: 'KL-PGD on KL(Z(x) ‖ Z(·)), start x + 0.001·N(0, 1) (TRADES)',
};

/**
 * How a run crafts x′ in training, for the accuracy chart's caption, e.g. "x′ in training:
 * KL-PGD-10 from x + 0.001·N(0, 1), ε = 0.05 (inner maximisation KL)"; null when it crafts none.
 */
export function trainingAttackText(config: { method: MethodId; innerMax: InnerMax; trainPgdSteps: number; epsilon: number }): string | null {
  if (config.method === 'natural' || config.method === 'defensive-distillation') return null;
  const k = config.trainPgdSteps;
  const how = config.innerMax === 'kl' ? `KL-PGD-${k} from x + 0.001·N(0, 1)` : `CE-PGD-${k} on the label y from a uniform start`;
  const chosen = INNER_MAX_METHODS.includes(config.method) ? ` (inner maximisation ${config.innerMax.toUpperCase()})` : '';
  return `x′ in training: ${how}, ε = ${+config.epsilon.toFixed(4)}${chosen}.`;
}

/** What each data set needs: its input, its ε scale, the model it starts with, where it comes from. */
export interface DatasetInfo {
  /** Shape of one input. */
  inputShape: number[];
  numClasses: number;
  /** ε picked when the data set is chosen (DESIGN.md §4), the slider's upper end and step. */
  epsilon: { default: number; max: number; step: number };
  /** The same under the L2 threat model (radii as the L2 literature uses, README "Threat model"). */
  epsilonL2: { default: number; max: number; step: number };
  /** The model picked when the data set is chosen. */
  model: ModelId;
  /** Training PGD steps K picked with the data set (the paper's images use fewer, cheaper steps). */
  trainPgdSteps: number;
  /**
   * Only from files the person picks (or a URL): nothing generated or embedded to start from.
   * Fashion-MNIST has an embedded subset, so it needs none, though its files (all 70 000) load too.
   */
  needsFiles: boolean;
}

// L2 on the 2-D toys: 0.07 ≈ 0.05·√2, the L2 ball through the corners of the default L∞ square.
const TOY = { epsilon: { default: 0.05, max: 0.3, step: 0.005 }, epsilonL2: { default: 0.07, max: 0.45, step: 0.005 }, model: 'mlp', trainPgdSteps: 10, needsFiles: false } as const;
export const DATASET_INFO: Record<DatasetId, DatasetInfo> = {
  blobs: { ...TOY, inputShape: [2], numClasses: 3 },
  moons: { ...TOY, inputShape: [2], numClasses: 2 },
  spirals: { ...TOY, inputShape: [2], numClasses: 3 },
  // The person's x,y,label file (engine/data/csv2d.ts): its class count is the file's, 2 to this most.
  csv: { ...TOY, inputShape: [2], numClasses: 10, needsFiles: true },
  // L2: MNIST ε = 2 (Croce & Hein 2020, as in their MNIST L2 evaluations); Fashion-MNIST has no
  // single standard L2 radius: 1.5, our choice between MNIST's 2 and the smaller radii of image sets.
  mnist: { inputShape: [28, 28, 1], numClasses: 10, epsilon: { default: 0.3, max: 0.5, step: 0.005 }, epsilonL2: { default: 2, max: 5, step: 0.05 }, model: 'cnn', trainPgdSteps: 5, needsFiles: false },
  'fashion-mnist': { inputShape: [28, 28, 1], numClasses: 10, epsilon: { default: 0.1, max: 0.5, step: 0.005 }, epsilonL2: { default: 1.5, max: 5, step: 0.05 }, model: 'cnn', trainPgdSteps: 5, needsFiles: false },
  // ε on CIFAR-10 is counted in 1/255 steps (the paper's 8/255); L2 ε = 0.5 is RobustBench's.
  cifar10: { inputShape: [32, 32, 3], numClasses: 10, epsilon: { default: 8 / 255, max: 32 / 255, step: 1 / 255 }, epsilonL2: { default: 0.5, max: 2, step: 0.01 }, model: 'resnet', trainPgdSteps: 5, needsFiles: true },
};

/** The models that fit a data set: convolutions need images. */
export function modelsFor(dataset: DatasetId): readonly ModelId[] {
  return DATASET_INFO[dataset].inputShape.length === 3 ? MODELS : ['mlp'];
}

/** The ε scale (default, slider's upper end, step) of a data set under a threat model. */
export function epsilonScale(dataset: DatasetId, norm: NormId = 'linf'): DatasetInfo['epsilon'] {
  return norm === 'l2' ? DATASET_INFO[dataset].epsilonL2 : DATASET_INFO[dataset].epsilon;
}

/** Settings that follow the data set when it is chosen (ε scale under the threat model, a model that fits, training PGD steps). */
export function datasetDefaults(
  dataset: DatasetId,
  model?: ModelId,
  norm: NormId = 'linf',
): { epsilon: number; model: ModelId; trainPgdSteps: number } {
  const info = DATASET_INFO[dataset];
  return {
    epsilon: epsilonScale(dataset, norm).default,
    model: model && modelsFor(dataset).includes(model) ? model : info.model,
    trainPgdSteps: info.trainPgdSteps,
  };
}

/**
 * What follows the method when it is chosen: the optimiser and schedule, and the inner maximisation.
 *
 * Defensive distillation trains at T_d = 50, where its logits must grow ~T_d times larger than a
 * natural model's before the softmax at T_d says anything: it does not train with SGD at the
 * usual rate (it stays at chance, DESIGN.md §5), and with Adam at 1e-3 or the piecewise
 * schedule's ×0.1 drops it is still at chance after the default 8 epochs (measured on blobs).
 * Adam's step is about the learning rate whatever the gradient's scale, so a 10× rate (1e-2),
 * held constant, lets the weights grow that far: blobs reach 99 % (teacher and student), moons
 * the teacher's accuracy within a point. Its weight decay is 0 (train/optimizer.ts says why).
 *
 * The inner maximisation is each method's as published: TRADES (and label smoothing, an
 * ablation of it) KL-PGD; LTD CE-PGD with the original label (paper §4); PGD-AT CE by definition.
 */
export function methodDefaults(method: MethodId): {
  optimizer: (typeof OPTIMIZERS)[number];
  learningRate: number;
  lrSchedule: (typeof LR_SCHEDULES)[number];
  innerMax: InnerMax;
} {
  const innerMax = method === 'trades' || method === 'label-smoothing' ? 'kl' : 'ce';
  return method === 'defensive-distillation'
    ? { optimizer: 'adam', learningRate: 1e-2, lrSchedule: 'constant', innerMax }
    : { optimizer: 'sgd', learningRate: 0.05, lrSchedule: 'piecewise', innerMax };
}

/** Whether a method trains a teacher first (its soft labels feed the student). */
export function needsTeacher(method: MethodId): boolean {
  return method === 'ltd' || method === 'defensive-distillation';
}

/**
 * The temperature the teacher trains at: T_d for defensive distillation (Papernot et al. 2016
 * train the teacher at T_d too), 1 for LTD's naturally trained teacher.
 */
export function teacherTemperature(config: { method: MethodId; distillTemperature: number }): number {
  return config.method === 'defensive-distillation' ? config.distillTemperature : 1;
}
