import { memo } from 'react';
import { formatDecimal, formatSignificant } from '../../shared/format';
import type { SimulationData } from './simulation-data';

const g = (v: number) => formatSignificant(v, 4);

/**
 * The simulation chart's text alternative: every grid point with G of both models (visually hidden).
 * Rows are keyed by position: the grid keeps its size as sliders move, so React rewrites their text
 * instead of removing and recreating every row (the values of x change with γ).
 */
export const SimulationTable = memo(function SimulationTable({ data }: { data: SimulationData }) {
  const binary = data.variant === 'binary';
  return (
    <table aria-label={binary ? 'Binary simulation data' : 'Dirichlet simulation data'} className="visually-hidden-table">
      <thead>
        <tr>
          {binary && <th scope="col">s (model 2’s class-2 output on ambiguous points)</th>}
          <th scope="col">Temperature T</th>
          <th scope="col">Model 2 soft labels G (nats)</th>
          <th scope="col">of which ambiguous points</th>
          <th scope="col">of which clear points</th>
          <th scope="col">Model 1 one-hot-like G (nats)</th>
        </tr>
      </thead>
      <tbody>
        {data.x.map((x, i) => (
          <tr key={i}>
            {binary && <td>{formatSignificant(x, 4)}</td>}
            <td>{formatDecimal(data.temperature[i], 3)}</td>
            <td>{g(data.soft[i])}</td>
            <td>{g(data.softAmbiguous[i])}</td>
            <td>{g(data.softClear[i])}</td>
            <td>{g(data.oneHot)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
