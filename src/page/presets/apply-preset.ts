/**
 * Applying a preset (src/shared/presets.ts): every setting and the detector's budget at once, and
 * the address bar to match, so the page then reads exactly as the preset's link would open it.
 * Nothing starts: the person presses Train.
 */
import { type Config, configFromQuery, configToQuery } from '../../shared/config';
import { PRESETS, type Preset } from '../../shared/presets';
import { type DetectorBudget, type UrlParam, detectorBudget, filterQuery, joinQueries, readParams } from '../../shared/url-params';
import { rewriteQuery } from '../url';
import type { EngineUse } from '../store';
import { useStore } from '../store';

/** Each preset's config, read once (the presets' unit test holds every one to the schema). */
const PRESET_CONFIGS: ReadonlyMap<string, Config> = new Map(PRESETS.map((p) => [p.id, configFromQuery(p.query).config]));

/** The preset whose settings the page holds now (as its URL would encode them), or null. */
export function activePresetId(config: Config): string | null {
  const query = configToQuery(config);
  return PRESETS.find((p) => configToQuery(PRESET_CONFIGS.get(p.id) as Config) === query)?.id ?? null;
}

/**
 * Whether presets wait while the engine is in `use`: during a run or a sweep, whose settings on
 * screen must stay the ones it runs with. The detector keeps its own copy of the settings it ran with.
 */
export function presetsWait(use: EngineUse | null): boolean {
  return use === 'training' || use === 'sweep';
}

/** What `preset` sets: its config and its detector budget (pure; nothing changes). */
export function presetSettings(preset: Preset): { config: Config; budget: DetectorBudget } {
  return { config: PRESET_CONFIGS.get(preset.id) as Config, budget: detectorBudget(readParams(preset.query)) };
}

/**
 * Set the page to `preset`: its config (replacing every setting, clearing refusals), its detector
 * budget (the detector's other settings back to their defaults) and the URL: the config as the
 * store writes it, the preset's `detector…` parameters in place of any others, every other
 * parameter (`backend`, …) kept. Returns what was set.
 */
export function applyPreset(preset: Preset): { config: Config; budget: DetectorBudget } {
  const { config, budget } = presetSettings(preset);
  useStore.getState().settings.replace(config);
  useStore.getState().detector.set({ ...budget, multiples: readParams(preset.query).detectorMultiples });
  const isDetector = (param?: UrlParam) => param?.group === 'detector';
  rewriteQuery((query) =>
    joinQueries(
      configToQuery(config),
      filterQuery(preset.query, (_key, param) => isDetector(param)),
      filterQuery(query, (key, param) => param?.group !== 'settings' && !isDetector(param) && key !== 'preset'),
    ),
  );
  return { config, budget };
}
