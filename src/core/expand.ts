/**
 * From the asymmetric unit to the full cell: apply every operation, wrap into [0, 1), and merge images that
 * land on one another.
 */
import type { Site, Vec3 } from './crystal';
import { type Lattice, wrapFrac } from './lattice';
import { formatCount, MAX_SITE_IMAGES, MAX_SITES_PER_BLOCK } from './input-limits';
import { NeighbourGrid } from './neighbours';
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

/** What one expansion may cost before the block is refused (see input-limits.ts for the defaults' reasons). */
export interface ExpansionLimits {
  /** Listed sites × operations: the images to place, checked before any work. */
  readonly maxImages: number;
  /** Sites of the expanded cell. */
  readonly maxSites: number;
}

export const BLOCK_EXPANSION_LIMITS: ExpansionLimits = { maxImages: MAX_SITE_IMAGES, maxSites: MAX_SITES_PER_BLOCK };

/**
 * Throws a RangeError (saying which limit) when the block asks for more than `limits`, or when occupancies of one
 * position sum to more than 1. Images are merged with a spatial grid, so the work is linear in images.
 */
export function expandAsymmetricUnit(
  lattice: Lattice,
  asymmetric: readonly AsymmetricSite[],
  operations: readonly SymOp[],
  limits: ExpansionLimits = BLOCK_EXPANSION_LIMITS,
): Expansion {
  const images = asymmetric.length * operations.length;
  if (images > limits.maxImages) {
    throw new RangeError(
      `${formatCount(asymmetric.length)} listed sites × ${formatCount(operations.length)} symmetry operations make ${formatCount(images)} images to place, more than the ${formatCount(limits.maxImages)} one block may ask for (so that one file cannot stall the batch)`,
    );
  }
  const m = lattice.matrix;
  const warnings: string[] = [];
  /** One entry per distinct position, in the order found (the grid indexes them alike); each holds the sites
   *  (species) placed there. A new image joins the first position it is within the tolerance of. */
  const positions: { frac: Vec3; sites: Site[] }[] = [];
  const placed = new NeighbourGrid(m, SITE_MERGE_TOLERANCE, images);
  /** The distinct images of the current listed site (an operation may map a special position onto itself). */
  const ownImages = new NeighbourGrid(m, SITE_MERGE_TOLERANCE, operations.length);
  const coincidences = new Map<string, string>();
  let siteCount = 0;

  for (const asym of asymmetric) {
    // Only where operations can map a third onto itself: a P1 file's coordinates are taken as written.
    const start: Vec3 = operations.length > 1 ? [snapThirds(asym.frac[0]), snapThirds(asym.frac[1]), snapThirds(asym.frac[2])] : asym.frac;
    const own: Vec3[] = [];
    ownImages.clear();
    for (const op of operations) {
      const p = applySymOp(op, start);
      const image: Vec3 = [wrapFrac(p[0]), wrapFrac(p[1]), wrapFrac(p[2])];
      if (ownImages.firstWithin(image[0], image[1], image[2]) >= 0) continue;
      ownImages.add(image[0], image[1], image[2]);
      own.push(image);
    }
    for (const image of own) {
      const site: Site = { element: asym.element, Z: asym.Z, frac: image, occupancy: asym.occupancy, label: asym.label };
      const at = placed.firstWithin(image[0], image[1], image[2]);
      if (at < 0) {
        placed.add(image[0], image[1], image[2]);
        positions.push({ frac: image, sites: [site] });
      } else {
        const shared = positions[at]!;
        const same = shared.sites.find((s) => s.element === asym.element);
        if (same) {
          coincidences.set(`${same.label}/${asym.label}`, `sites ${same.label} and ${asym.label} (${asym.element}) coincide; kept ${same.label}`);
          continue;
        }
        shared.sites.push({ ...site, frac: shared.frac });
      }
      if (++siteCount > limits.maxSites) {
        throw new RangeError(`more than ${formatCount(limits.maxSites)} sites after symmetry expansion, the most one block may have (so that one file cannot stall the batch)`);
      }
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
