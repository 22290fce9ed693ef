/**
 * The words shown beside a detector report: the significance rule it was judged by, and the
 * request it was made with (not the page's settings now, which may have changed since).
 */
import { DATASET_LABELS } from '../../engine/config';
import type { Thresholds } from '../../engine/eval/stats';
import type { DetectorReportRequest } from '../../state/detector';
import type { ModelRole } from '../../worker/api';
import { formatFixed, formatSignificant } from '../../shared/format';

const ROLE_WORDS: Record<ModelRole, string> = { student: 'the student', teacher: 'the teacher', imported: 'the imported model' };

/** e.g. "z ≥ 2.61: one-sided 5 % over m = 11 tests, Bonferroni". */
export function significanceText(t: Thresholds): string {
  return `z ≥ ${formatFixed(t.z, 2)}: one-sided ${formatSignificant(100 * t.alpha)} % over m = ${t.tests} test${t.tests === 1 ? '' : 's'}, Bonferroni`;
}

/** e.g. "Report on the student (2-D blobs) at ε = 0.05: first 200 test points, PGD-20 × 3 restarts, Square default queries." */
export function requestText(r: DetectorReportRequest): string {
  const queries = r.queries === null ? 'its default queries' : `${r.queries} queries`;
  return (
    `Report on ${ROLE_WORDS[r.role]} (${DATASET_LABELS[r.config.dataset]}) at ε = ${formatSignificant(r.epsilon, 6)}: first ${r.subset} test points, ` +
    `PGD-${r.pgdSteps} × ${r.restarts} restart${r.restarts === 1 ? '' : 's'}, Square with ${queries}.`
  );
}
