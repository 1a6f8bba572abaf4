/**
 * A model as files in the tfjs format: model.json (weights manifest, with the model's config, step and the
 * dataset's normalisation bounds in userDefinedMetadata) and one weights.bin. Optimiser state travels too, so a
 * resumed run continues exactly.
 */
import * as tf from '@tensorflow/tfjs';
import type { GenerativeModel, ModelConfig } from '../types';
import { checkModelConfig, checkStep, checkWeightsFile, checkWeightsMatchModel } from './model-check';
import { ModelRefusal } from './model-refusal';
import { copyOptimizerState } from './optimizer-state';

export const FORMAT = 'crystens-studio-model';
/** 2: hyper-parameters typed (choices as strings, flags as booleans); version 1's numbers are read too. */
export const FORMAT_VERSION = 2;

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

/**
 * The metadata of model.json, checked (model-check.ts): a known format and version, a non-negative integer step,
 * a config whose every field is in range and whose network fits the memory budget. Throws a ModelRefusal.
 */
export function readModelMetadata(modelJson: string): ModelMetadata {
  return metadataOf(parseModelJson(modelJson));
}

/**
 * Both files checked before anything is built from them: the metadata as readModelMetadata, and weights.bin
 * against the manifest (float32, its byte length, finite values). Throws a ModelRefusal.
 */
export function readModelFiles(files: ModelFiles): ModelMetadata {
  const parsed = parseModelJson(files.modelJson);
  const metadata = metadataOf(parsed);
  checkWeightsFile(parsed, files.weights);
  return metadata;
}

function parseModelJson(modelJson: string): unknown {
  try {
    return JSON.parse(modelJson);
  } catch {
    throw new ModelRefusal('model.json is not JSON');
  }
}

function metadataOf(parsed: unknown): ModelMetadata {
  const metadata = (parsed as { userDefinedMetadata?: Partial<ModelMetadata> } | null)?.userDefinedMetadata;
  if (metadata?.format !== FORMAT) throw new ModelRefusal('model.json was not written by CrysTens Studio');
  const { version } = metadata;
  if (!(typeof version === 'number' && Number.isInteger(version) && version >= 1)) throw new ModelRefusal(`model.json: the format version ${String(version)} is not a positive integer`);
  if (version > FORMAT_VERSION) throw new ModelRefusal(`model.json is format version ${version}; this studio reads up to ${FORMAT_VERSION}`);
  return { format: FORMAT, version, config: checkModelConfig(metadata.config, version), step: checkStep(metadata.step) };
}

/**
 * Loads weights and optimiser state into a model built from the same config, once weights.bin is checked against
 * the manifest and the manifest against the model's variables (model-check.ts).
 */
export async function loadModelWeights(model: GenerativeModel, files: ModelFiles): Promise<void> {
  const entries = checkWeightsFile(parseModelJson(files.modelJson), files.weights);
  checkWeightsMatchModel(entries, model.stores, model.config.kind);
  const specs: tf.io.WeightsManifestEntry[] = entries.map(({ name, shape, dtype }) => ({ name, shape: [...shape], dtype }));
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
