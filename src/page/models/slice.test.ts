/**
 * The models slice with the worker stubbed: exports download what the engine writes, an import is
 * read for the current data set and kept, and each refusal is one alert in the panel's words.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';

const stub = vi.hoisted(() => ({ downloads: [] as string[], imports: [] as string[], fail: null as string | null }));

vi.mock('../download', () => ({ download: (name: string) => void stub.downloads.push(name) }));
vi.mock('../../hosts/worker/client', () => ({
  callback: <T,>(f: T) => f,
  engine: () => ({
    exportModel: async (role: string) => {
      if (stub.fail) throw new Error(stub.fail);
      return { jsonName: `${role}.json`, modelJson: '{}', weightsName: `${role}.weights.bin`, weights: new ArrayBuffer(4) };
    },
    importModel: async (_files: unknown[], dataset: string) => {
      stub.imports.push(dataset);
      if (stub.fail) throw new Error(stub.fail);
      return { name: 'model.json', inputShape: [28, 28, 1], numClasses: 10, layers: 4, parameters: 1234 };
    },
    torchScript: async (config: { method: string }) => {
      if (stub.fail) throw new Error(stub.fail);
      return { name: `ltd_${config.method}.py`, text: 'print(1)' };
    },
  }),
}));

const { useStore } = await import('../store');
const { setSlice } = await import('../testing/store');

beforeEach(() => {
  Object.assign(stub, { downloads: [], imports: [], fail: null });
  setSlice('models', { imported: null });
  setSlice('alerts', { list: [] });
  setSlice('settings', { config: { ...DEFAULT_CONFIG, dataset: 'mnist', model: 'cnn', method: 'trades' }, issues: [] });
});

const alerts = () => useStore.getState().alerts.list.map((a) => a.message);

describe('the models slice', () => {
  it('downloads the chosen network’s two files and the current settings’ PyTorch script', async () => {
    await useStore.getState().models.exportModel('teacher');
    await useStore.getState().models.exportTorchScript();
    expect(stub.downloads).toEqual(['teacher.json', 'teacher.weights.bin', 'ltd_trades.py']);
    expect(alerts()).toEqual([]);
  });

  it('imports for the data set the settings hold now and keeps what the engine read', async () => {
    await useStore.getState().models.importModel([new File(['{}'], 'model.json')]);
    expect(stub.imports).toEqual(['mnist']);
    expect(useStore.getState().models.imported).toMatchObject({ name: 'model.json', numClasses: 10 });
  });

  it('turns each refusal into one alert, the PyTorch one saying which export failed, and keeps the last import', async () => {
    await useStore.getState().models.importModel([new File(['{}'], 'model.json')]);
    stub.fail = 'There is no student yet: train a run first.';
    await useStore.getState().models.exportModel('student');
    await useStore.getState().models.importModel([new File(['x'], 'model.json')]);
    stub.fail = 'the generator failed to load';
    await useStore.getState().models.exportTorchScript();
    expect(alerts()).toEqual(['There is no student yet: train a run first.', 'Export as PyTorch script: the generator failed to load']);
    expect(stub.downloads).toEqual([]);
    expect(useStore.getState().models.imported).toMatchObject({ name: 'model.json' });
  });
});
