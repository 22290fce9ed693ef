import { useId } from 'react';

interface ValueSliderProps {
  /** The visible label, also the accessible name. */
  label: string;
  /** The values the slider steps through, in order; arrow keys move one value at a time. */
  values: readonly number[];
  value: number;
  onChange: (value: number) => void;
  /** How a value reads beside the slider and to a screen reader. */
  format: (value: number) => string;
}

/**
 * A range input over a list of values rather than a linear range, so ε can step 0.0001, 0.0002,
 * 0.0005… (a log scale) and still read its true value aloud (aria-valuetext).
 */
export function ValueSlider({ label, values, value, onChange, format }: ValueSliderProps) {
  const id = useId();
  // The nearest listed value: settings from elsewhere (defaults) need not be on the list exactly.
  const index = values.reduce((best, v, i) => (Math.abs(v - value) < Math.abs(values[best] - value) ? i : best), 0);
  const text = format(value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <output htmlFor={id} aria-live="off">{text}</output>
      <input
        id={id}
        type="range"
        min={0}
        max={values.length - 1}
        step={1}
        value={index}
        aria-valuetext={text}
        onChange={(e) => onChange(values[Number(e.target.value)])}
      />
    </div>
  );
}
