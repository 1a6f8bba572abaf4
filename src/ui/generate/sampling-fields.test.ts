import { describe, expect, it } from 'vitest';
import { samplingFields } from './sampling-fields';

describe('the sampling fields a model shows', () => {
  it('a GAN and a WGAN-GP show neither the sampler nor DDIM steps, whatever the saved sampler', () => {
    for (const kind of ['gan', 'wgan'] as const) {
      expect(samplingFields(kind, 'ddim')).toEqual({ sampler: false, ddimSteps: false });
      expect(samplingFields(kind, 'ddpm')).toEqual({ sampler: false, ddimSteps: false });
    }
  });

  it('a diffusion model shows the sampler, and DDIM steps with DDIM only', () => {
    expect(samplingFields('diffusion', 'ddim')).toEqual({ sampler: true, ddimSteps: true });
    expect(samplingFields('diffusion', 'ddpm')).toEqual({ sampler: true, ddimSteps: false });
  });

  it('without a model there is nothing to choose a sampler for', () => {
    expect(samplingFields(undefined, 'ddim')).toEqual({ sampler: false, ddimSteps: false });
  });
});
