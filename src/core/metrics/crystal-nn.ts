/**
 * pymatgen's CrystalNN (pymatgen.analysis.local_env, 2022.11.7), as matminer's CrystalNNFingerprint calls it:
 * `CrystalNN().get_nn_data(structure, n)` with the defaults, on sites without oxidation states (CDVAE builds its
 * structures from atomic numbers). For one site it gives the probability of each coordination number and, for
 * each, the neighbours that make it up.
 */
import type { Vec3 } from '../crystal';

/** One neighbour of a site: a periodic image of a site of the crystal (possibly of the site itself). */
export interface NeighbourImage {
  /** Index into `crystal.sites`. */
  readonly site: number;
  /** Lattice translation of that site (integers): the neighbour sits at `sites[site].frac + image`. */
  readonly image: Vec3;
  /** Cartesian position of the neighbour (Å), in the frame of `crystal.lattice.matrix`. */
  readonly cart: Vec3;
}

export interface CrystalNNNeighbour extends NeighbourImage {
  /** CrystalNN's bond weight in (0, 1], rounded to 3 decimals as pymatgen rounds it. */
  readonly weight: number;
}

/** CrystalNN's answer for one site (pymatgen's `NNData`). */
export interface CrystalNNSite {
  /** Index into `crystal.sites`. */
  readonly site: number;
  /** Cartesian position of the site itself (Å), same frame as the neighbours' `cart`. */
  readonly center: Vec3;
  /**
   * Coordination number → probability (pymatgen's `cn_weights`), in pymatgen's insertion order. The weights sum to 1;
   * CN 0 is present only when the others leave a positive remainder (or when no neighbour has any weight).
   */
  readonly cnWeights: ReadonlyMap<number, number>;
  /** Neighbours with positive weight (pymatgen's `all_nninfo`), highest weight first. */
  readonly neighbours: readonly CrystalNNNeighbour[];
}

/** CrystalNN's parameters; the defaults are pymatgen's, which matminer's "ops" preset (and so CDVAE) uses. */
export interface CrystalNNOptions {
  /** Å added to the sum of covalent radii: full weight up to the first, none beyond the second. Null: no penalty. */
  readonly distanceCutoffs?: readonly [number, number] | null;
  /** Preference for neighbours of different electronegativity (0: none). */
  readonly xDiffWeight?: number;
  /** Scale solid-angle weights by solid angle / face area (helps layered and porous structures). */
  readonly porousAdjustment?: boolean;
  /** Initial radius (Å) of the neighbour search for the Voronoi cell; doubled while the cell is open. */
  readonly searchCutoff?: number;
}

/**
 * The neighbours that make coordination number `cn` (pymatgen's `cn_nninfo[cn]`): every neighbour whose weight is
 * at least the cn-th highest, which are the first `cn` of `neighbours`. Empty when `cn` has no weight.
 */
export function neighboursForCn(site: CrystalNNSite, cn: number): readonly CrystalNNNeighbour[] {
  return site.cnWeights.has(cn) ? site.neighbours.slice(0, cn) : [];
}

/**
 * The site's Voronoi cell stays open (pymatgen: "pathological, infinite vertex") even at the longest cell diagonal.
 * pymatgen raises here; CDVAE then counts the crystal as invalid.
 */
export class CrystalNNError extends Error {
  override name = 'CrystalNNError';
}
