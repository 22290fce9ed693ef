import { formatFixed } from '../../shared/format';

/** The class colours of the data plot, so a bar and a point of the same class match. */
const CLASS_COLOURS = ['#1d3557', '#e76f51', '#2a9d8f', '#8d5fd3', '#e9c46a', '#6c757d'];

interface LabelBarsProps {
  /** What the distribution is, e.g. "Teacher, τ = 5"; also the start of the accessible name. */
  name: string;
  /** One probability per class, summing to 1. */
  probs: number[];
  classNames: string[];
}

/** One probability vector as a small group of bars, one per class (0 to 1, full height = 1). */
export function LabelBars({ name, probs, classNames }: LabelBarsProps) {
  const described = probs.map((p, c) => `${classNames[c] ?? `class ${c}`} ${formatFixed(p, 2)}`).join(', ');
  return (
    <div className="label-bars" role="img" aria-label={`${name}: ${described}`}>
      <span className="label-bars-name">{name}</span>
      <span className="label-bars-track" aria-hidden="true">
        {probs.map((p, c) => (
          <span
            key={c}
            className="label-bar"
            title={`${classNames[c] ?? `class ${c}`}: ${formatFixed(p, 3)}`}
            style={{ height: `${(100 * p).toFixed(1)}%`, background: CLASS_COLOURS[c % CLASS_COLOURS.length] }}
          />
        ))}
      </span>
    </div>
  );
}
