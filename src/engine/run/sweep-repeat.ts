/**
 * One repeat of a sweep (τ or λ): the whole sweep again at another seed. Repeat r (1-based) runs
 * at `seed + r − 1` — its own data draw, shuffling, initialisation, teacher and attack noise — so
 * the spread over repeats is the spread a person would see by changing the Seed.
 *
 * Each seed's teacher is trained once and shared by all the repeat's points. The first repeat uses
 * the caller's teacher cache (the session's: the config's own teacher stays there for export, the
 * soft-label inspector and the next run, exactly as without repeats); a later repeat keeps its
 * teacher in a cache of its own, freed when the repeat ends, so at most two teachers live at once.
 */
import type { Config } from '../../shared/config';
import type { RepeatTag } from '../../shared/repeats';
import { loadDataset } from '../data';
import type { Dataset } from '../data/types';
import { Rng } from '../../shared/rng';
import { TeacherCache, teacherKey } from '../train/teacher-cache';
import { RunData } from './run-data';

export class SweepRepeat {
  /** The sweep's config at this repeat's seed. */
  readonly config: Config;
  /** The seed of the evaluation attack (the experiment's own), so a point's white-box figure is its run's last. */
  readonly evalSeed: number;
  readonly squareSeed: number;
  private teacherPending: boolean;

  private constructor(
    readonly tag: RepeatTag,
    base: Config,
    readonly data: RunData,
    readonly cache: TeacherCache,
    private readonly ownsCache: boolean,
  ) {
    this.config = { ...base, seed: tag.seed };
    const rng = new Rng(tag.seed);
    this.squareSeed = rng.fork('sweep-square').seed();
    this.evalSeed = rng.fork('eval').seed();
    this.teacherPending = !cache.get(teacherKey(this.config));
  }

  /** The first repeat, at the config's own seed: the caller's data (already loaded) and teacher cache. */
  static first(base: Config, tag: RepeatTag, dataset: Dataset, cache: TeacherCache): SweepRepeat {
    return new SweepRepeat(tag, base, new RunData(base, dataset), cache, false);
  }

  /** A later repeat: its seed's data and a teacher cache of its own. */
  static async later(base: Config, tag: RepeatTag): Promise<SweepRepeat> {
    const config = { ...base, seed: tag.seed };
    return new SweepRepeat(tag, base, new RunData(config, await loadDataset(config)), new TeacherCache(), true);
  }

  /** Whether this repeat still has its teacher to train (for the cost model). */
  get needsTeacher(): boolean {
    return this.teacherPending;
  }

  /** `units` the first time it is asked (the run that trains the teacher counts them), 0 after. */
  takeTeacherUnits(units: number): number {
    const pending = this.teacherPending;
    this.teacherPending = false;
    return pending ? units : 0;
  }

  dispose(): void {
    this.data.dispose();
    if (this.ownsCache) this.cache.clear();
  }
}

/** The repeats of a sweep: 1-based index, count and seed of each. */
export function repeatTags(seeds: number[]): RepeatTag[] {
  return seeds.map((seed, i) => ({ repeat: i + 1, repeats: seeds.length, seed }));
}
