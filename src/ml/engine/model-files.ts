/**
 * A model as files in the tfjs format: model.json (weights manifest, with the model's config, step and the
 * dataset's normalisation bounds in userDefinedMetadata) and one weights.bin. Optimiser state travels too, so a
 * resumed run continues exactly.
 */
import * as tf from '@tensorflow/tfjs';
import type { GenerativeModel, ModelConfig } from '../types';
import { copyOptimizerState } from './optimizer-state';

export const FORMAT = 'crystens-studio-model';
export const FORMAT_VERSION = 1;

export interface ModelFiles {
  readonly modelJson: string;
  readonly weights: Uint8Array;
}

export interface ModelMetadata {
  readonly format: typeof FORMAT;
  readonly version: number;
  readonly config: ModelConfig;
  /** Training steps done. */
  readonly step: number;
}

const OPTIMIZER_PREFIX = 'optimizer:';

/** `optimizer: false` leaves the optimiser state out, for a copy that only samples. */
export async function saveModelFiles(model: GenerativeModel, step: number, { optimizer: withOptimizer = true } = {}): Promise<ModelFiles> {
  const named: tf.NamedTensorMap = {};
  for (const [role, store] of Object.entries(model.stores)) {
    for (const name of store.names()) named[`${role}/${name}`] = store.variable(name)!;
  }
  const optimizer = withOptimizer ? await copyOptimizerState(model) : [];
  for (const { name, tensor } of optimizer) named[`${OPTIMIZER_PREFIX}${name}`] = tensor;
  const { data, specs } = await tf.io.encodeWeights(named);
  tf.dispose(optimizer.map((o) => o.tensor));
  const metadata: ModelMetadata = { format: FORMAT, version: FORMAT_VERSION, config: model.config, step };
  const modelJson = JSON.stringify({
    format: 'layers-model',
    generatedBy: 'CrysTens Studio',
    convertedBy: null,
    modelTopology: null,
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
    userDefinedMetadata: metadata,
  });
  return { modelJson, weights: new Uint8Array(data) };
}

/** Reads the metadata of model.json; throws an Error saying what is wrong. */
export function readModelMetadata(modelJson: string): ModelMetadata {
  let parsed;
  try {
    parsed = JSON.parse(modelJson);
  } catch {
    throw new Error('model.json is not JSON');
  }
  const metadata = parsed?.userDefinedMetadata as ModelMetadata | undefined;
  if (metadata?.format !== FORMAT) throw new Error('model.json was not written by CrysTens Studio');
  if (metadata.version > FORMAT_VERSION) throw new Error(`model.json is format version ${metadata.version}; this studio reads up to ${FORMAT_VERSION}`);
  if (!(metadata.config?.normalization?.lengthBound > 0)) throw new Error('model.json holds no normalisation bounds');
  return metadata;
}

/** Loads weights and optimiser state into a model built from the same config. */
export async function loadModelWeights(model: GenerativeModel, files: ModelFiles): Promise<void> {
  const specs = JSON.parse(files.modelJson).weightsManifest?.[0]?.weights as tf.io.WeightsManifestEntry[] | undefined;
  if (!specs) throw new Error('model.json has no weights manifest');
  const buffer = files.weights.buffer.slice(files.weights.byteOffset, files.weights.byteOffset + files.weights.byteLength) as ArrayBuffer;
  const tensors = tf.io.decodeWeights(buffer, specs);
  try {
    for (const [role, store] of Object.entries(model.stores)) {
      const prefix = `${role}/`;
      const arrays = Object.entries(tensors)
        .filter(([name]) => name.startsWith(prefix))
        .map(([name, t]) => ({ name: name.slice(prefix.length), shape: t.shape, data: t.dataSync() as Float32Array }));
      store.fromArrays(arrays);
    }
    const optimizer = Object.entries(tensors)
      .filter(([name]) => name.startsWith(OPTIMIZER_PREFIX))
      .map(([name, tensor]) => ({ name: name.slice(OPTIMIZER_PREFIX.length), tensor }));
    if (optimizer.length > 0) await model.setOptimizerWeights(optimizer);
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
