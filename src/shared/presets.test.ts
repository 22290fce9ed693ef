import { describe, expect, it } from 'vitest';
import { configFromQuery } from './config';
import { detectorBudgetFromQuery, readParams } from './url-params';
import { piecewiseMilestones } from './lr-schedule';
import { claimReferences } from './preset-claims';
import { PRESET_SIZES, PRESETS, TRAIN_PRESETS, expandPresetQuery, presetById, presetQuery, presetSizeFor } from './presets';
import { checkTemperatures } from './temperature-plan';

const NAMES = [
  'No defence (natural)',
  'TRADES baseline',
  'LTD, paper default (τ = 5, λ = 6)',
  'LTD too hot (τ = 20): flat logits, PGD overstates',
  'Defensive distillation (T = 20): looks robust, is masked',
  'Table 4 in a tab: the τ sweep on Fashion-MNIST',
];

const SIZED = PRESETS.flatMap((p) => PRESET_SIZES.map((size) => [`${p.id} (${size})`, p, size] as const));
const configAt = (id: string, size: 'cpu' | 'gpu' = 'cpu') => configFromQuery(presetQuery(presetById(id)!, size)).config;

describe('the presets', () => {
  it('are the issue’s five lessons, named for what they show, and the τ sweep', () => {
    expect(PRESETS.map((p) => p.name)).toEqual(NAMES);
    expect(TRAIN_PRESETS.map((p) => p.id)).toEqual(['natural', 'trades', 'ltd-paper', 'ltd-hot', 'defensive-distillation']);
  });

  it('have unique ids and names, each id fit for a URL', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(new Set(PRESETS.map((p) => p.name)).size).toBe(PRESETS.length);
    for (const p of PRESETS) expect(encodeURIComponent(p.id)).toBe(p.id);
  });

  it.each(SIZED)('%s parses through the config schema with no refusal', (_id, preset, size) => {
    expect(configFromQuery(presetQuery(preset, size)).issues).toEqual([]);
  });

  it.each(SIZED)('%s sets every parameter it names (none is ignored or misspelt)', (_id, preset, size) => {
    const query = presetQuery(preset, size);
    const { config } = configFromQuery(query);
    const budget = detectorBudgetFromQuery(query);
    const detectorKeys: Record<string, keyof typeof budget> = {
      detectorSubset: 'subset', detectorQueries: 'queries', detectorSteps: 'pgdSteps', detectorRestarts: 'restarts', detectorAttack: 'attack', detectorBudget: 'aaBudget',
    };
    for (const [key, value] of new URLSearchParams(query)) {
      if (key === 'detectorMultiples') expect(readParams(query).detectorMultiples?.join(',')).toBe(value);
      else if (key in detectorKeys) expect(String(budget[detectorKeys[key]])).toBe(value);
      else expect(String((config as Record<string, unknown>)[key]), key).toBe(value);
    }
  });

  it('run on the embedded Fashion-MNIST, where the τ story shows (DESIGN.md §5), each size one shared setup so only the method (and on the CPU the hot students\' epochs) differs', () => {
    for (const size of PRESET_SIZES) {
      const configs = PRESETS.map((p) => configFromQuery(presetQuery(p, size)).config);
      for (const c of configs) expect([c.dataset, c.epsilon, c.trainPgdSteps, c.evalAttack]).toEqual(['fashion-mnist', 0.1, 5, 'pgd']);
      // On the CPU the hot-τ students train 12 epochs, the rest 6 (at 6 the τ = 20 student sat at 58 %).
      const epochs = PRESETS.map((p, i) => [p.id, configs[i].epochs]);
      expect(epochs).toEqual(PRESETS.map((p) => [p.id, size === 'gpu' ? 20 : ['ltd-hot', 'table-4'].includes(p.id) ? 12 : 6]));
      const shared = (c: (typeof configs)[number]) => [c.model, c.trainSize, c.teacherEpochs, c.epsilon, c.evalSubset, c.seed].join();
      expect(new Set(configs.map(shared)).size).toBe(1);
      expect(new Set(TRAIN_PRESETS.map((p) => JSON.stringify(detectorBudgetFromQuery(presetQuery(p, size))))).size).toBe(1);
    }
  });

  it('give the CPU a smaller size than the GPU, with an estimate of the minutes each takes', () => {
    for (const p of PRESETS) {
      const [cpu, gpu] = [configAt(p.id, 'cpu'), configAt(p.id, 'gpu')];
      expect(cpu.trainSize * cpu.epochs).toBeLessThan(gpu.trainSize * gpu.epochs);
      expect(cpu.evalSubset).toBeLessThanOrEqual(gpu.evalSubset);
      for (const size of PRESET_SIZES) expect(p.sizes[size].minutes).toBeGreaterThan(0);
    }
  });

  it('keep both piecewise drops at distinct epochs inside every run they train, teacher and student, at both sizes', () => {
    for (const p of PRESETS) {
      for (const size of PRESET_SIZES) {
        const c = configAt(p.id, size);
        if (c.lrSchedule !== 'piecewise') continue;
        for (const epochs of [c.epochs, c.teacherEpochs]) {
          const [first, second] = piecewiseMilestones(epochs);
          expect(first, `${p.id} ${size} ${epochs} epochs`).toBeLessThan(second);
          expect(second).toBeLessThan(epochs);
        }
      }
    }
  });

  it('set the method and temperature their names promise', () => {
    expect(configAt('natural').method).toBe('natural');
    expect(configAt('trades')).toMatchObject({ method: 'trades', lambda: 6 });
    expect(configAt('ltd-paper')).toMatchObject({ method: 'ltd', tau: 5, lambda: 6 });
    expect(configAt('ltd-hot')).toMatchObject({ method: 'ltd', tau: 20 });
    expect(configAt('defensive-distillation')).toMatchObject({ method: 'defensive-distillation', distillTemperature: 20, optimizer: 'adam', learningRate: 0.001 });
    expect(configAt('table-4')).toMatchObject({ method: 'ltd', lambda: 6, aaBudget: 'quick' });
  });

  it('sweep τ values the sweep accepts at both sizes, the GPU’s being Table 4’s range', () => {
    const sweep = presetById('table-4')!;
    expect(sweep.runs).toBe('tau-sweep');
    expect(sweep.sizes.gpu.taus).toEqual([1, 2, 5, 10, 20]);
    for (const size of PRESET_SIZES) expect(checkTemperatures(sweep.sizes[size].taus ?? [])).toMatchObject({ ok: true });
  });

  it('compare only with presets that exist, and say which claims held at the CPU size (README, Presets: LTD at τ = 5 fell below TRADES)', () => {
    for (const p of PRESETS) {
      for (const ref of claimReferences(p.claim)) expect(presetById(ref)?.runs).toBe('train');
    }
    expect(PRESETS.filter((p) => !p.verified).map((p) => p.id)).toEqual(['ltd-paper']);
  });
});

describe('presetSizeFor', () => {
  it('gives a GPU’s size to WebGPU and WebGL on a real adapter, the CPU’s to SwiftShader, wasm and cpu', () => {
    expect(presetSizeFor({ name: 'webgpu', reason: 'adapter: nvidia ampere' })).toBe('gpu');
    expect(presetSizeFor({ name: 'webgl', reason: 'WebGPU unavailable: no adapter' })).toBe('gpu');
    expect(presetSizeFor({ name: 'webgpu', reason: 'adapter: google swiftshader' })).toBe('cpu');
    expect(presetSizeFor({ name: 'wasm', reason: '' })).toBe('cpu');
    expect(presetSizeFor({ name: 'cpu', reason: '' })).toBe('cpu');
    expect(presetSizeFor(null)).toBe('cpu');
  });
});

describe('expandPresetQuery', () => {
  it('returns a query without a preset unchanged', () => {
    expect(expandPresetQuery('?tau=2&epochs=3')).toEqual({ query: 'tau=2&epochs=3', preset: null, size: 'cpu', issue: null });
  });

  it('expands ?preset=<id> into the preset’s CPU size, or the size presetSize names, and drops both parameters', () => {
    const cpu = expandPresetQuery('?preset=ltd-hot');
    expect([cpu.preset?.id, cpu.size, cpu.issue]).toEqual(['ltd-hot', 'cpu', null]);
    expect(new URLSearchParams(cpu.query).has('preset')).toBe(false);
    expect(configFromQuery(cpu.query).config).toEqual(configAt('ltd-hot', 'cpu'));
    const gpu = expandPresetQuery('?presetSize=gpu&preset=ltd-hot');
    expect(gpu.size).toBe('gpu');
    expect(new URLSearchParams(gpu.query).has('presetSize')).toBe(false);
    expect(configFromQuery(gpu.query).config).toEqual(configAt('ltd-hot', 'gpu'));
  });

  it('lets parameters beside the preset override its own, the first of a repeated one winning', () => {
    const { query } = expandPresetQuery('?epochs=1&preset=ltd-paper&trainSize=64&epochs=7&backend=webgl');
    const { config, issues } = configFromQuery(query);
    expect(issues).toEqual([]);
    expect(config).toMatchObject({ method: 'ltd', tau: 5, dataset: 'fashion-mnist', epochs: 1, trainSize: 64 });
    expect(new URLSearchParams(query).get('backend')).toBe('webgl');
  });

  it('refuses an unknown preset or size, naming the parameter and the choices, and keeps the other parameters', () => {
    const { query, preset, issue } = expandPresetQuery('?preset=hot&tau=2');
    expect(preset).toBeNull();
    expect(query).toBe('tau=2');
    expect(issue).toBe(`Preset (preset) "hot" is unknown: use one of ${PRESETS.map((p) => p.id).join(', ')}`);
    expect(expandPresetQuery('?preset=natural&presetSize=tpu')).toMatchObject({ size: 'cpu', issue: 'Preset size (presetSize) "tpu" is unknown: use cpu or gpu' });
  });
});
