/**
 * An imported model that ends in a softmax outputs probabilities, but every attack and loss here
 * takes logits: it would apply a second softmax on top, squashing the probabilities into a
 * near-uniform vector whose gradients all but vanish — the model would look robust for a reason
 * that has nothing to do with it (the double softmax of Carlini & Wagner 2017). So the final
 * softmax is stripped before the model is built, from the topology in model.json: a last layer's
 * `activation: 'softmax'` becomes 'linear', a trailing Softmax or Activation('softmax') layer is
 * removed (neither holds weights). Softmax is monotone, so predictions do not change; the model
 * now gives the logits the softmax was fed.
 *
 * Plain JSON in and out, no tfjs: tested on hand-written and real tfjs/Keras topologies.
 */

/** What was stripped, for the page to say so. */
export interface StrippedSoftmax {
  /** The layer's name in model.json. */
  layer: string;
  /** 'activation': its activation was softmax and is now linear; 'layer': a softmax layer was removed. */
  how: 'activation' | 'layer';
}

/** A model.json topology that cannot be read as a Sequential or functional Layers model, or cannot be stripped. */
export class SoftmaxStripError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoftmaxStripError';
  }
}

interface LayerJson {
  class_name: string;
  name?: string;
  config: { name?: string; activation?: string; [key: string]: unknown };
  inbound_nodes?: unknown[];
}

type Json = Record<string, unknown>;

const isSoftmaxLayer = (l: LayerJson) => l.class_name === 'Softmax' || (l.class_name === 'Activation' && l.config.activation === 'softmax');
const nameOf = (l: LayerJson) => l.name ?? l.config.name ?? l.class_name;

/** The layer list of a model config: Sequential's `layers` (or the bare list of older Keras), or a functional model's. */
function layersOf(config: unknown): LayerJson[] | null {
  if (Array.isArray(config)) return config as LayerJson[];
  const layers = (config as Json | null)?.layers;
  return Array.isArray(layers) ? (layers as LayerJson[]) : null;
}

/** The tensor feeding `layer` in a functional model, [layer name, node index, tensor index] (its first inbound). */
function inboundOf(layer: LayerJson): [string, number, number] | null {
  const node = layer.inbound_nodes?.[0];
  const first = Array.isArray(node) ? node[0] : null;
  return Array.isArray(first) && typeof first[0] === 'string' ? [first[0], Number(first[1] ?? 0), Number(first[2] ?? 0)] : null;
}

/**
 * Strip a final softmax from a model.json `modelTopology` (tfjs's own, or Keras's with
 * `model_config`). Returns a new topology (the input is not changed) and what was stripped, or
 * null when the model does not end in a softmax.
 */
export function stripFinalSoftmax(topology: unknown): { topology: unknown; stripped: StrippedSoftmax | null } {
  const copy = JSON.parse(JSON.stringify(topology)) as Json;
  const model = (copy.model_config ?? copy) as Json;
  const config = model.config;
  const layers = layersOf(config);
  if (!layers || layers.length === 0) throw new SoftmaxStripError('the topology has no list of layers (neither a Sequential nor a functional model)');
  const functional = !Array.isArray(config) && Array.isArray((config as Json).output_layers);
  const outputs = functional ? ((config as Json).output_layers as unknown[][]) : null;
  if (outputs && outputs.length !== 1) return { topology, stripped: null }; // several outputs: not a classifier's logits
  const lastName = outputs ? String(outputs[0][0]) : null;
  const last = lastName === null ? layers[layers.length - 1] : layers.find((l) => nameOf(l) === lastName);
  if (!last) throw new SoftmaxStripError(`the output layer "${lastName}" is not among the layers`);

  if (!isSoftmaxLayer(last)) {
    if (last.config.activation !== 'softmax') return { topology, stripped: null };
    last.config.activation = 'linear';
    return { topology: copy, stripped: { layer: nameOf(last), how: 'activation' } };
  }
  const feeding = outputs ? inboundOf(last) : layers.length > 1 ? [nameOf(layers[layers.length - 2]), 0, 0] : null;
  if (!feeding) throw new SoftmaxStripError(`its last layer "${nameOf(last)}" is a softmax with nothing before it to take the logits from`);
  layers.splice(layers.indexOf(last), 1);
  if (outputs) outputs[0] = feeding;
  return { topology: copy, stripped: { layer: nameOf(last), how: 'layer' } };
}
