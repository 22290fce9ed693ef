/**
 * The detector's calibration corpus, judged for its reasons: every model's verdict, the checks
 * that fired, and that a judged model learned (far above chance). Blobs at the page's sizes
 * (1000 training points, an MLP of 2 × 64, 8 epochs), ε = 0.1, AA-lite's quick budget; about a
 * minute on a loaded 2-core machine (`npx ltd-playground corpus` prints the same table).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, type CorpusId } from '../../shared/corpus';
import type { CheckId } from '../eval/checks';
import type { DetectorReport } from '../eval/detector-types';
import { OVERSTATE_GAP } from '../eval/overstatement';
import { runDetector } from '../eval/detector';
import { Corpus, type CorpusModel } from './corpus';
import { calibrationRow, detectCorpusModel } from './corpus-calibration';

const corpus = new Corpus();
const tensorsBefore = tf.memory().numTensors;
afterAll(() => {
  corpus.dispose();
  // Every model, teacher and wrapper weight the corpus made is freed with it.
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

const judged = new Map<CorpusId, Promise<{ model: CorpusModel; report: DetectorReport }>>();
function judge(id: CorpusId) {
  if (!judged.has(id)) judged.set(id, corpus.model(id).then(async (model) => ({ model, report: await detectCorpusModel(model) })));
  return judged.get(id)!;
}

const failed = (r: DetectorReport) => r.checks.filter((c) => !c.passed).map((c) => c.id);
const strongFailures = (r: DetectorReport) => r.checks.filter((c) => !c.passed && c.strong).map((c) => c.id);
const check = (r: DetectorReport, id: CheckId) => r.checks.find((c) => c.id === id)!;
const MINUTE = 60_000;

describe('honest models come out clean, the chart’s PGD-10 within the overstatement threshold of AA-lite', () => {
  for (const id of ['natural', 'pgd-at', 'trades', 'ltd'] as const) {
    it(`${CORPUS[id].label}: learned, clean, no check fired`, async () => {
      const { report } = await judge(id);
      expect(report.judgeable.judgeable).toBe(true);
      expect(report.cleanAccuracy).toBeGreaterThan(90);
      expect(failed(report)).toEqual([]);
      expect(report.verdict).toBe('clean');
      expect(report.headline).toMatchObject({ chartAttack: 'PGD-10', overstates: false });
      expect(report.headline.gap).toBeLessThan(OVERSTATE_GAP);
    }, MINUTE);
  }

  it('LTD’s teacher is tried as a transfer source, and finds nothing its student’s own attack missed', async () => {
    const { report } = await judge('ltd');
    expect(report.attacks.transfer?.settings.transferFrom).toBe('the teacher');
    expect(check(report, 'transfer').passed).toBe(true);
  }, MINUTE);
});

describe('masked models come out masked, for the reasons that name the mask', () => {
  it('defensive distillation (T = 50): large logits, most gradients exactly zero, and the chart’s PGD-10 far above AA-lite, Square and APGD-DLR', async () => {
    const { report } = await judge('defensive-distillation');
    const natural = (await judge('natural')).report;
    expect(report.cleanAccuracy).toBeGreaterThan(90);
    expect(report.verdict).toBe('masked');
    expect(failed(report)).toEqual(['vanishing-gradients', 'chart-vs-aa-lite']);
    expect(strongFailures(report)).toEqual(['chart-vs-aa-lite']);
    expect(report.gradients.vanishing / report.gradients.n).toBeGreaterThan(0.5);
    expect(report.gradients.logitScale).toBeGreaterThan(10 * natural.gradients.logitScale);
    expect(report.headline.overstates).toBe(true);
    expect(report.headline.gap).toBeGreaterThanOrEqual(OVERSTATE_GAP);
    expect(check(report, 'chart-vs-aa-lite').explanation).toMatch(/^PGD-10 overstates robust accuracy by \d+ points: report AA-lite's \d+ %\. Square/);
    // Its teacher, at T = 50, is where the transfer attack crafts.
    expect(report.attacks.transfer?.settings.transferFrom).toBe('the teacher at T = 50');
  }, MINUTE);

  it('defensive distillation with CE-PGD as the white-box side: PGD cannot move from x where the gradient is zero, so the unbounded check fails too', async () => {
    const { model } = await judge('defensive-distillation');
    const n = 100;
    const x = tf.tensor(model.dataset.test.x.subarray(0, 2 * n), [n, 2]);
    const y = tf.tensor1d(model.dataset.test.y.subarray(0, n), 'int32');
    const withPgd = await runDetector(model.model, x, y, {
      epsilon: 0.1, seed: 1, whiteBox: 'pgd', aaBudget: 'quick', squareQueries: 150, noiseDraws: 10, pgdSteps: 10, restarts: 3, sweepMultiples: [1],
    });
    tf.dispose([x, y]);
    expect(withPgd.verdict).toBe('masked');
    expect(failed(withPgd)).toEqual(expect.arrayContaining(['unbounded', 'vanishing-gradients', 'chart-vs-aa-lite']));
  }, MINUTE);

  it('logits × 1000: the same decisions as the natural model, a saturated softmax, and PGD-10 fooled where APGD-DLR and Square are not', async () => {
    const { report } = await judge('logits-x1000');
    const natural = (await judge('natural')).report;
    expect(report.cleanAccuracy).toBe(natural.cleanAccuracy);
    expect(report.verdict).toBe('masked');
    expect(failed(report)).toEqual(['vanishing-gradients', 'chart-vs-aa-lite']);
    expect(strongFailures(report)).toEqual(['chart-vs-aa-lite']);
    // AA-lite is not fooled: it finds what it finds on the natural model.
    expect(report.attacks.aaLite.robustAccuracy).toBe(natural.attacks.aaLite.robustAccuracy);
    expect(report.gradients.logitScale).toBeCloseTo(1000 * natural.gradients.logitScale, -1);
  }, MINUTE);

  it('binarised input: the gradient is zero almost everywhere, so even from x at ε = 1 the white-box attack stays put', async () => {
    const { report } = await judge('binarised-input');
    expect(report.cleanAccuracy).toBeGreaterThan(85);
    expect(report.verdict).toBe('masked');
    expect(failed(report)).toEqual(expect.arrayContaining(['unbounded', 'vanishing-gradients']));
    expect(strongFailures(report)).toContain('unbounded');
    expect(report.gradients.vanishing / report.gradients.n).toBeGreaterThan(0.9);
    // PGD-10 overstates, but APGD-DLR is fooled as well (no gradient at all): a weak finding here, not the reason.
    expect(check(report, 'chart-vs-aa-lite')).toMatchObject({ passed: false, strong: false });
  }, MINUTE);

  it('a gradient-stopping layer: no gradient anywhere, so Square and noise beat the white-box side and the unbounded attack fails', async () => {
    const { report } = await judge('gradient-stop');
    expect(report.cleanAccuracy).toBeGreaterThan(90);
    expect(report.verdict).toBe('masked');
    expect(strongFailures(report)).toEqual(expect.arrayContaining(['square-vs-white-box', 'unbounded']));
    expect(report.gradients.vanishing).toBe(report.gradients.n);
    expect(check(report, 'non-finite-gradients').passed).toBe(true);
  }, MINUTE);
});

describe('broken models get no verdict', () => {
  for (const id of ['random-init', 'constant'] as const) {
    it(`${CORPUS[id].label}: no verdict, whatever its checks say`, async () => {
      const { report } = await judge(id);
      expect(report.verdict).toBe('no verdict');
      expect(report.judgeable.reason).toMatch(/near-chance|one-class/);
      expect(report.cleanAccuracy).toBeLessThan(50);
    }, MINUTE);
  }
});

describe('the calibration table', () => {
  it('has one row per model with every check and the verdict it was expected to get', async () => {
    const rows = await Promise.all((['natural', 'logits-x1000', 'constant'] as const).map(async (id) => {
      const { model, report } = await judge(id);
      return calibrationRow(model, report);
    }));
    for (const row of rows) {
      expect(row.verdict).toBe(row.expected);
      expect(Object.keys(row.checks)).toHaveLength(12);
    }
    expect(rows[1]).toMatchObject({ id: 'logits-x1000', checks: { 'chart-vs-aa-lite': 'FAIL (strong)', 'vanishing-gradients': 'FAIL', unbounded: 'pass' } });
    expect(rows[1].chart - rows[1].aaLite).toBeCloseTo(rows[1].gap, 9);
  }, MINUTE);
});
