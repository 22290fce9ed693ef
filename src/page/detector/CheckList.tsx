import type { CheckNumber, CheckResult } from '../../hosts/worker/api';
import { formatFixed, formatPercent, formatSignificant } from '../../shared/format';

function formatNumber(n: CheckNumber): string {
  if (n.unit === '%') return formatPercent(n.value);
  if (n.unit === 'z') return formatFixed(n.value, 2);
  return formatSignificant(n.value);
}

/** Each of the six checks: pass or fail, its numbers, and what it means. */
export function CheckList({ checks }: { checks: CheckResult[] }) {
  return (
    <ul className="checks" aria-label="Masking checks">
      {checks.map((check, i) => (
        <li key={check.id} className={`check ${check.passed ? 'check-pass' : 'check-fail'}`}>
          <div>
            <span className="check-status">{check.passed ? 'pass' : 'fail'}</span>
            {i + 1}. {check.title}
            {check.strong ? '' : ' (warning sign)'}
          </div>
          <p className="check-numbers">{check.numbers.map((n) => `${n.label}: ${formatNumber(n)}`).join(' · ')}</p>
          <p className="check-explanation">{check.explanation}</p>
        </li>
      ))}
    </ul>
  );
}
