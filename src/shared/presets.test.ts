import { describe, expect, it } from 'vitest';
import { configFromQuery } from './config';
import { detectorBudgetFromQuery, readParams } from './url-params';
import { PRESETS, expandPresetQuery, presetById } from './presets';

const NAMES = [
  'No defence (natural)',
  'TRADES baseline',
  'LTD, paper default (τ = 5, λ = 6)',
  'LTD too hot (τ = 30): Square beats PGD',
  'Defensive distillation: looks robust, is masked',
];

describe('the presets', () => {
  it('are the five the presets issue names, in its order', () => {
    expect(PRESETS.map((p) => p.name)).toEqual(NAMES);
  });

  it('have unique ids and names, each id fit for a URL', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(new Set(PRESETS.map((p) => p.name)).size).toBe(PRESETS.length);
    for (const p of PRESETS) expect(encodeURIComponent(p.id)).toBe(p.id);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s parses through the config schema with no refusal', (_id, preset) => {
    const { issues } = configFromQuery(preset.query);
    expect(issues).toEqual([]);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s sets every parameter it names (none is ignored or misspelt)', (_id, preset) => {
    const { config } = configFromQuery(preset.query);
    const budget = detectorBudgetFromQuery(preset.query);
    const detectorKeys: Record<string, keyof typeof budget> = {
      detectorSubset: 'subset', detectorQueries: 'queries', detectorSteps: 'pgdSteps', detectorRestarts: 'restarts', detectorAttack: 'attack', detectorBudget: 'aaBudget',
    };
    for (const [key, value] of new URLSearchParams(preset.query)) {
      if (key === 'detectorMultiples') expect(readParams(preset.query).detectorMultiples?.join(',')).toBe(value);
      else if (key in detectorKeys) expect(String(budget[detectorKeys[key]])).toBe(value);
      else expect(String((config as Record<string, unknown>)[key]), key).toBe(value);
    }
  });

  it('use image data (2-D data does not show the τ story, DESIGN.md §5) and one shared setup, so only the method differs', () => {
    const configs = PRESETS.map((p) => configFromQuery(p.query).config);
    for (const c of configs) expect(c.dataset).toBe('mnist');
    const shared = (c: (typeof configs)[number]) => [c.model, c.trainSize, c.epochs, c.teacherEpochs, c.epsilon, c.evalAttack, c.evalSubset, c.seed].join();
    expect(new Set(configs.map(shared)).size).toBe(1);
    expect(new Set(PRESETS.map((p) => JSON.stringify(detectorBudgetFromQuery(p.query)))).size).toBe(1);
  });

  it('set the method and temperature their names promise', () => {
    const config = (id: string) => configFromQuery(presetById(id)?.query ?? '').config;
    expect(config('natural').method).toBe('natural');
    expect(config('trades')).toMatchObject({ method: 'trades', lambda: 6 });
    expect(config('ltd-paper')).toMatchObject({ method: 'ltd', tau: 5, lambda: 6 });
    expect(config('ltd-hot')).toMatchObject({ method: 'ltd', tau: 30 });
    expect(config('defensive-distillation').method).toBe('defensive-distillation');
  });
});

describe('expandPresetQuery', () => {
  it('returns a query without a preset unchanged', () => {
    expect(expandPresetQuery('?tau=2&epochs=3')).toEqual({ query: 'tau=2&epochs=3', preset: null, issue: null });
  });

  it('expands ?preset=<id> into the preset’s settings and drops the preset parameter', () => {
    const { query, preset, issue } = expandPresetQuery('?preset=ltd-hot');
    expect(preset?.id).toBe('ltd-hot');
    expect(issue).toBeNull();
    expect(new URLSearchParams(query).has('preset')).toBe(false);
    expect(configFromQuery(query).config).toEqual(configFromQuery(presetById('ltd-hot')?.query ?? '').config);
  });

  it('lets parameters beside the preset override its own, the first of a repeated one winning', () => {
    const { query } = expandPresetQuery('?epochs=1&preset=ltd-paper&trainSize=64&epochs=7&backend=webgl');
    const { config, issues } = configFromQuery(query);
    expect(issues).toEqual([]);
    expect(config).toMatchObject({ method: 'ltd', tau: 5, dataset: 'mnist', epochs: 1, trainSize: 64 });
    expect(new URLSearchParams(query).get('backend')).toBe('webgl');
  });

  it('refuses an unknown preset, naming the parameter and the choices, and keeps the other parameters', () => {
    const { query, preset, issue } = expandPresetQuery('?preset=hot&tau=2');
    expect(preset).toBeNull();
    expect(query).toBe('tau=2');
    expect(issue).toBe(`Preset (preset) "hot" is unknown: use one of ${PRESETS.map((p) => p.id).join(', ')}`);
  });
});
