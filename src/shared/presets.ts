/**
 * The presets: one-click setups that each show one lesson of the paper, as plain URL queries (so
 * every preset is also a link, `?preset=<id>`). Plain data and string handling, no tfjs: the page,
 * its stores and the command line (`presets`, `presets --verify`) all read this one table.
 *
 * Each preset states a claim a machine can check (preset-claims.ts) and comes in two sizes: one
 * meant to finish in about ten minutes on a 2-core CPU with the engine's fastest CPU backend, and a
 * larger one for a GPU; the page picks by backend (presetSizeFor). `npx ltd-playground presets
 * --verify` runs each CPU size in Node, asserts its claim and writes the README's table.
 *
 * The CPU sizes were measured (`verified`: the claim held in `presets --verify` on 2026-12-08,
 * README "Presets"; the LTD-vs-TRADES claim did not); the GPU sizes are estimates. DESIGN.md §5
 * records where the τ story appeared with an independent implementation — Fashion-MNIST, a small
 * CNN, ε = 0.1, PGD-5 training, λ = 6, 10 000 training images, 6 epochs — and that 2 000 images
 * and 4 epochs showed nothing. The MNIST presets before these (1000 images, 4 + 16 epochs) left the hot-τ student at
 * chance and LTD within noise of TRADES (git history, README "Presets").
 */
import type { PresetClaim } from './preset-claims';

export type PresetSize = 'cpu' | 'gpu';
export const PRESET_SIZES: readonly PresetSize[] = ['cpu', 'gpu'];

export interface PresetSizeSpec {
  /** Settings on top of the preset's own: data, epochs and the subsets measured. */
  query: string;
  /** The τ sweep's temperatures at this size (sweep presets only). */
  taus?: number[];
  /** Estimated wall time in minutes (training, the detector or the sweep's attacks), before any measurement. */
  minutes: number;
}

export interface Preset {
  /** How a link names it: `?preset=<id>`. */
  id: string;
  /** The button's name (DESIGN.md §6: the presets issue's names, changed where the lesson did). */
  name: string;
  /** One sentence: what to look for once it has run. */
  look: string;
  /** A training run (then the detector), or the τ sweep (Temperature sweep panel). */
  runs: 'train' | 'tau-sweep';
  /**
   * The settings both sizes share, as the page's URL query: config fields and the detector's
   * `detector…` parameters (src/shared/url-params.ts declares them all), over the defaults of the
   * data set and method it names.
   */
  query: string;
  sizes: Record<PresetSize, PresetSizeSpec>;
  /** What the preset shows, as `presets --verify` asserts it. */
  claim: PresetClaim;
  /** Whether `presets --verify` has shown the claim at the CPU size as shipped. */
  verified: boolean;
}

/**
 * What every preset shares: the embedded Fashion-MNIST (its clothes are ambiguous, which is what
 * soft labels are for; MNIST's digits mostly are not), the default small CNN, ε = 0.1 and PGD-5 in
 * training (DESIGN.md §5), λ = 6. The accuracy chart's robust figure is PGD-10; the detector runs
 * AA-lite's quick budget with an ε sweep at ε and 3ε.
 */
const SHARED = [
  'dataset=fashion-mnist', 'epsilon=0.1', 'trainPgdSteps=5', 'evalAttack=pgd', 'evalPgdSteps=10',
  'detectorAttack=aa-lite', 'detectorBudget=quick', 'detectorMultiples=1,3',
].join('&');

/**
 * Sizes. CPU: 10 000 training images, 6 epochs (the independent measurement's), a 10-epoch
 * teacher, 200 points for the chart and the detector (McNemar on 200 paired points tells a
 * 10-point gap from noise). Estimated from DESIGN.md §5's wasm timings (~0.5 s per PGD-5 training
 * step of 128 images, ~0.1 s per natural step): about 4–5 minutes of student training, 1–2 of
 * teacher, 2–3 of detector. GPU: all 12 000 embedded images, 20 epochs, 1 000 points measured.
 */
const CPU = 'trainSize=10000&testSize=500&epochs=6&teacherEpochs=10&evalSubset=200&detectorSubset=200&detectorQueries=500';
const GPU = 'trainSize=12000&testSize=2000&epochs=20&teacherEpochs=20&evalSubset=1000&detectorSubset=1000&detectorQueries=1000';
/** A size's query with the student trained for `epochs` instead. */
const longer = (query: string, epochs: number) => query.replace(/(^|&)epochs=\d+/, `$1epochs=${epochs}`);
const sized = (cpuMinutes: number, gpuMinutes: number): Record<PresetSize, PresetSizeSpec> => ({
  cpu: { query: CPU, minutes: cpuMinutes },
  gpu: { query: GPU, minutes: gpuMinutes },
});

export const PRESETS: readonly Preset[] = [
  {
    id: 'natural',
    name: 'No defence (natural)',
    look: 'No robust training: natural accuracy is high, and PGD and AA-lite break most of the images at ε = 0.1. The detector calls it clean: nothing hides the gradients, the model is simply not robust.',
    runs: 'train',
    query: `method=natural&${SHARED}`,
    sizes: sized(5, 2),
    claim: { kind: 'not-robust', minNatural: 75 },
    verified: true,
  },
  {
    id: 'trades',
    name: 'TRADES baseline',
    look: 'Adversarial training on one-hot labels: natural accuracy falls a little below the natural model’s, AA-lite leaves clearly more images correct, and the detector stays clean. The reference the LTD presets compare with.',
    runs: 'train',
    query: `method=trades&lambda=6&${SHARED}`,
    sizes: sized(8, 3),
    claim: { kind: 'more-robust-than', reference: 'natural', minNatural: 60 },
    verified: true,
  },
  {
    id: 'ltd-paper',
    name: 'LTD, paper default (τ = 5, λ = 6)',
    look: 'The student learns from the teacher’s soft labels at τ = 5 instead of one-hot labels. Compare its natural and AA-lite accuracy with TRADES over three seeds (mean ± s.d.). Measured at the CPU size, LTD at τ = 5 fell below TRADES in both, so the claim that they stand level does not hold here (README, Presets); the τ sweep’s τ = 1 student did not fall below. The detector stays clean.',
    runs: 'train',
    query: `method=ltd&tau=5&lambda=6&${SHARED}`,
    sizes: sized(10, 4),
    claim: { kind: 'level-with', reference: 'trades', seeds: 3, tolerance: 2, expect: { natural: 'level', aaLite: 'level' } },
    verified: false,
  },
  {
    id: 'ltd-hot',
    name: 'LTD too hot (τ = 20): flat logits, PGD overstates',
    look: 'At τ = 20 the teacher’s labels are nearly flat: the student still learns the clothes, but its logits shrink to a fraction of TRADES’s, and PGD on cross-entropy loses some of its grip — AA-lite and Square, whose losses look at the margin, leave significantly fewer images robust than the accuracy chart’s PGD says (McNemar on the same points). At this size the overstatement is a few points, under the detector’s 15-point threshold for calling it masked, so the verdict stays clean and the report’s first line states the gap; the paper’s collapse to 0 % at τ ≥ 15 needs its scale.',
    runs: 'train',
    query: `method=ltd&tau=20&lambda=6&${SHARED}`,
    // Twelve student epochs on the CPU: at six the student sat at 58 % and AA-lite's gap was 4 points; at twelve 66 % and 7.5 (README, "Sizes tried").
    sizes: { cpu: { query: longer(CPU, 12), minutes: 8 }, gpu: { query: GPU, minutes: 4 } },
    claim: { kind: 'square-below-pgd', minNatural: 60, flatterThan: { reference: 'trades', factor: 0.5 }, minGap: 0 },
    verified: true,
  },
  {
    id: 'defensive-distillation',
    name: 'Defensive distillation (T = 20): looks robust, is masked',
    look: 'Trained at T = 20 with Adam and deployed at T = 1, its logits are huge and many input gradients exactly zero: PGD on the accuracy chart looks robust, AA-lite (whose DLR loss ignores the logits’ scale) breaks clearly more images. The detector calls it masked and names why: the vanishing gradients, and the chart’s PGD overstating robust accuracy against AA-lite.',
    runs: 'train',
    // Adam at 1e-3 trains at T = 20 on Fashion-MNIST (DESIGN.md §5); SGD at the usual rate stays at chance.
    query: `method=defensive-distillation&distillTemperature=20&learningRate=0.001&${SHARED}`,
    sizes: sized(6, 2),
    claim: { kind: 'looks-robust-is-not', minNatural: 60, fires: ['vanishing-gradients', 'chart-vs-aa-lite'] },
    verified: true,
  },
  {
    id: 'table-4',
    name: 'Table 4 in a tab: the τ sweep on Fashion-MNIST',
    look: 'One LTD student per τ from one teacher, each attacked by PGD, AA-lite and Square. As τ rises the student’s logits shrink and the lines part: PGD keeps saying robust while Square and AA-lite find more — the gap opening is the picture. The paper’s Table 4 (CIFAR-10) sits beside it.',
    runs: 'tau-sweep',
    query: `method=ltd&lambda=6&aaBudget=quick&${SHARED}`,
    sizes: {
      // Three students on the CPU, each trained as long as the too-hot preset's (12 epochs); five on a GPU.
      cpu: { query: longer(CPU, 12), taus: [1, 5, 20], minutes: 25 },
      gpu: { query: GPU, taus: [1, 2, 5, 10, 20], minutes: 15 },
    },
    claim: { kind: 'gap-grows-with-tau', minNatural: 50, scaleShrinks: 1 / 3, minGap: 0 },
    verified: true,
  },
];

/** The presets a training run shows (the guided tour walks these); the sweep presets run in their panel. */
export const TRAIN_PRESETS: readonly Preset[] = PRESETS.filter((p) => p.runs === 'train');

/** The preset a link names, or undefined. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** A preset's settings at `size`, as one query: its own, then the size's on top. */
export function presetQuery(preset: Preset, size: PresetSize): string {
  const merged = new URLSearchParams(preset.query);
  for (const [key, value] of new URLSearchParams(preset.sizes[size].query)) merged.set(key, value);
  return merged.toString();
}

/**
 * Which size a backend runs: a GPU's for WebGPU and WebGL on a real adapter, the CPU's for wasm,
 * cpu and WebGPU on SwiftShader (a CPU implementation of WebGPU, as in headless Chromium).
 * @param reason  the backend's reason line, which names the WebGPU adapter
 */
export function presetSizeFor(backend: { name: string; reason: string } | null): PresetSize {
  if (!backend || (backend.name !== 'webgpu' && backend.name !== 'webgl')) return 'cpu';
  return /swiftshader|llvmpipe|software/i.test(backend.reason) ? 'cpu' : 'gpu';
}

/** The URL parameter that picks a size for a link; without it a link opens the CPU size, which finishes anywhere. */
export const PRESET_SIZE_PARAM = 'presetSize';

export interface PresetExpansion {
  /** The query to read settings from: the preset's at its size, with every parameter the address gives itself on top. */
  query: string;
  /** The preset the address named, if it exists. */
  preset: Preset | null;
  /** The size it was expanded at. */
  size: PresetSize;
  /** Why a named preset was refused (an unknown id or size), naming the parameter and the choices. */
  issue: string | null;
}

/**
 * Expand `?preset=<id>` (and `presetSize=cpu|gpu`, default cpu) in an address's query. Parameters
 * written beside it override the preset's (`?preset=ltd-paper&epochs=1` is the preset with one
 * epoch); `preset` and `presetSize` are dropped, so the result holds only settings. Without a
 * preset the query comes back unchanged.
 */
export function expandPresetQuery(search: string): PresetExpansion {
  const given = new URLSearchParams(search);
  const id = given.get('preset');
  const sizeText = given.get(PRESET_SIZE_PARAM);
  given.delete(PRESET_SIZE_PARAM);
  const size: PresetSize = sizeText === 'gpu' ? 'gpu' : 'cpu';
  const badSize = sizeText !== null && sizeText !== 'cpu' && sizeText !== 'gpu'
    ? `Preset size (${PRESET_SIZE_PARAM}) "${sizeText}" is unknown: use cpu or gpu` : null;
  if (id === null) return { query: given.toString(), preset: null, size, issue: null };
  given.delete('preset');
  const preset = presetById(id) ?? null;
  if (!preset) {
    const issue = `Preset (preset) "${id}" is unknown: use one of ${PRESETS.map((p) => p.id).join(', ')}`;
    return { query: given.toString(), preset: null, size, issue };
  }
  const merged = new URLSearchParams(presetQuery(preset, size));
  // The first of a repeated parameter counts, as configFromQuery reads it.
  const overridden = new Set<string>();
  for (const [key, value] of given) {
    if (!overridden.has(key)) merged.set(key, value);
    overridden.add(key);
  }
  return { query: merged.toString(), preset, size, issue: badSize };
}
