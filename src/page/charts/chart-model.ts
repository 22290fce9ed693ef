/**
 * What a line chart hands recharts, computed once per change of its data: one row per x (each
 * series' value under its key, each band's [low, high] under `band:<key>`), sorted by x.
 */
import type { ChartSeries } from './types';

export type ChartRow = { x: number } & Record<string, number | [number, number] | undefined>;

export const bandKey = (key: string) => `band:${key}`;

/** The rows of `series`, one per distinct x; a null y is left out (the line joins its neighbours). */
export function chartRows(series: ChartSeries[]): ChartRow[] {
  const byX = new Map<number, ChartRow>();
  const row = (at: number) => byX.get(at) ?? byX.set(at, { x: at }).get(at)!;
  for (const s of series) {
    for (const [px, py] of s.points) if (py !== null) row(px)[s.key] = py;
    for (const [px, low, high] of s.band ?? []) row(px)[bandKey(s.key)] = [low, high];
  }
  return [...byX.values()].sort((a, b) => a.x - b.x);
}
