import type { RunRecord } from '../../shared/run-record';
/**
 * The accuracy chart's runs as it draws them: a run on its own, or the runs of one repeated Train
 * (a group: the same settings at seeds seed, seed + 1, …) as one, their mean per epoch with the
 * min–max over the seeds that reached that epoch. Saved runs shown for comparison stay single.
 */

export type ChartUnit = { kind: 'run'; run: RunRecord } | { kind: 'group'; group: number; runs: RunRecord[] };

/** The runs a repeated Train trained so far, in order (the group of `run`, or just `run`). */
export function groupOf(runs: RunRecord[], run: RunRecord): RunRecord[] {
  const group = run.savedId === undefined ? run.repeat?.group : undefined;
  return group === undefined ? [run] : runs.filter((r) => r.savedId === undefined && r.repeat?.group === group);
}

/** One unit per single run and one per group, each where its first run stands. */
export function chartUnits(runs: RunRecord[]): ChartUnit[] {
  const units: ChartUnit[] = [];
  const seen = new Set<number>();
  for (const run of runs) {
    const group = run.savedId === undefined ? run.repeat?.group : undefined;
    if (group === undefined) units.push({ kind: 'run', run });
    else if (!seen.has(group)) {
      seen.add(group);
      units.push({ kind: 'group', group, runs: groupOf(runs, run) });
    }
  }
  return units;
}

/** "seeds 1–3" of a group, from its first run's tag. */
export function seedsText(runs: RunRecord[]): string {
  const tag = runs[0]?.repeat;
  if (!tag) return '';
  const first = tag.seed - tag.repeat + 1;
  return `seeds ${first}–${first + tag.repeats - 1}`;
}
