import { describe, expect, it } from 'vitest';
import { stripFinalSoftmax } from './strip-softmax';

/** Keras's own export (h5 → model.json) wraps the model in `model_config` and lists Sequential layers bare in older versions. */
const kerasSequential = {
  keras_version: '2.2.4', backend: 'tensorflow',
  model_config: {
    class_name: 'Sequential',
    config: [
      { class_name: 'Dense', config: { name: 'dense_1', units: 8, activation: 'relu', batch_input_shape: [null, 2] } },
      { class_name: 'Dense', config: { name: 'dense_2', units: 3, activation: 'softmax' } },
    ],
  },
};

describe('stripFinalSoftmax', () => {
  it('turns a last layer’s softmax activation linear in a Keras export, and leaves the input unchanged', () => {
    const before = JSON.stringify(kerasSequential);
    const { topology, stripped } = stripFinalSoftmax(kerasSequential);
    expect(stripped).toEqual({ layer: 'dense_2', how: 'activation' });
    const layers = (topology as typeof kerasSequential).model_config.config;
    expect(layers.map((l) => l.config.activation)).toEqual(['relu', 'linear']);
    expect(JSON.stringify(kerasSequential)).toBe(before);
  });

  it('removes a trailing Softmax layer of a functional model and points the output at what fed it', () => {
    const functional = {
      class_name: 'Model',
      config: {
        name: 'm',
        layers: [
          { name: 'in', class_name: 'InputLayer', config: { name: 'in' }, inbound_nodes: [] },
          { name: 'z', class_name: 'Dense', config: { name: 'z', activation: 'linear' }, inbound_nodes: [[['in', 0, 0, {}]]] },
          { name: 'p', class_name: 'Softmax', config: { name: 'p', axis: -1 }, inbound_nodes: [[['z', 1, 0, {}]]] },
        ],
        input_layers: [['in', 0, 0]],
        output_layers: [['p', 0, 0]],
      },
    };
    const { topology, stripped } = stripFinalSoftmax(functional);
    expect(stripped).toEqual({ layer: 'p', how: 'layer' });
    const config = (topology as typeof functional).config;
    expect(config.layers.map((l) => l.name)).toEqual(['in', 'z']);
    expect(config.output_layers).toEqual([['z', 1, 0]]);
  });

  it('leaves a model that gives logits alone, and one with several outputs', () => {
    const logits = { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'd', activation: 'linear' } }] } };
    expect(stripFinalSoftmax(logits)).toEqual({ topology: logits, stripped: null });
    const twoHeads = { class_name: 'Model', config: { layers: [{ name: 'a', class_name: 'Softmax', config: {} }], output_layers: [['a', 0, 0], ['b', 0, 0]] } };
    expect(stripFinalSoftmax(twoHeads).stripped).toBeNull();
  });

  it('names what it cannot read', () => {
    expect(() => stripFinalSoftmax({ class_name: 'Sequential', config: {} })).toThrow(/no list of layers/);
    expect(() => stripFinalSoftmax({ class_name: 'Model', config: { layers: [{ name: 'a', class_name: 'Dense', config: {} }], output_layers: [['x', 0, 0]] } })).toThrow(
      'the output layer "x" is not among the layers',
    );
  });
});
