/**
 * The models slice: exporting the last run's teacher or student (tfjs Layers files), the current
 * settings as one PyTorch script, and importing a model. The engine does the work; the slice
 * downloads what it answers and turns a refusal into one alert.
 */
import { errorText } from '../../shared/error-text';
import type { DataFileSource, ModelSummary } from '../../hosts/worker/api';
import { engine } from '../../hosts/worker/client';
import type { AlertsView } from '../alerts';
import { download } from '../download';
import type { SettingsSlice } from '../settings/slice';
import type { SliceCreator } from '../store-slice';

export interface ModelsSlice {
  /** The model imported last, as the engine read it (null: none yet). */
  imported: ModelSummary | null;
  exportModel: (role: 'student' | 'teacher') => Promise<void>;
  /** Import model.json and its weights for the current data set. */
  importModel: (files: DataFileSource[]) => Promise<void>;
  /** Download one self-contained .py of the current settings. */
  exportTorchScript: () => Promise<void>;
}

/** What the models slice reads of the store: itself, the alerts, and the settings it exports or imports for. */
export interface ModelsView extends AlertsView {
  models: ModelsSlice;
  settings: Pick<SettingsSlice, 'config'>;
}

export const createModelsSlice: SliceCreator<ModelsSlice, ModelsView> = (patch, get) => {
  const alert = (message: string) => get().alerts.alert(message);
  return {
    imported: null,
    async exportModel(role) {
      try {
        const files = await engine().exportModel(role);
        download(files.jsonName, files.modelJson, 'application/json');
        download(files.weightsName, files.weights);
      } catch (error) {
        alert(errorText(error));
      }
    },
    async importModel(files) {
      try {
        patch({ imported: await engine().importModel(files, get().settings.config.dataset) });
      } catch (error) {
        alert(errorText(error));
      }
    },
    async exportTorchScript() {
      try {
        // The engine writes it (its generator loads there on first use, so no page load carries the Python text).
        const { name, text } = await engine().torchScript(get().settings.config);
        download(name, text, 'text/x-python');
      } catch (error) {
        alert(`Export as PyTorch script: ${errorText(error)}`);
      }
    },
  };
};
