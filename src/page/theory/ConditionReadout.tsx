import { formatSignificant } from '../../shared/format';
import { type Theorem1Outcome, formatLabel, formatSide, formatThreshold, verdictSentence } from './theorem1-form';

const nats = (value: number) => `${formatSignificant(value, 4)} nats`;

/** Both sides of condition (12), where it starts to hold, the two KL terms and the verdict in words. */
export function ConditionReadout({ outcome }: { outcome: Extract<Theorem1Outcome, { ok: true }> }) {
  const { cold, hot, result } = outcome;
  const [answer, ...rest] = verdictSentence(outcome).split(' ');
  return (
    <>
      <dl className="theory-readout">
        <div>
          <dt>Soft labels</dt>
          <dd>p<sup>t₁</sup> = {formatLabel(cold)}, p<sup>t₂</sup> = {formatLabel(hot)}</dd>
        </div>
        <div>
          <dt>Left side y₁ᵖ / y₂ᵖ</dt>
          <dd data-testid="theorem1-lhs">{formatSide(result.lhs)}</dd>
        </div>
        <div>
          <dt>Right side ln(q₂/p₂) / ln(p₁/q₁)</dt>
          <dd data-testid="theorem1-rhs">{formatSide(result.rhs)}</dd>
        </div>
        <div>
          <dt>Holds for</dt>
          <dd data-testid="theorem1-threshold">y₂ᵖ &gt; {formatThreshold(result.threshold)}</dd>
        </div>
        <div>
          <dt>KL(yᵖ ‖ cold) → KL(yᵖ ‖ hot)</dt>
          <dd>{nats(result.klCold)} → {nats(result.klHot)}</dd>
        </div>
      </dl>
      <p className="theory-verdict" role="status" aria-label="Theorem 1 verdict"><strong>{answer}</strong> {rest.join(' ')}</p>
    </>
  );
}
