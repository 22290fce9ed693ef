import { useId, useMemo, useState } from 'react';
import { ConditionReadout } from './ConditionReadout';
import { NumberField } from './NumberField';
import {
  EXAMPLE_1, EXAMPLE_2, EXAMPLE_2_QUOTED, FIELD_LABELS, type Theorem1Field, type Theorem1Form, type Theorem1Mode,
  evaluateTheorem1Form, formatSide, formatThreshold,
} from './theorem1-form';

const FIELDS: Record<Theorem1Mode, Theorem1Field[]> = {
  labels: ['coldMinor', 'hotMinor', 'oracleMinor'],
  logits: ['logit1', 'logit2', 't1', 't2', 'oracleMinor'],
};

/** Theorem 1 of Appendix C as a calculator: two soft labels (or logits and two temperatures) and the oracle's y₂ᵖ in, condition (12) out. */
export function Theorem1Calculator() {
  const [form, setForm] = useState<Theorem1Form>(EXAMPLE_1);
  const outcome = useMemo(() => evaluateTheorem1Form(form), [form]);
  const example2 = useMemo(() => evaluateTheorem1Form(EXAMPLE_2), []);
  const headingId = useId();
  const modeId = useId();
  const set = (patch: Partial<Theorem1Form>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <div className="theory-part" role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>Theorem 1 (Appendix C, condition (12))</h3>
      <p className="caption">
        For binary soft labels p = p<sup>t₁</sup> (cold) and q = p<sup>t₂</sup> (hot, t₂ &gt; t₁), class 1 being the teacher’s
        prediction, the hot label is closer to the oracle yᵖ (lower KL, paper Eq. 7) exactly when y₁ᵖ / y₂ᵖ &lt; ln(q₂/p₂) / ln(p₁/q₁).
      </p>
      <div className="theory-examples">
        <button type="button" onClick={() => setForm(EXAMPLE_1)}>Paper example 1</button>
        <button type="button" onClick={() => setForm(EXAMPLE_2)}>Paper example 2</button>
      </div>
      <div className="field">
        <label htmlFor={modeId}>Theorem 1 input</label>
        <select id={modeId} value={form.mode} onChange={(e) => set({ mode: e.target.value as Theorem1Mode })}>
          <option value="labels">Soft labels (class-2 mass)</option>
          <option value="logits">Logits and two temperatures</option>
        </select>
      </div>
      <div className="theory-fields">
        {FIELDS[form.mode].map((field) => (
          <NumberField key={field} label={FIELD_LABELS[field]} value={form[field]} onChange={(text) => set({ [field]: text })}
            error={!outcome.ok && outcome.field === field ? outcome.message : null} />
        ))}
      </div>
      {outcome.ok ? <ConditionReadout outcome={outcome} /> : outcome.field === null && <p className="field-error">{outcome.message}</p>}
      {example2.ok && (
        <p className="hint">
          The paper’s example 2, (0.8, 0.2) vs (0.75, 0.25), is quoted as ≈ {EXAMPLE_2_QUOTED.rhs} with y₂ᵖ &gt; {EXAMPLE_2_QUOTED.threshold};
          the exact formula gives {formatSide(example2.result.rhs)} and y₂ᵖ &gt; {formatThreshold(example2.result.threshold)}. The
          quoted right side does not follow from the formula (0.23 is still a sufficient bound); we show the exact values.
        </p>
      )}
    </div>
  );
}
