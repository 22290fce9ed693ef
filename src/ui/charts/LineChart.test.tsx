// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formatDecimal, formatPercent } from '../../shared/format';
import { render } from '../testing/render';
import { type ChartAxis, LineChart } from './LineChart';

const EPSILON: ChartAxis = { label: 'ε', domain: [0, 'auto'], format: (v) => formatDecimal(v) };
const PERCENT: ChartAxis = { domain: [0, 100], format: (v) => formatPercent(v, { decimals: 0 }) };

describe('LineChart', () => {
  it('draws one path per series through its points, skipping missing values, and names each in the legend', async () => {
    const series = [
      { key: 'pgd', name: 'PGD robust accuracy', points: [[0, 80], [0.05, 40], [0.1, null], [0.15, 10]] as const, color: '#123456', dots: true },
      { key: 'square', name: 'Square robust accuracy', points: [[0, 80], [0.15, 5]] as const, color: '#654321', dash: '4 2' },
    ];
    const page = await render(<LineChart series={series} x={EPSILON} y={PERCENT} height={200} />);
    const paths = [...page.container.querySelectorAll('path')];
    expect(paths).toHaveLength(2);
    expect(paths[0].getAttribute('d')!.match(/[ML]/g)).toEqual(['M', 'L', 'L']); // the null is skipped
    expect(paths[1].getAttribute('stroke-dasharray')).toBe('4 2');
    expect(page.container.querySelectorAll('circle')).toHaveLength(3);
    expect(page.container.querySelector('.chart-legend')!.textContent).toBe('PGD robust accuracySquare robust accuracy');
    await page.unmount();
  });

  it('labels the axes with formatted round ticks (no 0.150000000000000002)', async () => {
    const series = [{ key: 'a', name: 'a', points: [[0, 10], [0.15000000000000002, 20]] as const, color: 'black' }];
    const page = await render(<LineChart series={series} x={EPSILON} y={PERCENT} height={200} />);
    const ticks = [...page.container.querySelectorAll('.chart-tick')].map((t) => t.textContent);
    expect(ticks).toContain('0.15');
    expect(ticks).toContain('100%');
    expect(ticks.every((t) => t!.length <= 5)).toBe(true);
    await page.unmount();
  });

  it('puts a higher value higher on the plot, and x in order from left to right', async () => {
    const series = [{ key: 'a', name: 'a', points: [[1, 20], [2, 80]] as const, color: 'black', dots: true }];
    const page = await render(<LineChart series={series} x={{ integer: true, format: String }} y={PERCENT} height={200} />);
    const [first, second] = [...page.container.querySelectorAll('circle')].map((c) => ({ x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) }));
    expect(second.x).toBeGreaterThan(first.x);
    expect(second.y).toBeLessThan(first.y);
    await page.unmount();
  });

  it('shows a series with a single value as a dot, since a line through one point draws nothing', async () => {
    const series = [
      { key: 'natural', name: 'Natural accuracy', points: [[1, 78]] as const, color: '#1d3557' },
      { key: 'none', name: 'Not measured', points: [[1, null]] as const, color: '#999999' },
    ];
    const page = await render(<LineChart series={series} x={{ integer: true, format: String }} y={PERCENT} height={200} />);
    const dots = [...page.container.querySelectorAll('circle')];
    expect(dots.map((c) => c.getAttribute('fill'))).toEqual(['#1d3557']);
    await page.unmount();
  });
});
