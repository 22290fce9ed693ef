import { useId } from 'react';

interface NumberFieldProps {
  /** The visible label, also the accessible name. */
  label: string;
  /** The text as typed: a half-typed number stays in the box. */
  value: string;
  onChange: (text: string) => void;
  /** Why the value is refused (names the field), or null. */
  error?: string | null;
}

/** A labelled number box for the Theorem 1 calculator; its problem, if any, sits under it. */
export function NumberField({ label, value, onChange, error = null }: NumberFieldProps) {
  const id = useId();
  return (
    <div className="field field-number">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        step="any"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}
