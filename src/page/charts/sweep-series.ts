/**
 * A sweep's points over repeated seeds as the charts and tables show them: each figure's mean as
 * the line, its min–max over the seeds as a shaded band (only where more than one seed measured
 * it), and the table's cells as mean ± s.d. once the sweep repeats.
 */
import { formatMeanSd, formatPercent } from '../../shared/format';
import type { FigureSpread, RepeatGroup, RepeatTag } from '../../shared/repeats';
import type { Summary } from '../../shared/stats';
import type { ChartSeries } from './LineChart';

type Figure = keyof FigureSpread;

/** One figure's mean line against `xOf`, with its min–max band where n > 1. */
export function meanSeries<P>(groups: RepeatGroup<P>[], xOf: (point: P) => number, figure: Figure, style: Omit<ChartSeries, 'points' | 'band'>): ChartSeries {
  const measured = groups.flatMap((g) => {
    const s = g.spread[figure];
    return s ? [{ x: xOf(g.first), s }] : [];
  });
  const band = measured.filter(({ s }) => s.n > 1).map(({ x, s }) => [x, s.min, s.max] as const);
  return { ...style, points: measured.map(({ x, s }) => [x, s.mean] as const), ...(band.length > 0 ? { band } : {}) };
}

/** Whether any series would be null: whether Square ran on any group. */
export const hasSquare = (groups: RepeatGroup<unknown>[]) => groups.some((g) => g.spread.squareAcc !== null);

/** Whether AA-lite ran besides the evaluation attack on any group. */
export const hasAaLite = (groups: RepeatGroup<unknown>[]) => groups.some((g) => g.spread.aaLiteAcc !== null);

/** A table cell: the figure itself for a sweep without repeats (as before), else mean ± s.d. ("—" for s.d. while n = 1). */
export function spreadCell(summary: Summary | null, repeated: boolean): string {
  if (!repeated) return formatPercent(summary?.mean, { sign: false });
  return formatMeanSd(summary);
}

/** The caption's word on repeats: which seeds, and what the line and the shading are; empty without repeats. */
export function repeatsCaption(first: RepeatTag | undefined): string {
  if (!first || first.repeats < 2) return '';
  const seed = first.seed - first.repeat + 1;
  return ` Each point: the mean over ${first.repeats} seeds (${seed}–${seed + first.repeats - 1}); shaded: their min–max; the table gives mean ± s.d. and n.`;
}

/** Which repeat a sweep's progress is in, when it repeats: " · repeat 2/3". */
export const repeatText = (progress: { repeat: number; repeats: number }) => (progress.repeats > 1 ? ` · repeat ${progress.repeat}/${progress.repeats}` : '');
