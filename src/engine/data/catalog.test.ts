/** The dataset/model rows of the config: what fits what, per-dataset defaults in the URL. */
import { describe, expect, it } from 'vitest';
import { DATASETS, DEFAULT_CONFIG, configFromQuery, configToQuery, datasetDefaults, modelsFor, validateConfig } from '../../shared/config';
import { loadDataset } from '.';

describe('data sets in the config', () => {
  it('offers convolutional models for images only', () => {
    expect(modelsFor('blobs')).toEqual(['mlp']);
    expect(modelsFor('mnist')).toEqual(['mlp', 'cnn', 'resnet']);
  });

  it('refuses a CNN on 2-D data, naming both fields', () => {
    const result = validateConfig({ ...DEFAULT_CONFIG, dataset: 'moons', model: 'cnn' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0].field).toBe('model');
      expect(result.issues[0].message).toMatch(/Model \(model\) Small CNN does not fit Dataset \(dataset\) Moons/);
    }
  });

  it('reads ?dataset=mnist with MNIST\'s ε and model, and writes it back as just that', () => {
    const { config, issues } = configFromQuery('dataset=mnist');
    expect(issues).toEqual([]);
    expect([config.epsilon, config.model]).toEqual([0.3, 'cnn']);
    expect(configToQuery(config)).toBe('dataset=mnist');
    expect(configFromQuery(configToQuery({ ...config, epsilon: 0.05 })).config.epsilon).toBe(0.05);
  });

  it('keeps a model that fits the new data set and swaps one that does not', () => {
    expect(datasetDefaults('cifar10', 'cnn')).toEqual({ epsilon: 8 / 255, model: 'cnn', trainPgdSteps: 5 });
    expect(datasetDefaults('blobs', 'resnet')).toEqual({ epsilon: 0.05, model: 'mlp', trainPgdSteps: 10 });
  });

  it('generates every 2-D data set inside the unit square with the requested sizes', async () => {
    for (const dataset of DATASETS.filter((d) => d === 'blobs' || d === 'moons' || d === 'spirals')) {
      const data = await loadDataset({ ...DEFAULT_CONFIG, dataset, trainSize: 40, testSize: 20 });
      expect([data.train.n, data.test.n, data.inputShape]).toEqual([40, 20, [2]]);
      expect(data.train.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
  });

  it('treats own CSV data as 2-D: MLP only, the toys\' ε, loaded from a file', () => {
    expect(modelsFor('csv')).toEqual(['mlp']);
    expect(datasetDefaults('csv', 'cnn')).toEqual({ epsilon: 0.05, model: 'mlp', trainPgdSteps: 10 });
    expect(configToQuery(configFromQuery('dataset=csv').config)).toBe('dataset=csv');
  });

  it('says how to load a file data set that is not loaded', async () => {
    await expect(loadDataset({ ...DEFAULT_CONFIG, dataset: 'csv' })).rejects.toThrow(
      /Own 2-D data \(CSV\) is not loaded yet: pick a CSV file of x,y,label rows in "2-D data \(CSV\)"/,
    );
    await expect(loadDataset({ ...DEFAULT_CONFIG, dataset: 'fashion-mnist', model: 'cnn' })).rejects.toThrow(
      /Fashion-MNIST \(12 000 \+ 2 000 embedded, or IDX files\) is not loaded yet: its embedded subset is not available here; pick its four IDX files in "Data files"/,
    );
  });
});
