/**
 * The boundary types of the ML layer, shared by the engine, the worker, the page and the CLI. Everything here is
 * plain serialisable data except GenerativeModel, which lives where the tensors live (a worker or Node).
 */
import type * as tf from '@tensorflow/tfjs';
import type { Normalization } from '../core/crystens/layout';
import type { HyperByKind } from './hyper';
import type { ParameterStore } from './nn/params';
import type { TrainingElements } from './training-elements';

export const MODEL_KINDS = ['gan', 'wgan', 'diffusion'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
/**
 * Where tfjs can train, in the order tried and fallen back along. wasm trains with the kernels of src/ml/kernels
 * (tfjs 4.22 lacks its convolution filter gradient); cpu is the last resort.
 */
export const TRAINING_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type TrainingBackend = (typeof TRAINING_BACKENDS)[number];
export const PRESETS = ['tiny', 'small', 'paper'] as const;
export type Preset = (typeof PRESETS)[number];
export type Sampler = 'ddpm' | 'ddim';
/** Which elements a sample's atoms may be: those the model was trained on, or any (SampleOptions.elements). */
export const ELEMENT_CHOICES = ['training', 'any'] as const;
export type ElementChoice = (typeof ELEMENT_CHOICES)[number];

/** What a model of family K is: enough to rebuild it (with its weights) anywhere. */
export interface ModelConfigOf<K extends ModelKind> {
  readonly kind: K;
  readonly preset: Preset;
  /** Seeds the initial weights, the noise and the batch order. */
  readonly seed: number;
  readonly batchSize: number;
  /** The dataset's bounds: the decoder of this model's samples must use them. */
  readonly normalization: Normalization;
  /**
   * The atomic numbers of the crystals the model was trained on (training-elements.ts), which its samples' elements
   * are held to unless a sampler asks for any element. Absent in models saved before 2026-12-02: no element is held.
   */
  readonly elements?: TrainingElements;
  /** Every hyper-parameter of the family (learning rates, widths, …; hyper.ts), filled from the preset. */
  readonly hyper: HyperByKind[K];
}

/** A model's config, told apart by its family. */
export type ModelConfig = { [K in ModelKind]: ModelConfigOf<K> }[ModelKind];

export interface SampleOptions {
  /** Diffusion only: ancestral DDPM over all T steps, or DDIM with `steps` steps. */
  readonly sampler?: Sampler;
  readonly steps?: number;
  readonly seed?: number;
  /**
   * 'training' (the default): every atom is one of the elements the model was trained on (config.elements), the
   * counterpart of a categorical element head; 'any': Z as the network writes it, rounded to the nearest element.
   */
  readonly elements?: ElementChoice;
  /**
   * Called with the fraction done; returning false cancels. Through a worker's message port the answer is a promise,
   * which the sampler awaits.
   */
  readonly onProgress?: (fraction: number) => boolean | void | Promise<boolean | void>;
}

/**
 * A generative model over CrysTens batches [B, 64, 64, 4] with entries in [0, 1] (models may work internally in
 * [−1, 1]). Losses come back as numbers, read once per step.
 */
export interface GenerativeModel {
  /** Replaced whole (never edited) when fine-tuning on new crystals widens `elements`; the rest never changes. */
  config: ModelConfig;
  /** The parameter stores, by role ('generator', 'discriminator', 'critic', 'unet', 'ema', …). */
  readonly stores: Readonly<Record<string, ParameterStore>>;
  /**
   * One optimisation step (for WGAN-GP: the critic steps and one generator step). `step` (from 0) seeds its
   * noise, so that a run resumed at a step draws what the uninterrupted run drew.
   */
  trainStep(real: tf.Tensor4D, step: number): Promise<Record<string, number>>;
  /** n tensors [n, 64, 64, 4], clipped to [0, 1]. Undefined when cancelled. */
  sample(n: number, options?: SampleOptions): Promise<tf.Tensor4D | undefined>;
  /** Optimiser state, for checkpoints. */
  optimizerWeights(): Promise<{ name: string; tensor: tf.Tensor }[]>;
  setOptimizerWeights(weights: { name: string; tensor: tf.Tensor }[]): Promise<void>;
  dispose(): void;
}
