import { REPEAT_CHOICES, type Repeats } from '../shared/repeats';

/** "Repeats": train the same settings at 1, 3 or 5 seeds (seed, seed + 1, …) and show mean and spread. */
export function RepeatsSelect({ value, onChange, disabled = false, title }: {
  value: Repeats;
  onChange: (repeats: Repeats) => void;
  disabled?: boolean;
  /** Why it is disabled, or what it does. */
  title?: string;
}) {
  return (
    <label className="repeats" title={title ?? 'Train at seeds seed, seed + 1, …: the chart shows the mean and the min–max range'}>
      Repeats
      <select value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value) as Repeats)}>
        {REPEAT_CHOICES.map((r) => (
          <option key={r} value={r}>{r}</option>
        ))}
      </select>
    </label>
  );
}
