import type { CheckResult } from '../../hosts/worker/api';
import { formatMeasure } from '../../shared/format';

/**
 * Checks with pass or fail, their numbers, and what each means: the six warning signs ("Masking
 * checks") or the attack-failure indicators, numbered on from `first` so a failure named in the
 * verdict line ("Failed: 7. …") is found by its number.
 */
export function CheckList({ checks, label, first = 1 }: { checks: CheckResult[]; label: string; first?: number }) {
  return (
    <ul className="checks" aria-label={label}>
      {checks.map((check, i) => (
        <li key={check.id} className={`check ${check.passed ? 'check-pass' : 'check-fail'}`}>
          <div>
            <span className="check-status">{check.passed ? 'pass' : 'fail'}</span>
            {first + i}. {check.title}
            {check.strong ? '' : ' (warning sign)'}
          </div>
          <p className="check-numbers">{check.numbers.map((n) => `${n.label}: ${formatMeasure(n.value, n.unit)}`).join(' · ')}</p>
          <p className="check-explanation">{check.explanation}</p>
        </li>
      ))}
    </ul>
  );
}
