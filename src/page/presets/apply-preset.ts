/**
 * Applying a preset (src/shared/presets.ts) at a size: every setting and the detector's budget at
 * once — and a sweep preset's τ list and attacks in the Temperature sweep panel — and the address
 * bar to match, so the page then reads exactly as the preset's link would open it. Nothing
 * starts: the person presses Train (or Run τ sweep).
 */
import { type Config, configFromQuery, configToQuery } from '../../shared/config';
import { PRESET_SIZE_PARAM, PRESET_SIZES, PRESETS, type Preset, type PresetSize, presetQuery, presetSizeFor } from '../../shared/presets';
import { type DetectorBudget, type UrlParam, detectorBudget, filterQuery, joinQueries, readParams } from '../../shared/url-params';
import { rewriteQuery } from '../url';
import type { EngineUse } from '../store';
import { useStore } from '../store';

const key = (id: string, size: PresetSize) => `${id}@${size}`;

/** Each preset's config at each size, read once (the presets' unit test holds every one to the schema). */
const PRESET_CONFIGS: ReadonlyMap<string, Config> = new Map(
  PRESETS.flatMap((p) => PRESET_SIZES.map((size) => [key(p.id, size), configFromQuery(presetQuery(p, size)).config] as const)),
);

/** The preset and size whose settings the page holds now (as its URL would encode them), or null. */
export function activePreset(config: Config): { id: string; size: PresetSize } | null {
  const query = configToQuery(config);
  for (const p of PRESETS) {
    for (const size of PRESET_SIZES) if (configToQuery(PRESET_CONFIGS.get(key(p.id, size)) as Config) === query) return { id: p.id, size };
  }
  return null;
}

/** The preset whose settings the page holds now, at either size, or null. */
export const activePresetId = (config: Config): string | null => activePreset(config)?.id ?? null;

/** The size the running backend gets (a GPU's, or a CPU's for wasm, cpu and WebGPU on SwiftShader). */
export const usePresetSize = (): PresetSize => useStore((s) => presetSizeFor(s.run.backend));
const presetSizeNow = (): PresetSize => presetSizeFor(useStore.getState().run.backend);

/**
 * Whether presets wait while the engine is in `use`: during a run or a sweep, whose settings on
 * screen must stay the ones it runs with. The detector keeps its own copy of the settings it ran with.
 */
export function presetsWait(use: EngineUse | null): boolean {
  return use === 'training' || use === 'sweep';
}

/** What `preset` sets at `size`: its config and its detector budget (pure; nothing changes). */
export function presetSettings(preset: Preset, size: PresetSize = 'cpu'): { config: Config; budget: DetectorBudget } {
  return { config: PRESET_CONFIGS.get(key(preset.id, size)) as Config, budget: detectorBudget(readParams(presetQuery(preset, size))) };
}

/**
 * What a sweep preset sets in the Temperature sweep panel at `size`: its τ list, PGD (the
 * evaluation attack), AA-lite and Square at the detector's query budget, a plain sweep of one seed.
 */
export function presetSweep(preset: Preset, size: PresetSize, budget: DetectorBudget) {
  return {
    temperatures: (preset.sizes[size].taus ?? []).join(', '), includeSquare: true, includeAaLite: true,
    ...(budget.queries === null ? {} : { squareQueries: budget.queries }), findTauMax: false, repeats: 1 as const,
  };
}

/**
 * Set the page to `preset` at `size` (by default the running backend's): its config (replacing
 * every setting, clearing refusals), its detector budget (the detector's other settings back to
 * their defaults), a sweep preset's panel settings, and the URL: the config as the store writes
 * it (which holds the size's data and epochs), the preset's `detector…` parameters in place of
 * any others, every other parameter (`backend`, …) kept. Returns what was set.
 */
export function applyPreset(preset: Preset, size: PresetSize = presetSizeNow()): { config: Config; budget: DetectorBudget; size: PresetSize } {
  const { config, budget } = presetSettings(preset, size);
  const query = presetQuery(preset, size);
  const store = useStore.getState();
  store.settings.replace(config);
  store.detector.set({ ...budget, multiples: readParams(query).detectorMultiples, robustnessCurve: readParams(query).detectorRobustnessCurve });
  if (preset.runs === 'tau-sweep') store.temperatureSweep.set(presetSweep(preset, size, budget));
  const isDetector = (param?: UrlParam) => param?.group === 'detector';
  rewriteQuery((current) =>
    joinQueries(
      configToQuery(config),
      filterQuery(query, (_key, param) => isDetector(param)),
      filterQuery(current, (k, param) => param?.group !== 'settings' && !isDetector(param) && k !== 'preset' && k !== PRESET_SIZE_PARAM),
    ),
  );
  return { config, budget, size };
}
