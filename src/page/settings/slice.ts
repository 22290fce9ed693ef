/**
 * The settings slice: one validated Config, mirrored in the address (sync-address.ts) so a link
 * reproduces a run. A refused value never enters the config; the refusal is kept, naming the
 * field, until that field gets a good value. The slices' actions take the config as an argument
 * where a panel starts them (`run.train(config)`), so what runs is what the panel showed.
 */
import {
  type Config,
  type ConfigIssue,
  type FieldKey,
  validateConfig,
  DATASET_INFO,
  datasetDefaults,
  methodDefaults,
  type DatasetId,
  type MethodId,
  epsilonScale,
  type NormId,
} from '../../shared/config';
import type { SliceCreator } from '../store-slice';
import { opened } from '../url';

export interface SettingsSlice {
  config: Config;
  /** Values a control holds that were refused, by field; the config keeps the last good value. */
  issues: ConfigIssue[];
  set: <K extends FieldKey>(key: K, value: Config[K]) => void;
  /** Replace every setting at once (a preset): a valid config, so no refusal is left standing. */
  replace: (config: Config) => void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice, { settings: SettingsSlice }> = (patch, get) => ({
  // The address's settings, or a preset's (url-params.ts); refused ones are at their defaults.
  config: opened.config,
  issues: [],
  set: (key, value) => {
    const previous = get().settings.config;
    let candidate = { ...previous, [key]: value };
    // A new data set brings its own ε scale, PGD steps and, if the current model does not fit it, its model.
    // Between image sets the chosen model stays (it fits both); from 2-D points to images the MLP
    // would fit too, but nobody wants it there: take the image set's own model.
    if (key === 'dataset' && value !== previous.dataset) {
      const sameKind = DATASET_INFO[value as DatasetId].inputShape.length === DATASET_INFO[previous.dataset].inputShape.length;
      candidate = { ...candidate, ...datasetDefaults(value as DatasetId, sameKind ? candidate.model : undefined, candidate.norm) };
    }
    // A new threat model brings the data set's radius in it (an L∞ 0.3 is no L2 radius on MNIST).
    if (key === 'norm' && value !== previous.norm) {
      candidate = { ...candidate, epsilon: epsilonScale(candidate.dataset, value as NormId).default };
    }
    // A new method brings its own inner maximisation (TRADES' KL, LTD's CE); into or out of
    // defensive distillation, the optimiser and schedule follow too (it needs Adam, constant, to train at T_d = 50).
    if (key === 'method' && value !== previous.method) {
      const { innerMax, ...optimizer } = methodDefaults(value as MethodId);
      candidate = { ...candidate, innerMax, ...([value, previous.method].includes('defensive-distillation') ? optimizer : {}) };
    }
    const result = validateConfig(candidate);
    const others = get().settings.issues.filter((issue) => issue.field !== key);
    if (result.ok) patch({ config: result.config, issues: others });
    else patch({ issues: [...others.filter((o) => !result.issues.some((i) => i.field === o.field)), ...result.issues] });
  },
  replace: (config) => patch({ config, issues: [] }),
});
