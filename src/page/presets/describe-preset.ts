/**
 * What a preset set, in one sentence a person can check against the controls: data, model,
 * method and its temperature, ε, budgets, and the evaluation and detector attacks.
 */
import { type Config, DATASET_INFO, EVAL_ATTACK_LABELS, METHOD_LABELS, MODEL_LABELS, needsTeacher } from '../../shared/config';
import { formatDecimal } from '../../shared/format';
import { epsilonText } from '../epsilon';
import type { DetectorBudget } from '../../shared/url-params';

const DATA_NAMES = { blobs: 'blobs', moons: 'moons', spirals: 'spirals', mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST', cifar10: 'CIFAR-10', csv: 'own 2-D data' } as const;

function methodText(config: Config): string {
  const name = METHOD_LABELS[config.method];
  switch (config.method) {
    case 'ltd':
      return `${name} τ = ${formatDecimal(config.tau)}, λ = ${formatDecimal(config.lambda)}`;
    case 'trades':
    case 'label-smoothing':
      return `${name} λ = ${formatDecimal(config.lambda)}`;
    case 'defensive-distillation':
      return `${name} T = ${formatDecimal(config.distillTemperature)}`;
    default:
      return name;
  }
}

function attackText(attack: DetectorBudget['attack'], steps: number, aaBudget: DetectorBudget['aaBudget']): string {
  return attack === 'aa-lite' ? `AA-lite (${aaBudget})` : `${EVAL_ATTACK_LABELS[attack]}-${steps}`;
}

/** E.g. "MNIST, Small CNN, LTD τ = 5, λ = 6, ε = 0.1 (25.5/255); 4 + 4 epochs on 2000 training images; …". */
export function describePreset(config: Config, budget: DetectorBudget): string {
  const epochs = needsTeacher(config.method) ? `${config.teacherEpochs} teacher + ${config.epochs} student epochs` : `${config.epochs} epochs`;
  const examples = DATASET_INFO[config.dataset].inputShape.length === 3 ? 'images' : 'points';
  const queries = budget.queries === null ? 'its default queries' : `${budget.queries} queries`;
  return (
    `${DATA_NAMES[config.dataset]}, ${MODEL_LABELS[config.model]}, ${methodText(config)}, ε = ${epsilonText(config.epsilon, config.dataset)}; ` +
    `${epochs} on ${config.trainSize} training ${examples}; each epoch ${attackText(config.evalAttack, config.evalPgdSteps, config.aaBudget)} ` +
    `on ${config.evalSubset} test ${examples}; detector ${attackText(budget.attack, budget.pgdSteps, budget.aaBudget)} and Square (${queries}) ` +
    `on ${budget.subset}.`
  );
}
