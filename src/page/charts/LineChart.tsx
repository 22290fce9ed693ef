import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { bandKey, chartModel } from './chart-model';
import { ChartTooltip } from './ChartTooltip';
import { Legend } from './Legend';
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

const MARGIN = { top: 10, right: 14, bottom: 0, left: 0 };
const Y_AXIS_WIDTH = 48;
const TICK = { fontSize: 11, fill: 'var(--muted)', className: 'chart-tick' };

/**
 * Every chart of the page, drawn by recharts. Live charts redraw often while training, so this
 * does what keeps recharts cheap there: no animation, rows and ticks computed once per change of
 * the data (chartModel), a memoised component that re-renders only when its props change, and a
 * plain legend outside the SVG. The data themselves are in each panel's table, so the SVG is
 * hidden from screen readers.
 */
/** A marker point: a diamond in the series' colour, outlined in the background colour so it stands out on a line. */
function Diamond({ cx, cy, visible, color }: { cx?: number; cy?: number; visible: boolean; color: string }) {
  if (!visible || cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return <g />;
  const r = 7;
  return <path className="chart-marker" d={`M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`} fill={color} stroke="var(--bg, #fff)" strokeWidth={1.5} />;
}

export const LineChart = memo(function LineChart({ series, x, y, height, rules = [], legend = true }: LineChartProps) {
  const [box, width] = useWidth<HTMLDivElement>();
  const model = useMemo(() => chartModel(series, rules, x, y, width, height), [series, rules, x, y, width, height]);
  const scale = (axis: ChartAxis) => (axis.scale === 'log' ? 'log' : 'linear');
  return (
    <div className="line-chart" ref={box}>
      <div aria-hidden="true">
        <ComposedChart width={width} height={height} data={model.rows} margin={MARGIN} accessibilityLayer={false}>
          <CartesianGrid vertical={false} className="chart-grid" />
          <XAxis
            dataKey="x" type="number" scale={scale(x)} domain={model.xDomain} ticks={model.xTicks} tickFormatter={x.format} allowDataOverflow
            tick={TICK} className="chart-axis" label={x.label ? { value: x.label, position: 'insideBottomRight', offset: -4, className: 'chart-label' } : undefined}
          />
          <YAxis type="number" scale={scale(y)} domain={model.yDomain} ticks={model.yTicks} tickFormatter={y.format} allowDataOverflow tick={TICK} width={Y_AXIS_WIDTH} />
          <Tooltip content={<ChartTooltip series={series} x={x} y={y} />} isAnimationActive={false} />
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
                  key={s.key} dataKey={s.key} name={s.name} stroke="none" connectNulls={false} legendType="none"
                  dot={(p: { cx?: number; cy?: number; index?: number; value?: unknown }) => <Diamond key={`${s.key}-${p.index}`} cx={p.cx} cy={p.cy} visible={p.value != null} color={s.color} />}
                  activeDot={false} isAnimationActive={false} type="linear"
                />
              );
            }
            // A line through one point draws nothing: a lone value (a run's first epoch) shows as a dot.
            const lone = s.points.filter((p) => p[1] !== null).length === 1;
            return (
              <Line
                key={s.key} dataKey={s.key} name={s.name} stroke={s.color} strokeWidth={s.width ?? 2} strokeDasharray={s.dash} connectNulls
                dot={s.dots || lone ? { r: 3, fill: s.color, stroke: s.color } : false} activeDot={false} isAnimationActive={false} type="linear"
              />
            );
          })}
        </ComposedChart>
      </div>
      {legend && <Legend series={series} />}
    </div>
  );
});
