import { memo, useMemo, useState } from 'react';
import { Legend } from './Legend';
import { domainOf, scaleOf, ticks } from './scale';
import type { ChartAxis, ChartRule, ChartSeries } from './types';
import { useWidth } from './use-width';
import './charts.css';

export type { ChartAxis, ChartRule, ChartSeries } from './types';

interface LineChartProps {
  series: ChartSeries[];
  x: ChartAxis;
  y: ChartAxis;
  height: number;
  rules?: ChartRule[];
  legend?: boolean;
}

const MARGIN = { top: 10, right: 14, bottom: 30, left: 48 };

/**
 * A plain SVG line chart. The page's live charts used recharts, whose every update ran a cascade
 * of synchronous re-renders through its internal store: 100–500 ms main-thread tasks per epoch on
 * a loaded CPU, most of the page's long tasks while training. This draws a few paths and ticks
 * (a millisecond or two), and redraws only when its props change (memo).
 */
export const LineChart = memo(function LineChart({ series, x, y, height, rules = [], legend = true }: LineChartProps) {
  const [box, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };

  const geometry = useMemo(() => {
    const points = series.flatMap((s) => s.points.filter((p): p is [number, number] => p[1] !== null));
    const bands = series.flatMap((s) => s.band ?? []);
    const xDomain = domainOf(points.map((p) => p[0]), x.domain, x.scale);
    const yDomain = domainOf(
      [...points.map((p) => p[1]), ...bands.flatMap((b) => [b[1], b[2]]), ...rules.filter((r) => r.axis === 'y').map((r) => r.at)], y.domain, y.scale,
    );
    const xs = [...new Set(points.map((p) => p[0]))].sort((a, b) => a - b);
    return { xDomain, yDomain, xs };
  }, [series, rules, x.domain, x.scale, y.domain, y.scale]);
  const sx = scaleOf(geometry.xDomain, [plot.left, plot.right], x.scale);
  const sy = scaleOf(geometry.yDomain, [plot.bottom, plot.top], y.scale);
  const xTicks = ticks(...geometry.xDomain, { scale: x.scale, integer: x.integer, count: Math.max(2, Math.floor(width / 90)) });
  const yTicks = ticks(...geometry.yDomain, { scale: y.scale, integer: y.integer, count: Math.max(2, Math.floor(height / 50)) });
  const path = (s: ChartSeries) =>
    s.points
      .filter((p): p is [number, number] => p[1] !== null)
      .map(([px, py], i) => `${i ? 'L' : 'M'}${sx(px).toFixed(1)},${sy(py).toFixed(1)}`)
      .join('');
  /** The band's outline: along its lows left to right, back along its highs. */
  const bandPath = (band: NonNullable<ChartSeries['band']>) => {
    const sorted = [...band].sort((a, b) => a[0] - b[0]);
    const edge = [...sorted.map((b) => [b[0], b[1]] as const), ...sorted.reverse().map((b) => [b[0], b[2]] as const)];
    return `${edge.map(([px, py], i) => `${i ? 'L' : 'M'}${sx(px).toFixed(1)},${sy(py).toFixed(1)}`).join('')}Z`;
  };

  /** The data x nearest the pointer, for the tooltip. */
  const onMove = (event: React.PointerEvent<SVGSVGElement>) => {
    const px = event.clientX - event.currentTarget.getBoundingClientRect().left;
    let best: number | null = null;
    for (const value of geometry.xs) if (best === null || Math.abs(sx(value) - px) < Math.abs(sx(best) - px)) best = value;
    setHover(best);
  };

  return (
    <div className="line-chart" ref={box}>
      <svg width={width} height={height} aria-hidden="true" onPointerMove={onMove} onPointerLeave={() => setHover(null)}>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line className="chart-grid" x1={plot.left} x2={plot.right} y1={sy(t)} y2={sy(t)} />
            <text className="chart-tick" x={plot.left - 6} y={sy(t)} textAnchor="end" dominantBaseline="middle">{y.format(t)}</text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} className="chart-tick" x={sx(t)} y={plot.bottom + 14} textAnchor="middle">{x.format(t)}</text>
        ))}
        <line className="chart-axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        {x.label && <text className="chart-label" x={plot.right} y={height - 2} textAnchor="end">{x.label}</text>}
        {rules.map((r, i) =>
          r.axis === 'x' ? (
            <g key={`r${i}`} className="chart-rule" style={{ stroke: r.color }}>
              <line x1={sx(r.at)} x2={sx(r.at)} y1={plot.top} y2={plot.bottom} />
              <text x={sx(r.at) + 3} y={plot.top + 10}>{r.label}</text>
            </g>
          ) : (
            <g key={`r${i}`} className="chart-rule" style={{ stroke: r.color }}>
              <line x1={plot.left} x2={plot.right} y1={sy(r.at)} y2={sy(r.at)} />
              {/* Alternate sides, so two levels close together keep readable labels. */}
              <text x={i % 2 ? plot.left + 3 : plot.right - 3} y={sy(r.at) - 4} textAnchor={i % 2 ? 'start' : 'end'}>{r.label}</text>
            </g>
          ),
        )}
        {series.map((s) =>
          !s.band || s.band.length === 0 ? null : s.band.length === 1 ? (
            <line key={`band-${s.key}`} className="chart-band" x1={sx(s.band[0][0])} x2={sx(s.band[0][0])} y1={sy(s.band[0][1])} y2={sy(s.band[0][2])} stroke={s.color} />
          ) : (
            <path key={`band-${s.key}`} className="chart-band" d={bandPath(s.band)} fill={s.color} />
          ),
        )}
        {series.map((s) => (
          <g key={s.key}>
            <path d={path(s)} fill="none" stroke={s.color} strokeWidth={s.width ?? 2} strokeDasharray={s.dash} />
            {/* A line through one point draws nothing: a lone value (a run's first epoch) shows as a dot. */}
            {(s.dots || s.points.filter((p) => p[1] !== null).length === 1) &&
              s.points.map(([px, py]) => py !== null && <circle key={px} cx={sx(px)} cy={sy(py)} r={3} fill={s.color} />)}
          </g>
        ))}
        {hover !== null && <line className="chart-hover" x1={sx(hover)} x2={sx(hover)} y1={plot.top} y2={plot.bottom} />}
      </svg>
      {hover !== null && (
        <div className="chart-tooltip" style={{ left: Math.min(sx(hover) + 8, width - 200) }}>
          <strong>{x.label ?? 'x'} {(x.detail ?? x.format)(hover)}</strong>
          {series.map((s) => {
            const value = s.points.find((p) => p[0] === hover)?.[1];
            const range = s.band?.find((b) => b[0] === hover);
            const text = y.detail ?? y.format;
            return value == null ? null : (
              <div key={s.key} style={{ color: s.color }}>
                {s.name}: {text(value)}{range && ` (${text(range[1])}–${text(range[2])})`}
              </div>
            );
          })}
        </div>
      )}
      {legend && <Legend series={series} />}
    </div>
  );
});
