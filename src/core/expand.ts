/**
 * From the asymmetric unit to the full cell: apply every operation, wrap into [0, 1), and merge images that
 * land on one another.
 */
import type { Site, Vec3 } from './crystal';
import { type Lattice, wrapFrac } from './lattice';
import { applySymOp, type SymOp } from './symmetry/operation';

/**
 * Images closer than this (Å) are one atom. No two atoms of a real crystal are that close (the shortest bond,
 * H–H, is 0.74 Å), while coordinates written to three decimals (0.333 for 1/3) put the symmetry images of a
 * special position up to ~0.02 Å apart in a 20 Å cell.
 */
export const SITE_MERGE_TOLERANCE = 0.05;

/** Occupancies of one position may exceed 1 by this much (rounded values in files) before it is an error. */
export const OCCUPANCY_SLACK = 0.05;

export interface AsymmetricSite {
  readonly label: string;
  readonly element: string;
  readonly Z: number;
  readonly frac: Vec3;
  readonly occupancy: number;
}

export interface Expansion {
  readonly sites: Site[];
  readonly warnings: string[];
}

/** Pymatgen's habit, kept for agreement: coordinates within 1e-4 (relative) of 1/3 or 2/3 are taken as exact. */
function snapThirds(x: number): number {
  for (const exact of [1 / 3, 2 / 3, -1 / 3, -2 / 3]) if (Math.abs(1 - x / exact) < 1e-4) return exact;
  return x;
}

/** Squared Cartesian length of the minimum-image fractional difference (exact for tolerances far below cell sizes). */
function closeTo(m: readonly number[], a: Vec3, b: Vec3, tol2: number): boolean {
  let dx = a[0] - b[0];
  let dy = a[1] - b[1];
  let dz = a[2] - b[2];
  dx -= Math.round(dx);
  dy -= Math.round(dy);
  dz -= Math.round(dz);
  const x = dx * m[0]! + dy * m[3]! + dz * m[6]!;
  const y = dx * m[1]! + dy * m[4]! + dz * m[7]!;
  const z = dx * m[2]! + dy * m[5]! + dz * m[8]!;
  return x * x + y * y + z * z < tol2;
}

export function expandAsymmetricUnit(
  lattice: Lattice,
  asymmetric: readonly AsymmetricSite[],
  operations: readonly SymOp[],
): Expansion {
  const m = lattice.matrix;
  const tol2 = SITE_MERGE_TOLERANCE * SITE_MERGE_TOLERANCE;
  const warnings: string[] = [];
  /** One entry per distinct position; each holds the sites (species) placed there. */
  const positions: { frac: Vec3; sites: Site[] }[] = [];
  const coincidences = new Map<string, string>();

  for (const asym of asymmetric) {
    // Only where operations can map a third onto itself: a P1 file's coordinates are taken as written.
    const start: Vec3 = operations.length > 1 ? [snapThirds(asym.frac[0]), snapThirds(asym.frac[1]), snapThirds(asym.frac[2])] : asym.frac;
    const own: Vec3[] = [];
    for (const op of operations) {
      const p = applySymOp(op, start);
      const image: Vec3 = [wrapFrac(p[0]), wrapFrac(p[1]), wrapFrac(p[2])];
      if (own.some((q) => closeTo(m, q, image, tol2))) continue;
      own.push(image);
    }
    for (const image of own) {
      const site: Site = { element: asym.element, Z: asym.Z, frac: image, occupancy: asym.occupancy, label: asym.label };
      const shared = positions.find((p) => closeTo(m, p.frac, image, tol2));
      if (!shared) {
        positions.push({ frac: image, sites: [site] });
        continue;
      }
      const same = shared.sites.find((s) => s.element === asym.element);
      if (same) {
        coincidences.set(`${same.label}/${asym.label}`, `sites ${same.label} and ${asym.label} (${asym.element}) coincide; kept ${same.label}`);
        continue;
      }
      shared.sites.push({ ...site, frac: shared.frac });
    }
  }
  warnings.push(...coincidences.values());

  const sites: Site[] = [];
  for (const p of positions) {
    const total = p.sites.reduce((sum, s) => sum + s.occupancy, 0);
    if (total > 1 + OCCUPANCY_SLACK) {
      const labels = p.sites.map((s) => s.label).join(', ');
      throw new RangeError(`occupancies of ${labels} at one position sum to ${total.toFixed(3)}, more than 1`);
    }
    const scale = total > 1 ? 1 / total : 1;
    for (const s of p.sites) sites.push(scale === 1 ? s : { ...s, occupancy: s.occupancy * scale });
  }
  return { sites, warnings };
}
