import { attackName, describeSettings } from '../../shared/describe';
import type { RobustFigure } from '../../hosts/worker/api';
import { aaLiteBreakdown } from './describe-report';
import { formatDuration, formatFixed, formatPercent } from '../../shared/format';

/**
 * The ensemble's figure as AutoAttack's log prints it: "AA-lite (quick): robust accuracy 89.0 %",
 * then one line per member — the points it attacked (those still standing), how many it broke,
 * robust accuracy after it — and PGD alone beside it, to show what a weaker attack would claim.
 */
export function AaLiteLine({ aaLite, pgd }: { aaLite: RobustFigure; pgd: RobustFigure }) {
  const budget = aaLite.settings.budget ? ` (${aaLite.settings.budget})` : '';
  return (
    <div className="aa-lite" role="group" aria-label="AA-lite breakdown">
      <p className="aa-lite-headline">
        AA-lite{budget}: robust accuracy {formatPercent(aaLite.robustAccuracy)} — {aaLiteBreakdown(aaLite)}.
      </p>
      <ol className="aa-lite-stages">
        {(aaLite.stages ?? []).map((stage) => (
          <li key={attackName(stage.settings)}>
            {attackName(stage.settings)}: broke {stage.broken} of the {stage.settings.subset} points still standing → robust accuracy{' '}
            {formatPercent(stage.robustAccuracy)} ({formatDuration(stage.seconds)})
          </li>
        ))}
      </ol>
      <p className="detector-note">
        {describeSettings(aaLite.settings)}. Not AutoAttack (no FAB-T). For comparison, {attackName(pgd.settings)} alone (
        {describeSettings(pgd.settings)}): robust accuracy {formatPercent(pgd.robustAccuracy)}
        {pgd.robustAccuracy > aaLite.robustAccuracy ? `, ${formatFixed(pgd.robustAccuracy - aaLite.robustAccuracy, 1)} points above AA-lite` : ''}.
      </p>
    </div>
  );
}
