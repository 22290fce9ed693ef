import { describe, expect, it } from 'vitest';
import { EXAMPLE_1, EXAMPLE_2, type Theorem1Form, evaluateTheorem1Form, formatLabel, formatThreshold, verdictSentence } from './theorem1-form';

function ok(form: Theorem1Form) {
  const outcome = evaluateTheorem1Form(form);
  if (!outcome.ok) throw new Error(`expected a result, got: ${outcome.message}`);
  return outcome;
}

describe('evaluateTheorem1Form', () => {
  it('reads example 1 as (0.999, 0.001) vs (0.99, 0.01): right side 254.4339, threshold 0.003915 ≈ 0.004', () => {
    // ln(0.01/0.001) / ln(0.999/0.99) = 2.302585 / 0.0090498 = 254.434; 1 / (1 + 254.434) = 0.0039149.
    const outcome = ok(EXAMPLE_1);
    expect(outcome.cold[1]).toBe(0.001);
    expect(outcome.result.rhs).toBeCloseTo(254.434, 3);
    expect(formatThreshold(outcome.result.threshold)).toBe('0.003915 (≈ 0.004)');
    expect(outcome.result.lhs).toBeCloseTo(99, 12); // y₂ᵖ = 0.01: 0.99 / 0.01
    expect(outcome.result.holds).toBe(true);
  });

  it('gives example 2’s exact values, 3.4575 and 0.2243, where the quoted 3.88 and 0.23 are not exact', () => {
    const outcome = ok(EXAMPLE_2);
    expect(outcome.result.rhs).toBeCloseTo(3.457525, 5);
    expect(outcome.result.threshold).toBeCloseTo(0.2243397, 6);
    expect(formatThreshold(outcome.result.threshold)).toBe('0.2243 (≈ 0.2)');
  });

  it('turns logits and two temperatures into soft labels first (paper Eq. 4): (ln 999, 0) at t = 1 is (0.999, 0.001)', () => {
    const outcome = ok({ ...EXAMPLE_1, mode: 'logits', logit1: String(Math.log(999)), t2: String(Math.log(999) / Math.log(99)) });
    expect(outcome.cold[0]).toBeCloseTo(0.999, 12);
    expect(outcome.hot[0]).toBeCloseTo(0.99, 12);
    expect(outcome.result.rhs).toBeCloseTo(254.434, 3);
  });

  it('names the field of the first problem: not a number, t₁ ≥ t₂, a hot label that is not hotter, y₂ᵖ out of [0, 1]', () => {
    expect(evaluateTheorem1Form({ ...EXAMPLE_1, hotMinor: 'abc' })).toEqual({ ok: false, field: 'hotMinor', message: 'Hot label q₂ must be a number, got “abc”' });
    expect(evaluateTheorem1Form({ ...EXAMPLE_1, oracleMinor: '' })).toMatchObject({ ok: false, field: 'oracleMinor' });
    expect(evaluateTheorem1Form({ ...EXAMPLE_1, mode: 'logits', t1: '2', t2: '2' })).toMatchObject({ ok: false, field: 't2', message: 'Need 0 < t₁ < t₂, got t₁ = 2, t₂ = 2' });
    expect(evaluateTheorem1Form({ ...EXAMPLE_1, mode: 'logits', logit1: '0', logit2: '1' })).toMatchObject({ ok: false, field: 'logit1' });
    expect(evaluateTheorem1Form({ ...EXAMPLE_1, hotMinor: '0.0005' })).toMatchObject({ ok: false, field: 'hotMinor' });
    expect(evaluateTheorem1Form({ ...EXAMPLE_1, oracleMinor: '1.2' })).toMatchObject({ ok: false, field: 'oracleMinor' });
    // Equal logits: both labels are (½, ½), nothing to compare; theorem1's own message says so.
    expect(evaluateTheorem1Form({ ...EXAMPLE_1, mode: 'logits', logit1: '1', logit2: '1' })).toMatchObject({ ok: false, field: null, message: /more mass than the cold one/ });
  });

  it('ignores the other mode’s fields: a bad logit does not stop the labels mode', () => {
    expect(evaluateTheorem1Form({ ...EXAMPLE_1, logit1: 'x' }).ok).toBe(true);
  });
});

describe('verdictSentence', () => {
  it('says yes with the fall in KL when y₂ᵖ is above the threshold', () => {
    // y = (0.99, 0.01): KL to (0.999, 0.001) = 0.99 ln(0.99/0.999) + 0.01 ln 10 = −0.0089594 + 0.0230259 = 0.0140665;
    // KL to (0.99, 0.01) = 0, so heating lowers it by 0.0141 nats.
    expect(verdictSentence(ok(EXAMPLE_1))).toBe(
      'Yes. At y₂ᵖ = 0.01 the oracle is closer to the hotter label (0.99, 0.01) than the colder (0.999, 0.001): heating lowers its term of the discrepancy G (Eq. 7) by 0.0141 nats.',
    );
  });

  it('says no below the threshold and where heating starts to help', () => {
    const sentence = verdictSentence(ok({ ...EXAMPLE_1, oracleMinor: '0.002' }));
    expect(sentence).toMatch(/^No\. At y₂ᵖ = 0\.002 the oracle is farther from the hotter label/);
    expect(sentence).toMatch(/Heating helps only for y₂ᵖ > 0\.003915 \(≈ 0\.004\)\.$/);
  });
});

describe('formatLabel', () => {
  it('prints four significant digits as decimals down to 1e-4 (0.00099995 reads 0.001), exponents below', () => {
    expect(formatLabel([0.99900004, 0.00099995])).toBe('(0.999, 0.001)');
    expect(formatLabel([1 - 2e-22, 1.9287e-22])).toBe('(1, 1.929e-22)');
    expect(formatLabel([0.5, 0.5])).toBe('(0.5, 0.5)');
  });
});
