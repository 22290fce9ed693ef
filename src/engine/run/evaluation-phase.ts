/**
 * The evaluation phase of one student epoch: natural accuracy on the test split, robust accuracy
 * on the evaluation subset under the config's evaluation attack (PGD, APGD-CE or AA-lite), the
 * decision regions of 2-D data and paper Eq. 7's discrepancy where the data has an oracle.
 */
import type { Config } from '../../shared/config';
import { accuracy, predictGrid } from '../eval/accuracy';
import { evaluationCost, evaluationSpec } from '../eval/evaluation-attack';
import { evaluateAttack, type RobustFigure } from '../eval/robust';
import type { DiscrepancyFigures } from '../../shared/events';
import type { Classifier } from '../models';
import type { PhaseContext } from './phase';
import type { RunData } from './run-data';

const GRID_SIZE = 48;

export interface EpochEvaluation {
  /** Natural accuracy on the test split, percent. */
  natAcc: number;
  /** The evaluation attack's figure on the subset; null when the plan skips the attack. */
  robust: RobustFigure | null;
  /** Predicted class on a grid over [0,1]² (2-D data only). */
  grid?: { size: number; classes: Uint8Array };
  discrepancy?: DiscrepancyFigures;
}

/** What the evaluation of every epoch runs, fixed for the whole student phase. */
export interface EvaluationPlan {
  /** Whether to run the evaluation attack (the τ sweep's natural substitutes do not). */
  attack: boolean;
  /** The attack's seed (the run's `eval` fork, so every epoch and the sweep's measurement share it). */
  seed: number;
}

/** Progress units the evaluation of one epoch is worth (0 without the attack). */
export function evaluationUnits(config: Config, data: RunData, plan: Pick<EvaluationPlan, 'attack'>): number {
  if (!plan.attack) return 0;
  return Math.ceil(data.evalSet.size / config.batchSize) * evaluationCost(config, data.dataset.numClasses);
}

/** The final AA-lite point's attack: the quick budget at the run's ε (the config's Square queries when it names some). */
export function finalAaLiteSpec(config: Config, seed: number) {
  return evaluationSpec({ ...config, evalAttack: 'aa-lite', aaBudget: 'quick' }, seed);
}

/** Progress units of the final AA-lite point. */
export function finalAaLiteUnits(config: Config, data: RunData): number {
  return evaluationUnits({ ...config, evalAttack: 'aa-lite', aaBudget: 'quick' }, data, { attack: true });
}

/**
 * After the last epoch of a completed run: AA-lite (quick) on the evaluation subset, the points
 * the chart's robust figure uses, with the evaluation's seed. Reports progress as 'evaluating'
 * the last epoch; a stop between its members throws StopSignal (the attack frees its tensors).
 */
export async function finalAaLitePhase(
  config: Config, data: RunData, model: Classifier, epoch: number, seed: number, ctx: PhaseContext,
): Promise<RobustFigure> {
  const { progress, control } = ctx;
  const batches = data.batches(config.batchSize);
  const units = finalAaLiteUnits(config, data);
  // A stop asked for after the last epoch's figures is honoured before the attack starts.
  await control.checkpoint();
  let done = 0;
  const onProgress = (fraction: number) => {
    progress.advance(fraction * units - done, 'evaluating', epoch, batches, batches);
    done = fraction * units;
  };
  const { figure } = await evaluateAttack(model, data.evalSet.x, data.evalSet.y, finalAaLiteSpec(config, seed), onProgress, { checkpoint: () => control.checkpoint() });
  progress.advance(units - done, 'evaluating', epoch, batches, batches, true);
  return figure;
}

/**
 * Evaluate the student after `epoch`.
 * @param teacher the teacher the student learns from (its soft labels' discrepancy is reported), or null
 */
export async function evaluationPhase(
  config: Config, data: RunData, model: Classifier, teacher: Classifier | null, epoch: number, plan: EvaluationPlan, ctx: PhaseContext,
): Promise<EpochEvaluation> {
  const { progress, control } = ctx;
  const batches = data.batches(config.batchSize);
  const units = evaluationUnits(config, data, plan);
  progress.advance(0, 'evaluating', epoch, batches, batches, true);
  const natAcc = await accuracy(model, data.test.x, data.test.y);
  const temperature = config.method === 'defensive-distillation' ? config.distillTemperature : ctx.params().tau;
  const discrepancy = await data.discrepancy(model, teacher && { model: teacher, temperature });
  // In chunks (evaluateAttack's 256): a ResNet attacked on the whole subset at once exhausts GPU memory.
  let evaluated = 0;
  const onAttackProgress = (fraction: number) => {
    progress.advance(fraction * units - evaluated, 'evaluating', epoch, batches, batches);
    evaluated = fraction * units;
  };
  const robust = plan.attack
    ? (await evaluateAttack(model, data.evalSet.x, data.evalSet.y, evaluationSpec(config, plan.seed), onAttackProgress, { checkpoint: () => control.checkpoint() })).figure
    : null;
  progress.advance(units - evaluated, 'evaluating', epoch, batches, batches, true);
  const twoD = data.dataset.inputShape.length === 1 && data.dataset.inputShape[0] === 2;
  const grid = twoD ? { size: GRID_SIZE, classes: await predictGrid(model, GRID_SIZE) } : undefined;
  return { natAcc, robust, grid, discrepancy };
}
