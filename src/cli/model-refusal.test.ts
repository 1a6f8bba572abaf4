/**
 * `crystens sample` and `crystens train` resuming from a folder, run as a user runs them (bin/crystens.mjs in a
 * child process), on tampered copies of a real tiny model saved by the CLI's own writer: exit 2 and one line on
 * stderr naming the file, never a stack or tfjs's wasm source (issue 12). The untouched folder samples.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIF_CORPUS, REPO_ROOT } from '../core/testing/corpus';
import type { ModelFiles } from '../ml/engine/model-files';
import { savedTinyModel, withModelJson, withWeights } from '../ml/testing/tampered-model';
import { writeModelDir } from '../ml/engine/model-folder';

let gan: ModelFiles;

beforeAll(async () => {
  await tf.setBackend('cpu');
  gan = await savedTinyModel('gan');
});

/** A fresh folder holding `files`, written as `crystens train` writes a model. */
function folderWith(files: ModelFiles): string {
  const dir = mkdtempSync(join(tmpdir(), 'crystens-refusal-'));
  writeModelDir(dir, files);
  return dir;
}

/**
 * tfjs-core warns on stderr when a second copy of it registers its Node platform (the CLI loads tfjs's ES2017
 * bundle, and the wasm backend brings the package's own entry): every `sample` and `train` run prints it, the
 * successful ones too. It is not part of the refusal, so it is left out of what these tests compare.
 */
const TFJS_PLATFORM_WARNING = 'Platform node has already been set. Overwriting the platform with node.\n';

function crystens(...argv: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/crystens.mjs'), ...argv], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.replace(TFJS_PLATFORM_WARNING, '') };
}

function sample(dir: string) {
  return crystens('sample', '--model', dir, '--n', '1', '--out', join(dir, 'samples.npy'));
}

const kernel = 'generator/dense/kernel';

describe('crystens sample refuses a tampered model folder with one line and exit 2', () => {
  it.each<[string, (files: ModelFiles) => ModelFiles, string]>([
    ['a latent of 10⁹', (f) => withModelJson(f, (j) => void (j.userDefinedMetadata.config.hyper.latentDim = 1e9)),
      'model.json: the hyper-parameter latentDim is 1000000000; a gan model takes an integer from 1 to 4096'],
    ['a generator 10⁵ wide', (f) => withModelJson(f, (j) => void (j.userDefinedMetadata.config.hyper.generatorWidth = 1e5)),
      'model.json: the hyper-parameter generatorWidth is 100000; a gan model takes an integer from 1 to 4096'],
    ['an unknown kind', (f) => withModelJson(f, (j) => void (j.userDefinedMetadata.config.kind = 'vae')), 'model.json: the kind "vae" is none of gan, wgan, diffusion'],
    ['int32 weights', (f) => withModelJson(f, (j) => void (j.weightsManifest[0]!.weights.find((w) => w.name === kernel)!.dtype = 'int32')),
      `model.json: the weight ${kernel} is "int32"; the studio reads float32`],
    ['a weight of the wrong shape', (f) => withModelJson(f, (j) => void (j.weightsManifest[0]!.weights.find((w) => w.name === kernel)!.shape = [64, 128])),
      `weights.bin: ${kernel} has the shape 64 × 128; this config makes it 128 × 64`],
    ['NaN weights', (f) => withWeights(f, (b, at) => (new DataView(b.buffer, b.byteOffset).setFloat32(at(kernel), Number.NaN, true), b)),
      `weights.bin: ${kernel} holds NaN (entry 0 of 8192)`],
  ])('%s', (_, tamper, reason) => {
    const dir = folderWith(tamper(gan));
    const run = sample(dir);
    expect(run.stderr).toBe(`crystens sample: ${dir}/${reason}\n`);
    expect(run.status).toBe(2);
    expect(existsSync(join(dir, 'samples.npy'))).toBe(false);
    rmSync(dir, { recursive: true });
  });

  it('a truncated weights.bin', () => {
    const dir = folderWith(withWeights(gan, (b) => b.subarray(0, 1000)));
    const run = sample(dir);
    expect(run.stderr).toBe(`crystens sample: ${dir}/weights.bin holds 1000 bytes; model.json describes ${gan.weights.byteLength}\n`);
    expect(run.status).toBe(2);
    rmSync(dir, { recursive: true });
  });

  it('a missing weights.bin', () => {
    const dir = folderWith(gan);
    rmSync(join(dir, 'weights.bin'));
    const run = sample(dir);
    expect(run.stderr).toBe(`crystens sample: ${join(dir, 'weights.bin')} is missing beside model.json\n`);
    expect(run.status).toBe(2);
    rmSync(dir, { recursive: true });
  });

  it('but samples from the untouched folder', () => {
    const dir = folderWith(gan);
    const run = sample(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, 'samples.npy'))).toBe(true);
    rmSync(dir, { recursive: true });
  });
});

describe('crystens train refuses to resume from a tampered folder with one line and exit 2', () => {
  it.each<[string, (files: ModelFiles) => ModelFiles, string]>([
    ['a generator 10⁵ wide', (f) => withModelJson(f, (j) => void (j.userDefinedMetadata.config.hyper.generatorWidth = 1e5)),
      'model.json: the hyper-parameter generatorWidth is 100000; a gan model takes an integer from 1 to 4096'],
    ['a weight of the wrong shape', (f) => withModelJson(f, (j) => void (j.weightsManifest[0]!.weights.find((w) => w.name === kernel)!.shape = [64, 128])),
      `weights.bin: ${kernel} has the shape 64 × 128; this config makes it 128 × 64`],
  ])('%s', (_, tamper, reason) => {
    const dir = folderWith(tamper(gan));
    const run = crystens('train', '--out', dir, '--steps', '1', '--data', join(CIF_CORPUS, 'pymatgen__Li2O.cif'));
    expect(run.stderr).toBe(`crystens train: ${dir}/${reason}\n`);
    expect(run.status).toBe(2);
    rmSync(dir, { recursive: true });
  });
});
