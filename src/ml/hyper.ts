/**
 * The hyper-parameters of each model family, as types: numbers where they are numbers, string unions where they
 * name a choice (the diffusion network, its prediction target), booleans where they switch something on. Free of
 * tfjs, so that the page, the workers, the CLI and the engine share them (the presets are in presets.ts, the
 * allowed values in hyper-ranges.ts).
 *
 * A model's config holds every hyper-parameter of its family (ModelConfig.hyper), filled from its preset when it
 * was made and from presets.ts when an older model.json lacked one (engine/model-check.ts). `resolution` alone
 * may be absent: the whole 64 × 64 CrysTens.
 */

/** The network that reads x_t: the U-Net of diffusion/unet.ts or the slot transformer of diffusion/slot-transformer.ts. */
export const NETWORKS = ['unet', 'slots'] as const;
export type Network = (typeof NETWORKS)[number];

/** What the diffusion network outputs: ε, v = √ᾱ ε − √(1 − ᾱ) x₀ (Salimans & Ho 2022), or x₀ (diffusion.ts). */
export const PREDICTIONS = ['epsilon', 'v', 'x0'] as const;
export type Prediction = (typeof PREDICTIONS)[number];

/** What a GAN and a WGAN-GP share (models/adversarial.ts): Adam's settings and both networks' sizes. */
export type AdversarialHyper = {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  /** The paper's latent dimension is 128. */
  readonly latentDim: number;
  /** Side of the generator's first feature map; resolution / base must be a power of two. */
  readonly generatorBase: number;
  /** Channels of that first map; each upsampling halves them. */
  readonly generatorWidth: number;
  /** Strided convolutions in the scoring network. */
  readonly downsamplings: number;
  readonly kernel: number;
  /** Side of the working square (the dataset's corner of the CrysTens); absent: 64. */
  readonly resolution?: number;
};

export type GanHyper = AdversarialHyper & {
  readonly discriminatorWidth: number;
};

export type WganHyper = AdversarialHyper & {
  readonly criticWidth: number;
  /** Critic steps per generator step. */
  readonly criticSteps: number;
  /** λ of the gradient penalty. */
  readonly penaltyWeight: number;
};

/** A diffusion model's training, whatever its network (diffusion/diffusion.ts). */
export type DiffusionTrainingHyper = {
  readonly learningRate: number;
  /** Steps over which the learning rate decays (learning-rate.ts); 0: constant. */
  readonly decaySteps: number;
  readonly emaDecay: number;
  readonly prediction: Prediction;
  /** γ of the min-SNR loss weight; 0: the plain ε MSE. */
  readonly minSnr: number;
  /** The loss's weight on the atomic-number entries; 1: every entry alike. */
  readonly atomicNumberWeight: number;
  /** Steps of the cosine noise schedule. */
  readonly timesteps: number;
  /** Side of the working square (the dataset's corner of the CrysTens); absent: 64. */
  readonly resolution?: number;
};

/** The U-Net's shape (diffusion/unet.ts); mult0 … mult5 are the channel multipliers of its levels (1 if absent). */
export type UnetHyper = {
  readonly network: 'unet';
  readonly patch: number;
  readonly channels: number;
  readonly levels: number;
  readonly mult0?: number;
  readonly mult1?: number;
  readonly mult2?: number;
  readonly mult3?: number;
  readonly mult4?: number;
  readonly mult5?: number;
  readonly blocks: number;
  readonly middleBlocks: number;
  readonly attentionResolution: number;
  readonly heads: number;
  readonly groups: number;
  /** A learned embedding per patch position, added to the first level. */
  readonly positionEmbedding: boolean;
};

/** The slot transformer's shape (diffusion/slot-transformer.ts). */
export type SlotTransformerHyper = {
  readonly network: 'slots';
  readonly width: number;
  readonly depth: number;
  readonly heads: number;
};

export type DiffusionHyper = DiffusionTrainingHyper & (UnetHyper | SlotTransformerHyper);

/** Each family's hyper-parameters, by ModelKind. Type literals, not interfaces: a hyper-parameter set is also a record by name. */
export type HyperByKind = {
  readonly gan: GanHyper;
  readonly wgan: WganHyper;
  readonly diffusion: DiffusionHyper;
};

/** Every name a hyper-parameter of some family has (a union's keys, not only the keys its members share). */
export type HyperName = { [K in keyof HyperByKind]: HyperByKind[K] extends infer H ? (H extends unknown ? keyof H : never) : never }[keyof HyperByKind];
export type HyperValue = number | boolean | string;

/**
 * Overrides of a preset's hyper-parameters, by name (the Train panel's form, the CLI, tests). Checked against the
 * family's ranges when a model is made from them (engine/factory.ts modelConfig).
 */
export type HyperOverrides = Readonly<Partial<Record<HyperName, HyperValue>>>;
