/** Builds the model a config names, with every variable created, so that weights can be loaded into it. */
import { createDiffusion } from '../diffusion/diffusion';
import type { HyperOverrides } from '../hyper';
import { checkHyper, settingProblem } from '../hyper-ranges';
import { createGan } from '../models/gan';
import { createWgan } from '../models/wgan';
import { defaultBatchSize } from '../presets';
import type { GenerativeModel, ModelConfig, ModelKind, Preset } from '../types';
import type { Normalization } from '../../core/crystens/layout';
import type { TrainingElements } from '../training-elements';

export interface ModelRequest {
  readonly kind: ModelKind;
  readonly preset: Preset;
  readonly normalization: Normalization;
  /** The training crystals' elements (training-elements.ts). */
  readonly elements?: TrainingElements;
  readonly seed?: number;
  readonly batchSize?: number;
  /** Overrides of the preset's hyper-parameters (learning rates, widths, …). */
  readonly hyper?: HyperOverrides;
}

/**
 * The config of a new model: the preset's hyper-parameters with the request's overrides, checked (and the seed and
 * batch size given) against the same ranges as a model.json: a request from the page is data too. Throws an
 * Error naming the first value refused.
 */
export function modelConfig(request: ModelRequest): ModelConfig {
  const checked = checkHyper(request.kind, request.preset, request.hyper ?? {});
  const problem =
    checked.problems?.[0] ??
    (request.seed === undefined ? undefined : settingProblem('seed', request.seed)) ??
    (request.batchSize === undefined ? undefined : settingProblem('batchSize', request.batchSize));
  if (problem) throw new Error(problem.message);
  return {
    kind: request.kind,
    preset: request.preset,
    seed: request.seed ?? 1,
    batchSize: request.batchSize ?? defaultBatchSize(request.preset),
    normalization: request.normalization,
    ...(request.elements && { elements: request.elements }),
    hyper: checked.hyper,
  } as ModelConfig; // checkHyper's hyper is request.kind's, which TypeScript cannot pair with kind by itself
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
