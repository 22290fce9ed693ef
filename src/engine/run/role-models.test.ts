import { describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG, type DatasetId } from '../../shared/config';
import type { Dataset } from '../data/types';
import { ImportedDatasetMismatchError, RoleModels } from './role-models';

/** A stand-in model that records whether it was disposed. */
function fake(name: string) {
  return { name, disposed: 0, dispose() { this.disposed++; } };
}
type Fake = ReturnType<typeof fake>;

const blobs: Config = { ...DEFAULT_CONFIG, dataset: 'blobs', seed: 1 };
const moons: Config = { ...DEFAULT_CONFIG, dataset: 'moons', seed: 2 };
const datasetOf = (config: Config) => ({ id: config.dataset }) as Dataset;

/** Roles whose teacher cache holds one teacher, for the config it was trained with. */
function setup(teacher: { model: Fake; config: Config } | null = null, imported: { model: Fake; dataset: DatasetId } | null = null) {
  return new RoleModels<Fake>({
    teacherFor: (config) => (teacher && teacher.config === config ? teacher.model : null),
    imported: () => imported,
  });
}

describe('RoleModels', () => {
  it('a finished run’s student is resolved with its own data set and config', () => {
    const roles = setup();
    const student = fake('A');
    roles.begin(blobs)(student, datasetOf(blobs));
    expect(roles.resolve('student', moons)).toEqual({ model: student, dataset: datasetOf(blobs), config: blobs });
    expect(roles.studentModel).toBe(student);
  });

  it('a new run or sweep drops (and disposes) the previous student at once, so a failed run leaves none', () => {
    const roles = setup();
    const old = fake('A');
    roles.begin(blobs)(old, datasetOf(blobs));
    roles.begin(moons); // fails, or is a τ sweep: never keeps a student
    expect(roles.resolve('student', moons)).toBeNull();
    expect(roles.studentModel).toBeNull();
    expect(old.disposed).toBe(1);
  });

  it('a run that ends after the next one began cannot keep its (stale) student', () => {
    const roles = setup();
    const keepFirst = roles.begin(blobs);
    const keepSecond = roles.begin(moons);
    const stale = fake('A');
    keepFirst(stale, datasetOf(blobs)); // run A unwinding after its stop
    expect(roles.studentModel).toBeNull();
    expect(stale.disposed).toBe(1);
    const fresh = fake('B');
    keepSecond(fresh, datasetOf(moons));
    expect(roles.resolve('student', moons)?.model).toBe(fresh);
    expect(fresh.disposed).toBe(0);
  });

  it('the teacher carries the config it was trained with, not the student of another run or the page’s config', () => {
    const teacher = fake('T');
    const roles = setup({ model: teacher, config: moons });
    roles.begin(blobs)(fake('A'), datasetOf(blobs));
    // The moons run fails after training its teacher: before, the teacher was paired with the blobs student's data.
    roles.begin(moons);
    expect(roles.resolve('teacher', blobs)).toEqual({ model: teacher, dataset: null, config: moons });
    expect(roles.teacherModel).toBe(teacher);
    expect(roles.config).toBe(moons);
  });

  it('the teacher reuses the student’s data set when both come from the same run', () => {
    const teacher = fake('T');
    const roles = setup({ model: teacher, config: moons });
    roles.begin(moons)(fake('B'), datasetOf(moons));
    expect(roles.resolve('teacher', blobs)).toEqual({ model: teacher, dataset: datasetOf(moons), config: moons });
  });

  it('there is no teacher before any run, nor when the newest run’s teacher is not in the cache', () => {
    const roles = setup({ model: fake('T'), config: moons });
    expect(roles.resolve('teacher', moons)).toBeNull();
    roles.begin(blobs);
    expect(roles.resolve('teacher', blobs)).toBeNull();
  });

  it('an imported model is scored on the request’s data set, and refused under another', () => {
    const model = fake('I');
    const roles = setup(null, { model, dataset: 'moons' });
    expect(roles.resolve('imported', moons)).toEqual({ model, dataset: null, config: moons });
    expect(() => roles.resolve('imported', blobs)).toThrow(ImportedDatasetMismatchError);
    expect(() => roles.resolve('imported', blobs)).toThrow('the imported model is for the data set moons');
    expect(setup().resolve('imported', moons)).toBeNull();
  });
});
