import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ATTACK_CHUNK } from '../attacks/chunked';
import { AWP_METHODS, type Config, DATASETS, DEFAULT_CONFIG, INNER_MAX_METHODS, INNER_MAXIMISATIONS, LTD_BASES, METHODS, methodDefaults, modelsFor, validateConfig } from '../../shared/config';
import { ACCURACY_CHUNK } from '../eval/accuracy';
import { MOMENTUM, WEIGHT_DECAY, makeOptimizer, weightDecayFor } from '../train/optimizer';
import { PIECEWISE_MILESTONES } from '../train/schedule';
import { ENGINE_CONSTANTS, scriptWeightDecay, torchRunLabel, torchScript, torchScriptName } from './torch-script';

const config = (changes: Partial<Config>): Config => {
  const checked = validateConfig({ ...DEFAULT_CONFIG, ...changes });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return checked.config;
};

/** The settings embedded in a script, read back from its CONFIG = json.loads(r"""…""") line. */
function embeddedConfig(script: string): unknown {
  const match = /CONFIG = json\.loads\(r"""([\s\S]*?)"""\)/.exec(script);
  if (!match) throw new Error('no CONFIG in the script');
  return JSON.parse(match[1]);
}

describe('torchScript', () => {
  it('embeds the settings exactly, so the script and its results file carry the page config', () => {
    const c = config({ dataset: 'moons', method: 'trades', lambda: 4.5, epsilon: 0.035, seed: 77, overlap: 0.13 });
    expect(embeddedConfig(torchScript(c))).toEqual(c);
  });

  it("repeats the engine's constants (weight decay, momentum, Adam's epsilon, schedule, chunk sizes)", async () => {
    expect(ENGINE_CONSTANTS.weightDecay).toBe(WEIGHT_DECAY);
    expect(ENGINE_CONSTANTS.momentum).toBe(MOMENTUM);
    expect(ENGINE_CONSTANTS.piecewiseMilestones).toEqual(PIECEWISE_MILESTONES);
    expect(ENGINE_CONSTANTS.evalChunk).toBe(DEFAULT_ATTACK_CHUNK);
    expect(ENGINE_CONSTANTS.accuracyChunk).toBe(ACCURACY_CHUNK);
    const adam = makeOptimizer({ optimizer: 'adam', learningRate: 1e-3 });
    expect((adam as unknown as { epsilon: number }).epsilon).toBe(ENGINE_CONSTANTS.adamEpsilon);
    adam.dispose();
    const script = torchScript(DEFAULT_CONFIG);
    expect(script).toContain(`WEIGHT_DECAY = ${WEIGHT_DECAY}`);
    expect(script).toContain(`PIECEWISE_MILESTONES = (${PIECEWISE_MILESTONES.join(', ')})`);
  });

  it('trains with the weight decay the engine uses for each method (none for defensive distillation)', () => {
    for (const method of METHODS) expect(scriptWeightDecay(method)).toBe(weightDecayFor(method));
    const distilled = config({ method: 'defensive-distillation', ...methodDefaults('defensive-distillation') });
    expect(torchScript(distilled)).toMatch(/^WEIGHT_DECAY = 0 /m);
    expect(embeddedConfig(torchScript(distilled))).toMatchObject({ optimizer: 'adam', learningRate: 0.01, lrSchedule: 'constant' });
    expect(torchScript(config({ method: 'ltd' }))).toMatch(/^WEIGHT_DECAY = 0\.0005 /m);
  });

  it("crafts x' with the configured inner maximisation, as the engine's objectives do", () => {
    const objective = (script: string) => script.slice(script.indexOf('class StudentObjective'));
    for (const method of ['ltd', 'trades', 'label-smoothing'] as const) {
      const ce = objective(torchScript(config({ method, innerMax: 'ce' })));
      expect(ce).toMatch(/start = "uniform"\n\n {4}def craft\(self, model, x, y, teacher_logits, attack\):\n {8}return craft_cross_entropy\(model, x, y, attack\)/);
      const kl = objective(torchScript(config({ method, innerMax: 'kl' })));
      expect(kl).toMatch(/start = "normal-small"\n\n {4}def craft\(self, model, x, y, teacher_logits, attack\):\n {8}return craft_kl\(model, x, attack\)/);
    }
  });

  it("holds only the configured method's objective and data loader", () => {
    const trades = torchScript(config({ method: 'trades' }));
    expect(trades).toContain('TRADES (Zhang et al. 2019)');
    expect(trades).not.toContain('LTD on the TRADES base');
    expect(trades).toContain('SMOOTHING = 0\n');
    expect(torchScript(config({ method: 'label-smoothing', smoothing: 0.2 }))).toContain('SMOOTHING = 0.2\n');
    const ltdPgd = torchScript(config({ method: 'ltd', ltdBase: 'pgd-at' }));
    expect(ltdPgd).toContain('LTD on the PGD-AT base');
    expect(ltdPgd).not.toContain('LTD on the TRADES base');
    const cifar = torchScript(config({ dataset: 'cifar10', model: 'resnet', epsilon: 8 / 255 }));
    expect(cifar).toContain('def parse_cifar_batch');
    expect(cifar).not.toContain('def read_idx');
    expect(cifar).toContain('class ResNet');
    expect(cifar).toContain('RANDOM = "torch"');
    expect(torchScript(DEFAULT_CONFIG)).toContain('RANDOM = "engine"');
  });

  it('trains the teacher at T_d for defensive distillation and at 1 for LTD', () => {
    expect(torchScript(config({ method: 'defensive-distillation' }))).toContain('TEACHER_TEMPERATURE = CONFIG["distillTemperature"]');
    expect(torchScript(config({ method: 'ltd' }))).toContain('TEACHER_TEMPERATURE = 1.0');
  });

  it('names the file after the settings, with only safe characters', () => {
    expect(torchScriptName(DEFAULT_CONFIG)).toBe('ltd-blobs-mlp-ltd-tau5-lambda6-eps0.05-seed1.py');
    expect(torchScriptName(config({ dataset: 'cifar10', model: 'resnet', method: 'pgd-at', epsilon: 8 / 255, awp: 'on', seed: 3 })))
      .toBe('ltd-cifar10-resnet-pgd-at-awp-eps0.03137-seed3.py');
    expect(torchScriptName(config({ method: 'defensive-distillation' }))).toMatch(/^ltd-blobs-mlp-defensive-distillation-T50-eps0\.05-seed1\.py$/);
  });

  it('labels the run as the page does, marked as PyTorch', () => {
    expect(torchRunLabel(DEFAULT_CONFIG)).toBe('LTD τ=5 λ=6 ε=0.05 (PyTorch)');
    expect(torchRunLabel(config({ method: 'pgd-at', awp: 'on' }))).toBe('PGD-AT+AWP γ=0.005 ε=0.05 (PyTorch)');
  });

  it('is free of tfjs: nothing it imports, directly or not, imports @tensorflow', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/from '@tensorflow/);
      for (const [, spec] of source.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
        visit(resolve(dirname(file), `${spec}.ts`));
      }
    };
    visit(resolve(__dirname, 'torch-script.ts'));
    expect(seen.size).toBeGreaterThan(8);
  });
});

describe('torchScript, every combination of settings', () => {
  const python = ['/usr/bin/python3', 'python3'].find((p) => {
    try {
      execFileSync(p, ['--version'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  });
  const dir = mkdtempSync(join(tmpdir(), 'torch-script-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!python)('writes valid Python for each data set, model, method, LTD base, AWP switch and inner maximisation', () => {
    let count = 0;
    // Own CSV data has no export (torchScript refuses it: the script cannot regenerate a person's file).
    for (const dataset of DATASETS.filter((d) => d !== 'csv')) {
      for (const model of modelsFor(dataset)) {
        for (const method of METHODS) {
          for (const ltdBase of method === 'ltd' ? LTD_BASES : (['trades'] as const)) {
            for (const awp of AWP_METHODS.includes(method) ? (['off', 'on'] as const) : (['off'] as const)) {
              for (const innerMax of INNER_MAX_METHODS.includes(method) ? INNER_MAXIMISATIONS : [methodDefaults(method).innerMax]) {
                writeFileSync(join(dir, `s${count++}.py`), torchScript(config({ dataset, model, method, ltdBase, awp, innerMax })));
              }
            }
          }
        }
      }
    }
    const files = readdirSync(dir).map((f) => join(dir, f));
    expect(files.length).toBe(count);
    // Compiling checks the syntax of every script; one interpreter for all of them.
    execFileSync(python!, ['-c', 'import py_compile, sys\nfor f in sys.argv[1:]: py_compile.compile(f, doraise=True)', ...files], { stdio: 'pipe' });
    expect(existsSync(files[0])).toBe(true);
  });
});

