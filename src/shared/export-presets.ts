/**
 * Export presets: setups the page shows but never trains — the paper's own scale, for a GPU cluster.
 * Each is the page's settings (a URL query, read as every preset is) plus a paper-scale block
 * (src/shared/torch-scale.ts); the command line exports it (`export-torch --preset <id>`), the page
 * shows the commands instead of a Train button (src/page/presets/ExportPresets.tsx).
 *
 * Kept apart from the trainable presets (src/shared/presets.ts): those are links that set the page
 * up, these are scripts to download and run elsewhere.
 */
import { configFromQuery, type Config } from './config';
import { architectureName, type Scale } from './torch-scale';

export interface ExportPreset {
  /** How the command line names it: `export-torch --preset <id>`. */
  id: string;
  /** What the page shows. */
  name: string;
  /** One or two sentences: what it is for and what the paper measured. */
  look: string;
  /** The page's settings as a URL query over the defaults of the data set and method it names. */
  query: string;
  scale: Scale;
  /** Where each setting comes from, for a reader who checks it. */
  sources: string;
}

/**
 * LTD on TRADES at τ = 5, λ = 6 (the paper's Table 4 row: 86.20 % natural, 55.09 % AutoAttack),
 * with the recipe of the TRADES-AWP reference code (csdongxian/AWP `trades_AWP/train_trades_cifar.py`:
 * SGD 0.1, momentum 0.9, weight decay 5e-4, batch 128, PGD-10 with step 2/255 at ε = 8/255, β = 6,
 * 200 epochs with ×0.1 from epochs 100 and 150; random crop with 4-pixel padding and horizontal flips,
 * inputs in [0, 1] without normalisation). LTD's own code is not published; its released CIFAR-10
 * models are TRADES' WideResNet-34-10 (RobustBench `Chen2021LTD_WRN34_10`). The teacher trains
 * naturally first, on the same schedule. The per-epoch figure is PGD-20 on 1000 test points;
 * AutoAttack runs on all 10 000 at the end.
 */
const PAPER_CIFAR10_QUERY = [
  'dataset=cifar10', 'model=resnet', 'method=ltd', 'ltdBase=trades', 'innerMax=ce', 'tau=5', 'lambda=6', `epsilon=${8 / 255}`,
  'epochs=200', 'teacherEpochs=200', 'optimizer=sgd', 'learningRate=0.1', 'lrSchedule=piecewise', 'batchSize=128',
  'trainPgdSteps=10', `trainPgdStepSize=${2 / 255}`, 'evalAttack=pgd', 'evalPgdSteps=20', 'evalSubset=1000',
  'trainSize=50000', 'testSize=10000', 'augment=on', 'seed=1',
].join('&');

export const EXPORT_PRESETS: readonly ExportPreset[] = [
  {
    id: 'paper-cifar10',
    name: 'Paper scale: CIFAR-10, WRN-34-10 (export only)',
    look: 'For a GPU cluster, not this browser: LTD at τ = 5, λ = 6 on all of CIFAR-10 with WideResNet-34-10, the setting of the paper’s Table 4 (86.20 % natural, 55.09 % AutoAttack). Export the script and run it where the GPUs are; its results file imports into the run history below.',
    query: PAPER_CIFAR10_QUERY,
    scale: { preset: 'paper-cifar10', architecture: { name: 'WideResNet', depth: 34, widen: 10 }, lrDropEpochs: [100, 150], autoAttackSubset: 10000, mixedPrecision: 'gpu' },
    sources: 'Recipe of the TRADES-AWP reference code (SGD 0.1, momentum 0.9, weight decay 5e-4, batch 128, PGD-10 step 2/255, 200 epochs, ×0.1 from epochs 100 and 150); TRADES’ WideResNet-34-10, as LTD’s released models use it; λ = 6, τ = 5 from the paper.',
  },
];

export function exportPresetById(id: string): ExportPreset | undefined {
  return EXPORT_PRESETS.find((p) => p.id === id);
}

/** The preset's page settings (its query read over the defaults, as the URL would be); throws on a preset the schema refuses. */
export function exportPresetConfig(preset: ExportPreset, overrides = ''): Config {
  // The first of a repeated key counts (configFromQuery), so overrides win over the preset.
  const { config, issues } = configFromQuery([overrides, preset.query].filter(Boolean).join('&'));
  if (issues.length > 0) throw new Error(`export preset ${preset.id}: ${issues.map((i) => i.message).join('; ')}`);
  return config;
}

/** The commands that export and run it, as a person types them (the page shows these). */
export function exportPresetCommands(preset: ExportPreset): string[] {
  const script = `${preset.id}.py`;
  return [
    `npx ltd-playground export-torch --preset ${preset.id} --out ${script}`,
    `torchrun --nproc_per_node=8 ${script} --data-dir cifar-10-batches-bin --resume`,
    `python3 ${script} --help   # every flag, the multi-node torchrun line, checkpoints`,
  ];
}

/** E.g. "WideResNet-34-10, 200 + 200 epochs, AutoAttack on 10000 test points". */
export function exportPresetSummary(preset: ExportPreset): string {
  const config = exportPresetConfig(preset);
  return `${architectureName(preset.scale)}, ${config.teacherEpochs} teacher + ${config.epochs} student epochs (learning rate ×0.1 from epochs ${preset.scale.lrDropEpochs.join(' and ')}), AutoAttack on ${preset.scale.autoAttackSubset} test points`;
}
