import { describe, expect, it } from 'vitest';
import { DATASET_LABELS, DEFAULT_CONFIG } from '../../engine/config';
import { bonferroni } from '../../engine/eval/stats';
import type { CheckResult } from '../../engine/eval/checks';
import { failedChecksText, requestText, significanceText } from './describe-report';

describe('detector report text', () => {
  it('states the Bonferroni-corrected z with α and m', () => {
    expect(significanceText(bonferroni(11))).toBe('z ≥ 2.61: one-sided 5 % over m = 11 tests, Bonferroni');
    expect(significanceText(bonferroni(12))).toBe('z ≥ 2.64: one-sided 5 % over m = 12 tests, Bonferroni');
    expect(significanceText(bonferroni(1, 0.01))).toBe('z ≥ 2.33: one-sided 1 % over m = 1 test, Bonferroni');
  });

  it('describes the request the report was made with', () => {
    const text = requestText({
      role: 'teacher', config: { ...DEFAULT_CONFIG, dataset: 'blobs' }, epsilon: 8 / 255, subset: 50, queries: 300, pgdSteps: 10, restarts: 1,
    });
    expect(text).toBe(`Report on the teacher (${DATASET_LABELS.blobs}) at ε = 0.0313725: first 50 test points, PGD-10 × 1 restart, Square with 300 queries.`);
  });

  it('names the failed checks by their number in the list and their title', () => {
    const check = (title: string, passed: boolean) => ({ id: 'unbounded', title, passed, strong: true, numbers: [], explanation: '' }) as CheckResult;
    expect(failedChecksText([check('A', true), check('B', false), check('C', true), check('D', false)])).toBe('Failed: 2. B; 4. D.');
    expect(failedChecksText([check('A', true)])).toBe('Every check passes.');
  });
});
