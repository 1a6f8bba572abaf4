/**
 * The denoising diffusion model over CrysTens (paper §3.3.3 and Appendix B.3): noise-prediction training (Ho et
 * al. 2020: t uniform, the MSE between ε and ε̂), the cosine schedule, Adam, an EMA copy of the weights for
 * sampling, and two samplers: ancestral DDPM over all T steps and deterministic DDIM (η = 0, Song et al. 2021)
 * over a few evenly spaced steps. With a working resolution below 64 (unet.ts) the model sees and makes only the
 * top-left square of the CrysTens, where a dataset's crystals live, and its samples are zero beyond it.
 *
 * The model works in [−1, 1] (the data's [0, 1] doubled and shifted), so that pure noise N(0, I) and the data have
 * comparable scales and x̂₀ can be clipped to the data's range at every sampling step.
 *
 * The network that reads x_t (hyper `network`): the U-Net of unet.ts (tiny, paper) or the slot transformer of
 * slot-transformer.ts (small), which answers x̂₀ on the CrysTens layout. The presets are in ../presets.ts.
 *
 * What the network outputs (hyper `prediction`): ε itself (paper, as DDPM and
 * imagen-pytorch's default), v = √ᾱ ε − √(1 − ᾱ) x₀ (Salimans & Ho 2022), or x₀ (tiny, small); ε̂ follows from
 * any of them, and the loss is on ε (on v for v-prediction). The tiny preset predicts x₀ because its U-Net is
 * narrower than the CrysTens: 4 × 4 patches of 64 numbers on 8 channels, all that tfjs's cpu backend affords. An
 * ε- or v-predictor must carry x_t through to its output (at low noise ε = (x_t − √ᾱ x₀)/√(1 − ᾱ) is x_t amplified)
 * and a bottleneck cannot; in our runs its samples stayed 0.2 off on average where x₀ came within 10⁻⁴. On x₀ the
 * plain ε loss weighs each sample by SNR = ᾱ/(1 − ᾱ), from 10⁻⁵ to 2·10⁴, so x₀-predictors cap it with the min-SNR-γ
 * weight of Hang et al. 2023 (hyper `minSnr`; 0 = the plain ε MSE).
 */
import * as tf from '@tensorflow/tfjs';
import { LAYERS, SIZE } from '../../core/crystens/layout';
import { deriveSeed, seededRandom } from '../../core/random';
import { ParameterStore } from '../nn/params';
import { atomicNumberMask, nearestElementValues, snapAtomicNumbers } from '../training-elements';
import type { DiffusionHyper, Prediction } from '../hyper';
import type { GenerativeModel, ModelConfigOf, SampleOptions } from '../types';
import { learningRateAt } from '../learning-rate';
import { cosineSchedule, ddimSteps, diffuse, marginal, type NoiseSchedule, perSample, posterior } from './schedule';
import { slotTransformer, slotTransformerShape } from './slot-transformer';
import { unet, unetShape } from './unet';

/** DDIM steps when the caller names none. */
export const DEFAULT_DDIM_STEPS = 50;

/** A network and the side of the working square it reads. */
interface Backbone {
  readonly resolution: number;
  readonly run: (p: ParameterStore, x: tf.Tensor4D, steps: tf.Tensor1D) => tf.Tensor4D;
}

function backbone(hyper: DiffusionHyper): Backbone {
  if (hyper.network === 'slots') {
    const shape = slotTransformerShape(hyper);
    return { resolution: shape.resolution, run: (p, x, steps) => slotTransformer(p, x, steps, shape) };
  }
  const shape = unetShape(hyper);
  return { resolution: shape.resolution, run: (p, x, steps) => unet(p, x, steps, shape) };
}

/** A seeded source of integer seeds for tfjs's random ops, so that one seed fixes a whole run. */
function seedStream(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.floor(random() * 2 ** 31);
}

/** tf.train.adam's β₁ and β₂ (Kingma & Ba's defaults). */
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;

/** Adam whose rate is set before each step (learning-rate.ts); tfjs reads it at every update but keeps it protected. */
class ScheduledAdam extends tf.AdamOptimizer {
  setLearningRate(rate: number): void {
    this.learningRate = rate;
  }
}

class DiffusionModel implements GenerativeModel {
  readonly stores: Readonly<Record<string, ParameterStore>>;
  private readonly network: ParameterStore;
  private readonly ema: ParameterStore;
  private readonly backbone: Backbone;
  private readonly schedule: NoiseSchedule;
  private readonly optimizer: ScheduledAdam;
  private readonly emaDecay: number;
  private readonly prediction: Prediction;
  /** γ of the min-SNR loss weight; 0: the plain ε MSE. */
  private readonly minSnr: number;
  /** The loss's weight per entry of the working square [1, R, R, 1] (atomic numbers apart), or none. */
  private readonly entryWeights?: tf.Tensor4D;

  constructor(public config: ModelConfigOf<'diffusion'>) {
    const { hyper } = config;
    this.backbone = backbone(hyper);
    this.schedule = cosineSchedule(hyper.timesteps);
    this.emaDecay = hyper.emaDecay;
    this.prediction = hyper.prediction;
    if (hyper.network === 'slots' && this.prediction !== 'x0') {
      throw new Error('the slot transformer predicts x₀: its output is a CrysTens on the layout');
    }
    this.minSnr = hyper.minSnr;
    const { atomicNumberWeight } = hyper;
    if (atomicNumberWeight !== 1) this.entryWeights = atomicNumberWeights(this.backbone.resolution, atomicNumberWeight);
    this.network = new ParameterStore(config.seed);
    this.ema = new ParameterStore(config.seed);
    this.stores = { unet: this.network, ema: this.ema };
    this.optimizer = new ScheduledAdam(hyper.learningRate, ADAM_BETA1, ADAM_BETA2);

    // Build every variable now (weights can then be loaded before any step) and start the EMA at the weights.
    tf.tidy(() => {
      const side = this.backbone.resolution;
      this.backbone.run(this.network, tf.zeros([1, side, side, LAYERS]), tf.zeros([1])); // creates every variable
    });
    for (const name of this.network.names()) {
      const v = this.network.variable(name)!;
      this.ema.get(name, v.shape, 'zeros', false).assign(v);
    }
  }

  async trainStep(real: tf.Tensor4D, step: number): Promise<Record<string, number>> {
    const batch = real.shape[0];
    const T = this.schedule.timesteps;
    // The timesteps and the noise of a step depend on the seed and the step only (a resumed run draws the same).
    const random = seededRandom(deriveSeed(this.config.seed + 1, step));
    const steps = Array.from({ length: batch }, () => Math.min(T - 1, Math.floor(random() * T)));
    const noiseSeed = deriveSeed(this.config.seed + 2, step);
    this.optimizer.setLearningRate(learningRateAt(this.config.hyper.learningRate, this.config.hyper.decaySteps, step));
    const loss = this.optimizer.minimize(
      () => {
        // minimize runs this under its own tidy: the intermediates are freed after the gradients.
        const x0 = tf.sub(tf.mul(toWorkingSquare(real, this.backbone.resolution), 2), 1) as tf.Tensor4D;
        const noise = tf.randomNormal(x0.shape, 0, 1, 'float32', noiseSeed) as tf.Tensor4D;
        const xt = diffuse(this.schedule, x0, steps, noise);
        const output = this.backbone.run(this.network, xt, tf.tensor1d(steps));
        // v-prediction learns v itself (Salimans & Ho's loss): ε̂'s error is √ᾱ times v̂'s, so an ε loss would
        // all but ignore the noisiest steps, where the sampler starts.
        const weighted = (squared: tf.Tensor4D) => (this.entryWeights ? tf.mul(squared, this.entryWeights) : squared);
        if (this.prediction === 'v') return tf.mean(weighted(tf.squaredDifference(output, this.velocity(x0, noise, steps)))) as tf.Scalar;
        const squared = weighted(tf.squaredDifference(this.epsilon(output, xt, steps), noise));
        if (!this.minSnr) return tf.mean(squared) as tf.Scalar;
        // Min-SNR-γ (Hang et al. 2023): sample b's ε error weighted by min(SNR, γ)/SNR, SNR = ᾱ/(1 − ᾱ).
        const weights = steps.map((i) => {
          const snr = this.schedule.alphaBar[i]! / (1 - this.schedule.alphaBar[i]!);
          return Math.min(snr, this.minSnr) / snr;
        });
        return tf.mean(tf.mul(squared, perSample(weights, xt.shape))) as tf.Scalar;
      },
      true,
      this.network.trainable(),
    )!;
    const value = (await loss.data())[0]!;
    loss.dispose();
    this.updateEma();
    return { loss: value };
  }

  /**
   * ema ← d·ema + (1 − d)·w, with d warmed up as min(decay, (1 + n)/(10 + n)) over the optimiser's step count n
   * (as TensorFlow's ExponentialMovingAverage with num_updates): with 0.9999 and no warm-up the EMA would stay
   * at the random initial weights for the first ten thousand steps, and a short run would sample noise.
   */
  private updateEma(): void {
    const n = this.optimizer.iterations;
    const decay = Math.min(this.emaDecay, (1 + n) / (10 + n));
    tf.tidy(() => {
      for (const name of this.network.names()) {
        const average = this.ema.variable(name)!;
        average.assign(tf.add(tf.mul(average, decay), tf.mul(this.network.variable(name)!, 1 - decay)));
      }
    });
  }

  /** v = √ᾱ ε − √(1 − ᾱ) x₀ per sample. */
  private velocity(x0: tf.Tensor4D, noise: tf.Tensor4D, steps: readonly number[]): tf.Tensor4D {
    const q = steps.map((i) => marginal(this.schedule, i));
    return tf.sub(tf.mul(noise, perSample(q.map((m) => m.signal), x0.shape)), tf.mul(x0, perSample(q.map((m) => m.noise), x0.shape)));
  }

  /** ε̂ from an ε- or x₀-predicting U-Net's output: itself, or (x_t − √ᾱ x̂₀)/√(1 − ᾱ). */
  private epsilon(output: tf.Tensor4D, xt: tf.Tensor4D, steps: readonly number[]): tf.Tensor4D {
    if (this.prediction === 'epsilon') return output;
    const q = steps.map((i) => marginal(this.schedule, i));
    const signal = perSample(q.map((m) => m.signal), xt.shape);
    const noise = perSample(q.map((m) => m.noise), xt.shape);
    return tf.div(tf.sub(xt, tf.mul(output, signal)), noise);
  }

  async sample(n: number, options: SampleOptions = {}): Promise<tf.Tensor4D | undefined> {
    const elements = options.elements === 'any' ? undefined : this.config.elements;
    const values = elements && nearestElementValues(elements);
    const denoise: Denoiser = (x, i) => {
      const output = this.backbone.run(this.ema, x, tf.fill([x.shape[0]], i) as tf.Tensor1D);
      const answer = fromOutput(this.schedule, this.prediction, output, x, i);
      if (!values) return answer;
      // x̂₀'s atoms on the training elements, in the model's [−1, 1]: the rest of the crystal is denoised around them.
      const x0 = tf.sub(tf.mul(snapAtomicNumbers(tf.div(tf.add(answer.x0, 1), 2) as tf.Tensor4D, values), 2), 1) as tf.Tensor4D;
      return answerFromX0(this.schedule, x0, x, i);
    };
    const resolution = this.backbone.resolution;
    const x = await runSampler(this.schedule, denoise, n, { ...options, seed: options.seed ?? this.config.seed, resolution });
    if (!x) return undefined;
    // Back to the CrysTens's 64 × 64: beyond the working square every entry is exactly 0 (empty slots).
    const out = tf.tidy(() => {
      const unit = tf.clipByValue(tf.div(tf.add(x, 1), 2), 0, 1) as tf.Tensor4D;
      return resolution === SIZE ? unit : tf.pad(unit, [[0, 0], [0, SIZE - resolution], [0, SIZE - resolution], [0, 0]]);
    }) as tf.Tensor4D;
    x.dispose();
    return out;
  }

  async optimizerWeights(): Promise<{ name: string; tensor: tf.Tensor }[]> {
    return this.optimizer.getWeights();
  }

  async setOptimizerWeights(weights: { name: string; tensor: tf.Tensor }[]): Promise<void> {
    await this.optimizer.setWeights(weights);
  }

  dispose(): void {
    this.entryWeights?.dispose();
    this.optimizer.dispose();
    this.network.dispose();
    this.ema.dispose();
  }
}

/** x̂₀ (clipped to the data's [−1, 1]) and the ε̂ consistent with it, at step index i. Call inside tf.tidy. */
export type Denoiser = (x: tf.Tensor4D, i: number) => { readonly eps: tf.Tensor4D; readonly x0: tf.Tensor4D };

/** The Denoiser's answer from a network output (ε̂, v̂ or x̂₀) for x at step index i. */
export function fromOutput(s: NoiseSchedule, prediction: Prediction, output: tf.Tensor4D, x: tf.Tensor4D, i: number): { eps: tf.Tensor4D; x0: tf.Tensor4D } {
  const { signal, noise } = marginal(s, i);
  const raw =
    prediction === 'epsilon' ? tf.div(tf.sub(x, tf.mul(output, noise)), signal)
    : prediction === 'v' ? tf.sub(tf.mul(x, signal), tf.mul(output, noise))
    : output;
  return answerFromX0(s, tf.clipByValue(raw, -1, 1) as tf.Tensor4D, x, i);
}

/**
 * The Denoiser's answer for a corrected x̂₀ (clipped, or held to the training elements), with ε̂ consistent with it
 * (as improved-diffusion's DDIM): otherwise the sampler's next step would undo the correction.
 */
function answerFromX0(s: NoiseSchedule, x0: tf.Tensor4D, x: tf.Tensor4D, i: number): { eps: tf.Tensor4D; x0: tf.Tensor4D } {
  const { signal, noise } = marginal(s, i);
  return { eps: tf.div(tf.sub(x, tf.mul(x0, signal)), noise) as tf.Tensor4D, x0 };
}

/**
 * Runs a sampler from pure noise: ancestral DDPM over every step (Ho et al. 2020, eq. 6–7, variance β̃), or DDIM
 * with η = 0 over `options.steps` evenly spaced steps (Song et al. 2021, eq. 12). Returns x₀ in the model's
 * [−1, 1] space, or undefined when options.onProgress answers false. Each step runs in its own tf.tidy.
 */
export async function runSampler(
  s: NoiseSchedule,
  denoise: Denoiser,
  n: number,
  options: SampleOptions & { readonly seed: number; readonly resolution?: number },
): Promise<tf.Tensor4D | undefined> {
  const seeds = seedStream(options.seed);
  const side = options.resolution ?? SIZE;
  const ddpm = options.sampler === 'ddpm';
  const path = ddpm ? Array.from({ length: s.timesteps }, (_, k) => s.timesteps - 1 - k) : ddimSteps(s.timesteps, options.steps ?? DEFAULT_DDIM_STEPS).reverse();
  let x = tf.randomNormal([n, side, side, LAYERS], 0, 1, 'float32', seeds()) as tf.Tensor4D;
  for (let k = 0; k < path.length; k++) {
    const i = path[k]!;
    const next = tf.tidy(() => {
      const { eps, x0 } = denoise(x, i);
      if (ddpm) {
        // The mean of q(x_{t−1} | x_t, x̂₀), plus √β̃ noise (none on the last step, where β̃ = 0).
        const p = posterior(s, i);
        const mean = tf.add(tf.mul(x0, p.coefX0), tf.mul(x, p.coefXt));
        if (i === 0) return mean;
        return tf.add(mean, tf.mul(tf.randomNormal(x.shape, 0, 1, 'float32', seeds()), Math.sqrt(p.variance)));
      }
      // x_prev = √ᾱ_prev x̂₀ + √(1 − ᾱ_prev) ε̂, with ᾱ_prev = 1 after the last step.
      const previous = k + 1 < path.length ? s.alphaBar[path[k + 1]!]! : 1;
      return tf.add(tf.mul(x0, Math.sqrt(previous)), tf.mul(eps, Math.sqrt(1 - previous)));
    }) as tf.Tensor4D;
    x.dispose();
    x = next;
    // Awaited, so that a callback answering through a worker's message port (a promise) can cancel too.
    if ((await options.onProgress?.((k + 1) / path.length)) === false) {
      x.dispose();
      return undefined;
    }
  }
  return x;
}

/** [1, R, R, 1]: `weight` on the eight copies of each atom's Z (header slot 0's row and column), 1 elsewhere. */
export function atomicNumberWeights(resolution: number, weight: number): tf.Tensor4D {
  return tf.tidy(() => tf.add(1, tf.mul(atomicNumberMask(resolution), weight - 1)) as tf.Tensor4D);
}

/** The top-left resolution × resolution corner of a CrysTens batch (all of it at 64). */
function toWorkingSquare(x: tf.Tensor4D, resolution: number): tf.Tensor4D {
  return resolution === SIZE ? x : tf.slice(x, [0, 0, 0, 0], [-1, resolution, resolution, -1]);
}

export function createDiffusion(config: ModelConfigOf<'diffusion'>): GenerativeModel {
  return new DiffusionModel(config);
}
