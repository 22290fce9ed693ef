import type { DetectorReport } from '../../hosts/worker/api';
import { download } from '../download';
import { AaLiteLine } from './AaLiteLine';
import { AttackBars } from './AttackBars';
import { ChartVsAaLiteLine } from './ChartVsAaLiteLine';
import { CheckList } from './CheckList';
import { requestText, significanceText } from './describe-report';
import { VerdictLine } from './VerdictLine';
import { DetectorCurvesView } from './DetectorCurvesView';
import { formatDuration, formatPercent } from '../../shared/format';
import { type DetectorReportRequest, detectorExport } from './slice';

/**
 * One detector report: the chart's attack against AA-lite (its first line), the verdict, what it
 * was made with, the thresholds, AA-lite's line, the bars, the six warning signs and the
 * attack-failure indicators.
 */
export function DetectorReportView({ report, request }: { report: DetectorReport; request: DetectorReportRequest }) {
  const { whiteBox, aaLite, pgd } = report.attacks;
  const signs = report.checks.filter((c) => c.kind === 'warning-sign');
  const indicators = report.checks.filter((c) => c.kind !== 'warning-sign');
  return (
    <>
      <ChartVsAaLiteLine headline={report.headline} alpha={report.thresholds.alpha} tests={report.thresholds.tests} />
      <VerdictLine report={report} />
      <p className="detector-note">{requestText(request)}</p>
      <AaLiteLine aaLite={aaLite} pgd={pgd} />
      <p className="thresholds">
        A check fails only if a gap is at least {report.thresholds.minGap} percentage points <em>and</em> significant
        ({significanceText(report.thresholds)}). Two attacks on the same {whiteBox.cleanCorrect} clean-correct of {report.subset}{' '}
        points are compared with McNemar&apos;s test on the points only one of them breaks; the unbounded attack and zero
        gradients with a one-sample binomial test. The white-box side of every check is {report.whiteBoxName}
        {whiteBox.settings.attack === 'AA-lite' ? ' (AA-lite without its Square, which is the black-box side)' : ''}. Natural accuracy on them:{' '}
        {formatPercent(report.cleanAccuracy)}. Took {formatDuration(report.seconds)}.
      </p>
      <AttackBars report={report} />
      <CheckList checks={signs} label="Masking checks" />
      <CheckList checks={indicators} label="Attack-failure indicators" first={signs.length + 1} />
      {report.curves && <DetectorCurvesView curves={report.curves} sweep={report.sweep} dataset={request.config.dataset} />}
      <button
        type="button"
        onClick={() => download(`detector-${report.verdict.replace(' ', '-')}.json`, JSON.stringify(detectorExport(report, request), null, 2), 'application/json')}
      >
        Export detector report
      </button>
    </>
  );
}
