import { describe, expect, it } from 'vitest';
import { configToQuery } from './config';
import { EXPORT_PRESETS, exportPresetById, exportPresetCommands, exportPresetConfig, exportPresetSummary } from './export-presets';
import { PRESETS } from './presets';
import { ScaleSchema } from './torch-scale';

describe('the export presets', () => {
  it.each(EXPORT_PRESETS.map((p) => [p.id, p] as const))('%s: its settings and its paper-scale block pass their schemas', (_id, preset) => {
    expect(() => exportPresetConfig(preset)).not.toThrow();
    expect(ScaleSchema.parse(preset.scale)).toEqual(preset.scale);
    expect(preset.scale.preset).toBe(preset.id);
  });

  it('names every setting it changes (none misspelt, none left at a default it meant to change)', () => {
    for (const preset of EXPORT_PRESETS) {
      const config = exportPresetConfig(preset) as unknown as Record<string, unknown>;
      for (const [key, value] of new URLSearchParams(preset.query)) expect(String(config[key]), key).toBe(value);
    }
  });

  it("hold the paper's setting: CIFAR-10, WRN-34-10, LTD on TRADES at τ = 5, λ = 6, ε = 8/255, PGD-10 with step 2/255", () => {
    const preset = exportPresetById('paper-cifar10')!;
    expect(preset.name).toBe('Paper scale: CIFAR-10, WRN-34-10 (export only)');
    expect(exportPresetConfig(preset)).toMatchObject({
      dataset: 'cifar10', method: 'ltd', ltdBase: 'trades', tau: 5, lambda: 6, epsilon: 8 / 255, trainPgdSteps: 10, trainPgdStepSize: 2 / 255,
      optimizer: 'sgd', learningRate: 0.1, batchSize: 128, epochs: 200, trainSize: 50000, testSize: 10000, augment: 'on', awp: 'off',
    });
    expect(preset.scale).toEqual({ preset: 'paper-cifar10', architecture: { name: 'WideResNet', depth: 34, widen: 10 }, lrDropEpochs: [100, 150], autoAttackSubset: 10000, mixedPrecision: 'gpu' });
    expect(exportPresetSummary(preset)).toBe('WideResNet-34-10, 200 teacher + 200 student epochs (learning rate ×0.1 from epochs 100 and 150), AutoAttack on 10000 test points');
  });

  it('let settings given beside them win, as a link’s parameters win over a preset', () => {
    const preset = exportPresetById('paper-cifar10')!;
    expect(exportPresetConfig(preset, 'seed=3&epochs=100')).toMatchObject({ seed: 3, epochs: 100, tau: 5 });
    expect(() => exportPresetConfig(preset, 'tau=80')).toThrow(/export preset paper-cifar10: Teacher temperature \(tau\) must be at most 50/);
  });

  it('are not page presets: no trainable preset has their ids or their settings', () => {
    for (const preset of EXPORT_PRESETS) {
      expect(PRESETS.some((p) => p.id === preset.id)).toBe(false);
      expect(configToQuery(exportPresetConfig(preset))).toContain('trainSize=50000');
    }
  });

  it('give the commands that export and run the script, the preset named', () => {
    const [exportLine, runLine, help] = exportPresetCommands(exportPresetById('paper-cifar10')!);
    expect(exportLine).toBe('npx ltd-playground export-torch --preset paper-cifar10 --out paper-cifar10.py');
    expect(runLine).toMatch(/^torchrun --nproc_per_node=8 paper-cifar10\.py --data-dir \S+ --resume$/);
    expect(help).toMatch(/^python3 paper-cifar10\.py --help/);
  });
});
