import type { ChartVsStrongest } from '../../shared/detector-headline';
import { headlineText, overstatementRule, overstatementText } from '../../shared/detector-headline';
import { formatSignificant } from '../../shared/format';

/**
 * The report's first line: the robust accuracy the accuracy chart shows (the run's Evaluation
 * attack) beside AA-lite's worst case on the same points, the gap and McNemar's exact test — and,
 * when the chart's figure is far and significantly above, the finding in one sentence ("PGD-10
 * overstates robust accuracy by 27 points: report AA-lite's 30 %"), with the rule it was judged by.
 */
export function ChartVsAaLiteLine({ headline, alpha, tests }: { headline: ChartVsStrongest; alpha: number; tests: number }) {
  const finding = overstatementText(headline);
  return (
    <p className={`chart-vs-aa-lite${finding ? ' chart-vs-aa-lite-overstates' : ''}`} aria-label="Chart's attack vs AA-lite">
      {finding && <strong>{finding} </strong>}
      {headlineText(headline)}
      {!headline.sameAttack && (
        <span className="detector-note">
          {' '}The chart&apos;s figure overstates at {overstatementRule(headline)} (α = {formatSignificant(100 * alpha)} % shared by
          m = {tests} tests); it counts toward <em>masked</em> when Square and APGD-DLR also beat it by at least the checks&apos;
          effect size — then the cross-entropy gradient is what was fooled.
        </span>
      )}
    </p>
  );
}
