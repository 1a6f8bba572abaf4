/**
 * Real model files to tamper with in tests: a tiny model built by the engine, trained one step (so that Adam's
 * state, with its int32 iteration count, is in the files) and saved by saveModelFiles; and edits of its model.json
 * and weights.bin as a careless or hostile hand would make them.
 */
import * as tf from '@tensorflow/tfjs';
import { LAYERS, SIZE } from '../../core/crystens/layout';
import { createModel, modelConfig } from '../engine/factory';
import { type ModelFiles, saveModelFiles } from '../engine/model-files';
import type { ModelKind } from '../types';

/** The parts of model.json a tampering test edits. */
export interface ModelJson {
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
  userDefinedMetadata: { version: number; config: { kind: string; preset: string; normalization: { lengthBound: number }; hyper: Record<string, unknown> }; step: number };
}

/** A tiny `kind` model after one step on an empty batch, as saveModelFiles writes it (step 1). */
export async function savedTinyModel(kind: ModelKind): Promise<ModelFiles> {
  const model = createModel(modelConfig({ kind, preset: 'tiny', normalization: { lengthBound: 7 }, batchSize: 2 }));
  try {
    const batch = tf.zeros([2, SIZE, SIZE, LAYERS]) as tf.Tensor4D;
    await model.trainStep(batch, 0);
    batch.dispose();
    return await saveModelFiles(model, 1);
  } finally {
    model.dispose();
  }
}

/** The files with model.json edited (weights.bin as it was). */
export function withModelJson(files: ModelFiles, edit: (json: ModelJson) => void): ModelFiles {
  const json = JSON.parse(files.modelJson) as ModelJson;
  edit(json);
  return { modelJson: JSON.stringify(json), weights: files.weights };
}

/** The files with weights.bin replaced by `edit`'s bytes, given a copy of the bytes and where each weight starts. */
export function withWeights(files: ModelFiles, edit: (bytes: Uint8Array, byteOffsetOf: (name: string) => number) => Uint8Array): ModelFiles {
  const specs = (JSON.parse(files.modelJson) as ModelJson).weightsManifest[0]!.weights;
  const offsets = new Map<string, number>();
  specs.reduce((at, spec) => (offsets.set(spec.name, at), at + 4 * spec.shape.reduce((a, b) => a * b, 1)), 0);
  const byteOffsetOf = (name: string) => {
    const at = offsets.get(name);
    if (at === undefined) throw new Error(`no weight ${name} in the files`);
    return at;
  };
  return { modelJson: files.modelJson, weights: edit(files.weights.slice(), byteOffsetOf) };
}
