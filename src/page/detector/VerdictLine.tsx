import type { DetectorReport } from '../../hosts/worker/api';
import { failedChecksText } from './describe-report';

const VERDICT_TEXT = {
  clean: 'no sign of gradient masking: the white-box numbers can be trusted',
  suspected: 'one warning sign: read the failed check before trusting the white-box numbers',
  masked: 'the white-box numbers overstate robustness: gradients are hiding adversarial examples',
  'no verdict': 'there is no classifier to judge yet',
} as const;

/**
 * The verdict word, what it means, and the checks that failed by number and name — or, for a
 * model near chance or predicting one class, why there is no verdict, with its numbers.
 */
export function VerdictLine({ report }: { report: DetectorReport }) {
  const failed = failedChecksText(report.checks);
  const { judgeable } = report;
  const anyFailed = report.checks.some((c) => !c.passed);
  // Without a verdict the checks are shown but do not judge: name the failures as such.
  const checksText = judgeable.judgeable ? failed : anyFailed ? `Checks that fail anyway (not judged): ${failed.replace(/^Failed: /, '')}` : '';
  return (
    <>
      <p className="verdict" role="status" aria-label="Detector verdict">
        Verdict: <span className={`verdict-word verdict-${report.verdict.replace(' ', '-')}`}>{report.verdict}</span> —{' '}
        {VERDICT_TEXT[report.verdict]}. {checksText}
      </p>
      {!judgeable.judgeable && <p className="detector-note" aria-label="Why no verdict">{judgeable.explanation}</p>}
    </>
  );
}
