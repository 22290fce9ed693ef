/**
 * One preset run in Node as the page runs it: train (the page's runExperiment, same seed, same
 * code path), then the detector with the preset's own detector settings on the first N test
 * points, as "Run detector" does; for `--verify`, also the τ sweep's measurement on those points
 * (PGD, AA-lite and Square with their discordant pairs, the logit scale), which the claims read.
 * A sweep preset runs the τ sweep itself, as "Run τ sweep" does.
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { type Config, configFromQuery } from '../../shared/config';
import { PRESETS, type PresetSize, expandPresetQuery } from '../../shared/presets';
import { UsageError } from './args';
import { RunControl } from '../../engine/control';
import { type DetectorReport, runDetector } from '../../engine/eval/detector';
import { evaluationSpec } from '../../engine/eval/evaluation-attack';
import { asClassifier } from '../../engine/models';
import { runTemperatureSweep } from '../../engine/run/temperature-sweep';
import { measureStudent } from '../../engine/run/temperature-sweep-measure';
import { detectorBudgetFromQuery, readParams } from '../../shared/url-params';
import { firstTestTensors } from '../../engine/data/first-points';
import type { EventOf, SweepFigures, TemperatureSweepEvent } from '../../shared/events';
import type { Measurement, RunMeasurement } from '../../shared/preset-claims';
import { type TrainedRun, trainOnce } from '../node/train-once';
import { CommandError } from './context';
import { chartAttackOf } from '../../engine/eval/evaluation-attack';
import { teacherSource } from '../../engine/eval/indicator-measures';
import { teacherTemperature } from '../../shared/config';

/** The preset ids named, checked against the table (all of them when none is named). */
export function presetIds(named: string[] | null): string[] {
  const ids = named ?? PRESETS.map((p) => p.id);
  const unknown = ids.find((id) => !PRESETS.some((p) => p.id === id));
  if (unknown !== undefined) throw new UsageError(`presets ${unknown}: not a preset (${PRESETS.map((p) => p.id).join(', ')})`);
  return ids;
}

/** The machine, for every table's heading: Node, tfjs and its backend, cores and load. */
export const machineLine = () =>
  `Node ${process.version}, tfjs ${tf.version.tfjs} ${tf.getBackend()} backend, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at start`;

/**
 * A preset's config and query at `size` with `overrides` on top (and `seed` over both: a claim's
 * repeats count up from the seed the overrides give); a refusal names the preset.
 */
export function presetConfig(id: string, size: PresetSize, overrides: string, seed?: number) {
  // The first of a repeated parameter counts, so the seed goes before the overrides.
  const { query } = expandPresetQuery(`preset=${id}&presetSize=${size}${seed === undefined ? '' : `&seed=${seed}`}${overrides ? `&${overrides}` : ''}`);
  const { config, issues } = configFromQuery(query);
  if (issues.length > 0) throw new CommandError(`presets ${id}: ${issues.map((i) => i.message).join('; ')}`);
  return { config, query };
}

export interface PresetRun {
  run: Omit<TrainedRun, 'model' | 'teacher'>;
  report: DetectorReport;
  /** The sweep's measurement on the detector's points (only when asked: it runs the attacks again). */
  figures: SweepFigures | null;
  /** What the student learnt from: the teacher's mean top probability at the method's temperature, in words ('' without a teacher). */
  labels: string;
}

/** Train `config`, run its detector as `query`'s detector settings say, and (with `measure`) the sweep's attacks on the same points. */
export async function runPreset(config: Config, query: string, log: (line: string) => void, measure: boolean): Promise<PresetRun> {
  const budget = detectorBudgetFromQuery(query);
  const trained = await trainOnce(config, log);
  if (trained.studentEpochs.length === 0) throw new CommandError(`presets: seed ${config.seed} trained no student epoch`);
  // The detector's subset, as EngineSession.runDetector takes it.
  const { x, y } = firstTestTensors(trained.dataset, budget.subset);
  try {
    const model = asClassifier(trained.model);
    let figures: SweepFigures | null = null;
    if (measure) {
      log('  measuring PGD, AA-lite and Square on the detector’s points');
      figures = await measureStudent(model, x, y, {
        whiteBox: evaluationSpec(config, config.seed), aaLite: { budget: budget.aaBudget, seed: config.seed + 1 },
        square: { seed: config.seed + 2, ...(budget.queries ? { queries: budget.queries } : {}) },
      });
    }
    const multiples = readParams(query).detectorMultiples;
    const transfer = trained.teacher && teacherSource(asClassifier(trained.teacher), teacherTemperature(config));
    let stage = '';
    const report = await runDetector(model, x, y, {
      epsilon: config.epsilon, seed: config.seed, whiteBox: budget.attack, aaBudget: budget.aaBudget, pgdSteps: budget.pgdSteps, restarts: budget.restarts,
      ...(budget.queries ? { squareQueries: budget.queries } : {}), ...(multiples ? { sweepMultiples: multiples } : {}),
      // As the session's detector: the chart's attack is the preset's Evaluation attack, and the teacher (at its training temperature) is the transfer source.
      evaluation: chartAttackOf(config), ...(transfer ? { transfer } : {}),
    }, (p) => {
      if (p.stage !== stage) log(`  detector: ${(stage = p.stage)} (${Math.round(100 * p.fraction)} %)`);
    });
    const temperature = config.method === 'ltd' ? config.tau : config.method === 'defensive-distillation' ? config.distillTemperature : null;
    let labels = '';
    if (trained.teacher && temperature !== null) {
      const maxProb = tf.tidy(() => tf.softmax(tf.div(trained.teacher!.predict(x) as tf.Tensor2D, temperature)).max(1).mean());
      labels = `teacher's soft labels at T = ${temperature}: mean top probability ${(await maxProb.data())[0].toFixed(3)} (uniform: ${(1 / trained.dataset.numClasses).toFixed(3)}); `;
      maxProb.dispose();
    }
    const { model: _m, teacher: _t, ...run } = trained;
    return { run, report, figures, labels };
  } finally {
    tf.dispose([x, y]);
    trained.teacher?.dispose();
    trained.model.dispose();
  }
}

/** A run as the claims read it: the figures, the detector's verdict and the checks that failed. */
export function runMeasurement(config: Config, p: PresetRun): RunMeasurement {
  if (!p.figures) throw new CommandError('presets --verify: the run was not measured');
  return {
    seed: config.seed, figures: p.figures, verdict: p.report.verdict, fired: p.report.checks.flatMap((c) => (c.passed ? [] : [c.id])),
    seconds: p.run.seconds + p.report.seconds,
  };
}

/** The τ sweep at `taus`, as the Temperature sweep panel runs it with PGD, AA-lite and Square: every point, and the wall time. */
export async function runPresetSweep(config: Config, query: string, taus: number[], log: (line: string) => void): Promise<Extract<Measurement, { kind: 'sweep' }>> {
  const budget = detectorBudgetFromQuery(query);
  const points: Array<EventOf<'sweep-point'>> = [];
  const errors: string[] = [];
  let reported = '';
  const started = performance.now();
  const emit = (e: TemperatureSweepEvent) => {
    if (e.type === 'sweep-point') {
      points.push(e);
      log(`  τ = ${e.tau}: natural ${e.natAcc.toFixed(1)} %, PGD ${e.robustAcc.toFixed(1)} %, AA-lite ${e.aaLiteAcc?.toFixed(1)} %, Square ${e.squareAcc?.toFixed(1)} %, logit scale ${e.logitScale.toFixed(2)}`);
    }
    if (e.type === 'sweep-progress') {
      const line = `  ${e.stage} τ = ${e.tau} (${e.index}/${e.count})`;
      if (line !== reported) log((reported = line));
    }
    if (e.type === 'error') errors.push(e.message);
  };
  await runTemperatureSweep(config, { taus, square: true, aaLite: true, findTauMax: false, ...(budget.queries ? { squareQueries: budget.queries } : {}) },
    { emit, control: new RunControl({ tau: config.tau, lambda: config.lambda }) });
  if (errors.length > 0) throw new CommandError(`presets: the τ sweep failed: ${errors.join('; ')}`);
  return { kind: 'sweep', points: points.map(({ type: _t, ...p }) => p), seconds: (performance.now() - started) / 1000 };
}
