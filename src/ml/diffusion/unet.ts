/**
 * The denoising U-Net of the diffusion model: x_t [B, 64, 64, 4] and the step index → [B, 64, 64, 4], read as ε̂,
 * v̂ or x̂₀ as diffusion.ts's `prediction` says. This file defines the network (and the two layers it needs fast on
 * tfjs's cpu backend); training and sampling live in diffusion.ts.
 *
 * The shape follows Ho et al. 2020 / Nichol & Dhariwal 2021 (improved-diffusion): a sinusoidal step embedding and
 * an MLP; residual blocks of group normalisation, SiLU and 3 × 3 convolutions, the step entering every block as
 * a scale and shift of its second normalisation (their use_scale_shift_norm); average-pool downsampling
 * 64 → 32 → 16 → 8 and nearest-neighbour upsampling back, with skip connections; self-attention at the lowest
 * resolutions and in the middle. The paper (Appendix B.3) used imagen-pytorch: two cascaded U-Nets of 256 base
 * channels, the first making a 32 × 32 × 4 CrysTens and the second super-resolving it to 64 × 64 × 4. We use one
 * U-Net at 64 × 64: the cascade's point is cheap high-resolution images, a CrysTens is small enough for one
 * network, and one network halves the training a studio user has to run.
 */
import * as tf from '@tensorflow/tfjs';
import { dense, silu } from '../nn/layers';
import type { ParameterStore } from '../nn/params';
import type { DiffusionHyper, UnetHyper } from '../hyper';
import { HEADER, SIZE } from '../../core/crystens/layout';

export interface UnetShape {
  /**
   * Side of the square the U-Net works on: the top-left `resolution` × `resolution` corner of the CrysTens (64:
   * all of it). A crystal of n sites occupies only rows and columns 0 … 11 + n (crystens-spec §1), the rest is
   * exactly zero, so a dataset of small cells loses nothing on a smaller square and a step costs
   * (resolution / 64)² of the full one. diffusion.ts crops the data to it and pads samples back to 64.
   */
  readonly resolution: number;
  /**
   * Side of the square patches the CrysTens is cut into before the first level (1: none). Patches of p × p × 4
   * entries become the channels of a (64/p) × (64/p) grid ("space to depth", as a ViT's patch embedding), and the
   * last layer puts them back. It is the cpu preset's first 64 → 32 downsampling: tfjs's cpu kernels run at about
   * 0.35 GMAC/s, so a training step can afford only a few million multiply-adds per sample.
   */
  readonly patch: number;
  /** Channels of the first level. */
  readonly channels: number;
  /** Channel multiplier per level; level l works at (resolution / patch) / 2^l. */
  readonly multipliers: readonly number[];
  /** Residual blocks per level on the way down (the way up has the same number). */
  readonly blocks: number;
  /** Self-attention in the blocks of levels at this resolution or lower (and always in the middle). */
  readonly attentionResolution: number;
  readonly heads: number;
  readonly groups: number;
  /** Residual blocks in the middle, around the middle attention. */
  readonly middleBlocks: number;
  /**
   * A learned embedding per cell added after the first convolution, and a learned pattern per cell added to
   * the output. A CrysTens is not an image: each row and column has a fixed meaning (the header slots, the atom
   * slots), which convolutions, being translation equivariant, could otherwise only infer from the zero padding
   * at the borders.
   */
  readonly positionEmbedding: boolean;
}

/** Input and output channels: the four CrysTens layers. */
const CHANNELS = 4;
/** The output pattern's variable is this many times smaller than the pattern (see unet()). */
const PATTERN_SCALE = 8;
/** The largest period of the sinusoidal step embedding (Transformer / DDPM convention). */
const MAX_PERIOD = 10000;

/**
 * The smallest working resolution that holds crystals of up to `sites` sites (rows 0 … 11 + sites) and that the
 * U-Net's patches and levels divide.
 */
export function resolutionFor(sites: number, hyper: DiffusionHyper): number {
  const unit = hyper.network === 'unet' ? hyper.patch * 2 ** (hyper.levels - 1) : 1;
  return Math.min(SIZE, Math.ceil((HEADER + Math.max(1, sites)) / unit) * unit);
}

/** The names of the U-Net's channel multipliers, one per level. */
type MultiplierName = 'mult0' | 'mult1' | 'mult2' | 'mult3' | 'mult4' | 'mult5';

/** The U-Net's shape from its hyper-parameters (the presets are in ../presets.ts). */
export function unetShape(h: UnetHyper & Pick<DiffusionHyper, 'resolution'>): UnetShape {
  const levels = h.levels;
  if (!(Number.isInteger(levels) && levels >= 1 && levels <= 6)) throw new Error(`a U-Net over 64 × 64 has 1 to 6 levels, not ${levels}`);
  const multipliers = Array.from({ length: levels }, (_, l) => h[`mult${l}` as MultiplierName] ?? 1);
  const patch = h.patch;
  if (![1, 2, 4].includes(patch)) throw new Error(`patches are 1, 2 or 4 entries wide, not ${patch}`);
  const resolution = h.resolution ?? SIZE;
  if (!(Number.isInteger(resolution) && resolution > HEADER && resolution <= SIZE)) {
    throw new Error(`the working resolution is ${HEADER + 1} to ${SIZE} rows (the header and at least one site), not ${resolution}`);
  }
  if (resolution % (patch * 2 ** (levels - 1)) !== 0) throw new Error(`${levels} levels of ${patch} × ${patch} patches do not fit a ${resolution}-wide square`);
  return {
    resolution,
    patch, channels: h.channels, multipliers, blocks: h.blocks, attentionResolution: h.attentionResolution, heads: h.heads,
    groups: h.groups, middleBlocks: h.middleBlocks, positionEmbedding: h.positionEmbedding,
  };
}

// ---- Layers with fast gradients on tfjs's cpu backend -------------------------------------------------------
// tfjs 4.22's cpu kernels run near 0.35 GMAC/s, but a few are far slower than that, and together they made a tiny
// training step cost 20 s instead of a fraction of one. These layers keep tfjs's own kernels on other backends.
// They belong in src/ml/nn/layers.ts once other models want them.

const EPSILON = 1e-5;

/**
 * A stride-1 'same' convolution (odd kernel) plus bias. On cpu, Conv2DBackpropFilter is a naive loop 15× slower
 * than the forward pass (880 ms against 58 ms for 8 → 8 channels at 64 × 64, batch 8): the kernel gradient is
 * taken instead as a "valid" convolution of the padded input (batch and channels swapped) with the output
 * gradient as its kernel (about 100 ms), and the bias gradient as a matrix product (tfjs would transpose first).
 */
export function convolve(x: tf.Tensor4D, kernel: tf.Tensor4D, bias: tf.Tensor1D): tf.Tensor4D {
  if (tf.getBackend() !== 'cpu') return tf.add(tf.conv2d(x, kernel, 1, 'same'), bias);
  const k = kernel.shape[0];
  const [batch, height, width, channels] = x.shape;
  const filters = kernel.shape[3];
  const rows = batch * height * width;
  const columnSums = (dy: tf.Tensor) => tf.reshape(tf.matMul(tf.ones([1, rows]), tf.reshape(dy, [rows, filters])), [filters]);
  const op = tf.customGrad((...args) => {
    const [input, w, b, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.GradSaveFunc];
    save([input, w]);
    if (k === 1) {
      // A 1 × 1 convolution is a matrix product, and so are its gradients.
      const value = tf.add(tf.matMul(tf.reshape(input, [rows, channels]), tf.reshape(w, [channels, filters])), b);
      return {
        value: tf.reshape(value, [batch, height, width, filters]),
        gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => {
          const dy2 = tf.reshape(dy, [rows, filters]) as tf.Tensor2D;
          const x2 = tf.reshape(xs!, [rows, channels]) as tf.Tensor2D;
          return [
            tf.reshape(tf.matMul(dy2, tf.reshape(ws!, [channels, filters]) as tf.Tensor2D, false, true), xs!.shape),
            tf.reshape(tf.matMul(x2, dy2, true, false), ws!.shape),
            columnSums(dy),
          ];
        },
      };
    }
    return {
      value: tf.add(tf.conv2d(input, w, 1, 'same'), b),
      gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => {
        const grad = dy as tf.Tensor4D;
        const dx = tf.conv2dTranspose(grad, ws as tf.Tensor4D, [batch, height, width, channels], 1, 'same');
        const p = (k - 1) / 2;
        // dW[i, j, c, f] = Σ_{b,h,w} x_pad[b, h + i, w + j, c] · dy[b, h, w, f]
        const padded = tf.transpose(tf.pad(xs!, [[0, 0], [p, p], [p, p], [0, 0]]), [3, 1, 2, 0]) as tf.Tensor4D;
        const dw = tf.transpose(tf.conv2d(padded, tf.transpose(grad, [1, 2, 0, 3]) as tf.Tensor4D, 1, 'valid'), [1, 2, 0, 3]);
        return [dx, dw, columnSums(dy)];
      },
    };
  });
  return op(x, kernel, bias) as tf.Tensor4D;
}

/**
 * Group normalisation (Wu & He 2018) followed by a per-sample, per-channel affine map: y = x̂ · scale[b, c] +
 * shift[b, c], with x̂ normalised over each sample's groups of channels. The per-sample affine carries both the
 * learned γ, β and the step embedding's scale and shift (improved-diffusion's use_scale_shift_norm).
 *
 * On cpu it is a hand-written kernel over the typed arrays: tfjs broadcasts a [B, 1, 1, C] operand element by
 * element through index arithmetic (28 ms for a [8, 64, 64, 8] product, against 2 ms without broadcasting) and
 * reduces over leading axes by transposing first, so the same computation in tfjs ops took half a training step.
 */
export function groupNormAffine(x: tf.Tensor4D, scale: tf.Tensor2D, shift: tf.Tensor2D, groups: number): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  const g = Math.min(groups, channels);
  if (channels % g !== 0) throw new Error(`${channels} channels do not split into ${g} groups`);
  if (tf.getBackend() !== 'cpu') {
    const grouped = tf.reshape(x, [batch, height, width, g, channels / g]);
    const { mean, variance } = tf.moments(grouped, [1, 2, 4], true);
    const normalised = tf.reshape(tf.div(tf.sub(grouped, mean), tf.sqrt(tf.add(variance, EPSILON))), x.shape);
    return tf.add(tf.mul(normalised, tf.reshape(scale, [batch, 1, 1, channels])), tf.reshape(shift, [batch, 1, 1, channels]));
  }
  const op = tf.customGrad((...args) => {
    const [input, a, b, save] = args as [tf.Tensor4D, tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const kernel = new GroupNormKernel(input.dataSync() as Float32Array, batch, height * width, channels, g);
    save([input, a]);
    return {
      value: tf.tensor4d(kernel.forward(a.dataSync() as Float32Array, b.dataSync() as Float32Array), x.shape),
      gradFunc: (dy: tf.Tensor, [, as]: tf.Tensor[]) => {
        const { dx, dScale, dShift } = kernel.backward(dy.dataSync() as Float32Array, as!.dataSync() as Float32Array);
        return [tf.tensor4d(dx, x.shape), tf.tensor2d(dScale, [batch, channels]), tf.tensor2d(dShift, [batch, channels])];
      },
    };
  });
  return op(x, scale, shift) as tf.Tensor4D;
}

/** Group normalisation over a channels-last [B, N, C] array; keeps each group's mean and 1/σ for the gradient. */
class GroupNormKernel {
  private readonly mean: Float64Array;
  private readonly inverseStd: Float64Array;

  constructor(
    private readonly x: Float32Array,
    private readonly batch: number,
    private readonly pixels: number,
    private readonly channels: number,
    private readonly groups: number,
  ) {
    const perGroup = channels / groups;
    const count = pixels * perGroup;
    this.mean = new Float64Array(batch * groups);
    this.inverseStd = new Float64Array(batch * groups);
    const sums = new Float64Array(channels);
    for (let b = 0; b < batch; b++) {
      const start = b * pixels * channels;
      sums.fill(0);
      for (let n = 0; n < pixels; n++) for (let c = 0, i = start + n * channels; c < channels; c++, i++) sums[c]! += x[i]!;
      for (let c = 0; c < channels; c++) this.mean[b * groups + Math.floor(c / perGroup)]! += sums[c]! / count;
      // Two passes: the variance from deviations, not E[x²] − E[x]², which cancels badly when |mean| ≫ σ.
      sums.fill(0);
      for (let n = 0; n < pixels; n++) {
        for (let c = 0, i = start + n * channels; c < channels; c++, i++) {
          const d = x[i]! - this.mean[b * groups + Math.floor(c / perGroup)]!;
          sums[c]! += d * d;
        }
      }
      const variance = new Float64Array(groups);
      for (let c = 0; c < channels; c++) variance[Math.floor(c / perGroup)]! += sums[c]! / count;
      for (let q = 0; q < groups; q++) this.inverseStd[b * groups + q] = 1 / Math.sqrt(variance[q]! + EPSILON);
    }
  }

  /** Per-channel mean and 1/σ of sample b. */
  private statistics(b: number): { mean: Float64Array; inverseStd: Float64Array } {
    const perGroup = this.channels / this.groups;
    const mean = new Float64Array(this.channels);
    const inverseStd = new Float64Array(this.channels);
    for (let c = 0; c < this.channels; c++) {
      mean[c] = this.mean[b * this.groups + Math.floor(c / perGroup)]!;
      inverseStd[c] = this.inverseStd[b * this.groups + Math.floor(c / perGroup)]!;
    }
    return { mean, inverseStd };
  }

  forward(scale: Float32Array, shift: Float32Array): Float32Array {
    const { x, pixels, channels } = this;
    const y = new Float32Array(x.length);
    const a = new Float64Array(channels);
    const c0 = new Float64Array(channels);
    for (let b = 0; b < this.batch; b++) {
      const { mean, inverseStd } = this.statistics(b);
      for (let c = 0; c < channels; c++) {
        a[c] = inverseStd[c]! * scale[b * channels + c]!;
        c0[c] = shift[b * channels + c]! - mean[c]! * a[c]!;
      }
      const start = b * pixels * channels;
      for (let n = 0; n < pixels; n++) for (let c = 0, i = start + n * channels; c < channels; c++, i++) y[i] = x[i]! * a[c]! + c0[c]!;
    }
    return y;
  }

  /** dL/dx, dL/dscale, dL/dshift from dL/dy (the standard normalisation backward, per sample and group). */
  backward(dy: Float32Array, scale: Float32Array): { dx: Float32Array; dScale: Float32Array; dShift: Float32Array } {
    const { x, pixels, channels, groups } = this;
    const perGroup = channels / groups;
    const count = pixels * perGroup;
    const dx = new Float32Array(x.length);
    const dScale = new Float32Array(this.batch * channels);
    const dShift = new Float32Array(this.batch * channels);
    const sumDy = new Float64Array(channels);
    const sumDyXhat = new Float64Array(channels);
    for (let b = 0; b < this.batch; b++) {
      const { mean, inverseStd } = this.statistics(b);
      const start = b * pixels * channels;
      sumDy.fill(0);
      sumDyXhat.fill(0);
      for (let n = 0; n < pixels; n++) {
        for (let c = 0, i = start + n * channels; c < channels; c++, i++) {
          sumDy[c]! += dy[i]!;
          sumDyXhat[c]! += dy[i]! * (x[i]! - mean[c]!) * inverseStd[c]!;
        }
      }
      // With g = dy · scale: dx = (1/σ)(g − mean(g) − x̂ · mean(g x̂)), the means over the group.
      const meanG = new Float64Array(groups);
      const meanGXhat = new Float64Array(groups);
      for (let c = 0; c < channels; c++) {
        const s = scale[b * channels + c]!;
        dScale[b * channels + c] = sumDyXhat[c]!;
        dShift[b * channels + c] = sumDy[c]!;
        meanG[Math.floor(c / perGroup)]! += (s * sumDy[c]!) / count;
        meanGXhat[Math.floor(c / perGroup)]! += (s * sumDyXhat[c]!) / count;
      }
      for (let n = 0; n < pixels; n++) {
        for (let c = 0, i = start + n * channels; c < channels; c++, i++) {
          const q = Math.floor(c / perGroup);
          const xhat = (x[i]! - mean[c]!) * inverseStd[c]!;
          dx[i] = inverseStd[c]! * (dy[i]! * scale[b * channels + c]! - meanG[q]! - xhat * meanGXhat[q]!);
        }
      }
    }
    return { dx, dScale, dShift };
  }
}

/** A stride-1 'same' convolution with bias; 'zeros' starts a residual branch as the identity (improved-diffusion's zero_module). */
function conv(p: ParameterStore, name: string, x: tf.Tensor4D, filters: number, kernel: number, init: 'he' | 'zeros' = 'he'): tf.Tensor4D {
  const w = p.get(`${name}/kernel`, [kernel, kernel, x.shape[3], filters], init) as tf.Tensor4D;
  return convolve(x, w, p.get(`${name}/bias`, [filters], 'zeros') as tf.Tensor1D);
}

/**
 * Group normalisation with learned γ, β (variables named as layers.ts's groupNorm), optionally followed by the
 * step embedding's per-sample scale and shift: (x̂ γ + β)(1 + s) + t.
 */
function normalize(p: ParameterStore, name: string, x: tf.Tensor4D, groups: number, step?: { scale: tf.Tensor2D; shift: tf.Tensor2D }): tf.Tensor4D {
  const channels = x.shape[3];
  const gamma = p.get(`${name}/gamma`, [channels], 'ones');
  const beta = p.get(`${name}/beta`, [channels], 'zeros');
  const ones = tf.ones([x.shape[0], 1]);
  let scale = tf.mul(ones, gamma) as tf.Tensor2D;
  let shift = tf.mul(ones, beta) as tf.Tensor2D;
  if (step) {
    const factor = tf.add(step.scale, 1);
    scale = tf.mul(scale, factor);
    shift = tf.add(tf.mul(shift, factor), step.shift);
  }
  return groupNormAffine(x, scale, shift, groups);
}

/** Sinusoidal embedding of the step index [B] → [B, dim] (cos half, then sin half, as improved-diffusion). */
export function stepEmbedding(steps: tf.Tensor1D, dim: number): tf.Tensor2D {
  const half = Math.floor(dim / 2);
  const frequencies = tf.tensor2d(Array.from({ length: half }, (_, k) => Math.exp((-Math.log(MAX_PERIOD) * k) / half)), [1, half]);
  const angles = tf.mul(tf.reshape(steps, [-1, 1]), frequencies) as tf.Tensor2D;
  return tf.concat([tf.cos(angles), tf.sin(angles)], 1);
}

function residualBlock(p: ParameterStore, name: string, x: tf.Tensor4D, embedding: tf.Tensor2D, filters: number, groups: number): tf.Tensor4D {
  let h = conv(p, `${name}/conv1`, silu(normalize(p, `${name}/norm1`, x, groups)), filters, 3);
  // The step enters every block as a per-channel scale and shift of the second normalisation.
  const film = dense(p, `${name}/step`, silu(embedding), 2 * filters);
  const step = { scale: tf.slice(film, [0, 0], [-1, filters]), shift: tf.slice(film, [0, filters], [-1, filters]) };
  h = conv(p, `${name}/conv2`, silu(normalize(p, `${name}/norm2`, h, groups, step)), filters, 3, 'zeros');
  const skip = x.shape[3] === filters ? x : conv(p, `${name}/skip`, x, filters, 1);
  return tf.add(skip, h);
}

/** Multi-head self-attention over the pixels of a (small) feature map, with a residual connection. */
function selfAttention(p: ParameterStore, name: string, x: tf.Tensor4D, heads: number, groups: number): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  const pixels = height * width;
  const headDim = channels / heads;
  if (!Number.isInteger(headDim)) throw new Error(`${name}: ${channels} channels do not split into ${heads} heads`);
  const flat = tf.reshape(normalize(p, `${name}/norm`, x, groups), [batch * pixels, channels]) as tf.Tensor2D;
  // Queries, keys and values as three products rather than one sliced apart: tfjs's cpu backend copies a column
  // slice element by element. [B·HW, C] → [B·heads, HW, d]; with one head the transposes are skipped.
  const toHeads = (t: tf.Tensor2D) =>
    (heads === 1
      ? tf.reshape(t, [batch, pixels, channels])
      : tf.reshape(tf.transpose(tf.reshape(t, [batch, pixels, heads, headDim]), [0, 2, 1, 3]), [batch * heads, pixels, headDim])) as tf.Tensor3D;
  const [q, k, v] = (['query', 'key', 'value'] as const).map((role) => toHeads(dense(p, `${name}/${role}`, flat, channels)));
  const weights = tf.softmax(tf.mul(tf.matMul(q!, k!, false, true), 1 / Math.sqrt(headDim)));
  const product = tf.matMul(weights, v!);
  const attended = (heads === 1 ? tf.reshape(product, [batch * pixels, channels])
    : tf.reshape(tf.transpose(tf.reshape(product, [batch, heads, pixels, headDim]), [0, 2, 1, 3]), [batch * pixels, channels])) as tf.Tensor2D;
  const out = dense(p, `${name}/out`, attended, channels, 'zeros');
  return tf.add(x, tf.reshape(out, [batch, height, width, channels]));
}

/**
 * The network's output for x_t at the schedule indices `steps` (0 … T − 1, as floats). Creates its variables in
 * `p` on first call; call inside tf.tidy (or an optimiser's minimize).
 */
export function unet(p: ParameterStore, x: tf.Tensor4D, steps: tf.Tensor1D, s: UnetShape): tf.Tensor4D {
  const embeddingDim = 4 * s.channels;
  let embedding = dense(p, 'step/dense1', stepEmbedding(steps, s.channels), embeddingDim);
  embedding = dense(p, 'step/dense2', silu(embedding), embeddingDim);

  const grid = s.resolution / s.patch;
  // Patches are embedded linearly (1 × 1), a full-size CrysTens with a 3 × 3 convolution.
  const edgeKernel = s.patch > 1 ? 1 : 3;
  let h = conv(p, 'input', toPatches(x, s.patch), s.channels, edgeKernel);
  if (s.positionEmbedding) h = tf.add(h, p.get('input/position', [grid, grid, s.channels], { normal: 0.02 }));
  const levels = s.multipliers.length;
  const width = (l: number) => s.channels * s.multipliers[l]!;
  const attends = (l: number) => grid / 2 ** l <= s.attentionResolution;
  const skips: tf.Tensor4D[] = [];

  for (let l = 0; l < levels; l++) {
    for (let b = 0; b < s.blocks; b++) {
      h = residualBlock(p, `down${l}/block${b}`, h, embedding, width(l), s.groups);
      if (attends(l)) h = selfAttention(p, `down${l}/attention${b}`, h, s.heads, s.groups);
    }
    skips.push(h);
    // Average pooling (improved-diffusion without conv_resample): a strided convolution's kernel gradient is the
    // slow tfjs cpu kernel again, and the next block's convolutions mix the pooled channels anyway.
    if (l < levels - 1) h = tf.avgPool(h, 2, 2, 'valid');
  }

  for (let b = 0; b < s.middleBlocks; b++) {
    h = residualBlock(p, `middle/block${b}`, h, embedding, width(levels - 1), s.groups);
    if (b === 0) h = selfAttention(p, 'middle/attention', h, s.heads, s.groups);
  }

  for (let l = levels - 1; l >= 0; l--) {
    h = tf.concat([h, skips.pop()!], 3);
    for (let b = 0; b < s.blocks; b++) {
      h = residualBlock(p, `up${l}/block${b}`, h, embedding, width(l), s.groups);
      if (attends(l)) h = selfAttention(p, `up${l}/attention${b}`, h, s.heads, s.groups);
    }
    if (l > 0) {
      // Convolution, then nearest-neighbour doubling: the convolution runs at the smaller size (a quarter of the
      // work of resizing first), and the next level's blocks smooth the 2 × 2 copies.
      const [, height, w] = h.shape;
      h = tf.image.resizeNearestNeighbor(conv(p, `up${l}/upsample`, h, width(l - 1), 3), [2 * height, 2 * w]);
    }
  }
  const depth = CHANNELS * s.patch * s.patch;
  let out = conv(p, 'output', silu(normalize(p, 'output/norm', h, s.groups)), depth, edgeKernel, 'zeros');
  if (s.positionEmbedding) {
    // A learned pattern per cell, scaled by 1 + a learned function of the step. The features above are narrower
    // than a patch (8 channels for 64 entries in the tiny preset), and a 1 × 1 layer shared by every cell could
    // not otherwise draw the CrysTens layout, which differs from cell to cell; this term carries it. It is stored
    // at 1/PATTERN_SCALE: Adam moves every variable by about the learning rate per step, and the pattern has to
    // travel O(1) per entry where the weights travel O(lr · steps).
    const gain = tf.add(dense(p, 'output/pattern_gain', silu(embedding), 1), 1);
    const pattern = tf.mul(p.get('output/pattern', [grid, grid, depth], 'zeros'), PATTERN_SCALE);
    const cells = grid * grid * depth;
    out = tf.add(out, tf.mul(tf.reshape(tf.matMul(gain, tf.ones([1, cells])), out.shape), pattern));
  }
  return fromPatches(out, s.patch);
}

/** [B, 64, 64, 4] → [B, 64/p, 64/p, p·p·4], each patch's entries row by row. */
export function toPatches(x: tf.Tensor4D, patch: number): tf.Tensor4D {
  if (patch === 1) return x;
  const [batch, height, width, channels] = x.shape;
  const grid = [height / patch, width / patch];
  const blocks = tf.transpose(tf.reshape(x, [batch, grid[0]!, patch, grid[1]!, patch, channels]), [0, 1, 3, 2, 4, 5]);
  return tf.reshape(blocks, [batch, grid[0]!, grid[1]!, patch * patch * channels]);
}

/** The inverse of toPatches. (tf.depthToSpace would do, but has no gradient in tfjs 4.22.) */
export function fromPatches(x: tf.Tensor4D, patch: number): tf.Tensor4D {
  if (patch === 1) return x;
  const [batch, rows, columns, depth] = x.shape;
  const channels = depth / (patch * patch);
  const blocks = tf.transpose(tf.reshape(x, [batch, rows, columns, patch, patch, channels]), [0, 1, 3, 2, 4, 5]);
  return tf.reshape(blocks, [batch, rows * patch, columns * patch, channels]);
}

