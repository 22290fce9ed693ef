import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import { parseCliArgs, UsageError, usage } from './args';

const refused = (argv: string[]) => {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
};

describe('the command line arguments', () => {
  it('takes --robustness-curve for detect only, off by default', () => {
    expect(parseCliArgs(['detect', '--robustness-curve']).robustnessCurve).toBe(true);
    expect(parseCliArgs(['detect']).robustnessCurve).toBe(false);
    expect(refused(['train', '--robustness-curve'])).toBe('--robustness-curve: only the detect command takes it');
  });

  it('read the page\'s settings as flags, in kebab or URL case, over the defaults', () => {
    const args = parseCliArgs(['train', '--tau', '8', '--lambda', '3', '--train-size', '256', '--batchSize', '16']);
    expect(args.command).toBe('train');
    expect(args.config).toMatchObject({ tau: 8, lambda: 3, trainSize: 256, batchSize: 16 });
    expect(args.config.seed).toBe(DEFAULT_CONFIG.seed);
  });

  it('take a page URL query with --config, and a flag wins over it', () => {
    const args = parseCliArgs(['train', '--config', 'dataset=mnist&tau=2&epochs=3', '--tau', '12']);
    expect(args.config).toMatchObject({ dataset: 'mnist', tau: 12, epochs: 3, model: 'cnn', epsilon: 0.3 });
  });

  it('bring a data set\'s and a method\'s own defaults, as the page does', () => {
    expect(parseCliArgs(['train', '--dataset', 'mnist']).config.epsilon).toBe(0.3);
    expect(parseCliArgs(['train', '--method', 'defensive-distillation']).config.optimizer).toBe('adam');
  });

  it('name the flag, the value and the allowed range of a refused setting', () => {
    expect(refused(['train', '--tau', '80'])).toBe('--tau 80: Teacher temperature (tau) must be at most 50');
    expect(refused(['train', '--train-size', 'many'])).toBe('--train-size many: Training examples (trainSize) must be a number');
    expect(refused(['train', '--method', 'magic'])).toMatch(/^--method magic: Method \(method\) must be one of: ltd, trades/);
    expect(refused(['train', '--config', 'lambda=-1'])).toBe('--config (lambda): Lambda (lambda) must be at least 0');
  });

  it('refuse unknown flags, commands and sweep kinds by name', () => {
    expect(refused(['train', '--tua', '5'])).toMatch(/--tua/);
    expect(refused(['fly'])).toBe('command fly: must be one of train, sweep, detect, evaluate, export-torch, presets, teacher-confidence, corpus');
    expect(refused(['sweep', 'epsilon'])).toBe('sweep epsilon: must be one of tau, lambda');
    expect(refused([])).toMatch(/^a command is needed/);
    expect(refused(['train', 'extra'])).toBe('unexpected argument extra: flags start with --');
  });

  it('read a sweep\'s values within the swept setting\'s range', () => {
    const args = parseCliArgs(['sweep', 'lambda', '--values', '0, 3,6']);
    expect(args.sweep).toBe('lambda');
    expect(args.values).toEqual([0, 3, 6]);
    expect(refused(['sweep', 'tau', '--values', '1,99'])).toBe('--values 1,99: a comma-separated list of Teacher temperature (tau) values, each from 1 to 50');
    expect(refused(['sweep', 'tau', '--values', ''])).toMatch(/^--values : a comma-separated list/);
  });

  it('read a sweep\'s repeats, 1, 3 or 5, refusing anything else as the other flags do', () => {
    expect(parseCliArgs(['sweep', 'lambda']).repeats).toBe(1);
    expect(parseCliArgs(['sweep', 'lambda', '--repeats', '3']).repeats).toBe(3);
    expect(parseCliArgs(['sweep', 'tau', '--repeats', '5']).repeats).toBe(5);
    expect(refused(['sweep', 'tau', '--repeats', '2'])).toBe('--repeats 2: must be one of 1, 3, 5');
    expect(refused(['sweep', 'tau', '--repeats', 'three'])).toBe('--repeats three: must be one of 1, 3, 5');
    expect(refused(['train', '--repeats', '3'])).toBe('--repeats 3: only sweep tau|lambda repeats over seeds');
    expect(refused(['sweep', 'tau', '--seed', '2147483647', '--repeats', '3'])).toBe(
      '--repeats 3: 3 repeats from seed 2147483647 need seeds up to 2147483649, above the Seed maximum 2147483647.',
    );
  });

  it('need a model for evaluate, and check the attack, backend and subset', () => {
    expect(refused(['evaluate'])).toMatch(/^evaluate needs --model-dir DIR/);
    expect(parseCliArgs(['evaluate', '--model-dir', 'm', '--attack', 'square']).attack).toBe('square');
    expect(refused(['evaluate', '--model-dir', 'm', '--attack', 'fab'])).toBe('--attack fab: must be one of aa-lite, pgd, square');
    expect(parseCliArgs(['train']).backend).toBe('wasm');
    expect(parseCliArgs(['train', '--backend', 'cpu']).backend).toBe('cpu');
    expect(refused(['train', '--backend', 'webgl'])).toBe('--backend webgl: must be one of cpu, wasm, webgpu');
    expect(refused(['detect', '--test-size', '64', '--subset', '65'])).toBe('--subset 65: a whole number of test points from 1 to the test size 64');
  });

  it('take an export preset for export-torch, with the flags given laid over its settings', () => {
    const args = parseCliArgs(['export-torch', '--preset', 'paper-cifar10', '--seed', '4', '--out', 'paper.py']);
    expect(args.exportPreset?.scale.architecture).toEqual({ name: 'WideResNet', depth: 34, widen: 10 });
    expect(args.config).toMatchObject({ dataset: 'cifar10', method: 'ltd', tau: 5, epochs: 200, seed: 4 });
    expect(parseCliArgs(['export-torch']).exportPreset).toBeNull();
    expect(refused(['export-torch', '--preset', 'paper-imagenet'])).toBe('--preset paper-imagenet: not an export preset (paper-cifar10)');
    expect(refused(['train', '--preset', 'paper-cifar10'])).toMatch(/^--preset paper-cifar10: only export-torch takes an export preset/);
    expect(refused(['export-torch', '--preset', 'paper-cifar10', '--dataset', 'blobs'])).toMatch(/^--preset paper-cifar10 with the settings given: Model \(model\) ResNet \(batch norm\) does not fit Dataset/);
    expect(usage()).toMatch(/export-torch --preset ID\s+an export preset for a GPU cluster \(paper-cifar10\)/);
  });

  it('give evaluate --attack square its own query budget, --queries', () => {
    expect(parseCliArgs(['evaluate', '--model-dir', 'm', '--attack', 'square', '--queries', '500']).queries).toBe(500);
    expect(parseCliArgs(['evaluate', '--model-dir', 'm', '--attack', 'square']).queries).toBeNull();
    expect(refused(['evaluate', '--model-dir', 'm', '--attack', 'square', '--queries', '0'])).toBe('--queries 0: a whole number of queries from 1 to 10000');
    expect(refused(['evaluate', '--model-dir', 'm', '--queries', '50'])).toBe(
      '--queries 50: the query budget of evaluate --attack square (AA-lite\'s Square takes --aa-queries)',
    );
  });

  it('say in --help what --model-dir reads and what train --out writes, in the same words', () => {
    const text = usage();
    expect(text).toMatch(/--model-dir DIR +a tfjs model folder: model\.json and its weights \(train --out DIR writes DIR\/student and DIR\/teacher\)/);
    expect(text).toMatch(/--out DIR +write metrics\.json, metrics\.csv and the models \(DIR\/student\/model\.json, …\) there/);
    expect(text).toMatch(/--backend cpu\|wasm\|webgpu +tfjs backend \(default wasm/);
  });

  it('list every setting with its range in --help', () => {
    expect(parseCliArgs(['--help']).help).toBe(true);
    const text = usage();
    expect(text).toMatch(/--tau\s+Teacher temperature \(1–50; default 5\)/);
    expect(text).toMatch(/--train-size\s+Training examples/);
  });
});
