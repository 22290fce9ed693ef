import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../data/errors';
import { Rng } from '../../shared/rng';
import { buildCnn } from './cnn';
import { checkFits, exportModel, importModel, modelSummary } from './io';
import { buildMlp } from './mlp';
import { buildResnet } from './resnet';

const asFiles = (e: Awaited<ReturnType<typeof exportModel>>) => [
  { name: e.jsonName, bytes: new TextEncoder().encode(e.modelJson) },
  { name: e.weightsName, bytes: new Uint8Array(e.weights) },
];

describe('model export and import (tfjs Layers format)', () => {
  it('round-trips MLP, CNN and ResNet (with batch-norm statistics) to identical predictions', async () => {
    const models = [
      buildMlp({ inputShape: [2], numClasses: 3, hidden: [8, 8], rng: new Rng(1) }),
      buildCnn({ inputShape: [28, 28, 1], numClasses: 10, channels: 2, hidden: 8, rng: new Rng(2) }),
      buildResnet({ inputShape: [16, 16, 3], numClasses: 10, width: 2, blocks: 1, rng: new Rng(3) }),
    ];
    // Move the ResNet's moving statistics away from their initial values, so they must travel too.
    tf.tidy(() => {
      models[2].apply(tf.randomUniform([8, 16, 16, 3], 0, 1, 'float32', 4), { training: true });
    });
    for (const model of models) {
      const before = tf.memory().numTensors;
      const exported = await exportModel(model, 'student');
      expect(JSON.parse(exported.modelJson).weightsManifest[0].paths).toEqual(['./student.weights.bin']);
      const { model: imported, strippedSoftmax } = await importModel(asFiles(exported).map((f) => ({ ...f, name: `downloads/${f.name}` })));
      expect(strippedSoftmax).toBeNull(); // the playground's own models give logits
      const x = tf.randomUniform([5, ...(model.inputs[0].shape.slice(1) as number[])], 0, 1, 'float32', 9);
      const [pa, pb] = [model.predict(x) as tf.Tensor, imported.predict(x) as tf.Tensor];
      expect(Array.from(await pb.data())).toEqual(Array.from(await pa.data()));
      expect(modelSummary(imported)).toEqual(modelSummary(model));
      tf.dispose([x, pa, pb]);
      imported.dispose();
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    }
  });

  it('refuses a model whose shapes do not fit the data set, saying both shapes', () => {
    const model = buildMlp({ inputShape: [2], numClasses: 3, hidden: [4], rng: new Rng(1) });
    expect(() => checkFits('model.json', modelSummary(model), [28, 28, 1], 10, 'MNIST')).toThrow(
      new DataFormatError('model.json', 'the model takes inputs [2] and gives 3 classes; MNIST has inputs [28, 28, 1] and 10 classes'),
    );
    expect(() => checkFits('model.json', modelSummary(model), [2], 3, 'Blobs')).not.toThrow();
    model.dispose();
  });

  it('names the missing weights file, a wrong-sized one, and a json that is not a Layers model', async () => {
    const model = buildMlp({ inputShape: [2], numClasses: 3, hidden: [4], rng: new Rng(1) });
    const [json, weights] = asFiles(await exportModel(model, 'teacher'));
    await expect(importModel([json])).rejects.toThrow(/^teacher\.weights\.bin: missing/);
    await expect(importModel([json, { name: weights.name, bytes: weights.bytes.subarray(8) }])).rejects.toThrow(
      /teacher\.weights\.bin: the weights are \d+ bytes but teacher\.json describes \d+/,
    );
    await expect(importModel([{ name: 'model.json', bytes: new TextEncoder().encode('{"a":') }])).rejects.toThrow(/^model\.json: cannot be read/);
    await expect(importModel([{ name: 'model.json', bytes: new TextEncoder().encode('{"format":"graph-model","modelTopology":{},"weightsManifest":[]}') }]))
      .rejects.toThrow(/graph model/);
    await expect(importModel([weights])).rejects.toThrow(/no model\.json among the picked files/);
    model.dispose();
  });

  /** A tiny classifier whose last step is a softmax, in each way model.json can say it. */
  const endings: Array<[string, () => tf.LayersModel, string]> = [
    ['a Dense layer with softmax activation', () => tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [2], units: 4, activation: 'relu', name: 'hidden' }), tf.layers.dense({ units: 3, activation: 'softmax', name: 'probs' }),
    ] }), 'activation'],
    ['a Softmax layer', () => tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [2], units: 3, name: 'logits' }), tf.layers.softmax({ name: 'probs' }),
    ] }), 'layer'],
    ['an Activation(softmax) layer in a functional model', () => {
      const input = tf.input({ shape: [2] });
      const logits = tf.layers.dense({ units: 3, name: 'logits' }).apply(input) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: tf.layers.activation({ activation: 'softmax', name: 'probs' }).apply(logits) as tf.SymbolicTensor });
    }, 'layer'],
  ];
  for (const [how, build, kind] of endings) {
    it(`strips a final softmax given as ${how}: attacks see the logits, predictions unchanged`, async () => {
      const original = build();
      const { model, strippedSoftmax } = await importModel(asFiles(await exportModel(original, 'probs')));
      expect(strippedSoftmax).toEqual({ layer: 'probs', how: kind });
      const x = tf.randomUniform([6, 2], 0, 1, 'float32', 3);
      const [probs, logits] = [original.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor];
      const resoftmaxed = tf.softmax(logits);
      expect(Array.from(await resoftmaxed.data()).map((v) => +v.toFixed(6))).toEqual(Array.from(await probs.data()).map((v) => +v.toFixed(6)));
      // Not probabilities any more: a row of logits does not sum to 1.
      const sums = await tf.sum(logits, -1).data();
      expect(Array.from(sums).some((v) => Math.abs(v - 1) > 1e-3)).toBe(true);
      tf.dispose([x, probs, logits, resoftmaxed]);
      model.dispose();
      original.dispose();
    });
  }

  it('refuses weights that are NaN or infinite, naming the json, the tensor and the index', async () => {
    const model = buildMlp({ inputShape: [2], numClasses: 3, hidden: [4], rng: new Rng(5) });
    const exported = await exportModel(model, 'diverged');
    const weights = new Float32Array(exported.weights.slice(0));
    weights[3] = NaN;
    const files = [asFiles(exported)[0], { name: exported.weightsName, bytes: new Uint8Array(weights.buffer) }];
    const spec = JSON.parse(exported.modelJson).weightsManifest[0].weights[0];
    await expect(importModel(files)).rejects.toThrow(new RegExp(`^diverged\\.json: has a weight that is not a finite number \\(${spec.name}\\[3\\] = NaN\\)`));
    weights[3] = 0;
    weights[weights.length - 1] = -Infinity;
    await expect(importModel([files[0], { name: exported.weightsName, bytes: new Uint8Array(weights.buffer) }])).rejects.toThrow(/= -Infinity\)/);
    model.dispose();
  });

  it('refuses a manifest that declares more weights than the page will allocate, before reading them', async () => {
    const model = buildMlp({ inputShape: [2], numClasses: 3, hidden: [4], rng: new Rng(6) });
    const exported = await exportModel(model, 'huge');
    const json = JSON.parse(exported.modelJson);
    json.weightsManifest[0].weights[0].shape = [200_000, 1000]; // 800 MB of float32
    const files = [{ name: 'huge.json', bytes: new TextEncoder().encode(JSON.stringify(json)) }, asFiles(exported)[1]];
    const before = tf.memory().numBytes;
    await expect(importModel(files)).rejects.toThrow(/^huge\.json: declares \d+ MiB of weights, over the 512 MiB this page will allocate/);
    expect(tf.memory().numBytes).toBe(before);
    model.dispose();
  });

  it('refuses a model that is nothing but a softmax, naming the layer', async () => {
    const only = tf.sequential({ layers: [tf.layers.softmax({ inputShape: [3], name: 'alone' })] });
    await expect(importModel(asFiles(await exportModel(only, 'alone')))).rejects.toThrow(
      'alone.json: cannot be attacked on its logits: its last layer "alone" is a softmax with nothing before it to take the logits from',
    );
    only.dispose();
  });
});
