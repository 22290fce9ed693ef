/**
 * The data-files slice: what the engine holds for a file data set (Fashion-MNIST, CIFAR-10, own
 * 2-D CSV) and the load in progress. Files and URLs go to the worker, which parses them; a good
 * load redraws the data set's preview, a bad file is one alert naming it (a CSV's bad rows by line
 * number), and what was loaded before stays.
 */
import type { DatasetId } from '../../shared/config';
import { errorText } from '../../shared/error-text';
import type { DataFileSource, DataStatus, LoadProgress } from '../../hosts/worker/api';
import { callback, engine } from '../../hosts/worker/client';
import type { AlertsView } from '../alerts';
import type { RunSlice } from '../run/slice';
import type { SettingsSlice } from '../settings/slice';
import type { SliceCreator } from '../store-slice';

export interface DataSlice {
  /** What the engine last said it holds (null: nothing loaded yet). */
  status: DataStatus | null;
  /** The data set whose holdings were asked for last: a late answer about another one is dropped. */
  statusOf: DatasetId | null;
  /** The load in progress (null: none), stage by stage. */
  progress: LoadProgress | null;
  /** Ask the engine what it holds for `dataset` (the panel does so whenever the data set changes). */
  refreshStatus: (dataset: DatasetId) => Promise<void>;
  loadFiles: (dataset: DatasetId, files: DataFileSource[]) => Promise<void>;
  loadUrl: (dataset: DatasetId, url: string) => Promise<void>;
}

/** What the data slice reads of the store: itself, the alerts, and the preview a good load redraws with the current settings. */
export interface DataView extends AlertsView {
  data: DataSlice;
  run: Pick<RunSlice, 'loadPreview'>;
  settings: Pick<SettingsSlice, 'config'>;
}

export const createDataSlice: SliceCreator<DataSlice, DataView> = (patch, get) => {
  const load = async (read: (onProgress: (p: LoadProgress) => void) => Promise<DataStatus>) => {
    patch({ progress: { file: '', stage: 'reading', fraction: 0 } });
    try {
      patch({ status: await read(callback((progress: LoadProgress) => patch({ progress }))) });
      void get().run.loadPreview(get().settings.config);
    } catch (error) {
      get().alerts.alert(errorText(error));
    } finally {
      patch({ progress: null });
    }
  };

  return {
    status: null,
    statusOf: null,
    progress: null,
    async refreshStatus(dataset) {
      patch({ statusOf: dataset });
      const status = await engine().dataStatus(dataset);
      if (get().data.statusOf === dataset) patch({ status });
    },
    loadFiles: (dataset, files) => load((onProgress) => engine().loadDataFiles(dataset, files, onProgress)),
    loadUrl: (dataset, url) => load((onProgress) => engine().loadFromUrl(dataset, url, onProgress)),
  };
};
