import { describe, expect, it } from 'vitest';
import { DATASET_LABELS, DEFAULT_CONFIG } from '../../shared/config';
import { bonferroni } from '../../shared/stats';
import type { CheckResult } from '../../hosts/worker/api';
import { aaLiteBreakdown, failedChecksText, requestText, significanceText } from './describe-report';
import { aaLiteSettings } from '../../shared/attack-plan';

describe('detector report text', () => {
  it('states the Bonferroni-corrected z with α and m', () => {
    expect(significanceText(bonferroni(11))).toBe('z ≥ 2.61: one-sided 5 % over m = 11 tests, Bonferroni');
    expect(significanceText(bonferroni(12))).toBe('z ≥ 2.64: one-sided 5 % over m = 12 tests, Bonferroni');
    expect(significanceText(bonferroni(1, 0.01))).toBe('z ≥ 2.33: one-sided 1 % over m = 1 test, Bonferroni');
  });

  it('describes the request the report was made with', () => {
    const request = {
      role: 'teacher', config: { ...DEFAULT_CONFIG, dataset: 'blobs' }, epsilon: 8 / 255, subset: 50, queries: 300, pgdSteps: 10, restarts: 1,
      attack: 'pgd', aaBudget: 'standard',
    } as const;
    const where = `Report on the teacher (${DATASET_LABELS.blobs}) at ε = 0.0313725: first 50 test points`;
    expect(requestText(request)).toBe(`${where}, white-box side PGD-10 × 1 restart, Square with 300 queries.`);
    expect(requestText({ ...request, attack: 'aa-lite', aaBudget: 'quick', queries: null })).toBe(
      `${where}, white-box side AA-lite (quick), PGD-10 × 1 restart beside it, Square with its default queries.`,
    );
  });

  it('names the failed checks by their number in the list and their title', () => {
    const check = (title: string, passed: boolean) => ({ id: 'unbounded', kind: 'warning-sign', title, passed, strong: true, numbers: [], explanation: '' }) as CheckResult;
    expect(failedChecksText([check('A', true), check('B', false), check('C', true), check('D', false)])).toBe('Failed: 2. B; 4. D.');
    expect(failedChecksText([check('A', true)])).toBe('Every check passes.');
  });

  it('gives AA-lite’s breakdown member by member, as AutoAttack’s log does', () => {
    const aaLite = aaLiteSettings('quick', 0.05, 100, 10);
    const stage = (i: number, broken: number, robustAccuracy: number) => ({ settings: { ...aaLite.members![i], subset: 98 }, broken, robustAccuracy, seconds: 1 });
    const figure = {
      n: 100, cleanAccuracy: 98, robustAccuracy: 80, successRate: 18 / 0.98, broken: 18, cleanCorrect: 98, settings: aaLite,
      stages: [stage(0, 10, 88), stage(1, 6, 82), stage(2, 2, 80)],
    };
    expect(aaLiteBreakdown(figure)).toBe('APGD-CE 10, APGD-T 6, Square 2 of 98 clean-correct points broken');
  });
});
