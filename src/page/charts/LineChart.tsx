import { memo, useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bandKey, chartRows } from './chart-model';
import { ChartTooltip } from './ChartTooltip';
import type { ChartAxis, ChartRule, ChartSeries } from './types';
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

const MARGIN = { top: 10, right: 14, bottom: 0, left: 0 };
const Y_AXIS_WIDTH = 48;
const TICK = { fontSize: 11, fill: 'var(--muted)', className: 'chart-tick' };
/** The width a chart draws at until ResizeObserver reports its box (and in tests, which do no layout). */
const INITIAL_WIDTH = 560;

const scaleOf = (axis: ChartAxis) => (axis.scale === 'log' ? 'log' : 'linear');
/** recharts' domain: each end fixed by the caller or 'auto' (recharts' round extent of the data). */
const domainOf = (axis: ChartAxis) => axis.domain ?? ['auto', 'auto'];
/**
 * Which ticks get labels: every one recharts' round steps give on a linear axis (about five, none
 * overlapping), so recharts need not measure each label's text in the DOM to thin them, a forced
 * layout on every redraw; a log axis's ticks (1 to 9 per decade) are thinned as recharts does.
 */
const intervalOf = (axis: ChartAxis) => (axis.scale === 'log' ? 'preserveEnd' : 0);

/** A marker point: a diamond in the series' colour, outlined in the background colour so it stands out on a line. */
function Diamond({ cx, cy, visible, color }: { cx?: number; cy?: number; visible: boolean; color: string }) {
  if (!visible || cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return <g />;
  const r = 7;
  return <path className="chart-marker" d={`M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`} fill={color} stroke="var(--bg, #fff)" strokeWidth={1.5} />;
}

/**
 * Every chart of the page, drawn by recharts: axes, round ticks (recharts' own, decimal-exact),
 * the legend, the tooltip and the responsive width are all recharts'; this wrapper only holds the
 * settings every chart shares. Live charts redraw often while training, so it does what keeps
 * recharts cheap there: no animation, rows computed once per change of the data (chartRows), and
 * a memoised component that re-renders only when its props change (the panels pass memoised
 * series, so a chart whose data did not change does not re-render: LineChart.test.tsx). The data
 * themselves are in each panel's table, so the SVG is hidden from screen readers; the legend is
 * portalled outside it, as plain text.
 */
export const LineChart = memo(function LineChart({ series, x, y, height, rules = [], legend = true }: LineChartProps) {
  const rows = useMemo(() => chartRows(series), [series]);
  const [legendBox, setLegendBox] = useState<HTMLDivElement | null>(null);
  return (
    <div className="line-chart">
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: INITIAL_WIDTH, height }}>
          <ComposedChart data={rows} margin={MARGIN} accessibilityLayer={false}>
            <CartesianGrid vertical={false} className="chart-grid" />
            <XAxis
              dataKey="x" type="number" scale={scaleOf(x)} domain={domainOf(x)} interval={intervalOf(x)} allowDecimals={!x.integer} tickFormatter={x.format} allowDataOverflow={x.domain !== undefined}
              tick={TICK} className="chart-axis" label={x.label ? { value: x.label, position: 'insideBottomRight', offset: -4, className: 'chart-label' } : undefined}
            />
            <YAxis
              type="number" scale={scaleOf(y)} domain={domainOf(y)} interval={intervalOf(y)} allowDecimals={!y.integer} tickFormatter={y.format} allowDataOverflow={y.domain !== undefined}
              tick={TICK} width={Y_AXIS_WIDTH}
            />
            <Tooltip content={<ChartTooltip series={series} x={x} y={y} />} isAnimationActive={false} />
            {/* In the series' order (recharts sorts by name unless told not to). */}
            {legend && legendBox && <Legend portal={legendBox} itemSorter={null} />}
            {series.map((s) =>
              !s.band || s.band.length === 0 ? null : s.band.length === 1 ? (
                // One x has no area to shade: a whisker from its low to its high.
                <ReferenceLine
                  key={`band-${s.key}`} className="chart-band" stroke={s.color} ifOverflow="extendDomain"
                  segment={[{ x: s.band[0][0], y: s.band[0][1] }, { x: s.band[0][0], y: s.band[0][2] }]}
                />
              ) : (
                <Area
                  key={`band-${s.key}`} dataKey={bandKey(s.key)} className="chart-band" fill={s.color} fillOpacity={0.15} stroke="none" connectNulls
                  isAnimationActive={false} activeDot={false} legendType="none" tooltipType="none"
                />
              ),
            )}
            {rules.map((r, i) => (
              <ReferenceLine
                key={`r${i}`} className="chart-rule" stroke={r.color ?? '#6c757d'} strokeDasharray="4 2" ifOverflow="extendDomain"
                {...(r.axis === 'x' ? { x: r.at } : { y: r.at })}
                // Alternate sides, so two levels close together keep readable labels.
                label={{ value: r.label, position: r.axis === 'x' ? 'insideTopRight' : i % 2 ? 'insideTopLeft' : 'insideTopRight', fontSize: 11, fill: 'var(--muted)' }}
              />
            ))}
            {series.map((s) => {
              if (s.marker === 'diamond') {
                return (
                  <Line
                    key={s.key} dataKey={s.key} name={s.name} stroke={s.color} strokeWidth={0} connectNulls={false} legendType="diamond"
                    dot={(p: { cx?: number; cy?: number; index?: number; value?: unknown }) => <Diamond key={`${s.key}-${p.index}`} cx={p.cx} cy={p.cy} visible={p.value != null} color={s.color} />}
                    activeDot={false} isAnimationActive={false} type="linear"
                  />
                );
              }
              // A line through one point draws nothing: a lone value (a run's first epoch) shows as a dot.
              const lone = s.points.filter((p) => p[1] !== null).length === 1;
              return (
                <Line
                  key={s.key} dataKey={s.key} name={s.name} stroke={s.markers ? 'none' : s.color} strokeWidth={s.width ?? 2} strokeDasharray={s.dash} connectNulls
                  legendType={s.markers ? 'circle' : 'plainline'}
                  dot={s.markers ? { r: 5, fill: s.color, stroke: s.color } : s.dots || lone ? { r: 3, fill: s.color, stroke: s.color } : false} activeDot={false} isAnimationActive={false} type="linear"
                />
              );
            })}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {legend && <div className="chart-legend" ref={setLegendBox} />}
    </div>
  );
});
