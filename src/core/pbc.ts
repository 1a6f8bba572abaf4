/**
 * Periodic boundary conditions: how far apart two positions of a crystal are over all its periodic images, and how
 * many images along each axis a search within some distance has to look at. The neighbour search built on this
 * (every image within a cutoff, linear in sites) is neighbours.ts.
 */
import type { Vec3 } from './crystal';
import type { Lattice } from './lattice';

/**
 * Lengths of the reciprocal vectors (rows of the inverse transpose, without 2π): |a_j × a_k| / V, the number of
 * lattice planes per Å along each axis. Fractional coordinate i of a Cartesian vector r is r·b_i, so a vector no
 * longer than r spans at most r·|b_i| cells along axis i: this bounds every image search.
 */
export function reciprocalLengths(m: readonly number[]): [number, number, number] {
  const [a0, a1, a2, b0, b1, b2, c0, c1, c2] = m as [number, number, number, number, number, number, number, number, number];
  const bc = [b1 * c2 - b2 * c1, b2 * c0 - b0 * c2, b0 * c1 - b1 * c0] as const;
  const ca = [c1 * a2 - c2 * a1, c2 * a0 - c0 * a2, c0 * a1 - c1 * a0] as const;
  const ab = [a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0] as const;
  const v = Math.abs(a0 * bc[0] + a1 * bc[1] + a2 * bc[2]);
  const len = (x: readonly [number, number, number]) => Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) / v;
  return [len(bc), len(ca), len(ab)];
}

/** A lattice is immutable, so its reciprocal lengths are computed once (periodicDistance runs in hot loops). */
const reciprocalCache = new WeakMap<Lattice, readonly [number, number, number]>();

function cachedReciprocalLengths(lattice: Lattice): readonly [number, number, number] {
  let r = reciprocalCache.get(lattice);
  if (!r) reciprocalCache.set(lattice, (r = reciprocalLengths(lattice.matrix)));
  return r;
}

/**
 * Shortest distance (Å) between two fractional positions over all periodic images, exact for any cell.
 * The difference is first reduced to [-0.5, 0.5) and the 27 neighbouring images are searched; that is the answer
 * unless the cell is skewed enough for a farther image to be closer, which the bound below detects.
 * For many pairs at once (all contacts within a cutoff), neighbours.ts is linear in sites rather than quadratic.
 */
export function periodicDistance(lattice: Lattice, f1: Vec3, f2: Vec3): number {
  const m = lattice.matrix;
  const d0 = f1[0] - f2[0] - Math.round(f1[0] - f2[0]);
  const d1 = f1[1] - f2[1] - Math.round(f1[1] - f2[1]);
  const d2 = f1[2] - f2[2] - Math.round(f1[2] - f2[2]);
  const near = shortestImage(m, d0, d1, d2, -1, 1, -1, 1, -1, 1);
  // An image d + n no longer than r0 has |d_i + n_i| ≤ r0·|b_i| (see reciprocalLengths): that bounds the images
  // worth searching along each axis.
  const r0 = Math.sqrt(near) * (1 + 1e-12) + 1e-12;
  const [b0, b1, b2] = cachedReciprocalLengths(lattice);
  const lo0 = Math.ceil(-d0 - r0 * b0), hi0 = Math.floor(-d0 + r0 * b0);
  const lo1 = Math.ceil(-d1 - r0 * b1), hi1 = Math.floor(-d1 + r0 * b1);
  const lo2 = Math.ceil(-d2 - r0 * b2), hi2 = Math.floor(-d2 + r0 * b2);
  if (lo0 >= -1 && hi0 <= 1 && lo1 >= -1 && hi1 <= 1 && lo2 >= -1 && hi2 <= 1) return Math.sqrt(near);
  return Math.sqrt(shortestImage(m, d0, d1, d2, lo0, hi0, lo1, hi1, lo2, hi2));
}

/** Smallest squared length of (d + n)·M over the integer box n ∈ [lo, hi]. */
function shortestImage(
  m: readonly number[], d0: number, d1: number, d2: number,
  lo0: number, hi0: number, lo1: number, hi1: number, lo2: number, hi2: number,
): number {
  let best = Infinity;
  for (let i = lo0; i <= hi0; i++) {
    for (let j = lo1; j <= hi1; j++) {
      for (let k = lo2; k <= hi2; k++) {
        const x = d0 + i;
        const y = d1 + j;
        const z = d2 + k;
        const cx = x * m[0]! + y * m[3]! + z * m[6]!;
        const cy = x * m[1]! + y * m[4]! + z * m[7]!;
        const cz = x * m[2]! + y * m[5]! + z * m[8]!;
        const d = cx * cx + cy * cy + cz * cz;
        if (d < best) best = d;
      }
    }
  }
  return best;
}
