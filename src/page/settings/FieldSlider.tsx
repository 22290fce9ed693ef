import { useId } from 'react';
import { FIELDS, type NumericKey } from '../../shared/config';
import { formatDecimal } from '../../shared/format';
import { useStore } from '../store';

interface FieldSliderProps {
  field: NumericKey;
  /** Upper bound narrower than the schema's (e.g. ε per data set). */
  max?: number;
  /** Step finer or coarser than the schema's (e.g. 1/255 for ε on CIFAR-10). */
  step?: number;
  /** How the current value reads next to the slider. */
  format?: (value: number) => string;
  /** Called with each new value (e.g. to pass τ to a running experiment). */
  onCommit?: (value: number) => void;
  hint?: string;
}

/** A range input bound to one numeric config field; its label is its accessible name. */
export function FieldSlider({ field, max, step, format = formatDecimal, onCommit, hint }: FieldSliderProps) {
  const spec = FIELDS[field];
  const value = useStore((s) => s.settings.config[field]) as number;
  const set = useStore.use.settings.set();
  const id = useId();
  const text = format(value);
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      <output htmlFor={id} aria-live="off">{text}</output>
      <input
        id={id}
        type="range"
        min={spec.min}
        max={max ?? spec.max}
        step={step ?? spec.step}
        value={value}
        aria-valuetext={text}
        onChange={(e) => {
          const next = Number(e.target.value);
          set(field, next);
          onCommit?.(next);
        }}
      />
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
}
