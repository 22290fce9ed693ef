import type { ChartAxis, ChartSeries } from './types';

interface ChartTooltipProps {
  series: ChartSeries[];
  x: ChartAxis;
  y: ChartAxis;
  /** Set by recharts: whether the pointer is over the plot, and the x it is nearest. */
  active?: boolean;
  label?: number | string;
}

/** The values of every line at the x under the pointer, each with its min–max range where it has one. */
export function ChartTooltip({ series, x, y, active, label }: ChartTooltipProps) {
  if (!active || typeof label !== 'number') return null;
  const text = y.detail ?? y.format;
  return (
    <div className="chart-tooltip">
      <strong>{x.label ?? 'x'} {(x.detail ?? x.format)(label)}</strong>
      {series.map((s) => {
        const value = s.points.find((p) => p[0] === label)?.[1];
        const range = s.band?.find((b) => b[0] === label);
        return value == null ? null : (
          <div key={s.key} style={{ color: s.color }}>
            {s.name}: {text(value)}{range && ` (${text(range[1])}–${text(range[2])})`}
          </div>
        );
      })}
    </div>
  );
}
