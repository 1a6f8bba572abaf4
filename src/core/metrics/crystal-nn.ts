/**
 * pymatgen's CrystalNN (pymatgen.analysis.local_env, 2022.11.7), as matminer's CrystalNNFingerprint calls it:
 * `CrystalNN().get_nn_data(structure, n)` with the defaults, on sites without oxidation states (CDVAE builds its
 * structures from atomic numbers). For one site it gives the probability of each coordination number and, for
 * each, the neighbours that make it up. Element data (electronegativity, radius) are pymatgen's, in
 * crystal-nn-elements.json (made by goldens/make_crystalnn_goldens.py). A site counts as its element: pymatgen's
 * CrystalNN has no meaning for a partly occupied site (it fails on one).
 */
import type { Crystal, Vec3 } from '../crystal';
import elementTable from './crystal-nn-elements.json';
import { OpenVoronoiCellError, periodicSites, voronoiCell, type PeriodicSites, type VoronoiCell } from './voronoi';

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
 * Where pymatgen raises, and CDVAE then counts the crystal as invalid: a Voronoi cell that stays open even at the
 * longest cell diagonal ("pathological, infinite vertex"), or an element pymatgen has no radius for (Z ≥ 97).
 */
export class CrystalNNError extends Error {
  override name = 'CrystalNNError';
}

const DEFAULTS: Required<CrystalNNOptions> = {
  distanceCutoffs: [0.5, 1],
  xDiffWeight: 3,
  porousAdjustment: true,
  searchCutoff: 7,
};

/** pymatgen's largest electronegativity difference between two elements, which scales the chemical weight. */
const MAX_X_DIFFERENCE = 3.3;

interface ElementData {
  readonly Z: number;
  readonly symbol: string;
  /** Pauling electronegativity (pymatgen Element.X); null where pymatgen has none. */
  readonly X: number | null;
  /** pymatgen's _get_default_radius (Å); null where it has none. */
  readonly radius: number | null;
}
const ELEMENTS = (elementTable as { elements: ElementData[] }).elements;

/** CrystalNN for one site (pymatgen's `CrystalNN(**options).get_nn_data(structure, siteIndex)`). */
export function crystalNN(crystal: Crystal, siteIndex: number, options: CrystalNNOptions = {}): CrystalNNSite {
  return siteNN(crystal, periodicSites(crystal), siteIndex, { ...DEFAULTS, ...options });
}

/** CrystalNN for every site of the crystal, in site order. Throws CrystalNNError as soon as one site fails. */
export function crystalNNSites(crystal: Crystal, options: CrystalNNOptions = {}): CrystalNNSite[] {
  const ps = periodicSites(crystal);
  const opts = { ...DEFAULTS, ...options };
  return crystal.sites.map((_, i) => siteNN(crystal, ps, i, opts));
}

function siteNN(crystal: Crystal, ps: PeriodicSites, site: number, opts: Required<CrystalNNOptions>): CrystalNNSite {
  const center = [ps.cart[3 * site]!, ps.cart[3 * site + 1]!, ps.cart[3 * site + 2]!] as const;
  let cell: VoronoiCell;
  try {
    cell = voronoiCell(ps, site, opts.searchCutoff);
  } catch (e) {
    if (e instanceof OpenVoronoiCellError) throw new CrystalNNError(e.message, { cause: e });
    throw e;
  }
  const n = cell.faceCount;
  const weight = new Float64Array(n);
  // VoronoiNN's weight: the face's solid angle over the largest one.
  let maxAngle = 0;
  for (let f = 0; f < n; f++) maxAngle = Math.max(maxAngle, cell.solidAngle[f]!);
  for (let f = 0; f < n; f++) weight[f] = cell.solidAngle[f]! / maxAngle;
  if (opts.porousAdjustment) {
    for (let f = 0; f < n; f++) weight[f] = weight[f]! * (cell.solidAngle[f]! / cell.area[f]!);
  }
  const centerElement = elementOf(crystal, site);
  if (opts.xDiffWeight > 0) {
    const x1 = centerElement.X;
    for (let f = 0; f < n; f++) {
      const x2 = elementOf(crystal, cell.neighbourSite[f]!).X;
      // pymatgen: no chemical preference when either electronegativity is unknown.
      const chemical = x1 === null || x2 === null ? 1 : 1 + opts.xDiffWeight * Math.sqrt(Math.abs(x1 - x2) / MAX_X_DIFFERENCE);
      weight[f] = weight[f]! * chemical;
    }
  }
  let highest = 0;
  for (let f = 0; f < n; f++) highest = Math.max(highest, weight[f]!);
  if (!(highest > 0)) return unbonded(site, center);
  for (let f = 0; f < n; f++) weight[f] = weight[f]! / highest;

  if (opts.distanceCutoffs) {
    const [near, far] = opts.distanceCutoffs;
    const r1 = radiusOf(centerElement);
    for (let f = 0; f < n; f++) {
      const bond = r1 + radiusOf(elementOf(crystal, cell.neighbourSite[f]!));
      const low = bond + near;
      const high = bond + far;
      const d = cell.distance[f]!;
      const penalty = d <= low ? 1 : d < high ? (Math.cos(((d - low) / (high - low)) * Math.PI) + 1) * 0.5 : 0;
      weight[f] = weight[f]! * penalty;
    }
  }

  // Highest weight first; weights rounded to 3 decimals as pymatgen rounds them (this decides which neighbours tie).
  const order = Array.from({ length: n }, (_, f) => f).sort((a, b) => weight[b]! - weight[a]!);
  if (!(n > 0 && weight[order[0]!]! > 0)) return unbonded(site, center);
  const neighbours: CrystalNNNeighbour[] = [];
  for (const f of order) {
    const w = roundHalfEven3(weight[f]!);
    if (!(w > 0)) continue;
    const cart = cell.neighbourCart;
    const img = cell.neighbourImage;
    neighbours.push({
      site: cell.neighbourSite[f]!,
      image: [img[3 * f]!, img[3 * f + 1]!, img[3 * f + 2]!],
      cart: [cart[3 * f]!, cart[3 * f + 1]!, cart[3 * f + 2]!],
      weight: w,
    });
  }
  return { site, center, cnWeights: coordinationWeights(neighbours), neighbours };
}

/**
 * pymatgen's split of the bond weights into coordination numbers: the distinct weights w1 > w2 > … > wk > 0 are
 * bins of a unit quarter circle; CN "all neighbours of weight ≥ wi" gets the circle's area between wi and w(i+1)
 * (normalised to 1), and CN 0 gets what is left.
 */
function coordinationWeights(neighbours: readonly CrystalNNNeighbour[]): Map<number, number> {
  const bins: number[] = [];
  for (const nb of neighbours) if (bins.length === 0 || bins[bins.length - 1] !== nb.weight) bins.push(nb.weight);
  bins.push(0);
  const weights = new Map<number, number>();
  let cn = 0;
  for (let i = 0; i + 1 < bins.length; i++) {
    while (cn < neighbours.length && neighbours[cn]!.weight >= bins[i]!) cn++;
    weights.set(cn, semicircleShare(bins[i]!, bins[i + 1]!));
  }
  let total = 0;
  for (const w of weights.values()) total += w;
  if (1 - total > 0) weights.set(0, 1 - total);
  return weights;
}

/** Area of the unit quarter circle between x = upper and x = lower, over the whole quarter (pymatgen's formula). */
function semicircleShare(upper: number, lower: number): number {
  const area = (x: number) => 0.5 * (x * Math.sqrt(1 - x * x) + Math.atan(x / Math.sqrt(1 - x * x)));
  const quarter = 0.25 * Math.PI;
  return ((upper === 1 ? quarter : area(upper)) - area(lower)) / quarter;
}

function unbonded(site: number, center: Vec3): CrystalNNSite {
  return { site, center, cnWeights: new Map([[0, 1]]), neighbours: [] };
}

function elementOf(crystal: Crystal, site: number): ElementData {
  const el = ELEMENTS[crystal.sites[site]!.Z - 1];
  if (!el) throw new CrystalNNError(`site ${site}: no element data for Z = ${crystal.sites[site]!.Z}`);
  return el;
}

function radiusOf(el: ElementData): number {
  // pymatgen fails here too (None + float) for the elements it has no radius for.
  if (el.radius === null) throw new CrystalNNError(`no covalent or atomic radius for ${el.symbol}`);
  return el.radius;
}

/**
 * Python's round(x, 3): the decimal nearest to the exact binary value, ties to even. Math.round(x * 1000) / 1000
 * differs where x * 1000 rounds across a half; toFixed reads the exact value but sends ties up.
 */
function roundHalfEven3(x: number): number {
  const scaled = x * 1000;
  const frac = scaled - Math.floor(scaled);
  if (Math.abs(frac - 0.5) > 1e-6) return Math.round(scaled) / 1000;
  const k = Math.round(x * 2000);
  // An exact tie needs x = k / 2000 with k odd and exactly representable (k a multiple of 125: x = m / 16).
  if (k % 2 === 1 && k % 125 === 0 && k / 2000 === x) {
    const down = (k - 1) / 2;
    return (down % 2 === 0 ? down : down + 1) / 1000;
  }
  return Number(x.toFixed(3));
}
