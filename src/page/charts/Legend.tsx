import type { ChartSeries } from './types';

/** Each line's name beside a sample of its stroke (plain text: readable, searchable, copyable). */
export function Legend({ series }: { series: ChartSeries[] }) {
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.key}>
          <svg width="22" height="10" aria-hidden="true">
            {s.marker === 'diamond' ? (
              <path className="chart-marker" d="M11,0L16,5L11,10L6,5Z" fill={s.color} />
            ) : (
              <line x1="1" y1="5" x2="21" y2="5" stroke={s.color} strokeWidth={s.width ?? 2} strokeDasharray={s.dash} />
            )}
          </svg>
          {s.name}
        </li>
      ))}
    </ul>
  );
}
