/**
 * Models in and out, in the standard tfjs Layers format: `name.json` (topology + weights
 * manifest) and `name.weights.bin` — the files `model.save('downloads://name')` writes and
 * `tf.loadLayersModel` reads. Only plain strings and ArrayBuffers cross the worker boundary.
 */
import * as tf from '@tensorflow/tfjs';
import { DataFormatError, guardParse } from '../data/errors';
import { type NamedBytes, baseName } from '../data/files';
import { SoftmaxStripError, type StrippedSoftmax, stripFinalSoftmax } from './strip-softmax';
import { errorText } from '../../shared/error-text';

export interface ExportedModel {
  /** The model.json text; its manifest names `weightsName`. */
  modelJson: string;
  weights: ArrayBuffer;
  jsonName: string;
  weightsName: string;
}

/** What an imported model is, for the page. */
export interface ModelSummary {
  name: string;
  inputShape: number[];
  numClasses: number;
  layers: number;
  parameters: number;
  /** The final softmax that was stripped on import, so the model gives logits (strip-softmax.ts); null when it had none. */
  strippedSoftmax?: StrippedSoftmax | null;
}

/** An imported model, and the final softmax stripped from it (if any). */
export interface ImportedModel {
  model: tf.LayersModel;
  strippedSoftmax: StrippedSoftmax | null;
}

/**
 * Serialise `model` as model.json + one weights file.
 * @param name  file stem: `student` gives student.json and student.weights.bin
 */
export async function exportModel(model: tf.LayersModel, name: string): Promise<ExportedModel> {
  let exported: ExportedModel | null = null;
  const weightsName = `${name}.weights.bin`;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData instanceof ArrayBuffer || artifacts.weightData === undefined
        ? (artifacts.weightData ?? new ArrayBuffer(0))
        : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const json: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${weightsName}`], weights: artifacts.weightSpecs ?? [] }],
      };
      exported = { modelJson: JSON.stringify(json), weights, jsonName: `${name}.json`, weightsName };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
  return exported!;
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2 };

/**
 * The most weight bytes an imported model may declare: 512 MiB, already more than a browser tab
 * can train (a WRN-34-10 is 185 MB). Checked on the manifest, before anything is read or allocated.
 */
export const MODEL_BYTES_BUDGET = 512 * 1024 * 1024;

/** The first weight of a float32 tensor that is NaN or ±∞, as "name[index] = value", or null. */
function nonFiniteWeight(specs: tf.io.WeightsManifestEntry[], data: Uint8Array): string | null {
  let at = 0;
  for (const spec of specs) {
    const bytes = specBytes(spec);
    if (spec.dtype === 'float32' && !spec.quantization) {
      // A copy keeps the view aligned whatever the offset of this tensor in the file.
      const values = new Float32Array(data.slice(at, at + bytes).buffer);
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) return `${spec.name}[${bad}] = ${values[bad]}`;
    }
    at += bytes;
  }
  return null;
}

function specBytes(spec: tf.io.WeightsManifestEntry): number {
  const per = spec.quantization ? DTYPE_BYTES[spec.quantization.dtype] : DTYPE_BYTES[spec.dtype];
  return spec.shape.reduce((a, b) => a * b, 1) * (per ?? NaN);
}

/**
 * Read a Layers model from picked files: one `.json` and the weight files its manifest names
 * (matched by file name, whatever folder the manifest's paths carry). A final softmax is
 * stripped, so the model gives logits (strip-softmax.ts says why). The caller owns the model.
 */
export async function importModel(files: NamedBytes[]): Promise<ImportedModel> {
  const jsonFile = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  if (!jsonFile) {
    throw new DataFormatError(files.map((f) => f.name).join(', ') || '(no files)', 'no model.json among the picked files: pick the .json and its .bin weights together');
  }
  const json = guardParse(jsonFile.name, () => JSON.parse(new TextDecoder().decode(jsonFile.bytes)) as tf.io.ModelJSON);
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new DataFormatError(jsonFile.name, 'is not a tfjs Layers model.json (needs modelTopology and weightsManifest)');
  }
  if (json.format === 'graph-model') throw new DataFormatError(jsonFile.name, 'is a tfjs graph model; only Layers models can be trained and attacked here');
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const path of group.paths) {
      const file = files.find((f) => baseName(f.name) === baseName(path));
      if (!file) throw new DataFormatError(baseName(path), `missing: ${jsonFile.name} needs this weights file; pick it with the .json`);
      parts.push(file.bytes);
    }
  }
  const total = parts.reduce((a, p) => a + p.length, 0);
  const expected = weightSpecs.reduce((a, s) => a + specBytes(s), 0);
  if (!(expected <= MODEL_BYTES_BUDGET)) {
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    throw new DataFormatError(jsonFile.name, `declares ${Number.isFinite(expected) ? mb(expected) : 'an unknown size'} of weights, over the ${mb(MODEL_BYTES_BUDGET)} this page will allocate`);
  }
  if (total !== expected) {
    throw new DataFormatError(
      parts.length === 1 ? baseName(json.weightsManifest[0].paths[0]) : jsonFile.name,
      `the weights are ${total} bytes but ${jsonFile.name} describes ${expected}`,
    );
  }
  const weightData = new Uint8Array(total);
  parts.reduce((at, p) => (weightData.set(p, at), at + p.length), 0);
  const bad = nonFiniteWeight(weightSpecs, weightData);
  if (bad) throw new DataFormatError(jsonFile.name, `has a weight that is not a finite number (${bad}): a diverged or damaged model cannot be attacked`);
  let logits: ReturnType<typeof stripFinalSoftmax>;
  try {
    logits = stripFinalSoftmax(json.modelTopology);
  } catch (error) {
    if (error instanceof SoftmaxStripError) throw new DataFormatError(jsonFile.name, `cannot be attacked on its logits: ${error.message}`);
    throw error;
  }
  try {
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: logits.topology as object, weightSpecs, weightData: weightData.buffer }),
    );
    return { model, strippedSoftmax: logits.stripped };
  } catch (error) {
    throw new DataFormatError(jsonFile.name, `cannot be built as a Layers model (${errorText(error)})`);
  }
}

/** Input shape (without the batch) and class count of a classifier. */
export function modelSummary(model: tf.LayersModel): ModelSummary {
  const input = model.inputs[0].shape.slice(1) as number[];
  const output = model.outputs[0].shape;
  return {
    name: model.name,
    inputShape: input,
    numClasses: output.length === 2 ? (output[1] ?? 0) : 0,
    layers: model.layers.length,
    parameters: model.countParams(),
  };
}

/**
 * Refuse a model that does not fit a data set, with both shapes in the message.
 * @param label  the data set as a person reads it ("Fashion-MNIST")
 */
export function checkFits(file: string, summary: ModelSummary, inputShape: number[], numClasses: number, label: string): void {
  const shape = (s: number[]) => `[${s.join(', ')}]`;
  const inputOk = summary.inputShape.length === inputShape.length && summary.inputShape.every((d, i) => d === inputShape[i]);
  if (!inputOk || summary.numClasses !== numClasses) {
    throw new DataFormatError(
      file,
      `the model takes inputs ${shape(summary.inputShape)} and gives ${summary.numClasses} classes; ` +
        `${label} has inputs ${shape(inputShape)} and ${numClasses} classes`,
    );
  }
}
