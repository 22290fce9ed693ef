import type { DetectorReport } from '../../hosts/worker/api';
import { download } from '../download';
import { AaLiteLine } from './AaLiteLine';
import { AttackBars } from './AttackBars';
import { CheckList } from './CheckList';
import { requestText, significanceText } from './describe-report';
import { VerdictLine } from './VerdictLine';
import { formatDuration, formatPercent } from '../../shared/format';
import { type DetectorReportRequest, detectorExport } from './slice';

/** One detector report: verdict, what it was made with, the thresholds, AA-lite's line, the bars and the six checks. */
export function DetectorReportView({ report, request }: { report: DetectorReport; request: DetectorReportRequest }) {
  const { whiteBox, aaLite, pgd } = report.attacks;
  return (
    <>
      <VerdictLine report={report} />
      <p className="detector-note">{requestText(request)}</p>
      {aaLite && <AaLiteLine aaLite={aaLite} pgd={pgd} />}
      <p className="thresholds">
        A check fails only if a gap is at least {report.thresholds.minGap} percentage points <em>and</em> significant
        ({significanceText(report.thresholds)}). Two attacks on the same {whiteBox.cleanCorrect} clean-correct of {report.subset}{' '}
        points are compared with McNemar&apos;s test on the points only one of them breaks; the unbounded attack and zero
        gradients with a one-sample binomial test. The white-box side of every check is {report.whiteBoxName}
        {aaLite ? ' (AA-lite without its Square, which is the black-box side)' : ''}. Natural accuracy on them:{' '}
        {formatPercent(report.cleanAccuracy)}. Took {formatDuration(report.seconds)}.
      </p>
      <AttackBars report={report} />
      <CheckList checks={report.checks} />
      <button
        type="button"
        onClick={() => download(`detector-${report.verdict.replace(' ', '-')}.json`, JSON.stringify(detectorExport(report, request), null, 2), 'application/json')}
      >
        Export detector report
      </button>
    </>
  );
}
