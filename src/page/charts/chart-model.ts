/**
 * What a line chart draws, computed once per change of its data: one row per x for recharts
 * (each series' value under its key, each band's [low, high] under `band:<key>`), and the axes'
 * domains and ticks from scale.ts, so every chart on the page rounds its ticks the same way.
 */
import { domainOf, ticks } from './scale';
import type { ChartAxis, ChartRule, ChartSeries } from './types';

export type ChartRow = { x: number } & Record<string, number | [number, number] | undefined>;

export interface ChartModel {
  rows: ChartRow[];
  xDomain: [number, number];
  yDomain: [number, number];
  xTicks: number[];
  yTicks: number[];
}

export const bandKey = (key: string) => `band:${key}`;

/** The rows and axes of `series` drawn `width` × `height` pixels. */
export function chartModel(series: ChartSeries[], rules: ChartRule[], x: ChartAxis, y: ChartAxis, width: number, height: number): ChartModel {
  const byX = new Map<number, ChartRow>();
  const row = (at: number) => byX.get(at) ?? byX.set(at, { x: at }).get(at)!;
  const ys: number[] = [];
  for (const s of series) {
    for (const [px, py] of s.points) {
      if (py === null) continue;
      row(px)[s.key] = py;
      ys.push(py);
    }
    for (const [px, low, high] of s.band ?? []) {
      row(px)[bandKey(s.key)] = [low, high];
      ys.push(low, high);
    }
  }
  const rows = [...byX.values()].sort((a, b) => a.x - b.x);
  const xDomain = domainOf(rows.map((r) => r.x), x.domain, x.scale);
  const yDomain = domainOf([...ys, ...rules.filter((r) => r.axis === 'y').map((r) => r.at)], y.domain, y.scale);
  return {
    rows,
    xDomain,
    yDomain,
    xTicks: ticks(...xDomain, { scale: x.scale, integer: x.integer, count: Math.max(2, Math.floor(width / 90)) }),
    yTicks: ticks(...yDomain, { scale: y.scale, integer: y.integer, count: Math.max(2, Math.floor(height / 50)) }),
  };
}
