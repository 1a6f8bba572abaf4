/**
 * A cell list over fractional coordinates with the periodic wrap: which stored position, if any, lies within a
 * distance of a point. Only the point's bin and its 26 neighbours are searched, so placing N positions costs O(N)
 * rather than the O(N²) of comparing every pair.
 */
import type { Vec3 } from './crystal';
import { reciprocalLengths } from './lattice';

/**
 * Bins per axis at most, whatever the expected count: x·n then stays exact enough (error ~2⁻³³ of a bin) that
 * rounding can never move a coordinate a whole bin, and a bin index stays an integer the hash takes as it is.
 */
const MAX_BINS_PER_AXIS = 1 << 20;

/**
 * Bins are made this much wider than the tolerance strictly needs, so that rounding in the distance test and in
 * binning can never put two accepted positions two bins apart.
 */
const BIN_MARGIN = 1.001;

/** Up to this many positions, one bin (a plain scan of the typed arrays) is faster than visiting 27 of them. */
const ONE_BIN_UP_TO = 256;

export class PositionGrid {
  private readonly m: readonly number[];
  private readonly tol2: number;
  private readonly bins: readonly [number, number, number];
  /**
   * Bin (hashed, modulo the table's power-of-two size) → the most recently added index there, or -1. Bins that
   * share a slot only add candidates, which the distance test then sorts out.
   */
  private readonly heads: Int32Array;
  /** Index → the index added before it to the same slot, or -1. */
  private previous: Int32Array;
  /** Index → its wrapped fractional coordinates (x, y, z). */
  private coords: Float64Array;
  private count = 0;

  /**
   * `matrix`: the lattice (rows a, b, c in Å); `tolerance`: the distance (Å) below which positions coincide;
   * `expected`: about how many positions will be stored, which sets the bins to about one position each.
   */
  constructor(matrix: readonly number[], tolerance: number, expected: number) {
    this.m = matrix;
    this.tol2 = tolerance * tolerance;
    // Fractional coordinate i of a Cartesian difference r is r·b_i (b_i the reciprocal vector), so a pair closer
    // than the tolerance differs by less than tolerance·|b_i| along axis i: bins at least that wide make such a
    // pair share a bin or sit in neighbouring ones (modulo the wrap).
    const [r0, r1, r2] = reciprocalLengths(matrix);
    // Bins of equal Cartesian width (n_i ∝ 1/|b_i|), about `expected` in all: finer bins would be mostly empty.
    const scale = expected <= ONE_BIN_UP_TO ? 0 : Math.cbrt(expected * r0 * r1 * r2);
    const perAxis = (r: number) =>
      Math.max(1, Math.min(MAX_BINS_PER_AXIS, Math.ceil(scale / r), Math.floor(1 / (BIN_MARGIN * tolerance * r))));
    this.bins = [perAxis(r0), perAxis(r1), perAxis(r2)];
    this.heads = new Int32Array(2 ** Math.ceil(Math.log2(2 * Math.max(1, expected)))).fill(-1);
    // Room for the expected count up front (it grows past it), within reason: many images merge.
    const capacity = Math.max(1, Math.min(expected, 4096));
    this.previous = new Int32Array(capacity);
    this.coords = new Float64Array(3 * capacity);
  }

  /** Forgets every position (the bins stay as they are). */
  clear(): void {
    if (this.count > 0) this.heads.fill(-1);
    this.count = 0;
  }

  /** Stores a position with coordinates in [0, 1); returns its index (0, 1, 2, … in the order added). */
  add(frac: Vec3): number {
    const index = this.count;
    if (index === this.previous.length) this.grow();
    this.coords[3 * index] = frac[0];
    this.coords[3 * index + 1] = frac[1];
    this.coords[3 * index + 2] = frac[2];
    const slot = this.slot(this.bin(frac[0], 0), this.bin(frac[1], 1), this.bin(frac[2], 2));
    this.previous[index] = this.heads[slot]!;
    this.heads[slot] = index;
    this.count++;
    return index;
  }

  /**
   * The first-added position closer than the tolerance to `frac` (minimum image, taken per axis as the rounded
   * fractional difference), or -1: the same answer as testing every stored position in the order added.
   */
  firstWithin(frac: Vec3): number {
    const [n0, n1, n2] = this.bins;
    const i0 = this.bin(frac[0], 0);
    const i1 = this.bin(frac[1], 1);
    const i2 = this.bin(frac[2], 2);
    let best = -1;
    // The distinct bins i - 1, i, i + 1 along each axis, wrapped: all of them where an axis has fewer than three.
    const c0 = Math.min(n0, 3), c1 = Math.min(n1, 3), c2 = Math.min(n2, 3);
    for (let k2 = 0; k2 < c2; k2++) {
      const j2 = n2 < 3 ? k2 : (i2 + n2 - 1 + k2) % n2;
      for (let k1 = 0; k1 < c1; k1++) {
        const j1 = n1 < 3 ? k1 : (i1 + n1 - 1 + k1) % n1;
        for (let k0 = 0; k0 < c0; k0++) {
          const j0 = n0 < 3 ? k0 : (i0 + n0 - 1 + k0) % n0;
          for (let i = this.heads[this.slot(j0, j1, j2)]!; i >= 0; i = this.previous[i]!) {
            if ((best < 0 || i < best) && this.within(i, frac)) best = i;
          }
        }
      }
    }
    return best;
  }

  private within(index: number, frac: Vec3): boolean {
    const m = this.m;
    let dx = this.coords[3 * index]! - frac[0];
    let dy = this.coords[3 * index + 1]! - frac[1];
    let dz = this.coords[3 * index + 2]! - frac[2];
    dx -= Math.round(dx);
    dy -= Math.round(dy);
    dz -= Math.round(dz);
    const x = dx * m[0]! + dy * m[3]! + dz * m[6]!;
    const y = dx * m[1]! + dy * m[4]! + dz * m[7]!;
    const z = dx * m[2]! + dy * m[5]! + dz * m[8]!;
    return x * x + y * y + z * z < this.tol2;
  }

  /** The bin of a coordinate along one axis; a coordinate that rounds to 1 belongs with 0, as the wrap says. */
  private bin(x: number, axis: 0 | 1 | 2): number {
    const n = this.bins[axis];
    return ((Math.floor(x * n) % n) + n) % n;
  }

  /** Spatial hashing's usual primes (Teschner et al. 2003) spread neighbouring bins over the table. */
  private slot(i0: number, i1: number, i2: number): number {
    return (Math.imul(i0, 73856093) ^ Math.imul(i1, 19349663) ^ Math.imul(i2, 83492791)) & (this.heads.length - 1);
  }

  private grow(): void {
    const previous = new Int32Array(2 * this.previous.length);
    previous.set(this.previous);
    this.previous = previous;
    const coords = new Float64Array(2 * this.coords.length);
    coords.set(this.coords);
    this.coords = coords;
  }
}
