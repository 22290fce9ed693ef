import { memo, useMemo } from 'react';
import { formatDecimal, formatSignificant } from '../../shared/format';
import { type ChartAxis, type ChartRule, type ChartSeries, LineChart } from '../charts/LineChart';
import type { SimulationData } from './simulation-data';
import { describeSimulation } from './simulation-summary';
import { SimulationTable } from './SimulationTable';

const S_AXIS: ChartAxis = { label: 's', scale: 'log', format: (v) => formatSignificant(v, 2), detail: (v) => formatSignificant(v, 4) };
const T_AXIS: ChartAxis = { label: 'T', scale: 'log', format: (v) => formatDecimal(v, 1), detail: (v) => formatDecimal(v, 3) };
const G_AXIS: ChartAxis = { scale: 'log', format: (v) => formatSignificant(v, 2), detail: (v) => `${formatSignificant(v, 4)} nats` };

/**
 * G of both models along the grid (log–log), the soft labels' best point marked; its data table
 * beside it. Memoised: a slider's own re-render (before the deferred data arrive) skips the chart.
 */
export const SimulationChart = memo(function SimulationChart({ data, gamma }: { data: SimulationData; gamma: number }) {
  const binary = data.variant === 'binary';
  const series = useMemo((): ChartSeries[] => [
    { key: 'soft', name: 'Model 2: teacher’s soft labels', points: data.x.map((x, i) => [x, data.soft[i]] as const), color: '#e76f51', width: 2.5 },
    { key: 'one-hot', name: 'Model 1: one-hot-like', points: data.x.map((x) => [x, data.oneHot] as const), color: '#1d3557', dash: '6 3' },
  ], [data]);
  const rules = useMemo((): ChartRule[] => [
    { axis: 'x', at: data.best.x, label: 'best', color: '#2a9d8f' },
    // s = γ: model 2 gives the ambiguous points exactly their oracle label.
    ...(binary ? [{ axis: 'x' as const, at: gamma, label: 's = γ' }] : []),
  ], [data, binary, gamma]);
  return (
    <figure className="theory-chart" role="figure" aria-label="Appendix C simulation">
      <figcaption className="caption">G in nats (paper Eq. 7), both axes logarithmic. {describeSimulation(data)}</figcaption>
      <LineChart series={series} x={binary ? S_AXIS : T_AXIS} y={G_AXIS} rules={rules} height={240} />
      <SimulationTable data={data} />
    </figure>
  );
});
