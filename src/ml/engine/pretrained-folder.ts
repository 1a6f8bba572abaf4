/**
 * The models folder on disk (Node only: the release script and tests): each sub-folder holding model.json,
 * weights.bin and release.json becomes an entry of index.json, with its figures (parameters, bytes, steps)
 * read from the files themselves so that the index cannot drift from what ships.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inModelDir, readModelDir, writeModelDir } from './model-folder';
import type { ModelFiles } from './model-files';
import { MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_VERSION, manifestEntry, type PretrainedManifest, readRelease, withoutOptimizerState } from './pretrained';

/** A released folder's model files (the folders listed hold a model.json). */
function readFolder(dir: string): ModelFiles {
  let files: ModelFiles | undefined;
  try {
    files = readModelDir(dir);
  } catch (e) {
    throw inModelDir(dir, e);
  }
  if (!files) throw new Error(`${dir} holds no model.json`);
  return files;
}

/** The manifest of the model folders under `dir` (sorted by id); folders without release.json are left out. */
export function manifestOfFolder(dir: string): PretrainedManifest {
  const ids = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'model.json')) && existsSync(join(dir, e.name, 'release.json')))
    .map((e) => e.name)
    .sort();
  const models = ids.map((id) => {
    const release = readRelease(JSON.parse(readFileSync(join(dir, id, 'release.json'), 'utf8')), `${id}/release.json`);
    return manifestEntry(id, readFolder(join(dir, id)), release);
  });
  return { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, models };
}

/** Rewrites each released model folder under `dir` without its optimiser state (a smaller download). */
export function stripOptimizerState(dir: string): void {
  for (const { id } of manifestOfFolder(dir).models) {
    writeModelDir(join(dir, id), withoutOptimizerState(readFolder(join(dir, id))));
  }
}

/** Writes `dir`/index.json for the model folders under `dir` (first stripping their optimiser state if asked). */
export function writeManifest(dir: string, { stripOptimizer = false } = {}): PretrainedManifest {
  if (stripOptimizer) stripOptimizerState(dir);
  const manifest = manifestOfFolder(dir);
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
