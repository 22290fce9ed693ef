/**
 * The gradient-masking detector: runs FGSM, the white-box attack (AA-lite's gradient part by
 * default, or APGD-CE, or PGD-K), Square and noise on the same test subset at the same ε, sweeps
 * ε, tries an unbounded white-box attack from x and looks at input gradients, then applies the
 * six warning signs of `checks.ts` — first asking whether the model is one to judge (judgeable.ts).
 * Beside them, the indicators of attack failure: the accuracy chart's own attack against AA-lite
 * on the same points (overstatement.ts, the report's first line), convergence, silent successes,
 * transfer from a teacher, randomised outputs and non-finite gradients (indicators.ts). Every
 * number in the report carries the settings behind it.
 */
import * as tf from '@tensorflow/tfjs';
import { LossTrace } from '../attacks/trace';
import type { Classifier } from '../models';
import { epsilonGrowth, fgsmVsWhiteBox, largeEpsilon, noiseVsWhiteBox, squareVsWhiteBox, unbounded, vanishingGradients, verdictOf } from './checks';
import { nameOf, planDetector } from './detector-plan';
import { DEFAULT_DETECTOR_OPTIONS, type DetectorOptions, type DetectorProgress, type DetectorReport } from './detector-types';
import { measureSweep } from './epsilon-sweep';
import { gradientStats } from './gradients';
import { doubledOnStanding, outputStability, transferAttack } from './indicator-measures';
import { nonFiniteGradients, notConverged, randomisedOutputs, silentSuccess, transferVsWhiteBox } from './indicators';
import { judgeability, predictionCensus } from './judgeable';
import { chartVsStrongest } from './overstatement';
import { type AttackSpec, type EvaluateHooks, type Evaluated, evaluateAttack, settingsOf } from './robust';
import { whiteBoxPart } from './white-box';

export * from './detector-types';

/** The person cancelled the detector; it stopped between two stages. */
export class DetectorCancelled extends Error {
  constructor() {
    super('Detector cancelled: no verdict (the checks need every attack to finish).');
    this.name = 'DetectorCancelled';
  }
}

/**
 * Run every attack and check on the points `x` (labels `y`). `signal` cancels between stages
 * (and between AA-lite's members); each attack frees its tensors when it ends, so stopping
 * leaves nothing behind.
 */
export async function runDetector(
  model: Classifier,
  x: tf.Tensor,
  y: tf.Tensor1D,
  partial: Pick<DetectorOptions, 'epsilon' | 'seed'> & Partial<DetectorOptions>,
  onProgress: (p: DetectorProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<DetectorReport> {
  const started = performance.now();
  const inputShape = x.shape.slice(1);
  const size = inputShape.reduce((a, b) => a * b, 1);
  // Under L2 the unbounded attack's radius is the box's diameter √d: every input within reach.
  const l2 = partial.norm === 'l2' ? { unboundedEpsilon: Math.sqrt(size) } : {};
  const o: DetectorOptions = { ...DEFAULT_DETECTOR_OPTIONS, ...l2, ...partial };
  const { epsilon, seed } = o;
  const n = x.shape[0];
  const numClasses = tf.tidy(() => model(x.slice(0, 1)).shape[1]);
  const plan = planDetector(o, n, inputShape, numClasses, o.transfer !== undefined);
  const { thresholds: t, costs, queries } = plan;
  const total = Object.values(costs).reduce((a, b) => a + b, 0);
  let done = 0;
  const stage = async <T>(name: string, cost: number, work: (report: (f: number) => void) => Promise<T>): Promise<T> => {
    if (signal?.aborted) throw new DetectorCancelled();
    const report = (f: number) => onProgress({ stage: name, fraction: (done + f * cost) / total });
    report(0);
    const result = await work(report);
    done += cost;
    report(0);
    return result;
  };
  const checkpoint = async () => {
    if (signal?.aborted) throw new DetectorCancelled();
  };
  // Every attack's returned inputs are classified again (silent successes); the chart's attack records its loss trace.
  const trace = plan.convergence ? new LossTrace() : undefined;
  const attack = (spec: AttackSpec, report?: (f: number) => void, hooks: EvaluateHooks = {}): Promise<Evaluated> =>
    evaluateAttack(model, x, y, o.norm === 'l2' ? { ...spec, norm: 'l2' } : spec, report, { checkpoint, verify: true, ...hooks });
  const aa = o.whiteBox === 'aa-lite';
  const traced = (isChart: boolean) => (isChart ? { trace } : {});

  const census = await stage('Predictions', costs.census, () => predictionCensus(model, x, y));
  const stability = await stage('Output stability (5 passes)', costs.stability, () => outputStability(model, x));
  const fgsm = await stage('FGSM', costs.fgsm, () => attack({ attack: 'FGSM', epsilon, seed }));
  const main = await stage(aa ? `AA-lite (${o.aaBudget})` : nameOf(settingsOf(plan.main, n, inputShape, numClasses)), costs.main, (r) =>
    attack(plan.main, r, traced(o.whiteBox === 'pgd' && plan.chartIsPgd)),
  );
  const white = aa ? whiteBoxPart(main, settingsOf(plan.whiteAt(epsilon), n, inputShape, numClasses)) : main;
  const name = nameOf(white.figure.settings);
  const pgd = costs.pgd > 0 ? await stage(`PGD-${o.pgdSteps} (comparison)`, costs.pgd, () => attack(plan.pgd, undefined, traced(plan.chartIsPgd))) : white;
  const aaLite = aa ? main : await stage(`AA-lite (${o.aaBudget}), the worst case`, costs.aaLite, (r) => attack(plan.aaLite, r));
  const chart = plan.chartIsAaLite ? aaLite : plan.chartIsPgd ? pgd
    : await stage(`${plan.names.chart} (the accuracy chart's attack)`, costs.chart, (r) => attack(plan.chart, r, traced(true)));
  const doubled = plan.convergence ? await stage(`${plan.names.chart} with twice the iterations`, costs.doubled, () => doubledOnStanding(model, x, y, plan.chart, chart)) : 0;
  const dlr = await stage(plan.names.dlr, costs.dlr, (r) => attack(plan.dlr, r));
  const transfer = o.transfer ? await stage(`Transfer from ${o.transfer.name}`, costs.transfer, () => transferAttack(model, o.transfer!, x, y, plan.pgd)) : null;
  const square = await stage('Square attack', costs.square, (r) => attack({ attack: 'Square', epsilon, queries, seed }, r));
  const noise = await stage('Random noise', costs.noise, () => attack({ attack: 'Noise', epsilon, queries: o.noiseDraws, seed }));
  const { epsilon: _e, seed: _s, ...sweepWhiteBox } = plan.whiteAt(epsilon);
  const sweep = await stage('ε sweep', costs.sweep, (r) =>
    measureSweep(model, x, y, { epsilons: plan.epsilons, pgdSteps: o.pgdSteps, restarts: o.restarts, whiteBox: sweepWhiteBox, squareQueries: queries, seed, norm: o.norm }, r, [
      { epsilon, pgd: white, square },
    ]),
  );
  const [unboundedWhite, randomStart] = await stage(`Unbounded ${name}`, costs.unbounded, async () => [
    await attack(plan.whiteAt(o.unboundedEpsilon, true)),
    // The uniform start alone, PGD with no steps: what a random start at this ε already breaks.
    await attack({ ...plan.pgd, epsilon: o.unboundedEpsilon, steps: 0 }),
  ]);
  const gradients = await stage('Input gradients', costs.gradients, () => gradientStats(model, x, y));

  const comparison = chartVsStrongest({ chart, aaLite, square, dlr, chartName: plan.names.chart, dlrName: plan.names.dlr, sameAttack: plan.chartIsAaLite }, t, o.overstateGap);
  const attacked: Array<[string, Evaluated]> = [
    [plan.names.chart, chart], ['AA-lite', aaLite], ...(pgd !== chart ? [[`PGD-${o.pgdSteps}`, pgd] as [string, Evaluated]] : []),
    [plan.names.dlr, dlr], ['FGSM', fgsm], ['Square', square], ['Noise', noise], [`Unbounded ${name}`, unboundedWhite],
  ];
  const checks = [
    squareVsWhiteBox(white, square, t, name),
    fgsmVsWhiteBox(white, fgsm, t, name),
    epsilonGrowth(sweep, t, name, largeEpsilon(o.norm, size)),
    unbounded(unboundedWhite.figure, randomStart.figure, t, name),
    noiseVsWhiteBox(white, noise, t, name),
    vanishingGradients(gradients, t),
    comparison.check,
    notConverged(trace ? {
      name: plan.names.chart, trace: trace.mean(), standing: trace.points, cleanCorrect: chart.figure.cleanCorrect,
      doubled: { name: `${plan.names.chart} × 2 iterations`, broken: doubled },
    } : null, t),
    silentSuccess(attacked.map(([attackName, e]) => ({ name: attackName, silent: e.silent ?? 0 }))),
    transferVsWhiteBox(white, transfer, o.transfer?.name ?? null, t, name),
    randomisedOutputs(stability),
    nonFiniteGradients(gradients, t),
  ];
  const judged = judgeability(census, t, stability);
  onProgress({ stage: 'done', fraction: 1 });
  return {
    verdict: verdictOf(checks, judged.judgeable),
    headline: comparison.headline,
    judgeable: judged,
    checks,
    thresholds: t,
    subset: n,
    cleanAccuracy: white.figure.cleanAccuracy,
    whiteBoxName: name,
    attacks: {
      whiteBox: white.figure, aaLite: aaLite.figure, evaluation: chart.figure, dlr: dlr.figure, pgd: pgd.figure,
      fgsm: fgsm.figure, square: square.figure, noise: noise.figure,
      unbounded: unboundedWhite.figure, randomStart: randomStart.figure, transfer: transfer?.figure ?? null,
    },
    stability,
    sweep: sweep.map((p) => ({ epsilon: p.epsilon, pgd: p.pgd.figure, square: p.square.figure })),
    gradients,
    seconds: (performance.now() - started) / 1000,
  };
}
