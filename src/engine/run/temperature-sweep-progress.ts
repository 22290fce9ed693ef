/** The τ sweep's progress: what each piece costs, and the whole sweep's fraction and ETA. */
import { defaultSquareQueries } from '../attacks/square';
import { type Config, DATASET_INFO } from '../../shared/config';
import { evaluationCost } from '../eval/evaluation-attack';
import type { Emit, EventOf } from '../../shared/events';
import { batchCost } from './phase';
import { estimateEta } from '../../shared/progress';
import type { RepeatTag } from '../../shared/repeats';
import type { TemperatureSweepOptions } from '../../shared/temperature-plan';

export type Stage = EventOf<'sweep-progress'>['stage'];

/**
 * Cost of each piece of the sweep, in forward+backward passes over a batch (for the ETA only), for
 * one seed: a sweep with repeats counts each piece once per repeat, and a teacher per seed.
 * `trainSize` is the points the runs train on (less the validation split in the two-step search).
 */
export function sweepCosts(config: Config, options: TemperatureSweepOptions, trainSize = config.trainSize) {
  const batches = Math.ceil(trainSize / config.batchSize);
  const evalBatches = Math.ceil(Math.min(config.evalSubset, config.testSize) / config.batchSize);
  const queries = options.squareQueries ?? defaultSquareQueries(DATASET_INFO[config.dataset].inputShape);
  // Square is forward passes only (about a third of a forward+backward), one per query.
  const square = options.square ? (queries * evalBatches) / 3 : 0;
  const numClasses = DATASET_INFO[config.dataset].numClasses;
  const pgd = evalBatches * evaluationCost(config, numClasses);
  const aaLite = options.aaLite ? evalBatches * evaluationCost({ ...config, evalAttack: 'aa-lite', aaQueries: options.square ? queries : 0 }, numClasses) : 0;
  return {
    teacher: config.teacherEpochs * batches,
    substitute: config.epochs * batches,
    // The runs' own per-epoch evaluation attack, then the sweep's measurement (that attack again, Square).
    student: config.epochs * (batches * batchCost({ ...config, method: 'ltd' }) + pgd) + pgd,
    square,
    aaLite,
    /** The chosen student on the test set (two-step search only). */
    test: pgd + aaLite + square,
  };
}

/** Whole-sweep fraction and ETA from the fraction of the piece under way. */
export class SweepProgressMeter {
  private done = 0;
  private readonly start = performance.now();
  /** The repeat under way (the sweep moves it on); reported with every event. */
  repeat: Pick<RepeatTag, 'repeat' | 'repeats'> = { repeat: 1, repeats: 1 };
  constructor(public total: number, private readonly emit: Emit<EventOf<'sweep-progress'>>) {}

  report(stage: Stage, tau: number, index: number, count: number, units: number, fraction: number): void {
    const overall = Math.min(1, (this.done + fraction * units) / this.total);
    const elapsed = (performance.now() - this.start) / 1000;
    const etaSeconds = estimateEta(elapsed, overall);
    const { repeat, repeats } = this.repeat;
    this.emit({ type: 'sweep-progress', stage, tau, index, count, repeat, repeats, fraction: overall, etaSeconds });
  }

  finish(units: number): void {
    this.done += units;
  }
}
