/**
 * Which model plays which role for the detector, the adversarial gallery and export — the last
 * run's student, its teacher, an imported model — and which data set each one is scored on.
 *
 * Why a class of its own: the session used to keep the last student across runs, so after a run
 * failed or a τ sweep ran (the sweep keeps no student), "Student (last run)" silently meant the
 * run before; and the teacher (from the newest config) was paired with that old student's data
 * set. Here a new run or sweep drops the student at once, and every entry carries the config
 * whose data set it was trained on. No tfjs at run time, so it is unit-tested in Node.
 */
import type * as tf from '@tensorflow/tfjs';
import { type Config, type DatasetId, needsTeacher, teacherTemperature } from '../../shared/config';
import type { Dataset } from '../data/types';
import type { ModelRole } from './engine-api';
import type { RoleModel } from './model-tasks';

/** The model-like things this module handles: only `dispose` is called here. */
type Model = { dispose(): unknown };

export interface RoleSources<M extends Model = tf.LayersModel> {
  /** The cached teacher trained for `config`, or null (the cache keys on the config's teacher settings). */
  teacherFor: (config: Config) => M | null;
  /** The imported model and the data set it was imported for, or null. */
  imported: () => { model: M; dataset: DatasetId } | null;
}

/** An imported model asked for under a config of another data set. */
export class ImportedDatasetMismatchError extends Error {
  constructor(readonly imported: DatasetId, readonly requested: DatasetId) {
    super(`Detector: the imported model is for the data set ${imported}; choose that data set first.`);
    this.name = 'ImportedDatasetMismatchError';
  }
}

export class RoleModels<M extends Model = tf.LayersModel> {
  private student: { model: M; dataset: Dataset; config: Config } | null = null;
  private current: Config | null = null;
  /** Counts begun runs and sweeps, so a run that ends after the next one began cannot keep its student. */
  private generation = 0;

  constructor(private readonly sources: RoleSources<M>) {}

  /** The config of the run or sweep begun last (its teacher is the one export and soft labels show). */
  get config(): Config | null {
    return this.current;
  }

  /** The last run's student, if that run is still the newest and ended without error. */
  get studentModel(): M | null {
    return this.student?.model ?? null;
  }

  /** The teacher trained for the newest run's config, if the cache holds it. */
  get teacherModel(): M | null {
    return this.current && this.sources.teacherFor(this.current);
  }

  /**
   * A run or a sweep begins with `config`: the previous student is disposed, so the detector,
   * the gallery and export say "no student yet" rather than examine an older run's.
   * @returns what the run calls to keep its student when it ends without error
   */
  begin(config: Config): (model: M, dataset: Dataset) => void {
    this.student?.model.dispose();
    this.student = null;
    this.current = config;
    const generation = ++this.generation;
    return (model, dataset) => {
      // Stopped by a newer run but finishing after it began: its student is already stale.
      if (generation !== this.generation) {
        model.dispose();
        return;
      }
      if (this.student && this.student.model !== model) this.student.model.dispose();
      this.student = { model, dataset, config };
    };
  }

  /** Free the student and forget the config (the session is disposed); a run still going keeps nothing. */
  clear(): void {
    this.student?.model.dispose();
    this.student = null;
    this.current = null;
    this.generation++;
  }

  /**
   * The model playing `role` for a request made with `request` (the page's config), or null.
   * The entry's config is the one whose data set the model is scored on: the run's for the
   * student and teacher, the request's for an imported model (checked to match).
   */
  resolve(role: ModelRole, request: Config): (Omit<RoleModel, 'model' | 'teacher'> & { model: M; teacher?: { model: M; temperature: number } }) | null {
    switch (role) {
      case 'student': {
        if (!this.student) return null;
        const { model, dataset, config } = this.student;
        // The student's own teacher, for the detector's transfer attack: the cache's teacher is its only while its run is the newest.
        const teacher = needsTeacher(config.method) && this.current === config ? this.sources.teacherFor(config) : null;
        return { model, dataset, config, ...(teacher ? { teacher: { model: teacher, temperature: teacherTemperature(config) } } : {}) };
      }
      case 'teacher': {
        const teacher = this.teacherModel;
        if (!teacher || !this.current) return null;
        // The student's data set is the teacher's only when both come from the same run.
        const dataset = this.student?.config === this.current ? this.student.dataset : null;
        return { model: teacher, dataset, config: this.current };
      }
      case 'imported': {
        const imported = this.sources.imported();
        if (!imported) return null;
        if (imported.dataset !== request.dataset) throw new ImportedDatasetMismatchError(imported.dataset, request.dataset);
        return { model: imported.model, dataset: null, config: request };
      }
      case 'demo':
        return null; // the session holds the demo itself (corpus.ts)
    }
  }
}
