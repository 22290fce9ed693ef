import { describeSettings } from '../../shared/describe';
import type { SweepFigures } from '../../shared/events';
import { formatDecimal, formatPercent } from '../../shared/format';
import type { ChosenTau as Chosen } from './slice';

const pct = (v: number | null) => (v === null ? 'not run' : formatPercent(v));

function attacks(f: SweepFigures): string {
  return f.square ? `${describeSettings(f.robustAttack, { withEpsilon: false })} and ${describeSettings(f.square, { withEpsilon: false })}` : describeSettings(f.robustAttack, { withEpsilon: false });
}

/**
 * The two-step search's answer: which τ won on the validation split and by what, then the
 * only figures of the search measured on the test set — the chosen τ's.
 */
export function ChosenTau({ chosen }: { chosen: Chosen }) {
  const { validation: v, test: t } = chosen;
  return (
    <p className="caption" role="status" aria-label="Chosen τ">
      Chosen τ = {formatDecimal(chosen.tau)}: the best validation robust accuracy, {pct(v.worstCaseAcc)} (natural {pct(v.natAcc)}; worst case per point of{' '}
      {attacks(v)}), measured on {chosen.validationPoints} training points held out of the search — its students trained on the
      other {chosen.trainPoints}. On the test set: natural {pct(t.natAcc)}, PGD {pct(t.robustAcc)}, Square {pct(t.squareAcc)}, worst case{' '}
      {pct(t.worstCaseAcc)} ({attacks(t)}).
    </p>
  );
}
