/**
 * The data-files slice with the worker stubbed: a good load shows what was loaded and redraws the
 * preview with the current settings, a bad file is one alert and leaves what was loaded, progress
 * shows only while a load runs, and a late answer about another data set is dropped.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import type { DataStatus, LoadProgress } from '../../hosts/worker/api';

const stub = vi.hoisted(() => ({
  previews: [] as string[],
  progressSeen: [] as unknown[],
  answer: null as ((dataset: string) => Promise<DataStatus | null>) | null,
}));

const loaded = (dataset: 'fashion-mnist' | 'cifar10', trainSize: number): DataStatus => ({
  dataset, description: `${trainSize} training images`, trainSize, testSize: 10, inputShape: [28, 28, 1],
});

vi.mock('../../hosts/worker/client', () => ({
  callback: <T,>(f: T) => f,
  engine: () => ({
    loadDataFiles: async (dataset: 'fashion-mnist', files: Array<{ name: string }>, onProgress: (p: LoadProgress) => void) => {
      onProgress({ file: files[0].name, stage: 'parsing', fraction: 0.5 });
      if (files[0].name === 'bad.gz') throw new Error('bad.gz: is not valid gzip data (incorrect header check)');
      return loaded(dataset, 60);
    },
    loadFromUrl: async (dataset: 'cifar10') => loaded(dataset, 50),
    dataStatus: (dataset: string) => stub.answer!(dataset),
    preview: async (config: { dataset: string }) => {
      stub.previews.push(config.dataset);
      return { dataset: config.dataset };
    },
  }),
}));

const { useStore } = await import('../store');
const { setSlice } = await import('../testing/store');

beforeEach(() => {
  stub.previews = [];
  stub.answer = async () => null;
  setSlice('data', { status: null, statusOf: null, progress: null });
  setSlice('alerts', { list: [] });
  setSlice('settings', { config: { ...DEFAULT_CONFIG, dataset: 'fashion-mnist', model: 'cnn' }, issues: [] });
});

const file = (name: string) => new File([new Uint8Array(4)], name);

describe('the data-files slice', () => {
  it('shows a good load, redraws the preview for the current settings, and clears its progress', async () => {
    const seen: Array<LoadProgress | null> = [];
    const unsubscribe = useStore.subscribe(({ data }) => void seen.push(data.progress));
    await useStore.getState().data.loadFiles('fashion-mnist', [file('train-images-idx3-ubyte.gz')]);
    unsubscribe();
    expect(useStore.getState().data).toMatchObject({ status: { dataset: 'fashion-mnist', trainSize: 60 }, progress: null });
    expect(seen).toContainEqual({ file: 'train-images-idx3-ubyte.gz', stage: 'parsing', fraction: 0.5 });
    await vi.waitFor(() => expect(stub.previews).toEqual(['fashion-mnist']));
    expect(useStore.getState().alerts.list).toEqual([]);
  });

  it('turns a bad file into one alert naming it and keeps what was loaded before', async () => {
    await useStore.getState().data.loadUrl('cifar10', 'http://localhost/cifar/');
    await useStore.getState().data.loadFiles('fashion-mnist', [file('bad.gz')]);
    expect(useStore.getState().alerts.list.map((a) => a.message)).toEqual(['bad.gz: is not valid gzip data (incorrect header check)']);
    expect(useStore.getState().data).toMatchObject({ status: { dataset: 'cifar10', trainSize: 50 }, progress: null });
  });

  it('drops the engine’s answer about a data set that is no longer the one asked about', async () => {
    const answers = new Map<string, (status: DataStatus | null) => void>();
    stub.answer = (dataset) => new Promise((resolve) => answers.set(dataset, resolve));
    const first = useStore.getState().data.refreshStatus('fashion-mnist');
    const second = useStore.getState().data.refreshStatus('cifar10');
    answers.get('cifar10')!(loaded('cifar10', 50));
    await second;
    answers.get('fashion-mnist')!(loaded('fashion-mnist', 60));
    await first;
    expect(useStore.getState().data.status).toMatchObject({ dataset: 'cifar10' });
  });
});
