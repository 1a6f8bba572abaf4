import { entryIndex, LAYERS, SIZE } from '../../core/crystens/layout';
import type { ValueRange } from '../heatmap/paint';

/** What the pair block of each layer holds (spec §1). */
export const PAIR_QUANTITIES = ['distances', 'Δx', 'Δy', 'Δz'] as const;
/** Every layer holds the header strips and its pair-block quantity. */
export const LAYER_TITLES = PAIR_QUANTITIES.map((q) => `header + ${q}`);

/**
 * Layer k of a [64, 64, 4] channels-last tensor, as a row-major side × side matrix: its top-left block (the whole
 * layer by default; the header and the occupied atom slots when the view is zoomed).
 */
export function layerValues(T: ArrayLike<number>, k: number, side = SIZE): Float32Array {
  const layer = new Float32Array(side * side);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) layer[r * side + c] = T[entryIndex(r, c, k)]!;
  }
  return layer;
}

/** The four layers of a [64, 64, 4] channels-last tensor, each as a row-major side × side matrix (layerValues). */
export function tensorLayers(T: ArrayLike<number>, side = SIZE): Float32Array[] {
  return Array.from({ length: LAYERS }, (_, k) => layerValues(T, k, side));
}

/**
 * A colour range covering [0, 1], the range of every entry of an encoded crystal, widened to take in the
 * finite values of the given tensors (a generated tensor may stray outside).
 */
export function sharedRange(...tensors: ArrayLike<number>[]): ValueRange {
  let lo = 0;
  let hi = 1;
  for (const T of tensors) {
    for (let i = 0; i < T.length; i++) {
      const v = T[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      else if (v > hi) hi = v;
    }
  }
  return [lo, hi];
}
