import { useId, useState } from 'react';
import { FIELDS, type NumericKey } from '../../shared/config';
import { useStore } from '../store';

/**
 * A number input bound to one config field. What the person types stays in the box even when
 * refused; the refusal is shown under it, and the config keeps its last good value.
 */
export function FieldNumber({ field }: { field: NumericKey }) {
  const spec = FIELDS[field];
  const value = useStore((s) => s.settings.config[field]) as number;
  const issue = useStore((s) => s.settings.issues.find((i) => i.field === field));
  const set = useStore.use.settings.set();
  const [draft, setDraft] = useState(String(value));
  const [shown, setShown] = useState(value);
  const id = useId();
  // The config changed from elsewhere (URL, another control): show the new value.
  if (value !== shown) {
    setShown(value);
    setDraft(String(value));
  }
  return (
    <div className="field field-number">
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        type="number"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={draft}
        aria-invalid={issue ? true : undefined}
        aria-describedby={issue ? `${id}-error` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          set(field, e.target.value.trim() === '' ? NaN : Number(e.target.value));
        }}
      />
      {issue && (
        <p className="field-error" id={`${id}-error`}>
          {issue.message}
        </p>
      )}
    </div>
  );
}
