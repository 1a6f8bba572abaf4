/**
 * Periodic neighbours: every image of every site within a cutoff, on a cell list over fractional coordinates (bins
 * wrapped with the lattice), so that N sites cost O(N) rather than the O(N²) of comparing every pair. One search
 * serves the site merge of symmetry expansion (expand.ts), the close-contact test of validity
 * (metrics/validity.ts) and the bonds of the 3-D view (ui/structure/scene-model.ts). For one pair at a time,
 * pbc.ts's periodicDistance.
 *
 * The bins only narrow the candidates; each candidate's images are then enumerated exactly (every lattice
 * translation whose fractional box can hold a point within the cutoff), so the answer is exact for any cell, however
 * skewed or thin, and for cutoffs longer than the cell.
 */
import { reciprocalLengths } from './pbc';

/**
 * Bins per axis at most, whatever the expected count: x·n then stays exact enough (error ~2⁻³³ of a bin) that
 * rounding can never move a coordinate a whole bin, and a bin index stays an integer the hash takes as it is.
 */
const MAX_BINS_PER_AXIS = 1 << 20;

/** Bins are made this much wider than the cutoff strictly needs, so that a search rarely spans four of them. */
const BIN_MARGIN = 1.001;

/**
 * Added to the reach (cell units), so that rounding can never leave out a bin or an image of a point at the cutoff:
 * a candidate too many costs one distance test, which decides.
 */
const REACH_SLACK = 1e-9;

/** Up to this many positions, one bin (a plain scan of the typed arrays) is faster than visiting 27 of them. */
const ONE_BIN_UP_TO = 256;

/**
 * The images found by one search, valid until the next: entry k is stored position `index[k]` translated by the
 * lattice vector `image[3k..3k+3)`, at squared distance `distance2[k]` (Å²) from the point searched.
 */
export interface GridHits {
  readonly count: number;
  readonly index: Int32Array;
  readonly image: Int32Array;
  readonly distance2: Float64Array;
}

export class NeighbourGrid {
  private readonly m: Float64Array;
  private readonly cutoff2: number;
  /** The cutoff along each axis in cell units, cutoff·|b_i| (plus REACH_SLACK): no image within it lies farther. */
  private readonly r0: number;
  private readonly r1: number;
  private readonly r2: number;
  /** Bins along each axis. */
  private readonly n0: number;
  private readonly n1: number;
  private readonly n2: number;
  /**
   * Bin (hashed, modulo the table's power-of-two size) → the most recently added index there, or -1. Bins that
   * share a slot only add candidates, which the distance test then sorts out.
   */
  private readonly heads: Int32Array;
  /** Slot → the search that last visited it, so that a slot two visited bins share is scanned once. */
  private readonly visited: Int32Array;
  private search = 0;
  /** Index → the index added before it to the same slot, or -1. */
  private previous: Int32Array;
  /** Index → its fractional coordinates (x, y, z) as given; images are translations of these. */
  private coords: Float64Array;
  private count = 0;
  private hits = { count: 0, index: new Int32Array(64), image: new Int32Array(192), distance2: new Float64Array(64) };

  /**
   * `matrix`: the lattice (rows a, b, c in Å); `cutoff`: the distance (Å) searches reach, inclusive;
   * `expected`: about how many positions will be stored, which sets the bins to about one position each (never
   * narrower than the cutoff).
   */
  constructor(matrix: readonly number[], cutoff: number, expected: number) {
    if (!(cutoff >= 0 && Number.isFinite(cutoff))) throw new RangeError(`neighbour cutoff ${cutoff} Å is not a finite distance`);
    this.m = Float64Array.from(matrix);
    this.cutoff2 = cutoff * cutoff;
    const [r0, r1, r2] = reciprocalLengths(matrix);
    this.r0 = cutoff * r0 + REACH_SLACK;
    this.r1 = cutoff * r1 + REACH_SLACK;
    this.r2 = cutoff * r2 + REACH_SLACK;
    // Bins of equal Cartesian width (n_i ∝ 1/|b_i|), about `expected` in all: finer bins would be mostly empty.
    const scale = expected <= ONE_BIN_UP_TO ? 0 : Math.cbrt(expected * r0 * r1 * r2);
    const perAxis = (r: number) =>
      Math.max(1, Math.min(MAX_BINS_PER_AXIS, Math.ceil(scale / r), Math.floor(1 / (BIN_MARGIN * cutoff * r))));
    this.n0 = perAxis(r0);
    this.n1 = perAxis(r1);
    this.n2 = perAxis(r2);
    const slots = 2 ** Math.ceil(Math.log2(2 * Math.max(1, expected)));
    this.heads = new Int32Array(slots).fill(-1);
    this.visited = new Int32Array(slots);
    // Room for the expected count up front (it grows past it), within reason: many images merge.
    const capacity = Math.max(1, Math.min(expected, 4096));
    this.previous = new Int32Array(capacity);
    this.coords = new Float64Array(3 * capacity);
  }

  /** A grid holding `frac` (3 coordinates per position), position i as index i. */
  static of(matrix: readonly number[], frac: Float64Array, cutoff: number): NeighbourGrid {
    const n = frac.length / 3;
    const grid = new NeighbourGrid(matrix, cutoff, n);
    for (let i = 0; i < n; i++) grid.add(frac[3 * i]!, frac[3 * i + 1]!, frac[3 * i + 2]!);
    return grid;
  }

  get size(): number {
    return this.count;
  }

  /** Forgets every position (the bins stay as they are). */
  clear(): void {
    if (this.count > 0) this.heads.fill(-1);
    this.count = 0;
  }

  /** Stores a position (fractional, any cell); returns its index (0, 1, 2, … in the order added). */
  add(x: number, y: number, z: number): number {
    const index = this.count;
    if (index === this.previous.length) this.grow();
    this.coords[3 * index] = x;
    this.coords[3 * index + 1] = y;
    this.coords[3 * index + 2] = z;
    const slot = this.slot(this.bin(x, this.n0), this.bin(y, this.n1), this.bin(z, this.n2));
    this.previous[index] = this.heads[slot]!;
    this.heads[slot] = index;
    this.count++;
    return index;
  }

  /**
   * Every image of every stored position within the cutoff (inclusive) of the point (x, y, z), the point's own
   * position included when it is stored. The answer is overwritten by the next search.
   */
  near(x: number, y: number, z: number): GridHits {
    this.hits.count = 0;
    if (this.search === 0x7fffffff) {
      this.visited.fill(0);
      this.search = 0;
    }
    const stamp = ++this.search;
    const { n0, n1, n2, r0, r1, r2 } = this;
    // Along each axis, the bins that x ± reach overlaps (first, wrapped, and how many), or every bin once when the
    // interval spans the cell. Scalars rather than a helper returning pairs: this runs once per image placed.
    const w0 = x - Math.floor(x), w1 = y - Math.floor(y), w2 = z - Math.floor(z);
    let lo0 = Math.floor((w0 - r0) * n0), c0 = Math.floor((w0 + r0) * n0) - lo0 + 1;
    let lo1 = Math.floor((w1 - r1) * n1), c1 = Math.floor((w1 + r1) * n1) - lo1 + 1;
    let lo2 = Math.floor((w2 - r2) * n2), c2 = Math.floor((w2 + r2) * n2) - lo2 + 1;
    if (c0 >= n0) {
      lo0 = 0;
      c0 = n0;
    }
    if (c1 >= n1) {
      lo1 = 0;
      c1 = n1;
    }
    if (c2 >= n2) {
      lo2 = 0;
      c2 = n2;
    }
    // Bin indices wrap with the lattice; lo may be negative (an interval reaching below 0).
    lo0 = ((lo0 % n0) + n0) % n0;
    lo1 = ((lo1 % n1) + n1) % n1;
    lo2 = ((lo2 % n2) + n2) % n2;
    for (let k2 = 0; k2 < c2; k2++) {
      const j2 = (lo2 + k2) % n2;
      for (let k1 = 0; k1 < c1; k1++) {
        const j1 = (lo1 + k1) % n1;
        for (let k0 = 0; k0 < c0; k0++) {
          const slot = this.slot((lo0 + k0) % n0, j1, j2);
          if (this.visited[slot] === stamp) continue;
          this.visited[slot] = stamp;
          for (let i = this.heads[slot]!; i >= 0; i = this.previous[i]!) this.imagesOf(i, x, y, z);
        }
      }
    }
    return this.hits;
  }

  /**
   * The first-added position strictly closer than the cutoff to (x, y, z) in any image, or -1: the same answer as
   * testing every stored position in the order added.
   */
  firstWithin(x: number, y: number, z: number): number {
    const { count, index, distance2 } = this.near(x, y, z);
    let best = -1;
    for (let k = 0; k < count; k++) {
      if (distance2[k]! < this.cutoff2 && (best < 0 || index[k]! < best)) best = index[k]!;
    }
    return best;
  }

  /** Appends every image of stored position i within the cutoff of (x, y, z). */
  private imagesOf(i: number, x: number, y: number, z: number): void {
    const { m, r0, r1, r2 } = this;
    // Image t of position f sits at f + t; within the cutoff only if |f + t - x| ≤ reach along every axis. Most
    // candidates fail on the first axis.
    const d0 = this.coords[3 * i]! - x;
    const lo0 = Math.ceil(-r0 - d0), hi0 = Math.floor(r0 - d0);
    if (lo0 > hi0) return;
    const d1 = this.coords[3 * i + 1]! - y;
    const lo1 = Math.ceil(-r1 - d1), hi1 = Math.floor(r1 - d1);
    if (lo1 > hi1) return;
    const d2 = this.coords[3 * i + 2]! - z;
    const lo2 = Math.ceil(-r2 - d2), hi2 = Math.floor(r2 - d2);
    if (lo2 > hi2) return;
    for (let t0 = lo0; t0 <= hi0; t0++) {
      for (let t1 = lo1; t1 <= hi1; t1++) {
        const u0 = d0 + t0;
        const u1 = d1 + t1;
        for (let t2 = lo2; t2 <= hi2; t2++) {
          const u2 = d2 + t2;
          const cx = u0 * m[0]! + u1 * m[3]! + u2 * m[6]!;
          const cy = u0 * m[1]! + u1 * m[4]! + u2 * m[7]!;
          const cz = u0 * m[2]! + u1 * m[5]! + u2 * m[8]!;
          const dd = cx * cx + cy * cy + cz * cz;
          if (dd <= this.cutoff2) this.hit(i, t0, t1, t2, dd);
        }
      }
    }
  }

  private hit(i: number, t0: number, t1: number, t2: number, distance2: number): void {
    let h = this.hits;
    if (h.count === h.index.length) {
      const size = 2 * h.count;
      const grown = { count: h.count, index: new Int32Array(size), image: new Int32Array(3 * size), distance2: new Float64Array(size) };
      grown.index.set(h.index);
      grown.image.set(h.image);
      grown.distance2.set(h.distance2);
      this.hits = h = grown;
    }
    const k = h.count++;
    h.index[k] = i;
    h.image[3 * k] = t0;
    h.image[3 * k + 1] = t1;
    h.image[3 * k + 2] = t2;
    h.distance2[k] = distance2;
  }

  /** The bin of a coordinate along an axis of n bins, after wrapping; a coordinate that rounds to 1 belongs with 0. */
  private bin(x: number, n: number): number {
    return Math.floor((x - Math.floor(x)) * n) % n;
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

/**
 * Every pair of sites within a cutoff, over all periodic images, in struct-of-arrays form: pair k runs from site
 * `centre[k]` to the image of site `neighbour[k]` translated by `image[3k..3k+3)` (integers, cell units), at
 * `distance[k]` Å. Pairs are grouped by centre in site order; each pair appears from both ends.
 */
export interface NeighbourList {
  readonly count: number;
  readonly centre: Int32Array;
  readonly neighbour: Int32Array;
  readonly image: Int32Array;
  readonly distance: Float64Array;
}

/**
 * pymatgen's Structure.get_neighbor_list(cutoff) in a cell list: every image of every site no farther than `cutoff`
 * (Å) from each site, leaving out only a site's own position (a distinct site at distance 0 is kept, as pymatgen
 * keeps it). `frac` holds 3 fractional coordinates per site; images are translations of them as given.
 */
export function neighbourList(matrix: readonly number[], frac: Float64Array, cutoff: number): NeighbourList {
  const n = frac.length / 3;
  const grid = NeighbourGrid.of(matrix, frac, cutoff);
  let capacity = Math.max(16, 16 * n);
  let centre = new Int32Array(capacity);
  let neighbour = new Int32Array(capacity);
  let image = new Int32Array(3 * capacity);
  let distance = new Float64Array(capacity);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const hits = grid.near(frac[3 * i]!, frac[3 * i + 1]!, frac[3 * i + 2]!);
    if (count + hits.count > capacity) {
      capacity = 2 * (count + hits.count);
      centre = grown(centre, capacity);
      neighbour = grown(neighbour, capacity);
      image = grown(image, 3 * capacity);
      distance = grown(distance, capacity);
    }
    for (let k = 0; k < hits.count; k++) {
      const j = hits.index[k]!;
      const t0 = hits.image[3 * k]!, t1 = hits.image[3 * k + 1]!, t2 = hits.image[3 * k + 2]!;
      if (j === i && t0 === 0 && t1 === 0 && t2 === 0) continue;
      centre[count] = i;
      neighbour[count] = j;
      image[3 * count] = t0;
      image[3 * count + 1] = t1;
      image[3 * count + 2] = t2;
      distance[count] = Math.sqrt(hits.distance2[k]!);
      count++;
    }
  }
  return { count, centre: centre.slice(0, count), neighbour: neighbour.slice(0, count), image: image.slice(0, 3 * count), distance: distance.slice(0, count) };
}

function grown<T extends Int32Array | Float64Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
