/**
 * Tampered model files are refused with one line before anything is built (issue 12): real tiny models saved by
 * saveModelFiles, edited as a careless or hostile hand would, imported through the session as the page and the
 * CLI import them. The shipped pretrained models and untouched files of every kind still load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/testing/corpus';
import { type ModelJson, savedTinyModel, withModelJson, withWeights } from '../testing/tampered-model';
import { MODEL_KINDS, type ModelConfigOf, type ModelKind, PRESETS } from '../types';
import { hyperForDataset } from './dataset-fit';
import { modelConfig } from './factory';
import { checkModelConfig } from './model-check';
import { MemoryCheckpointStore } from './checkpoint-store';
import { FORMAT_VERSION, type ModelFiles, readModelFiles } from './model-files';
import { ModelRefusal } from './model-refusal';
import { TrainingSession } from './session';

let gan: ModelFiles;

beforeAll(async () => {
  await tf.setBackend('cpu');
  gan = await savedTinyModel('gan');
});

const importInto = (files: ModelFiles) => new TrainingSession(new MemoryCheckpointStore()).importModel(files);

/** The refusal importing `files` meets, checking that it is a ModelRefusal and that no tensor outlives it. */
async function refusal(files: ModelFiles): Promise<string> {
  const tensors = tf.memory().numTensors;
  const error = await importInto(files).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ModelRefusal);
  expect(tf.memory().numTensors).toBe(tensors);
  return (error as ModelRefusal).message;
}

const hyper = (edit: Record<string, unknown>) => (json: ModelJson) => {
  Object.assign(json.userDefinedMetadata.config.hyper, edit);
};

describe('model.json is checked before anything is built', () => {
  it.each<[string, Record<string, number>, string]>([
    ['a latent of 10⁹', { latentDim: 1e9 }, 'model.json: the hyper-parameter latentDim is 1000000000; a gan model takes an integer from 1 to 4096'],
    ['a generator 10⁵ wide', { generatorWidth: 1e5 }, 'model.json: the hyper-parameter generatorWidth is 100000; a gan model takes an integer from 1 to 4096'],
    ['a learning rate of 10⁶', { learningRate: 1e6 }, 'model.json: the hyper-parameter learningRate is 1000000; a gan model takes a number from 1e-8 to 1'],
    ['a fractional kernel', { kernel: 2.5 }, 'model.json: the hyper-parameter kernel is 2.5; a gan model takes an integer from 1 to 16'],
    ['a key no GAN takes', { dropout: 0.1 }, 'model.json: the hyper-parameter dropout is not one a gan model takes'],
    ['a shape the generator cannot make', { generatorBase: 3 }, 'model.json: generatorBase 3: 64 / base must be a power of two ≥ 2'],
    // Each value in range, together 4096 × 32² × 4096 in the generator's first layer: 17.2 G parameters, and with
    // Adam's two moments 3 × 4 bytes each, 206 GB = 192 GiB.
    ['in range but over the memory budget', { latentDim: 4096, generatorWidth: 4096, generatorBase: 32 },
      'model.json: a gan model of 17.2 G parameters would hold 192 GiB with its optimiser state; the studio loads up to 4.50 GiB'],
  ])('refuses %s', async (_, edit, message) => {
    expect(await refusal(withModelJson(gan, hyper(edit)))).toBe(message);
  });

  it('refuses an unknown kind or preset, a step that is not a count, a length bound that is not positive', async () => {
    expect(await refusal(withModelJson(gan, (j) => void (j.userDefinedMetadata.config.kind = 'vae')))).toBe('model.json: the kind "vae" is none of gan, wgan, diffusion');
    expect(await refusal(withModelJson(gan, (j) => void (j.userDefinedMetadata.config.preset = 'huge')))).toBe('model.json: the preset "huge" is none of tiny, small, paper');
    expect(await refusal(withModelJson(gan, (j) => void (j.userDefinedMetadata.step = 2.5)))).toBe('model.json: the step 2.5 is not a non-negative integer');
    expect(await refusal(withModelJson(gan, (j) => void (j.userDefinedMetadata.step = -1)))).toBe('model.json: the step -1 is not a non-negative integer');
    expect(await refusal(withModelJson(gan, (j) => void (j.userDefinedMetadata.config.normalization.lengthBound = 0))))
      .toBe("model.json: the normalisation's length bound 0 is not a finite positive number of ångströms");
    expect(await refusal({ modelJson: gan.modelJson.replace('"lengthBound":7', '"lengthBound":1e999'), weights: gan.weights }))
      .toBe("model.json: the normalisation's length bound Infinity is not a finite positive number of ångströms");
    expect(await refusal({ modelJson: '{"format": "layers-model"', weights: gan.weights })).toBe('model.json is not JSON');
  });

  it('refuses training elements that are not distinct atomic numbers in order, and keeps those that are', async () => {
    const elements = (list: unknown) => withModelJson(gan, (j) => void ((j.userDefinedMetadata.config as { elements?: unknown }).elements = list));
    const message = (shown: string) => `model.json: the training elements ${shown} are not distinct atomic numbers from 1 to 118 in ascending order`;
    expect(await refusal(elements([8, 8]))).toBe(message('[8,8]'));
    expect(await refusal(elements([26, 8]))).toBe(message('[26,8]'));
    expect(await refusal(elements([0, 8]))).toBe(message('[0,8]'));
    expect(await refusal(elements([8, 119]))).toBe(message('[8,119]'));
    expect(await refusal(elements('O'))).toBe(message('"O"'));
    expect((await importInto(elements([8, 26]))).config.elements).toEqual([8, 26]);
  });

  it('refuses a slot transformer whose width does not split into its heads, or that would predict ε', async () => {
    const diffusion = await savedTinyModel('diffusion');
    expect(await refusal(withModelJson(diffusion, hyper({ network: 'slots', width: 130, depth: 1, heads: 4 })))).toBe('model.json: a width of 130 does not split into 4 heads');
    expect(await refusal(withModelJson(diffusion, hyper({ network: 'slots', prediction: 'epsilon' })))).toBe('model.json: the slot transformer (network slots) predicts x₀ (prediction x0)');
  });

  it('refuses a choice or a flag that is not one, and version 1 numbers in a version 2 file', async () => {
    const diffusion = await savedTinyModel('diffusion');
    expect(await refusal(withModelJson(diffusion, hyper({ network: 'transformer' })))).toBe('model.json: the hyper-parameter network is "transformer"; a diffusion model takes one of unet, slots');
    expect(await refusal(withModelJson(diffusion, hyper({ prediction: 2 })))).toBe('model.json: the hyper-parameter prediction is 2; a diffusion model takes one of epsilon, v, x0');
    expect(await refusal(withModelJson(diffusion, hyper({ positionEmbedding: 1 })))).toBe('model.json: the hyper-parameter positionEmbedding is 1; a diffusion model takes true or false');
  });
});

describe('a version 1 model.json (numbers for choices and flags) is read as version 2', () => {
  /** A saved file as version 1 wrote it: indices, 0 / 1, and no key the code did not have then. */
  const asVersion1 = (edit: Record<string, unknown>, drop: readonly string[] = []) => (json: ModelJson) => {
    json.userDefinedMetadata.version = 1;
    Object.assign(json.userDefinedMetadata.config.hyper, edit);
    for (const key of drop) delete json.userDefinedMetadata.config.hyper[key];
  };

  it('turns indices and flags into their names, and the model loads with its weights', async () => {
    const files = await savedTinyModel('diffusion');
    const expected = (await importInto(files)).config;
    const old = withModelJson(files, asVersion1({ network: 0, prediction: 2, positionEmbedding: 1 }, ['atomicNumberWeight']));
    expect(await importInto(old)).toMatchObject({ step: 1, config: expected });
    expect(expected.hyper).toMatchObject({ network: 'unet', prediction: 'x0', positionEmbedding: true, atomicNumberWeight: 1 });
  });

  it('reads a file without `network` as the U-Net it was, and one without `atomicNumberWeight` as weight 1', () => {
    const small = modelConfig({ kind: 'diffusion', preset: 'small', normalization: { lengthBound: 7 }, hyper: { network: 'unet', prediction: 'v' } }) as ModelConfigOf<'diffusion'>;
    const { network: _, atomicNumberWeight: __, ...saved } = small.hyper;
    const v1 = { ...small, hyper: { ...saved, prediction: 1, positionEmbedding: 1 } };
    expect(checkModelConfig(v1, 1).hyper).toEqual({ ...small.hyper, atomicNumberWeight: 1 });
  });

  it('reads a diffusion file without `decaySteps` as trained at a constant rate, whatever its preset says now', () => {
    const small = modelConfig({ kind: 'diffusion', preset: 'small', normalization: { lengthBound: 7 }, hyper: { decaySteps: 5000 } }) as ModelConfigOf<'diffusion'>;
    const { decaySteps: _, ...saved } = small.hyper;
    expect(checkModelConfig({ ...small, hyper: saved }, 2).hyper).toEqual({ ...small.hyper, decaySteps: 0 });
    expect(checkModelConfig(small, 2).hyper).toMatchObject({ decaySteps: 5000 });
  });

  it('refuses an index past the list with its own number', async () => {
    const files = await savedTinyModel('diffusion');
    expect(await refusal(withModelJson(files, asVersion1({ network: 7 })))).toBe('model.json: the hyper-parameter network is 7; a diffusion model takes one of unet, slots');
  });
});

describe('weights.bin is checked against model.json and the model', () => {
  const kernel = 'generator/dense/kernel'; // 128 × 64 in the tiny preset

  it('refuses a truncated file', async () => {
    const bytes = gan.weights.byteLength;
    expect(await refusal(withWeights(gan, (b) => b.subarray(0, bytes - 100)))).toBe(`weights.bin holds ${bytes - 100} bytes; model.json describes ${bytes}`);
  });

  it('refuses a weight of another dtype, or quantised', async () => {
    const retyped = withModelJson(gan, (j) => void (j.weightsManifest[0]!.weights.find((w) => w.name === kernel)!.dtype = 'int32'));
    expect(await refusal(retyped)).toBe(`model.json: the weight ${kernel} is "int32"; the studio reads float32`);
    const quantised = withModelJson(gan, (j) => Object.assign(j.weightsManifest[0]!.weights[0]!, { quantization: { dtype: 'uint8', scale: 1, min: 0 } }));
    expect(await refusal(quantised)).toBe(`model.json: the weight ${kernel} is quantised; the studio writes float32`);
  });

  it('refuses a weight whose shape is not the one the config makes, though its size is', async () => {
    const transposed = withModelJson(gan, (j) => void (j.weightsManifest[0]!.weights.find((w) => w.name === kernel)!.shape = [64, 128]));
    expect(await refusal(transposed)).toBe(`weights.bin: ${kernel} has the shape 64 × 128; this config makes it 128 × 64`);
  });

  it('refuses a missing weight and a weight the model does not have', async () => {
    const bias = 'generator/dense/bias'; // 64 entries, right after the kernel
    const missing = withModelJson(
      withWeights(gan, (b, at) => new Uint8Array([...b.subarray(0, at(bias)), ...b.subarray(at(bias) + 4 * 64)])),
      (j) => void (j.weightsManifest[0]!.weights = j.weightsManifest[0]!.weights.filter((w) => w.name !== bias)),
    );
    expect(await refusal(missing)).toBe(`weights.bin lacks ${bias}, which a gan model of this config has`);
    const extra = withWeights(
      withModelJson(gan, (j) => void j.weightsManifest[0]!.weights.push({ name: 'generator/extra', shape: [1], dtype: 'float32' })),
      (b) => new Uint8Array([...b, 0, 0, 0, 0]),
    );
    expect(await refusal(extra)).toBe('weights.bin holds generator/extra, which a gan model of this config does not have');
  });

  it('refuses NaN and infinite values, in the weights and in the optimiser state', async () => {
    const poison = (name: string, entry: number, value: number) =>
      withWeights(gan, (b, at) => (new DataView(b.buffer, b.byteOffset).setFloat32(at(name) + 4 * entry, value, true), b));
    expect(await refusal(poison(kernel, 5, Number.NaN))).toBe(`weights.bin: ${kernel} holds NaN (entry 5 of 8192)`);
    expect(await refusal(poison(`optimizer:${kernel}/m`, 0, Number.POSITIVE_INFINITY))).toBe(`weights.bin: optimizer:${kernel}/m holds Infinity (entry 0 of 8192)`);
  });
});

describe('the presets pass their own checks', () => {
  // A preset key without a range would refuse every model of that preset: this fails first.
  it.each(MODEL_KINDS.flatMap((kind) => PRESETS.map((preset) => [kind, preset] as const)))('%s %s, as made and fitted to a dataset', (kind, preset) => {
    for (const sites of [undefined, 5, 52]) {
      const hyper = sites === undefined ? {} : hyperForDataset(kind, preset, sites);
      const config = modelConfig({ kind, preset, normalization: { lengthBound: 7 }, hyper });
      expect(checkModelConfig(JSON.parse(JSON.stringify(config)), FORMAT_VERSION)).toEqual(config);
    }
  });
});

describe('untouched files load', () => {
  it.each<ModelKind>(['gan', 'wgan', 'diffusion'])('a tiny %s model saved with its optimiser state', async (kind) => {
    const files = kind === 'gan' ? gan : await savedTinyModel(kind);
    expect(await importInto(files)).toMatchObject({ step: 1, config: { kind, preset: 'tiny' } });
  });

  it('every pretrained model the studio ships (version 1), built and with its weights', async () => {
    const dir = join(REPO_ROOT, 'public/models');
    const ids = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(ids.length).toBeGreaterThan(0);
    const hyperOf: Record<string, unknown> = {};
    const elementsOf: Record<string, unknown> = {};
    for (const id of ids) {
      const files = { modelJson: readFileSync(join(dir, id, 'model.json'), 'utf8'), weights: new Uint8Array(readFileSync(join(dir, id, 'weights.bin'))) };
      expect(readModelFiles(files).version).toBe(1);
      const session = new TrainingSession(new MemoryCheckpointStore());
      ({ hyper: hyperOf[id], elements: elementsOf[id] } = (await session.importModel(files)).config);
      session.dispose();
    }
    // Their release notes (public/models/*/release.json): slot transformers predicting x₀; carbon_24 was made
    // before the atomic-number weight and keeps weight 1.
    expect(hyperOf['perov_5-diffusion']).toMatchObject({ network: 'slots', prediction: 'x0', atomicNumberWeight: 25, resolution: 17 });
    expect(hyperOf['carbon_24-diffusion']).toMatchObject({ network: 'slots', prediction: 'x0', atomicNumberWeight: 1, resolution: 36 });
    expect(hyperOf['perov_5-gan']).toMatchObject({ discriminatorWidth: 64, generatorBase: 5, resolution: 20 });
    expect(hyperOf['perov_5-wgan']).toMatchObject({ criticWidth: 64, criticSteps: 5, resolution: 20 });
    // Their training elements: perov_5 val's 56 (Li to Bi, without the noble gases or the lanthanides after La), carbon.
    for (const id of ['perov_5-diffusion', 'perov_5-gan', 'perov_5-wgan']) expect(elementsOf[id]).toHaveLength(56);
    expect(elementsOf['carbon_24-diffusion']).toEqual([6]);
  });
});
