import { useId, useState } from 'react';

interface DraftNumberProps {
  label: string;
  value: number | null;
  min: number;
  max: number;
  /** Called with each acceptable value (a whole number in [min, max]), or null when emptied and `optional`. */
  onChange: (value: number | null) => void;
  /** Empty means "use the default" (shown as the placeholder). */
  optional?: boolean;
  placeholder?: string;
  disabled?: boolean;
}

/**
 * A whole-number input outside the config table (detector and sweep budgets). What the person
 * types stays in the box while they type; a value out of range is refused with a message and
 * the last good value stays in force — the box never snaps to a number they did not type.
 */
export function DraftNumber({ label, value, min, max, onChange, optional = false, placeholder, disabled }: DraftNumberProps) {
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  const [shown, setShown] = useState(value);
  const id = useId();
  if (value !== shown) {
    setShown(value);
    setDraft(value === null ? '' : String(value));
  }
  const trimmed = draft.trim();
  const parsed = Number(trimmed);
  const error =
    trimmed === ''
      ? optional ? null : `${label} is needed`
      : !Number.isInteger(parsed) || parsed < min || parsed > max
        ? `${label} must be a whole number from ${min} to ${max}`
        : null;
  return (
    <span className="draft-number">
      <label htmlFor={id}>
        {label}
        <input
          id={id}
          type="number"
          min={min}
          max={max}
          step={1}
          value={draft}
          placeholder={placeholder}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            const n = Number(text.trim());
            if (text.trim() === '' && optional) onChange(null);
            else if (text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max) onChange(n);
          }}
        />
      </label>
      {/* Outside the label, so the field's accessible name stays its label. */}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </span>
  );
}
