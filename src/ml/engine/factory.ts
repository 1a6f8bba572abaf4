/** Builds the model a config names, with every variable created, so that weights can be loaded into it. */
import { createDiffusion, diffusionHyper } from '../diffusion/diffusion';
import { createGan, ganPreset } from '../models/gan';
import { createWgan, wganPreset } from '../models/wgan';
import type { GenerativeModel, ModelConfig, ModelKind, Preset } from '../types';
import type { Normalization } from '../../core/crystens/layout';

/**
 * Default batch sizes: the paper trained its diffusion U-Nets at 4; GANs want larger batches. The small diffusion
 * model's slot transformer takes 32: its step costs little, and 32 halved the noise of a PyTorch twin's loss.
 */
function defaultBatch(kind: ModelKind, preset: Preset): number {
  if (kind === 'diffusion' && preset === 'small') return 32;
  return { tiny: 8, small: 16, paper: 32 }[preset];
}

export interface ModelRequest {
  readonly kind: ModelKind;
  readonly preset: Preset;
  readonly normalization: Normalization;
  readonly seed?: number;
  readonly batchSize?: number;
  /** Overrides of the preset's hyper-parameters (learning rates, widths, …). */
  readonly hyper?: Readonly<Record<string, number>>;
}

export function modelConfig(request: ModelRequest): ModelConfig {
  const presetHyper = { gan: ganPreset, wgan: wganPreset, diffusion: diffusionHyper }[request.kind](request.preset);
  return {
    kind: request.kind,
    preset: request.preset,
    seed: request.seed ?? 1,
    batchSize: request.batchSize ?? defaultBatch(request.kind, request.preset),
    normalization: request.normalization,
    hyper: { ...presetHyper, ...request.hyper },
  };
}

export function createModel(config: ModelConfig): GenerativeModel {
  switch (config.kind) {
    case 'gan':
      return createGan(config);
    case 'wgan':
      return createWgan(config);
    case 'diffusion':
      return createDiffusion(config);
  }
}

/** The parameters a model learns (a diffusion model's EMA copy of its weights is not counted twice). */
export function parameterCount(model: GenerativeModel): number {
  return Object.entries(model.stores).reduce((n, [role, store]) => (role === 'ema' ? n : n + store.parameterCount()), 0);
}
