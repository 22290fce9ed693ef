import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG, validateConfig } from '../../shared/config';
import { CONFIG_LINE, TorchExportError, TorchSourceError, torchScript, torchScriptName } from './torch-script';
import { exportPresetById, exportPresetConfig } from '../../shared/export-presets';
import { ScaleSchema } from '../../shared/torch-scale';

const config = (changes: Partial<Config>): Config => {
  const checked = validateConfig({ ...DEFAULT_CONFIG, ...changes });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return checked.config;
};

/** A source shaped like python/ltd_torch.py where it matters: lines around one CONFIG line. */
const SOURCE = ['#!/usr/bin/env python3', 'import json', '', CONFIG_LINE, '', 'print(CONFIG)', ''].join('\n');

/** The settings embedded in a script, read back from its CONFIG = json.loads(r"""…""") line. */
function embeddedConfig(script: string): unknown {
  const match = /^CONFIG = json\.loads\(r"""([\s\S]*?)"""\)$/m.exec(script);
  if (!match) throw new Error('no CONFIG in the script');
  return JSON.parse(match[1]);
}

describe('torchScript', () => {
  it('embeds the settings exactly, so the script and its results file carry the page config', () => {
    const c = config({ dataset: 'moons', method: 'trades', lambda: 4.5, epsilon: 0.035, seed: 77, overlap: 0.13 });
    expect(embeddedConfig(torchScript(SOURCE, c))).toEqual(c);
  });

  it('changes only the CONFIG line: every other line of the source is kept as it is', () => {
    const script = torchScript(SOURCE, DEFAULT_CONFIG);
    const [before, after] = SOURCE.split(CONFIG_LINE);
    expect(script.startsWith(before)).toBe(true);
    expect(script.endsWith(after)).toBe(true);
    expect(script).not.toContain(CONFIG_LINE);
  });

  it("writes an export preset's paper-scale block beside the page's settings, and names the file after its WideResNet", () => {
    const preset = exportPresetById('paper-cifar10')!;
    const c = exportPresetConfig(preset);
    const embedded = embeddedConfig(torchScript(SOURCE, c, preset.scale)) as Record<string, unknown>;
    const { scale, ...page } = embedded;
    expect(page).toEqual(c);
    expect(ScaleSchema.parse(scale)).toEqual(preset.scale);
    expect(torchScriptName(c, preset.scale)).toBe('ltd-cifar10-wrn34-10-ltd-tau5-lambda6-eps0.03137-seed1.py');
    expect(embeddedConfig(torchScript(SOURCE, c))).not.toHaveProperty('scale');
  });

  it('refuses a source without exactly one CONFIG line, naming the file', () => {
    expect(() => torchScript('print(1)\n', DEFAULT_CONFIG)).toThrow(TorchSourceError);
    expect(() => torchScript('print(1)\n', DEFAULT_CONFIG)).toThrow(/python\/ltd_torch\.py: expected exactly one line "CONFIG = None".*found 0/);
    expect(() => torchScript(`${SOURCE}${CONFIG_LINE}\n`, DEFAULT_CONFIG)).toThrow(/found 2/);
    // A line that only starts like it (a comment after it, an indented copy) is not the marker.
    expect(() => torchScript(`${CONFIG_LINE}  # no\n    ${CONFIG_LINE}\n`, DEFAULT_CONFIG)).toThrow(/found 0/);
  });

  it('refuses own 2-D data (CSV), which the script could not regenerate, naming the setting', () => {
    const csv = { ...DEFAULT_CONFIG, dataset: 'csv' } as Config;
    expect(() => torchScript(SOURCE, csv)).toThrow(TorchExportError);
    expect(() => torchScript(SOURCE, csv)).toThrow(/\(dataset\): not available for own 2-D data/);
  });

  it('names the file after the settings, with only safe characters', () => {
    expect(torchScriptName(DEFAULT_CONFIG)).toBe('ltd-blobs-mlp-ltd-tau5-lambda6-eps0.05-seed1.py');
    expect(torchScriptName(config({ dataset: 'cifar10', model: 'resnet', method: 'pgd-at', epsilon: 8 / 255, awp: 'on', seed: 3 })))
      .toBe('ltd-cifar10-resnet-pgd-at-awp-eps0.03137-seed3.py');
    expect(torchScriptName(config({ method: 'defensive-distillation' }))).toMatch(/^ltd-blobs-mlp-defensive-distillation-T50-eps0\.05-seed1\.py$/);
    expect(torchScriptName(config({ method: 'ltd', ltdBase: 'pgd-at' }))).toBe('ltd-blobs-mlp-ltd-tau5-eps0.05-seed1.py');
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
    expect(seen.size).toBeGreaterThan(2);
  });
});
