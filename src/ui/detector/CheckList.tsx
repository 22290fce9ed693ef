import type { CheckNumber, CheckResult } from '../../engine/eval/checks';

function formatNumber(n: CheckNumber): string {
  if (n.unit === '%') return `${n.value.toFixed(1)}%`;
  if (n.unit === 'z') return Number.isFinite(n.value) ? n.value.toFixed(2) : n.value > 0 ? '∞' : '−∞';
  return Math.abs(n.value) >= 1e-3 || n.value === 0 ? n.value.toPrecision(3) : n.value.toExponential(1);
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
