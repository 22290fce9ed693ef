/**
 * The settings store: one validated Config, mirrored in the URL so a link reproduces a run.
 * A refused value never enters the config; the refusal is kept, naming the field, until
 * that field gets a good value.
 *
 * It stays a store of its own beside the page's one store (store.ts), as zustand's guide allows
 * for an independent concern: no action changes the settings and another slice in one step (the
 * slices' actions take the config as an argument), and the address bar's subscription below then
 * wakes on a settings change only, not on every progress event of a run.
 */
import { create } from 'zustand';
import {
  type Config,
  type ConfigIssue,
  type FieldKey,
  configToQuery,
  validateConfig,
  DATASET_INFO,
  datasetDefaults,
  methodDefaults,
  type DatasetId,
  type MethodId,
} from '../../shared/config';
import { expandPresetQuery } from '../../shared/presets';
import { filterQuery, joinQueries } from '../../shared/url-params';
import { opened, rewriteQuery } from '../url';

interface ConfigState {
  config: Config;
  /** Values a control holds that were refused, by field; the config keeps the last good value. */
  issues: ConfigIssue[];
  set: <K extends FieldKey>(key: K, value: Config[K]) => void;
  /** Replace every setting at once (a preset): a valid config, so no refusal is left standing. */
  replace: (config: Config) => void;
}

/** Settings in the address bar that were refused when the page opened (reported once, as an alert). */
export const urlIssues: readonly ConfigIssue[] = opened.issues;

export const useConfig = create<ConfigState>((set, get) => ({
  config: opened.config,
  issues: [],
  set: (key, value) => {
    let candidate = { ...get().config, [key]: value };
    const previous = get().config;
    // A new data set brings its own ε scale, PGD steps and, if the current model does not fit it, its model.
    // Between image sets the chosen model stays (it fits both); from 2-D points to images the MLP
    // would fit too, but nobody wants it there: take the image set's own model.
    if (key === 'dataset' && value !== previous.dataset) {
      const sameKind = DATASET_INFO[value as DatasetId].inputShape.length === DATASET_INFO[previous.dataset].inputShape.length;
      candidate = { ...candidate, ...datasetDefaults(value as DatasetId, sameKind ? candidate.model : undefined) };
    }
    // A new method brings its own inner maximisation (TRADES' KL, LTD's CE); into or out of
    // defensive distillation, the optimiser and schedule follow too (it needs Adam, constant, to train at T_d = 50).
    if (key === 'method' && value !== previous.method) {
      const { innerMax, ...optimizer } = methodDefaults(value as MethodId);
      candidate = { ...candidate, innerMax, ...([value, previous.method].includes('defensive-distillation') ? optimizer : {}) };
    }
    const result = validateConfig(candidate);
    const others = get().issues.filter((issue) => issue.field !== key);
    if (result.ok) set({ config: result.config, issues: others });
    else set({ issues: [...others.filter((o) => !result.issues.some((i) => i.field === o.field)), ...result.issues] });
  },
  replace: (config) => set({ config, issues: [] }),
}));

/** Keep the address bar in step with the settings (replaceState: no history spam). */
export function syncConfigToUrl(): () => void {
  // A `?preset=` link is written out as the settings it stands for, so that later changes edit
  // those settings rather than stack on a preset that the next load would expand again.
  rewriteQuery((query) => {
    const expanded = expandPresetQuery(query);
    return expanded.preset || expanded.issue ? expanded.query : query;
  });
  return useConfig.subscribe((state, previous) => {
    if (state.config === previous.config) return;
    rewriteQuery((query) => joinQueries(configToQuery(state.config), filterQuery(query, (_key, param) => param?.group !== 'settings')));
  });
}
