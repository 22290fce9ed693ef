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
    const paths = [...page.container.querySelectorAll('path.recharts-line-curve')];
    expect(paths).toHaveLength(2);
    expect(paths[0].getAttribute('d')!.match(/[ML]/g)).toEqual(['M', 'L', 'L']); // the null is skipped
    expect(paths[1].getAttribute('stroke-dasharray')).toBe('4 2');
    expect(page.container.querySelectorAll('circle.recharts-line-dot')).toHaveLength(3);
    expect(page.container.querySelector('.chart-legend')!.textContent).toBe('PGD robust accuracySquare robust accuracy');
    await page.unmount();
  });

  it('labels the axes with formatted round ticks reaching the data (no 0.150000000000000002)', async () => {
    const series = [{ key: 'a', name: 'a', points: [[0, 10], [0.15000000000000002, 20]] as const, color: 'black' }];
    const page = await render(<LineChart series={series} x={EPSILON} y={PERCENT} height={200} />);
    const ticks = [...page.container.querySelectorAll('.chart-tick')].map((t) => t.textContent);
    // recharts' ticks are decimal-exact round steps over a domain rounded out to hold the data.
    expect(ticks).toContain('100%');
    const xs = ticks.slice(0, ticks.indexOf('0%')).map(Number);
    expect(Math.max(...xs)).toBeGreaterThanOrEqual(0.15);
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

  it('spaces decades evenly on a log axis', async () => {
    const series = [{ key: 'a', name: 'a', points: [[0.001, 20], [0.01, 50], [0.1, 80]] as const, color: 'black', dots: true }];
    const page = await render(<LineChart series={series} x={{ scale: 'log', format: String }} y={PERCENT} height={200} />);
    const [a, b, c] = [...page.container.querySelectorAll('circle.recharts-line-dot')].map((d) => Number(d.getAttribute('cx')));
    expect(b - a).toBeCloseTo(c - b, 6);
    expect(b - a).toBeGreaterThan(100);
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

  it('shades a min–max band under its line, widening the y range to hold it; a band at one x is a whisker', async () => {
    const series = [
      {
        key: 'mean', name: 'Natural accuracy (mean)', points: [[1, 50], [2, 60], [3, 70]] as const, color: '#2a9d8f',
        band: [[3, 66, 74], [1, 40, 60], [2, 55, 65]] as const,
      },
      { key: 'one', name: 'One τ', points: [[2, 30]] as const, color: '#e76f51', band: [[2, 20, 35]] as const },
      { key: 'plain', name: 'No band', points: [[1, 45], [3, 46]] as const, color: '#1d3557' },
    ];
    const auto: ChartAxis = { domain: ['auto', 'auto'], format: (v) => formatDecimal(v) };
    const page = await render(<LineChart series={series} x={{ integer: true, format: String }} y={auto} height={200} />);
    const bands = [...page.container.querySelectorAll('.chart-band path.recharts-area-area, .chart-band line')];
    expect(bands.map((b) => b.tagName.toLowerCase())).toEqual(['path', 'line']);
    const [area, whisker] = bands;
    expect(area.getAttribute('fill')).toBe('#2a9d8f');
    // Highs left to right, then lows right to left, closed: 6 corners.
    const corners = area.getAttribute('d')!.match(/[ML]([\d.]+),([\d.]+)/g)!.map((c) => c.slice(1).split(',').map(Number));
    expect(corners).toHaveLength(6);
    expect(area.getAttribute('d')!.endsWith('Z')).toBe(true);
    expect(corners.slice(0, 3).map((c) => c[0])).toEqual([...corners.slice(0, 3).map((c) => c[0])].sort((a, b) => a - b));
    const line = page.container.querySelectorAll('path.recharts-line-curve')[0].getAttribute('d')!;
    const meanYs = line.match(/,([\d.]+)/g)!.map((m) => Number(m.slice(1)));
    // Each high lies above its mean on screen (smaller y), each low below.
    corners.slice(0, 3).forEach((c, i) => expect(c[1]).toBeLessThan(meanYs[i]));
    corners.slice(3).reverse().forEach((c, i) => expect(c[1]).toBeGreaterThan(meanYs[i]));
    // The band's extremes (20 and 74) set the auto y range, not the lines alone (30 to 70): all of it
    // lies inside the plot (y from 10 to 170 at height 200), the whisker's low end below every line.
    const ys = [...corners.map((c) => c[1]), Number(whisker.getAttribute('y1')), Number(whisker.getAttribute('y2'))];
    for (const y of ys) {
      expect(y).toBeGreaterThanOrEqual(10 - 1e-6);
      expect(y).toBeLessThanOrEqual(170 + 1e-6);
    }
    expect(whisker.getAttribute('stroke')).toBe('#e76f51');
    expect(Number(whisker.getAttribute('y1'))).toBeGreaterThan(Math.max(...meanYs));
    expect(Number(whisker.getAttribute('y1'))).toBeGreaterThan(Number(whisker.getAttribute('y2')));
    await page.unmount();
  });
});
