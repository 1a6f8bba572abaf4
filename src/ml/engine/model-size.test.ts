/**
 * The size estimated from a config against the variables a model built from it really has: every preset of every
 * kind (the small ones on perov_5's working square, the paper ones narrowed to build in a test), the small
 * preset's former U-Net, and the paper U-Net's published size.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HyperOverrides } from '../hyper';
import type { ModelConfig, ModelKind, Preset } from '../types';
import { hyperForDataset } from './dataset-fit';
import { createModel, modelConfig, parameterCount } from './factory';
import { estimateModelSize } from './model-size';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const PEROV_SITES = 5;

function config(kind: ModelKind, preset: Preset, hyper: HyperOverrides = {}): ModelConfig {
  return modelConfig({ kind, preset, normalization: { lengthBound: 7 }, hyper: { ...hyperForDataset(kind, preset, PEROV_SITES), ...hyper } });
}

/** What the built model holds: its learned parameters, and the bytes of every variable plus Adam's two moments. */
function builtSize(c: ModelConfig): { parameters: number; bytes: number } {
  const model = createModel(c);
  try {
    const variables = Object.values(model.stores).reduce((n, store) => n + store.names().reduce((m, name) => m + store.variable(name)!.size, 0), 0);
    const parameters = parameterCount(model);
    return { parameters, bytes: 4 * (variables + 2 * parameters) };
  } finally {
    model.dispose();
  }
}

/** Narrow enough to build in a test, with the paper preset's levels, blocks and attention. */
const NARROW_PAPER: Record<ModelKind, HyperOverrides> = {
  gan: { generatorWidth: 8, discriminatorWidth: 2 },
  wgan: { generatorWidth: 8, criticWidth: 2 },
  diffusion: { channels: 4, groups: 2, heads: 2 },
};

describe('estimateModelSize', () => {
  it.each<[ModelKind, Preset]>([
    ['gan', 'tiny'], ['gan', 'small'], ['wgan', 'tiny'], ['wgan', 'small'], ['diffusion', 'tiny'], ['diffusion', 'small'],
  ])('counts the variables of a built %s %s model', (kind, preset) => {
    const c = config(kind, preset);
    expect(estimateModelSize(c)).toEqual(builtSize(c));
  });

  it.each<ModelKind>(['gan', 'wgan', 'diffusion'])('counts the variables of a narrowed paper %s model', (kind) => {
    const c = config(kind, 'paper', NARROW_PAPER[kind]);
    expect(estimateModelSize(c)).toEqual(builtSize(c));
  });

  it('counts the small preset’s former U-Net (a model.json that names no network)', () => {
    const c = config('diffusion', 'small', { network: 'unet', prediction: 'v', minSnr: 0, resolution: 20 });
    expect(estimateModelSize(c)).toEqual(builtSize(c));
  });

  it('gives the paper U-Net its 267 M parameters without building it', () => {
    expect(estimateModelSize(config('diffusion', 'paper')).parameters / 1e6).toBeCloseTo(267, 0);
  });
});
