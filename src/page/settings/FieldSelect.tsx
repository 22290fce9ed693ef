import { useId } from 'react';
import { FIELDS, type EnumKey } from '../../shared/config';
import { useStore } from '../store';

/** A select bound to one enumerated config field, with human labels for its options. */
/** `options` narrows the choices (e.g. the models that fit the data set); default: all of the field's. */
export function FieldSelect({ field, labels, options }: { field: EnumKey; labels: Record<string, string>; options?: readonly string[] }) {
  const spec = FIELDS[field];
  const value = useStore((s) => s.settings.config[field]) as string;
  const set = useStore.use.settings.set();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      <select id={id} value={value} onChange={(e) => set(field, e.target.value as never)}>
        {(options ?? spec.options).map((option) => (
          <option key={option} value={option}>
            {labels[option] ?? option}
          </option>
        ))}
      </select>
    </div>
  );
}
