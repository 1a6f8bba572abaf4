/**
 * Live samples: while a model trains, a few crystals drawn every N steps from the same noise (a fixed seed), so
 * that the researcher watches one set of crystals take shape, as GAN Lab shows its generator's output moving.
 * They are drawn between training steps on the training thread, cheaply (a short DDIM run for diffusion, one
 * generator pass for the GANs), and the time they take is measured against the training time around them, so
 * the studio can show what they cost and let the researcher draw them less often or not at all.
 */
import type { GenerativeModel, SampleOptions } from '../types';

export interface LiveSampleSettings {
  /** Steps between two draws; 0: no live samples. */
  readonly every: number;
  /** Crystals per draw. */
  readonly count: number;
}

/** One draw. */
export interface LiveSamples {
  /** The training step the weights are at. */
  readonly step: number;
  readonly count: number;
  /** CrysTens tensors [count, 64, 64, 4], entries in [0, 1] (the model's own decoding happens elsewhere). */
  readonly tensors: Float32Array;
  /** Milliseconds the draw took. */
  readonly ms: number;
  /** The draw's share of the time from one draw to the next (the steps between and the draw): what live samples cost. */
  readonly share: number;
}

export const LIVE_SAMPLE_DEFAULTS: LiveSampleSettings = { every: 100, count: 4 };
/** Bounds of the settings the studio offers. */
export const LIVE_SAMPLE_LIMITS = { every: { min: 10, max: 10_000 }, count: { min: 1, max: 16 } } as const;

function checked(settings: LiveSampleSettings): LiveSampleSettings {
  const { every, count } = settings;
  const { every: e, count: c } = LIVE_SAMPLE_LIMITS;
  if (every !== 0 && !(Number.isInteger(every) && every >= e.min && every <= e.max)) throw new Error(`live samples are drawn every ${e.min}–${e.max} steps (or never: 0), not every ${every}`);
  if (!(Number.isInteger(count) && count >= c.min && count <= c.max)) throw new Error(`live samples are ${c.min}–${c.max} crystals, not ${count}`);
  return { every, count };
}

/**
 * The same seed at every draw, so that a change between two draws is the model's, not the noise's. Ten DDIM steps:
 * enough for a crystal's shape to read (the samples sharpen further with the 50 of Generate), at a fifth of the cost.
 */
const LIVE_SAMPLING: SampleOptions = { seed: 1, sampler: 'ddim', steps: 10, elements: 'training' };

/** Draws live samples every `settings.every` steps, timing them against the training between. */
export class LiveSampler {
  private settings: LiveSampleSettings;

  constructor(
    settings: LiveSampleSettings,
    private readonly onSamples: (samples: LiveSamples) => void,
  ) {
    this.settings = checked(settings);
  }

  /** New settings, from the next step on (a running training keeps going). */
  configure(settings: LiveSampleSettings): void {
    this.settings = checked(settings);
  }

  /**
   * Called after each training step, with the recent mean duration of a step (ms): draws when `step` is a multiple
   * of `every`.
   */
  async afterStep(model: GenerativeModel, step: number, stepMs: number): Promise<void> {
    const { every, count } = this.settings;
    if (every === 0 || step % every !== 0) return;
    const started = performance.now();
    const x = await model.sample(count, LIVE_SAMPLING);
    if (!x) return;
    const tensors = (await x.data()) as Float32Array;
    x.dispose();
    const ms = performance.now() - started;
    this.onSamples({ step, count, tensors, ms, share: ms / (ms + every * stepMs) });
  }
}
