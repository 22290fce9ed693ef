/**
 * The detector on the calibration corpus: each model judged on the first points of its test split
 * at the corpus's settings, and the calibration table's row — the chart's PGD, APGD-CE, AA-lite,
 * Square, the gap, every check and the verdict — that the tests assert and `npx ltd-playground
 * corpus` prints.
 */
import * as tf from '@tensorflow/tfjs';
import type { CorpusId } from '../../shared/corpus';
import { runDetector } from '../eval/detector';
import type { DetectorProgress, DetectorReport } from '../eval/detector-types';
import type { CheckId, Verdict } from '../eval/checks';
import { chartAttackOf } from '../eval/evaluation-attack';
import { teacherSource } from '../eval/indicator-measures';
import { CORPUS_DETECTOR, type CorpusModel } from './corpus';

/** The detector on a corpus model, with its teacher (at its training temperature) to transfer from. */
export async function detectCorpusModel(m: CorpusModel, onProgress?: (p: DetectorProgress) => void): Promise<DetectorReport> {
  const { dataset, config } = m;
  const n = Math.min(CORPUS_DETECTOR.subset, dataset.test.n);
  const size = dataset.inputShape.reduce((a, b) => a * b, 1);
  const x = tf.tensor(dataset.test.x.subarray(0, n * size), [n, ...dataset.inputShape], 'float32');
  const y = tf.tensor1d(dataset.test.y.subarray(0, n), 'int32');
  const { subset: _subset, ...budget } = CORPUS_DETECTOR;
  const transfer = m.teacher && teacherSource(m.teacher.model, m.teacher.temperature);
  try {
    return await runDetector(m.model, x, y, {
      ...budget, epsilon: config.epsilon, seed: config.seed, evaluation: chartAttackOf(config), ...(transfer ? { transfer } : {}),
    }, onProgress);
  } finally {
    tf.dispose([x, y]);
  }
}

/** One line of the calibration table. */
export interface CalibrationRow {
  id: CorpusId;
  expected: Verdict;
  verdict: Verdict;
  /** Natural accuracy on the subset, and robust accuracy under each attack, percent. */
  natural: number;
  chart: number;
  apgdCe: number;
  aaLite: number;
  square: number;
  /** Chart − AA-lite, points. */
  gap: number;
  /** Every check's outcome by id: pass, fail, or fail of a strong check. */
  checks: Record<CheckId, 'pass' | 'FAIL' | 'FAIL (strong)'>;
  /** Why there is no verdict, when there is none. */
  reason: string | null;
}

export function calibrationRow(m: CorpusModel, report: DetectorReport): CalibrationRow {
  const { aaLite, evaluation, square } = report.attacks;
  // APGD-CE is AA-lite's first member, run on every clean-correct point: its robust accuracy after it.
  const apgdCe = aaLite.stages?.[0]?.robustAccuracy ?? aaLite.robustAccuracy;
  const checks = Object.fromEntries(report.checks.map((c) => [c.id, c.passed ? 'pass' : c.strong ? 'FAIL (strong)' : 'FAIL'])) as CalibrationRow['checks'];
  return {
    id: m.entry.id, expected: m.entry.expected, verdict: report.verdict, natural: report.cleanAccuracy,
    chart: evaluation.robustAccuracy, apgdCe, aaLite: aaLite.robustAccuracy, square: square.robustAccuracy, gap: report.headline.gap,
    checks, reason: report.judgeable.reason,
  };
}
