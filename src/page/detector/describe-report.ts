/**
 * The words shown beside a detector report: the significance rule it was judged by, and the
 * request it was made with (not the page's settings now, which may have changed since).
 */
import { DATASET_LABELS } from '../../shared/config';
import type { CheckResult } from '../../hosts/worker/api';
import { attackName } from '../../shared/describe';
import type { RobustFigure } from '../../hosts/worker/api';
import type { Thresholds } from '../../shared/stats';
import type { ModelRole } from '../../hosts/worker/api';
import { formatFixed, formatSignificant } from '../../shared/format';
import type { DetectorReportRequest } from './slice';

const ROLE_WORDS: Record<ModelRole, string> = { student: 'the student', teacher: 'the teacher', imported: 'the imported model', demo: 'the demo model' };

/** e.g. "z ≥ 2.61: one-sided 5 % over m = 11 tests, Bonferroni". */
export function significanceText(t: Thresholds): string {
  return `z ≥ ${formatFixed(t.z, 2)}: one-sided ${formatSignificant(100 * t.alpha)} % over m = ${t.tests} test${t.tests === 1 ? '' : 's'}, Bonferroni`;
}

/**
 * e.g. "Report on the student (2-D blobs) at ε = 0.05: first 200 test points, white-box side
 * AA-lite (standard), PGD-20 × 3 restarts beside it, Square with its default queries."
 */
export function requestText(r: DetectorReportRequest): string {
  const queries = r.queries === null ? 'its default queries' : `${r.queries} queries`;
  const pgd = `PGD-${r.pgdSteps} × ${r.restarts} restart${r.restarts === 1 ? '' : 's'}`;
  const white =
    r.attack === 'aa-lite'
      ? `white-box side AA-lite (${r.aaBudget}), ${pgd} beside it`
      : r.attack === 'apgd-ce'
        ? `white-box side APGD-CE ${r.pgdSteps} iterations × ${r.restarts} restart${r.restarts === 1 ? '' : 's'}, ${pgd} beside it`
        : `white-box side ${pgd}`;
  return (
    `Report on ${ROLE_WORDS[r.role]} (${DATASET_LABELS[r.config.dataset]}) at ${r.config.norm === 'l2' ? 'ε₂' : 'ε'} = ${formatSignificant(r.epsilon, 6)}${r.config.norm === 'l2' ? ' (L2)' : ''}: first ${r.subset} test points, ` +
    `${white}, Square with ${queries}.`
  );
}

/** e.g. "Failed: 3. Success grows with ε…, 6. Input gradients do not vanish." or "Every check passes." */
export function failedChecksText(checks: CheckResult[]): string {
  const failed = checks.flatMap((c, i) => (c.passed ? [] : [`${i + 1}. ${c.title}`]));
  return failed.length === 0 ? 'Every check passes.' : `Failed: ${failed.join('; ')}.`;
}

/** AA-lite's breakdown in one line: "APGD-CE 5, APGD-T 4, Square 0 of 98 clean-correct points broken". */
export function aaLiteBreakdown(aaLite: RobustFigure): string {
  const parts = (aaLite.stages ?? []).map((s) => `${attackName(s.settings)} ${s.broken}`);
  return `${parts.join(', ')} of ${aaLite.cleanCorrect} clean-correct points broken`;
}
