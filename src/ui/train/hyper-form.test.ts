/**
 * The Train panel's hyper-parameter fields refuse what a model.json would be refused for, with the same reason
 * (ml/hyper-ranges.ts): the form and the file go through one check.
 */
import { describe, expect, it } from 'vitest';
import { checkModelConfig } from '../../ml/engine/model-check';
import { FORMAT_VERSION } from '../../ml/engine/model-files';
import { formRefusal, hyperFields, keptOverrides, settingFieldProblem, withField } from './hyper-form';

const GAN = { kind: 'gan', preset: 'small', seed: 1, batchSize: 16 } as const;
const field = (fields: ReturnType<typeof hyperFields>, name: string) => fields.find((f) => f.name === name);

describe('the hyper-parameter fields', () => {
  it("start at the preset's values, none refused", () => {
    const fields = hyperFields('gan', 'small', {});
    expect(field(fields, 'learningRate')).toEqual({ name: 'learningRate', range: { type: 'number', min: 1e-8, max: 1, integer: false }, value: 2e-4 });
    expect(fields.every((f) => f.problem === undefined)).toBe(true);
    expect(formRefusal({ ...GAN, hyper: {} })).toBeUndefined();
  });

  it('refuse a learning rate of 10⁶ beside the field, with the reason a model.json would get', () => {
    const overrides = { learningRate: 1e6 };
    expect(field(hyperFields('gan', 'small', overrides), 'learningRate')).toMatchObject({ value: 1e6, problem: 'a gan model takes a number from 1e-8 to 1' });
    const refusal = 'the hyper-parameter learningRate is 1000000; a gan model takes a number from 1e-8 to 1';
    expect(formRefusal({ ...GAN, hyper: overrides })).toBe(refusal);
    const file = { kind: 'gan', preset: 'small', seed: 1, batchSize: 16, normalization: { lengthBound: 7 }, hyper: overrides };
    expect(() => checkModelConfig(file, FORMAT_VERSION)).toThrow(`model.json: ${refusal}`);
  });

  it('refuse a fraction where an integer is wanted, and 0 where the range starts at 1', () => {
    const fields = hyperFields('wgan', 'tiny', { kernel: 2.5, criticSteps: 0 });
    expect(field(fields, 'kernel')!.problem).toBe('a wgan model takes an integer from 1 to 16');
    expect(field(fields, 'criticSteps')!.problem).toBe('a wgan model takes an integer from 1 to 100');
    expect(field(fields, 'generatorWidth')!.problem).toBeUndefined();
  });

  it("draw a diffusion model's choices as choices and its flags as flags, with the network's own fields", () => {
    const slots = hyperFields('diffusion', 'small', {});
    expect(field(slots, 'network')).toEqual({ name: 'network', range: { type: 'choice', options: ['unet', 'slots'] }, value: 'slots' });
    expect(field(slots, 'prediction')).toMatchObject({ range: { type: 'choice', options: ['epsilon', 'v', 'x0'] }, value: 'x0' });
    expect(slots.map((f) => f.name)).toContain('width');
    expect(field(slots, 'positionEmbedding')).toBeUndefined();

    // The small preset's former U-Net, chosen in the form: its numbers, the overrides of the slots dropped.
    const unet = hyperFields('diffusion', 'small', withField({ width: 64 }, 'network', 'unet'));
    expect(field(unet, 'positionEmbedding')).toEqual({ name: 'positionEmbedding', range: { type: 'flag' }, value: true });
    expect(field(unet, 'patch')!.value).toBe(2);
    expect(field(unet, 'width')).toBeUndefined();
    expect(unet.every((f) => f.problem === undefined)).toBe(true);
  });

  it('refuse a slot transformer that would predict ε, on the prediction field', () => {
    const fields = hyperFields('diffusion', 'small', { prediction: 'epsilon' });
    expect(field(fields, 'prediction')!.problem).toBe('the slot transformer (network slots) predicts x₀ (prediction x0)');
    expect(formRefusal({ kind: 'diffusion', preset: 'paper', seed: 1, batchSize: 32, hyper: { prediction: 'epsilon' } })).toBeUndefined(); // the paper's U-Net does
  });

  it('refuse a seed or a batch size a model.json would be refused for', () => {
    expect(settingFieldProblem('batchSize', 0)).toBe('an integer from 1 to 1024');
    expect(settingFieldProblem('seed', -1)).toBe('an integer from 0 to 2³² − 1');
    expect(settingFieldProblem('seed', 2 ** 32 - 1)).toBeUndefined();
    expect(formRefusal({ ...GAN, batchSize: 1e6, hyper: {} })).toBe('the batch size 1000000 is not an integer from 1 to 1024');
    const file = { kind: 'gan', preset: 'small', seed: 1, batchSize: 1e6, normalization: { lengthBound: 7 }, hyper: {} };
    expect(() => checkModelConfig(file, FORMAT_VERSION)).toThrow('model.json: the batch size 1000000 is not an integer from 1 to 1024');
  });

  it("show a model only its own family's fields: a GAN's and a WGAN-GP's hold none of diffusion's schedule, network or prediction", () => {
    const names = (kind: 'gan' | 'wgan' | 'diffusion') => hyperFields(kind, 'paper', {}).map((f) => f.name);
    // A GAN: latent size, Adam, the two networks' shapes; a WGAN-GP adds the critic's steps and gradient penalty.
    expect(names('gan').sort()).toEqual(['beta1', 'beta2', 'discriminatorWidth', 'downsamplings', 'generatorBase', 'generatorWidth', 'kernel', 'latentDim', 'learningRate']);
    expect(names('wgan')).toEqual(expect.arrayContaining(['criticSteps', 'penaltyWeight', 'criticWidth']));
    for (const kind of ['gan', 'wgan'] as const) for (const diffusionOnly of ['timesteps', 'network', 'prediction', 'emaDecay']) expect(names(kind)).not.toContain(diffusionOnly);
    expect(names('diffusion')).toEqual(expect.arrayContaining(['timesteps', 'network', 'prediction']));
  });

  it('keep only the saved overrides a model of the kind takes (an older studio saved the network as an index)', () => {
    expect(keptOverrides('diffusion', { network: 1, prediction: 'x0', learningRate: 2e-3 })).toEqual({ prediction: 'x0', learningRate: 2e-3 });
    expect(keptOverrides('gan', { criticSteps: 5, beta1: 0.5 })).toEqual({ beta1: 0.5 });
  });
});
