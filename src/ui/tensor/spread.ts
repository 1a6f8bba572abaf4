/**
 * How far a generated CrysTens is from being self-consistent, before reconstruction averages it away: the
 * disagreement between the 8 copies of each header value, and the part of the pair block that symmetrisation
 * (spec §4 step 3) removes. All in normalised units, so that one colour scale serves every map; both are 0
 * everywhere for an encoded crystal.
 */
import { atomRow, denorm, entryIndex, HEADER, headerCopies, LAYERS, norm } from '../../core/crystens/layout';

export interface TensorSpread {
  readonly atomCount: number;
  /** Row-major HEADER × atomCount: population standard deviation of the 8 copies of slot h of atom s. */
  readonly header: Float64Array;
  /**
   * Per layer, row-major atomCount × atomCount: |T − T′| for the symmetrised entry T′, where layer 0 takes
   * L′ = (L + Lᵀ)/2 and layers 1–3 take Δ′ = (Δ − Δᵀ)/2, computed on physical values.
   */
  readonly pairs: readonly Float64Array[];
  /** The largest value of header and pairs (0 for a consistent tensor). */
  readonly max: number;
}

function standardDeviation(T: ArrayLike<number>, indices: readonly number[]): number {
  let sum = 0;
  for (const i of indices) sum += T[i]!;
  const mean = sum / indices.length;
  let squares = 0;
  for (const i of indices) squares += (T[i]! - mean) ** 2;
  return Math.sqrt(squares / indices.length);
}

/** The normalised entry that symmetrisation leaves at (i, j) of a pair-block layer, given T_ij and T_ji. */
function symmetrised(layer: number, ij: number, ji: number): number {
  if (layer === 0) return norm.distance((denorm.distance(ij) + denorm.distance(ji)) / 2);
  return norm.delta((denorm.delta(ij) - denorm.delta(ji)) / 2);
}

/** The spread of tensor T over its first `atomCount` atom slots (from `countAtoms`). */
export function tensorSpread(T: ArrayLike<number>, atomCount: number): TensorSpread {
  const A = atomCount;
  let max = 0;
  const header = new Float64Array(HEADER * A);
  for (let h = 0; h < HEADER; h++) {
    for (let s = 0; s < A; s++) {
      const sd = standardDeviation(T, headerCopies(h, s));
      header[h * A + s] = sd;
      if (sd > max) max = sd;
    }
  }
  const pairs = Array.from({ length: LAYERS }, (_, k) => {
    const removed = new Float64Array(A * A);
    for (let s = 0; s < A; s++) {
      for (let t = 0; t < A; t++) {
        const ij = T[entryIndex(atomRow(s), atomRow(t), k)]!;
        const ji = T[entryIndex(atomRow(t), atomRow(s), k)]!;
        const v = Math.abs(ij - symmetrised(k, ij, ji));
        removed[s * A + t] = v;
        if (v > max) max = v;
      }
    }
    return removed;
  });
  return { atomCount: A, header, pairs, max };
}
