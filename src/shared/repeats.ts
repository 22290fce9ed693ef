/**
 * Repeats: a sweep point or a run trained again over seeds seed, seed + 1, …, so a difference can
 * be told from the spread one seed to the next. Repeat r (1-based) runs the whole experiment —
 * data, shuffling, initialisation, teacher, attacks — at `seed + r − 1`. Plain numbers only: the
 * engine, the command line and the page all read it.
 */
import { FIELDS } from './config';
import type { RepeatTag, SweepFigures } from './events';
import { type Summary, summarise } from './stats';

export type { RepeatTag };

/** How many seeds a point or a run is trained on. */
export const REPEAT_CHOICES = [1, 3, 5] as const;
export type Repeats = (typeof REPEAT_CHOICES)[number];

export const isRepeats = (value: number): value is Repeats => (REPEAT_CHOICES as readonly number[]).includes(value);

export type RepeatCheck = { ok: true; seeds: number[] } | { ok: false; message: string };

/** The seeds of `repeats` repeats from `seed`; refused when not 1, 3 or 5, or when the last seed leaves the Seed range. */
export function checkRepeats(repeats: number, seed: number): RepeatCheck {
  if (!isRepeats(repeats)) return { ok: false, message: `Repeats: ${repeats} is not one of ${REPEAT_CHOICES.join(', ')}.` };
  const last = seed + repeats - 1;
  if (last > FIELDS.seed.max) {
    return { ok: false, message: `Repeats: ${repeats} repeats from seed ${seed} need seeds up to ${last}, above the Seed maximum ${FIELDS.seed.max}.` };
  }
  return { ok: true, seeds: Array.from({ length: repeats }, (_, r) => seed + r) };
}

/** A sweep point's figures over its repeats; Square's and AA-lite's are null when no repeat ran them. */
export interface FigureSpread {
  natAcc: Summary;
  robustAcc: Summary;
  squareAcc: Summary | null;
  aaLiteAcc: Summary | null;
  worstCaseAcc: Summary;
  logitScale: Summary;
}

/** One sweep point (a τ, a λ, the TRADES row) and every repeat of it measured so far. */
export interface RepeatGroup<P> {
  key: string;
  /** The first repeat measured: its settings (τ, λ, attacks, subset) are the group's. */
  first: P;
  /** The repeats measured, in the order they arrived. */
  points: P[];
  spread: FigureSpread;
}

function spreadOf(points: readonly SweepFigures[]): FigureSpread {
  const measured = (values: Array<number | null>) => {
    const present = values.filter((v): v is number => v !== null);
    return present.length > 0 ? summarise(present) : null;
  };
  return {
    natAcc: summarise(points.map((p) => p.natAcc)),
    robustAcc: summarise(points.map((p) => p.robustAcc)),
    squareAcc: measured(points.map((p) => p.squareAcc)),
    aaLiteAcc: measured(points.map((p) => p.aaLiteAcc)),
    worstCaseAcc: summarise(points.map((p) => p.worstCaseAcc)),
    logitScale: summarise(points.map((p) => p.logitScale)),
  };
}

/** Points grouped by `keyOf` (in the order each key first appears), each group summarised over its repeats. */
export function groupRepeats<P extends SweepFigures>(points: readonly P[], keyOf: (point: P) => string): RepeatGroup<P>[] {
  const groups = new Map<string, P[]>();
  for (const point of points) {
    const key = keyOf(point);
    groups.set(key, [...(groups.get(key) ?? []), point]);
  }
  return [...groups].map(([key, members]) => ({ key, first: members[0], points: members, spread: spreadOf(members) }));
}

/** One epoch of a repeated run: each figure over the repeats that reached it (PGD: those that measured it). */
export interface EpochSpread {
  epoch: number;
  natAcc: Summary;
  robustAcc: Summary | null;
}

/** Per student epoch, in order, the figures of every run of a group that has that epoch. */
export function epochSpread(runs: ReadonlyArray<{ student: ReadonlyArray<{ epoch: number; natAcc: number; robustAcc: number | null }> }>): EpochSpread[] {
  const epochs = [...new Set(runs.flatMap((r) => r.student.map((p) => p.epoch)))].sort((a, b) => a - b);
  return epochs.map((epoch) => {
    const points = runs.flatMap((r) => r.student.filter((p) => p.epoch === epoch));
    const pgd = points.flatMap((p) => (p.robustAcc === null ? [] : [p.robustAcc]));
    return { epoch, natAcc: summarise(points.map((p) => p.natAcc)), robustAcc: pgd.length > 0 ? summarise(pgd) : null };
  });
}
