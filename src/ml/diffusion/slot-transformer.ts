/**
 * The small preset's denoiser: a transformer over the CrysTens's atom slots. x_t [B, R, R, 4] and the step index →
 * x̂₀ [B, R, R, 4], already on the layout's constraints (consistency.ts).
 *
 * A CrysTens is not an image. Everything about atom s lives on one cross: its row 12 + s (its header values, then
 * its pair entries with every other atom) and its column 12 + s (the same values again, crystens-spec §1). So one
 * token per slot reads the slot's row and column (2 · R · 4 numbers), a learned embedding says which slot it is
 * (sites are sorted by Z, x, y, z), and self-attention between tokens relates atoms — what a pair entry needs. Each
 * token writes its own row and column back; a pair entry (s, t), written by s's row and by t's column, is their
 * mean; the 12 × 12 corner is empty. The step enters every block as a scale, shift and gate of its normalisations
 * (adaLN-Zero, Peebles & Xie 2023, whose blocks start as the identity).
 *
 * Why not the U-Net (unet.ts): its convolutions see the layout only through position embeddings and must learn
 * from data that the eight copies of a value agree, and where an atom's coordinates sit relative to its pair
 * entries. On perov_5 and this machine's budget (4,311 steps) its samples' eight copies of Z still differed by
 * 4.5 on average and no fingerprint came near a real one. Over 5 slot tokens a step costs a fraction of the
 * U-Net's 10 × 10 grid, and a PyTorch twin of this network trained 4 CPU-minutes made cubic cells (angles within
 * 0.1°) and 80 % charge-balanced compositions.
 */
import * as tf from '@tensorflow/tfjs';
import { HEADER, LAYERS, SIZE } from '../../core/crystens/layout';
import type { DiffusionHyper, SlotTransformerHyper } from '../hyper';
import { dense, silu } from '../nn/layers';
import type { ParameterStore } from '../nn/params';
import { EMPTY, projectOntoLayout } from './consistency';
import { stepEmbedding } from './unet';

export interface SlotTransformerShape {
  /** Side of the working square (the header and R − 12 atom slots). */
  readonly resolution: number;
  /** Width of a token. */
  readonly width: number;
  /** Transformer blocks. */
  readonly depth: number;
  readonly heads: number;
}

const EPSILON = 1e-6;
/** A block's MLP is this many times wider than a token. */
const MLP_RATIO = 4;

/** Layer normalisation over the last axis without a learned affine (adaLN supplies it). */
function normalise(x: tf.Tensor3D): tf.Tensor3D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, EPSILON)));
}

/** x [B, S, d] through a dense layer, token by token. */
function tokenwise(p: ParameterStore, name: string, x: tf.Tensor3D, units: number): tf.Tensor3D {
  const [batch, tokens, width] = x.shape;
  return tf.reshape(dense(p, name, tf.reshape(x, [batch * tokens, width]), units), [batch, tokens, units]);
}

function attention(p: ParameterStore, name: string, x: tf.Tensor3D, heads: number): tf.Tensor3D {
  const [batch, tokens, width] = x.shape;
  const headDim = width / heads;
  const toHeads = (t: tf.Tensor3D) => tf.reshape(tf.transpose(tf.reshape(t, [batch, tokens, heads, headDim]), [0, 2, 1, 3]), [batch * heads, tokens, headDim]) as tf.Tensor3D;
  const [q, k, v] = (['query', 'key', 'value'] as const).map((role) => toHeads(tokenwise(p, `${name}/${role}`, x, width)));
  const weights = tf.softmax(tf.mul(tf.matMul(q!, k!, false, true), 1 / Math.sqrt(headDim)));
  const attended = tf.reshape(tf.transpose(tf.reshape(tf.matMul(weights, v!), [batch, heads, tokens, headDim]), [0, 2, 1, 3]), [batch, tokens, width]) as tf.Tensor3D;
  return tokenwise(p, `${name}/out`, attended, width);
}

function block(p: ParameterStore, name: string, h: tf.Tensor3D, conditioning: tf.Tensor2D, heads: number): tf.Tensor3D {
  const width = h.shape[2];
  const modulation = tf.expandDims(dense(p, `${name}/modulation`, conditioning, 6 * width, 'zeros'), 1) as tf.Tensor3D;
  const [shift1, scale1, gate1, shift2, scale2, gate2] = tf.split<tf.Tensor3D>(modulation, 6, 2);
  const modulate = (x: tf.Tensor3D, shift: tf.Tensor3D, scale: tf.Tensor3D) => tf.add(tf.mul(normalise(x), tf.add(scale, 1)), shift) as tf.Tensor3D;
  h = tf.add(h, tf.mul(gate1!, attention(p, `${name}/attention`, modulate(h, shift1!, scale1!), heads)));
  const hidden = silu(tokenwise(p, `${name}/mlp1`, modulate(h, shift2!, scale2!), MLP_RATIO * width));
  return tf.add(h, tf.mul(gate2!, tokenwise(p, `${name}/mlp2`, hidden, width)));
}

/**
 * x̂₀ for x_t at the schedule indices `steps` (0 … T − 1, as floats), on the layout's constraints. Creates its
 * variables in `p` on first call; call inside tf.tidy (or an optimiser's minimize).
 */
export function slotTransformer(p: ParameterStore, x: tf.Tensor4D, steps: tf.Tensor1D, s: SlotTransformerShape): tf.Tensor4D {
  const [batch, R] = x.shape;
  const slots = R - HEADER;
  const line = R * LAYERS;
  // Slot s's token reads its row (12 + s, every column) and its column (every row, 12 + s).
  const rows = tf.reshape(tf.slice(x, [0, HEADER, 0, 0], [batch, slots, R, LAYERS]), [batch, slots, line]);
  const columns = tf.reshape(tf.transpose(tf.slice(x, [0, 0, HEADER, 0], [batch, R, slots, LAYERS]), [0, 2, 1, 3]), [batch, slots, line]);
  let h = tokenwise(p, 'input', tf.concat([rows, columns], 2) as tf.Tensor3D, s.width);
  h = tf.add(h, p.get('input/slot', [slots, s.width], { normal: 0.02 }));

  let conditioning = dense(p, 'step/dense1', stepEmbedding(steps, s.width), s.width);
  conditioning = silu(dense(p, 'step/dense2', silu(conditioning), s.width));
  for (let b = 0; b < s.depth; b++) h = block(p, `block${b}`, h, conditioning, s.heads);

  const finalModulation = tf.expandDims(dense(p, 'output/modulation', conditioning, 2 * s.width, 'zeros'), 1) as tf.Tensor3D;
  const [shift, scale] = tf.split<tf.Tensor3D>(finalModulation, 2, 2);
  const out = tokenwise(p, 'output', tf.add(tf.mul(normalise(h), tf.add(scale!, 1)), shift!) as tf.Tensor3D, 2 * line);

  // Back onto the square: slot s's row and column; a pair entry (s, t) is the mean of s's row and t's column.
  const ownRows = tf.reshape(tf.slice(out, [0, 0, 0], [batch, slots, line]), [batch, slots, R, LAYERS]);
  const ownColumns = tf.reshape(tf.slice(out, [0, 0, line], [batch, slots, line]), [batch, slots, R, LAYERS]);
  const columnHeaders = tf.transpose(tf.slice(ownColumns, [0, 0, 0, 0], [batch, slots, HEADER, LAYERS]), [0, 2, 1, 3]);
  const rowPairs = tf.slice(ownRows, [0, 0, HEADER, 0], [batch, slots, slots, LAYERS]);
  const columnPairs = tf.transpose(tf.slice(ownColumns, [0, 0, HEADER, 0], [batch, slots, slots, LAYERS]), [0, 2, 1, 3]);
  const upper = tf.concat([tf.fill([batch, HEADER, HEADER, LAYERS], EMPTY), columnHeaders], 2);
  const lower = tf.concat([tf.slice(ownRows, [0, 0, 0, 0], [batch, slots, HEADER, LAYERS]), tf.div(tf.add(rowPairs, columnPairs), 2)], 2);
  return projectOntoLayout(tf.concat([upper, lower], 1) as tf.Tensor4D);
}

/** The slot transformer's shape from its hyper-parameters (the preset is in ../presets.ts). */
export function slotTransformerShape(h: SlotTransformerHyper & Pick<DiffusionHyper, 'resolution'>): SlotTransformerShape {
  const resolution = h.resolution ?? SIZE;
  if (!(Number.isInteger(resolution) && resolution > HEADER && resolution <= SIZE)) {
    throw new Error(`the working resolution is ${HEADER + 1} to ${SIZE} rows (the header and at least one site), not ${resolution}`);
  }
  const { width, depth, heads } = h;
  if (!(Number.isInteger(heads) && heads >= 1 && Number.isInteger(width) && width % heads === 0)) throw new Error(`a width of ${width} does not split into ${heads} heads`);
  if (!(Number.isInteger(depth) && depth >= 1)) throw new Error(`the slot transformer has at least one block, not ${depth}`);
  return { resolution, width, depth, heads };
}
