/**
 * A model as a folder on disk, the layout the studio exports (model-files.ts): model.json beside weights.bin.
 * Node only (the CLI, scripts, tests): the page and the workers never import it, so the browser bundle carries no
 * node:fs — the same split as moyo-node.ts beside moyo.ts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { type ModelFiles, type ModelMetadata, readModelFiles } from './model-files';
import { ModelRefusal } from './model-refusal';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/**
 * The folder's two files, unchecked; undefined where it holds no model.json. A model.json without its weights.bin
 * is refused, naming the file as model-check.ts does (inModelDir adds the folder).
 */
export function readModelDir(dir: string): ModelFiles | undefined {
  const json = join(dir, MODEL_JSON);
  if (!existsSync(json)) return undefined;
  const weights = join(dir, WEIGHTS_BIN);
  if (!existsSync(weights)) throw new ModelRefusal(`${WEIGHTS_BIN} is missing beside ${MODEL_JSON}`);
  return { modelJson: readFileSync(json, 'utf8'), weights: new Uint8Array(readFileSync(weights)) };
}

/**
 * A model folder's files and metadata, both files checked before anything is built (model-check.ts); a refusal
 * names the folder's file (`DIR/model.json: …`). Undefined where the folder holds no model.json.
 */
export function readCheckedModelDir(dir: string): { files: ModelFiles; metadata: ModelMetadata } | undefined {
  try {
    const files = readModelDir(dir);
    return files && { files, metadata: readModelFiles(files) };
  } catch (e) {
    throw inModelDir(dir, e);
  }
}

/** A refusal of the model in folder `dir`, naming the folder too (model-check.ts's refusals start with the file). */
export function inModelDir(dir: string, e: unknown): unknown {
  // Not path.join: it would normalise the message too.
  return e instanceof ModelRefusal ? new ModelRefusal(`${dir.replace(/[\\/]+$/, '')}${sep}${e.message}`) : e;
}

/** Writes the two files, weights first: a model.json is never left beside another model's weights by a crash. */
export function writeModelDir(dir: string, files: ModelFiles): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, WEIGHTS_BIN), files.weights);
  writeFileSync(join(dir, MODEL_JSON), files.modelJson);
}
