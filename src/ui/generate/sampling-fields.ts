/**
 * Which sampling settings the Generate form shows for a model: the sampler and its step count belong to diffusion
 * (a GAN or WGAN-GP draws a sample in one pass of its generator, so they would be settings that change nothing),
 * and DDIM's step count to DDIM only (DDPM runs every step of the noise schedule).
 */
import type { ModelKind, Sampler } from '../../ml/types';

export interface SamplingFields {
  readonly sampler: boolean;
  readonly ddimSteps: boolean;
}

export function samplingFields(kind: ModelKind | undefined, sampler: Sampler): SamplingFields {
  const diffusion = kind === 'diffusion';
  return { sampler: diffusion, ddimSteps: diffusion && sampler === 'ddim' };
}
