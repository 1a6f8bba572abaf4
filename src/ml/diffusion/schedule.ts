/**
 * The noise schedule of the diffusion model: the cosine schedule of Nichol & Dhariwal 2021 ("Improved denoising
 * diffusion probabilistic models", eq. 17), which Imagen (the paper's model, Appendix B.3) also uses for its base
 * U-Net. Plain Float64Arrays; the model reads coefficients from them per step.
 *
 * Index convention (as improved-diffusion): index i = 0 … T − 1 is the paper's step t = i + 1. ᾱ[i] is the signal
 * fraction left after i + 1 noising steps; "ᾱ before index 0" is 1 (clean data).
 */
import * as tf from '@tensorflow/tfjs';
import { TIMESTEPS } from '../presets';

export { TIMESTEPS };
/** Offset s of the cosine schedule: keeps β small near t = 0 (Nichol & Dhariwal §3.2). */
export const COSINE_OFFSET = 0.008;
/** β is clipped here: near t = T the cosine gives β → 1, a singular last step. */
export const MAX_BETA = 0.999;

export interface NoiseSchedule {
  readonly timesteps: number;
  readonly beta: Float64Array;
  /** α = 1 − β. */
  readonly alpha: Float64Array;
  /** ᾱ = ∏ α up to and including each index. */
  readonly alphaBar: Float64Array;
  /** ᾱ of the index before (1 at index 0). */
  readonly alphaBarPrev: Float64Array;
  /** β̃ = β (1 − ᾱ_prev) / (1 − ᾱ): the variance of q(x_{t−1} | x_t, x_0), DDPM's ancestral sampling noise. */
  readonly posteriorVariance: Float64Array;
}

/** f(t) of the cosine schedule, before division by f(0). */
function cosineF(t: number, T: number): number {
  const c = Math.cos(((t / T + COSINE_OFFSET) / (1 + COSINE_OFFSET)) * (Math.PI / 2));
  return c * c;
}

/**
 * β from consecutive ratios of ᾱ(t) = f(t)/f(0), clipped at MAX_BETA, and ᾱ as the product of 1 − β (so that it
 * stays consistent with β where the clip acts; elsewhere it equals f(t)/f(0)).
 */
export function cosineSchedule(T = TIMESTEPS): NoiseSchedule {
  const beta = new Float64Array(T);
  const alpha = new Float64Array(T);
  const alphaBar = new Float64Array(T);
  const alphaBarPrev = new Float64Array(T);
  const posteriorVariance = new Float64Array(T);
  let product = 1;
  for (let i = 0; i < T; i++) {
    beta[i] = Math.min(1 - cosineF(i + 1, T) / cosineF(i, T), MAX_BETA);
    alpha[i] = 1 - beta[i]!;
    alphaBarPrev[i] = product;
    product *= alpha[i]!;
    alphaBar[i] = product;
    posteriorVariance[i] = (beta[i]! * (1 - alphaBarPrev[i]!)) / (1 - alphaBar[i]!);
  }
  return { timesteps: T, beta, alpha, alphaBar, alphaBarPrev, posteriorVariance };
}

/** q(x_t | x_0) = N(√ᾱ x_0, (1 − ᾱ) I): the scale of the signal and the standard deviation of the noise. */
export function marginal(s: NoiseSchedule, i: number): { readonly signal: number; readonly noise: number } {
  const ab = s.alphaBar[i]!;
  return { signal: Math.sqrt(ab), noise: Math.sqrt(1 - ab) };
}

/** The mean of q(x_{t−1} | x_t, x_0) = coefX0 · x_0 + coefXt · x_t (DDPM eq. 7); its variance is β̃. */
export function posterior(s: NoiseSchedule, i: number): { readonly coefX0: number; readonly coefXt: number; readonly variance: number } {
  const ab = s.alphaBar[i]!;
  const abPrev = s.alphaBarPrev[i]!;
  return {
    coefX0: (Math.sqrt(abPrev) * s.beta[i]!) / (1 - ab),
    coefXt: (Math.sqrt(s.alpha[i]!) * (1 - abPrev)) / (1 - ab),
    variance: s.posteriorVariance[i]!,
  };
}

/**
 * A tensor of x's shape holding values[b] throughout sample b. Multiplying by it instead of by a [B, 1, 1, 1]
 * tensor keeps tfjs's cpu backend on its fast same-shape path (it broadcasts leading axes element by element
 * through index arithmetic, 10× slower); on other backends the upload of B·16k floats costs nothing to speak of.
 */
export function perSample(values: readonly number[], shape: readonly [number, number, number, number]): tf.Tensor4D {
  const size = shape[1] * shape[2] * shape[3];
  const out = new Float32Array(values.length * size);
  values.forEach((v, b) => out.fill(v, b * size, (b + 1) * size));
  return tf.tensor4d(out, [...shape]);
}

/**
 * A batch drawn from q(x_t | x_0): x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, with one step index per sample. Call inside
 * tf.tidy.
 */
export function diffuse(s: NoiseSchedule, x0: tf.Tensor4D, steps: readonly number[], noise: tf.Tensor4D): tf.Tensor4D {
  const signal = perSample(steps.map((i) => marginal(s, i).signal), x0.shape);
  const sigma = perSample(steps.map((i) => marginal(s, i).noise), x0.shape);
  return tf.add(tf.mul(x0, signal), tf.mul(noise, sigma));
}

/** S step indices evenly spaced over 0 … T − 1, ascending, for DDIM (Song et al. 2021 §4.2, "linear" τ). */
export function ddimSteps(T: number, S: number): number[] {
  const count = Math.max(1, Math.min(T, Math.round(S)));
  if (count === 1) return [T - 1];
  return Array.from({ length: count }, (_, k) => Math.round((k * (T - 1)) / (count - 1)));
}
