/**
 * What the vanilla GAN and the WGAN-GP share: the generator network, the scoring network (a discriminator or a
 * critic, which differ only in their normalisation), the [0, 1] ⇄ [−1, 1] mapping, seeded noise, and the model
 * object around two parameter stores and two Adam optimisers. gan.ts and wgan.ts add their losses and steps.
 *
 * The paper's networks (Appendix B; train_vanilla_gan.py and train_wasserstein_gan.py of its repository) use
 * 3-D convolutions over the [64, 64, 4, 1] tensor. tfjs has no gradient for the input-gradient of Conv3D, which
 * the WGAN-GP penalty needs, so both models here convolve in 2-D with the 4 CrysTens layers as channels
 * (DCGAN-style: strided convolutions, transposed ones in the generator).
 */
import * as tf from '@tensorflow/tfjs';
import { HEADER, LAYERS, SIZE } from '../../core/crystens/layout';
import { batchNorm, conv2d, conv2dTranspose, dense, leakyRelu } from '../nn/layers';
import { ParameterStore } from '../nn/params';
import { nearestElementValues, snapAtomicNumbers } from '../training-elements';
import type { AdversarialHyper } from '../hyper';
import type { GenerativeModel, ModelConfigOf, SampleOptions } from '../types';

/** The network sizes both models read from their hyper-parameters. */
export interface AdversarialArchitecture {
  /**
   * Side of the square both networks work on: the top-left corner of the CrysTens where a dataset's crystals
   * live (rows and columns 0 … 11 + sites, crystens-spec §1; beyond them every entry is 0), 64 for all of it.
   * Real batches are cropped to it and samples padded back with zeros.
   */
  readonly resolution: number;
  /** The paper's latent dimension is 128. */
  readonly latentDim: number;
  /** Side of the generator's first feature map (after the dense layer); resolution / base must be a power of two. */
  readonly generatorBase: number;
  /** Channels of that first map; each upsampling halves them (down to 1). */
  readonly generatorWidth: number;
  /** Channels of the scoring network's first strided convolution; each further one doubles them. */
  readonly scorerWidth: number;
  /** Strided (×½) convolutions in the scoring network before its dense output. */
  readonly downsamplings: number;
  readonly kernel: number;
}

export type ScorerRole = 'discriminator' | 'critic';

/** The config of a GAN or a WGAN-GP. */
export type AdversarialConfig = ModelConfigOf<'gan'> | ModelConfigOf<'wgan'>;

/** Reads and checks the architecture; the scorer is the GAN's discriminator or the WGAN-GP's critic. */
export function architectureOf(config: AdversarialConfig): AdversarialArchitecture {
  const { hyper } = config;
  const arch = {
    resolution: hyper.resolution ?? SIZE,
    latentDim: hyper.latentDim,
    generatorBase: hyper.generatorBase,
    generatorWidth: hyper.generatorWidth,
    scorerWidth: config.kind === 'gan' ? config.hyper.discriminatorWidth : config.hyper.criticWidth,
    downsamplings: hyper.downsamplings,
    kernel: hyper.kernel,
  };
  if (!(Number.isInteger(arch.resolution) && arch.resolution > HEADER && arch.resolution <= SIZE)) {
    throw new Error(`the working resolution is ${HEADER + 1} to ${SIZE} rows (the header and at least one site), not ${arch.resolution}`);
  }
  const ups = Math.log2(arch.resolution / arch.generatorBase);
  if (!Number.isInteger(ups) || ups < 1) throw new Error(`generatorBase ${arch.generatorBase}: ${arch.resolution} / base must be a power of two ≥ 2`);
  if (!Number.isInteger(arch.downsamplings) || arch.downsamplings < 1 || arch.downsamplings > 6) {
    throw new Error(`downsamplings ${arch.downsamplings}: must be 1 to 6 (64 → 1 at most)`);
  }
  return arch;
}

/**
 * The working resolution and generator for crystals of up to `sites` sites: the smallest multiple of 4 that holds
 * rows 0 … 11 + sites, reached from a (resolution / 4)-wide first map by two upsamplings, and scored by two
 * downsamplings. perov_5: 20 × 20 from 5 × 5.
 */
export function fittedArchitecture(sites: number): Pick<AdversarialHyper, 'resolution' | 'generatorBase' | 'downsamplings'> {
  const resolution = Math.min(SIZE, Math.ceil((HEADER + Math.max(1, sites)) / 4) * 4);
  return { resolution, generatorBase: resolution / 4, downsamplings: 2 };
}

/** The top-left resolution × resolution corner of a batch (all of it at 64). */
export function toWorkingSquare(x: tf.Tensor4D, resolution: number): tf.Tensor4D {
  return resolution === SIZE ? x : tf.slice(x, [0, 0, 0, 0], [-1, resolution, resolution, -1]);
}

/** A working-square batch back to [B, 64, 64, 4], zero beyond the square (empty slots). */
export function toFullSize(x: tf.Tensor4D): tf.Tensor4D {
  const missing = SIZE - x.shape[1];
  return missing === 0 ? x : tf.pad(x, [[0, 0], [0, missing], [0, missing], [0, 0]]);
}

/** [0, 1] → [−1, 1]: the range of the generator's tanh. */
export function toSigned<T extends tf.Tensor>(unit: T): T {
  return tf.sub(tf.mul(unit, 2), 1);
}

/** [−1, 1] → [0, 1], clipped (float rounding can leave tanh's range by an ulp). */
export function toUnit<T extends tf.Tensor>(signed: T): T {
  return tf.clipByValue(tf.mul(tf.add(signed, 1), 0.5), 0, 1) as T;
}

/**
 * Independent seeded streams from one seed: weights of each network, training noise, sampling noise. tfjs seeds
 * its generators with the seed's decimal string (seedrandom's alea), so streams 2^32 apart never share a seed
 * as long as each advances fewer than 2^32 times (ParameterStore advances once per variable).
 */
const STREAM_SPACING = 2 ** 32;
export const Stream = { generator: 1, scorer: 2, training: 3, sampling: 4 } as const;

export function streamSeed(seed: number, stream: number): number {
  return stream * STREAM_SPACING + seed;
}

/** Successive seeds of one stream: each noise tensor of a training step gets the next. */
export class SeedSequence {
  private count = 0;
  constructor(private readonly base: number) {}
  next(): number {
    return this.base + this.count++;
  }
  /** Goes to draw `count` of the stream. */
  restart(count: number): void {
    this.count = count;
  }
}

/**
 * Draws a training step may take from the training stream (WGAN-GP: two per critic step and one for the
 * generator); step s starts at draw s × this, so a resumed run draws what the uninterrupted one drew.
 */
const DRAWS_PER_STEP = 64;

export function latentNoise(n: number, latentDim: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([n, latentDim], 0, 1, 'float32', seed);
}

/**
 * The generator's output starts this far below 0 before its tanh, so an untrained generator makes entries near
 * 0 in [0, 1] (tanh(−2) ↦ 0.02) where the data is mostly exactly 0, rather than 0.5 everywhere: the discriminator
 * then has to teach it where crystals are, not where the empty slots are. (A fixed offset on a learned bias is an
 * initial value of that bias.)
 */
const OUTPUT_OFFSET = -2;

/**
 * The generator: latent → dense → [base, base, width] → (stride-2 transposed conv, batch norm, ReLU)… → transposed conv
 * to [resolution, resolution, 4] → tanh. Output in [−1, 1]. Batch norm uses batch statistics when training, the
 * moving averages when sampling.
 */
export function generate(p: ParameterStore, z: tf.Tensor2D, arch: AdversarialArchitecture, training: boolean): tf.Tensor4D {
  const { generatorBase: base, generatorWidth: width, kernel } = arch;
  const ups = Math.log2(arch.resolution / base);
  let x = tf.reshape(dense(p, 'dense', z, base * base * width), [z.shape[0], base, base, width]) as tf.Tensor4D;
  x = tf.relu(batchNorm(p, 'norm0', x, training));
  for (let i = 1; i < ups; i++) {
    const filters = Math.max(1, width >> i);
    // No bias before batch norm: its β does that job.
    x = conv2dTranspose(p, `up${i}`, x, { filters, kernel, stride: 2, bias: false });
    x = tf.relu(batchNorm(p, `norm${i}`, x, training));
  }
  return tf.tanh(tf.add(conv2dTranspose(p, `up${ups}`, x, { filters: LAYERS, kernel, stride: 2 }), OUTPUT_OFFSET)) as tf.Tensor4D;
}

/** Normalisation inside the scoring network: batch norm (discriminator) or layer norm (critic). */
export type Normalise = (p: ParameterStore, name: string, x: tf.Tensor4D) => tf.Tensor4D;

/**
 * The scoring network over [B, resolution, resolution, 4] in [−1, 1]: strided convolutions (×2 channels each), normalisation
 * from the second on (DCGAN: not on the input layer), leaky ReLU (α = 0.2, as the paper's code) in the |x| form
 * whose second-order gradient tfjs has, then one dense unit: a logit (GAN) or a linear score (WGAN). [B, 1].
 */
export function score(p: ParameterStore, x: tf.Tensor4D, arch: AdversarialArchitecture, normalise: Normalise): tf.Tensor2D {
  let h = x;
  for (let i = 0; i < arch.downsamplings; i++) {
    const conv = conv2d(p, `down${i}`, h, { filters: arch.scorerWidth << i, kernel: arch.kernel, stride: 2, bias: i === 0 });
    h = leakyRelu(i === 0 ? conv : normalise(p, `norm${i}`, conv), 0.2);
  }
  const [batch, height, width, channels] = h.shape;
  return dense(p, 'output', tf.reshape(h, [batch, height * width * channels]), 1);
}

/** What gan.ts and wgan.ts see of the model when they take a step. */
export interface AdversarialParts {
  readonly config: AdversarialConfig;
  readonly arch: AdversarialArchitecture;
  readonly generatorStore: ParameterStore;
  readonly scorerStore: ParameterStore;
  /** Replaced when optimiser weights are restored: read them at each step. */
  readonly optimizers: { readonly generator: tf.Optimizer; readonly scorer: tf.Optimizer };
  /** Seeds for the training noise (latents, interpolation weights), advancing with every draw. */
  readonly seeds: SeedSequence;
  generate(z: tf.Tensor2D, training: boolean): tf.Tensor4D;
  score(x: tf.Tensor4D, training: boolean): tf.Tensor2D;
  /** Fresh training latents from the seeded stream. */
  latent(n: number): tf.Tensor2D;
}

/** What distinguishes a GAN from a WGAN-GP. */
export interface AdversarialVariant {
  readonly role: ScorerRole;
  /** The scoring network's normalisation; `training` matters to batch norm only. */
  normalise(training: boolean): Normalise;
  /** One Adam (or other) optimiser; called for each network and again when optimiser weights are restored. */
  optimizer(hyper: AdversarialHyper): tf.Optimizer;
  trainStep(parts: AdversarialParts, real: tf.Tensor4D): Promise<Record<string, number>>;
}

/**
 * Builds the model: both stores get every variable at once (a forward pass on zeros, in inference mode so that
 * no batch-norm statistic moves), because the optimisers need the full variable lists from the first step.
 */
export function createAdversarialModel(config: AdversarialConfig, variant: AdversarialVariant): GenerativeModel {
  const arch = architectureOf(config);
  const generatorStore = new ParameterStore(streamSeed(config.seed, Stream.generator));
  const scorerStore = new ParameterStore(streamSeed(config.seed, Stream.scorer));
  const samplingSeeds = new SeedSequence(streamSeed(config.seed, Stream.sampling));
  const optimizers = { generator: variant.optimizer(config.hyper), scorer: variant.optimizer(config.hyper) };
  const parts: AdversarialParts = {
    config,
    arch,
    generatorStore,
    scorerStore,
    optimizers,
    seeds: new SeedSequence(streamSeed(config.seed, Stream.training)),
    generate: (z, training) => generate(generatorStore, z, arch, training),
    score: (x, training) => score(scorerStore, x, arch, variant.normalise(training)),
    latent: (n) => latentNoise(n, arch.latentDim, parts.seeds.next()),
  };
  tf.tidy(() => {
    parts.score(parts.generate(tf.zeros([1, arch.latentDim]), false), false);
  });

  const roles = { generator: generatorStore, [variant.role]: scorerStore } as Record<string, ParameterStore>;
  const optimizerOf = (role: string): tf.Optimizer => (role === 'generator' ? optimizers.generator : optimizers.scorer);

  const model: GenerativeModel = {
    config,
    stores: roles,
    async trainStep(real, step) {
      parts.seeds.restart(step * DRAWS_PER_STEP);
      const square = toWorkingSquare(real, arch.resolution);
      try {
        return await variant.trainStep(parts, square);
      } finally {
        if (square !== real) square.dispose();
      }
    },

    async sample(n: number, options: SampleOptions = {}): Promise<tf.Tensor4D | undefined> {
      const seed = options.seed === undefined ? samplingSeeds.next() : streamSeed(options.seed, Stream.sampling);
      const elements = options.elements === 'any' ? undefined : model.config.elements;
      const values = elements && nearestElementValues(elements);
      const samples = tf.tidy(() => {
        const unit = toUnit(parts.generate(latentNoise(n, arch.latentDim, seed), false));
        return toFullSize(values ? snapAtomicNumbers(unit, values) : unit);
      });
      // One forward pass: nothing to report before it ends, and a cancel at the end would only waste the result;
      // awaited all the same, so that a port that fails reports it here (the samples freed) rather than unhandled.
      try {
        await options.onProgress?.(1);
      } catch (e) {
        samples.dispose();
        throw e;
      }
      return samples;
    },

    async optimizerWeights() {
      const named: { name: string; tensor: tf.Tensor }[] = [];
      for (const [role, store] of Object.entries(roles)) named.push(...(await namedOptimizerWeights(role, optimizerOf(role), store)));
      return named;
    },

    async setOptimizerWeights(weights) {
      for (const role of Object.keys(roles)) {
        const own = weights.filter((w) => w.name.startsWith(`${role}/`));
        if (own.length === 0) continue;
        // A fresh optimiser: Adam.setWeights would otherwise orphan its current accumulators (never disposed).
        const fresh = variant.optimizer(config.hyper);
        await fresh.setWeights(own.map(({ name, tensor }) => ({ name: name.slice(role.length + 1), tensor })));
        optimizerOf(role).dispose();
        if (role === 'generator') optimizers.generator = fresh;
        else optimizers.scorer = fresh;
      }
      // The optimisers made variables of their own from these (sharing the data), so the given tensors are ours
      // to drop: the trainer hands over clones.
      for (const { tensor } of weights) tensor.dispose();
    },

    dispose() {
      optimizers.generator.dispose();
      optimizers.scorer.dispose();
      generatorStore.dispose();
      scorerStore.dispose();
    },
  };
  return model;
}

/**
 * An optimiser's weights named `role/iter` and `role/<variable>/m|v` after the store's variable names (tfjs names
 * them after its internal variable ids, which differ between sessions). Adam restores by position, in the order
 * given here. The accumulators are the optimiser's own variables; the iteration count is a fresh scalar.
 */
async function namedOptimizerWeights(role: string, optimizer: tf.Optimizer, store: ParameterStore): Promise<{ name: string; tensor: tf.Tensor }[]> {
  const weights = await optimizer.getWeights();
  const trainableNames = store.names().filter((n) => store.variable(n)!.trainable);
  const half = (weights.length - 1) / 2;
  return weights.map(({ name, tensor }, i) => {
    if (i === 0) return { name: `${role}/${name}`, tensor };
    const k = (i - 1) % half;
    const suffix = i - 1 < half ? 'm' : 'v';
    return { name: `${role}/${trainableNames[k] ?? name}/${suffix}`, tensor };
  });
}
