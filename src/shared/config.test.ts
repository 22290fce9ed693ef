import { describe, expect, it } from 'vitest';
import {
  AWP_METHODS,
  DEFAULT_CONFIG,
  FIELDS,
  METHOD_LABELS,
  configFromQuery,
  configToQuery,
  needsTeacher,
  teacherTemperature,
  trainingAttackText,
  validateConfig,
} from './config';

describe('config', () => {
  it('has defaults that satisfy its own schema', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });

  it('matches the paper defaults the UI contract names', () => {
    expect(DEFAULT_CONFIG.tau).toBe(5);
    expect(DEFAULT_CONFIG.lambda).toBe(6);
    expect(DEFAULT_CONFIG.method).toBe('ltd');
    expect([FIELDS.tau.min, FIELDS.tau.max, FIELDS.tau.step]).toEqual([1, 50, 0.5]);
    expect([FIELDS.lambda.min, FIELDS.lambda.max, FIELDS.lambda.step]).toEqual([0, 12, 0.5]);
  });

  it('round-trips through the URL, writing only what differs from the defaults', () => {
    const config = { ...DEFAULT_CONFIG, tau: 2.5, lambda: 3, epochs: 4 };
    const query = configToQuery(config);
    expect(new URLSearchParams(query).size).toBe(3);
    expect(configFromQuery(query)).toEqual({ config, issues: [] });
  });

  it('refuses an out-of-range value with a message naming the field, keeping the rest', () => {
    const { config, issues } = configFromQuery('tau=80&lambda=2');
    expect(config.tau).toBe(DEFAULT_CONFIG.tau);
    expect(config.lambda).toBe(2);
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe('tau');
    expect(issues[0].message).toMatch(/Teacher temperature \(tau\) must be at most 50/);
  });

  it('refuses text where a number belongs, and unknown options', () => {
    const { issues } = configFromQuery('epochs=many&method=magic');
    expect(issues.map((i) => i.field).sort()).toEqual(['epochs', 'method']);
    expect(issues.find((i) => i.field === 'epochs')!.message).toMatch(/Epochs \(epochs\)/);
  });

  it('refuses fractional values for whole-number fields', () => {
    const result = validateConfig({ ...DEFAULT_CONFIG, batchSize: 12.5 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ field: 'batchSize', message: expect.stringMatching(/whole number/) });
  });

  it('ignores parameters that are not settings', () => {
    expect(configFromQuery('backend=webgl').issues).toEqual([]);
  });
});

describe('config: method settings (issue 3)', () => {
  it('offers every method of the paper under the names the UI contract uses', () => {
    expect(Object.values(METHOD_LABELS).sort()).toEqual(
      ['Defensive distillation', 'LTD', 'Label smoothing', 'Natural', 'PGD-AT', 'TRADES'].sort(),
    );
    expect(DEFAULT_CONFIG).toMatchObject({ awp: 'off', awpGamma: 5e-3, distillTemperature: 50, trainPgdStepSize: 0, ltdBase: 'trades' });
  });

  it('refuses AWP on a method without adversarial training, naming both fields', () => {
    for (const method of ['natural', 'defensive-distillation', 'label-smoothing'] as const) {
      const result = validateConfig({ ...DEFAULT_CONFIG, method, awp: 'on' });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.issues).toHaveLength(1);
        expect(result.issues[0].field).toBe('awp');
        expect(result.issues[0].message).toMatch(/AWP \(awp\).*Method \(method\)/);
      }
    }
    for (const method of AWP_METHODS) expect(validateConfig({ ...DEFAULT_CONFIG, method, awp: 'on' }).ok).toBe(true);
  });

  it('keeps the rest of a URL whose AWP setting is refused', () => {
    const { config, issues } = configFromQuery('method=natural&awp=on&tau=3');
    expect(config).toMatchObject({ method: 'natural', awp: 'off', tau: 3 });
    expect(issues.map((i) => i.field)).toEqual(['awp']);
  });

  it('refuses out-of-range method settings with their names', () => {
    const bad = validateConfig({ ...DEFAULT_CONFIG, smoothing: 1, distillTemperature: 0.5, awpGamma: -1, lrSchedule: 'step' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.field).sort()).toEqual(['awpGamma', 'distillTemperature', 'lrSchedule', 'smoothing']);
  });

  it('gives defensive distillation a teacher trained at T_d, and LTD one trained at T = 1', () => {
    expect(needsTeacher('defensive-distillation') && needsTeacher('ltd')).toBe(true);
    expect(needsTeacher('trades')).toBe(false);
    expect(teacherTemperature({ method: 'defensive-distillation', distillTemperature: 20 })).toBe(20);
    expect(teacherTemperature({ method: 'ltd', distillTemperature: 20 })).toBe(1);
  });

  it('reads a method that brings its optimiser: defensive distillation means Adam at 1e-2, constant', () => {
    const { config } = configFromQuery('method=defensive-distillation');
    expect([config.optimizer, config.learningRate, config.lrSchedule]).toEqual(['adam', 1e-2, 'constant']);
    expect(configToQuery(config)).toBe('method=defensive-distillation');
    // An explicit optimiser still wins, and is written back.
    const sgd = configFromQuery('method=defensive-distillation&optimizer=sgd').config;
    expect(sgd.optimizer).toBe('sgd');
    expect(configToQuery(sgd)).toBe('method=defensive-distillation&optimizer=sgd');
  });

  it('reads each method with its published inner maximisation, and writes only a changed one', () => {
    expect(configFromQuery('').config.innerMax).toBe('ce'); // LTD: CE-PGD with the original label
    expect(configFromQuery('method=trades').config.innerMax).toBe('kl');
    expect(configFromQuery('method=label-smoothing').config.innerMax).toBe('kl');
    expect(configToQuery(configFromQuery('method=trades').config)).toBe('method=trades');
    expect(configToQuery(configFromQuery('method=trades&innerMax=ce').config)).toBe('method=trades&innerMax=ce');
    expect(configToQuery(configFromQuery('innerMax=kl').config)).toBe('innerMax=kl');
  });

  it('captions how x′ is crafted in training, naming the inner maximisation where it is a choice', () => {
    const base = { epsilon: 0.05, trainPgdSteps: 10 };
    expect(trainingAttackText({ ...base, method: 'trades', innerMax: 'kl' })).toBe(
      'x′ in training: KL-PGD-10 from x + 0.001·N(0, 1), ε = 0.05 (inner maximisation KL).',
    );
    expect(trainingAttackText({ ...base, method: 'ltd', innerMax: 'ce' })).toBe(
      'x′ in training: CE-PGD-10 on the label y from a uniform start, ε = 0.05 (inner maximisation CE).',
    );
    expect(trainingAttackText({ ...base, method: 'pgd-at', innerMax: 'ce' })).toBe('x′ in training: CE-PGD-10 on the label y from a uniform start, ε = 0.05.');
    expect(trainingAttackText({ ...base, method: 'natural', innerMax: 'ce' })).toBeNull();
  });

  it('refuses a chosen inner maximisation for a method that has none to choose, naming both fields', () => {
    const { issues } = configFromQuery('method=pgd-at&innerMax=kl');
    expect(issues).toEqual([{ field: 'innerMax', message: expect.stringMatching(/^Inner maximisation \(innerMax\) can be chosen for TRADES, Label smoothing, LTD only; Method \(method\) PGD-AT crafts x′ with CE-PGD by definition/) }]);
    expect(configFromQuery('method=natural&innerMax=kl').issues.map((i) => i.field)).toEqual(['innerMax']);
    expect(configFromQuery('method=natural&innerMax=ce').issues).toEqual([]);
  });

  it('reads image data sets with 5 training PGD steps and 2-D ones with 10', () => {
    expect(configFromQuery('dataset=mnist').config.trainPgdSteps).toBe(5);
    expect(configFromQuery('dataset=moons').config.trainPgdSteps).toBe(10);
    expect(configToQuery(configFromQuery('dataset=mnist&trainPgdSteps=10').config)).toBe('dataset=mnist&trainPgdSteps=10');
  });
});
