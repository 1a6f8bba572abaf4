/**
 * "Are these the same crystal?" as pymatgen's `StructureMatcher.fit` answers it, and the RMS displacement of the
 * match as `StructureMatcher.get_rms_dist` reports it (pymatgen/analysis/structure_matcher.py, 2022.11.7), with
 * pymatgen's defaults (primitive_cell, scale, no supercell, no subset, species compared exactly) and CDVAE's
 * evaluation tolerances by default (ltol 0.3, stol 0.5, angle_tol 10°; DiffCSP's match rate uses the same).
 *
 * The algorithm, in pymatgen's order:
 * 1. same fractional composition, else no match;
 * 2. each crystal Niggli-reduced, reduced to its primitive cell (primitive-cell.ts) and Niggli-reduced again;
 *    different site counts then mean no match;
 * 3. both lattices scaled to the same volume;
 * 4. every basis of crystal a's lattice whose lengths lie within a factor (1 + ltol) of b's Niggli lengths and
 *    whose angles lie within angle_tol of b's angles, with determinant ±1 (mirror images included);
 * 5. for each such basis and each translation that puts a site of b's rarest species on a site of a with the same
 *    species: a fractional pre-check (every site of b near some site of a of its species, within
 *    stol·(V/N)^(1/3) expressed per axis of the mean lattice), then the minimum-image displacements on the mean of
 *    the two lattices, the assignment of sites minimising the sum of squared displacements, the mean displacement
 *    removed, and the displacements divided by (V/N)^(1/3);
 * 6. fit: some candidate whose largest normalised displacement is below stol; rms: the smallest root-mean-square
 *    normalised displacement over all candidates, reported when below stol, with the largest displacement of that
 *    candidate.
 *
 * `fit(a, b)` is not symmetric in pymatgen (a's lattice is searched for bases like b's); neither is it here.
 *
 * Where pymatgen is not a function of the crystals alone, we cannot follow it exactly: its Niggli step keeps the
 * first basis its cell-list neighbour search returns among those with the reduced parameters, so on a cell at a
 * knife edge (α = 120.0002° or 119.9996°, both Niggli within its tolerance) the basis depends on the Cartesian
 * frame of the input. The candidates' mean lattices then fall on either side of 120°, LLL picks another basis, and
 * pymatgen's per-axis LLL tolerance admits other site pairs. Rotating both inputs rigidly changes pymatgen's RMS on
 * such pairs (goldens record every answer it gave); ours is one of them. Verdicts of matching pairs, whose
 * displacements are small, are not affected.
 */
import type { Crystal } from '../crystal';
import { minimumCostAssignment } from './assignment';
import { determinant, inverse3, lllReduce, multiply3, type Matrix3 } from './niggli';
import { cellVolume, niggliReduced, primitiveCell, type SpeciesCell } from './primitive-cell';

export interface MatcherTolerances {
  /** Fractional tolerance on lattice lengths. */
  readonly ltol: number;
  /** Site tolerance, as a fraction of (V/N)^(1/3). */
  readonly stol: number;
  /** Tolerance on lattice angles, degrees. */
  readonly angleTol: number;
}

/** CDVAE's and DiffCSP's evaluation tolerances (pymatgen's own defaults are 0.2 / 0.3 / 5). */
export const CDVAE_TOLERANCES: MatcherTolerances = { ltol: 0.3, stol: 0.5, angleTol: 10 };

/** A crystal as the matcher compares it: primitive, Niggli-reduced, with its pre-filter keys. Compute once. */
export interface ReducedCrystal extends SpeciesCell {
  /** Fractional composition, e.g. `Ba:0.20000000 O:0.60000000 Ti:0.20000000`; must be equal to match. */
  readonly compositionKey: string;
  readonly siteCount: number;
  readonly volume: number;
}

export interface StructureMatch {
  /** pymatgen's `fit(a, b)`. */
  readonly match: boolean;
  /** pymatgen's `get_rms_dist(a, b)`: RMS displacement normalised by (V/N)^(1/3), or null when none below stol. */
  readonly rms: number | null;
  /** The largest normalised displacement of that best-RMS pairing, or null. */
  readonly maxDist: number | null;
}

/**
 * The species of each position: its element, or for a position shared by several species (or partly empty)
 * `El:occ` terms joined as pymatgen's species string joins them. Sites sharing exact coordinates are one position.
 */
function positions(crystal: Crystal): SpeciesCell {
  const sites = crystal.sites;
  // owner[i]: the first site at exactly site i's coordinates (numeric comparison: string keys cost more).
  const owner = new Int32Array(sites.length);
  const firsts: number[] = [];
  for (let i = 0; i < sites.length; i++) {
    const [x, y, z] = sites[i]!.frac;
    owner[i] = firsts.find((j) => sites[j]!.frac[0] === x && sites[j]!.frac[1] === y && sites[j]!.frac[2] === z) ?? i;
    if (owner[i] === i) firsts.push(i);
  }
  const frac = new Float64Array(3 * firsts.length);
  const species = firsts.map((first, p) => {
    frac.set(sites[first]!.frac, 3 * p);
    const parts: [string, number][] = [];
    for (let i = first; i < sites.length; i++) if (owner[i] === first) parts.push([sites[i]!.element, sites[i]!.occupancy]);
    if (parts.length === 1 && parts[0]![1] === 1) return parts[0]![0];
    return parts
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([el, occ]) => `${el}:${occ.toFixed(3)}`)
      .join(', ');
  });
  return { lattice: Float64Array.from(crystal.lattice.matrix), frac, species };
}

function compositionKey(crystal: Crystal): string {
  const amounts = new Map<string, number>();
  let total = 0;
  for (const s of crystal.sites) {
    amounts.set(s.element, (amounts.get(s.element) ?? 0) + s.occupancy);
    total += s.occupancy;
  }
  return [...amounts.keys()]
    .sort()
    .map((el) => `${el}:${(amounts.get(el)! / total).toFixed(8)}`)
    .join(' ');
}

/**
 * Niggli reduction, then pymatgen's primitive cell (which ends Niggli-reduced), as `_get_reduced_structure`.
 * Throws a RangeError for a crystal without sites or without volume: there is nothing to compare.
 */
export function reduceCrystal(crystal: Crystal): ReducedCrystal {
  if (crystal.sites.length === 0) throw new RangeError(`${crystal.source}: no sites to compare`);
  const volume = Math.abs(determinant(crystal.lattice.matrix));
  if (!(volume > 1e-8) || !Number.isFinite(volume)) throw new RangeError(`${crystal.source}: the cell has no volume`);
  const reduced = primitiveCell(niggliReduced(positions(crystal)));
  return { ...reduced, compositionKey: compositionKey(crystal), siteCount: reduced.species.length, volume: cellVolume(reduced) };
}

/** pymatgen's `StructureMatcher.fit(a, b)`; stops at the first pairing within tolerance. */
export function fitReduced(a: ReducedCrystal, b: ReducedCrystal, tol: MatcherTolerances = CDVAE_TOLERANCES): boolean {
  return search(a, b, tol, true).match;
}

/** fit and get_rms_dist together, from one search over every candidate. */
export function compareReduced(a: ReducedCrystal, b: ReducedCrystal, tol: MatcherTolerances = CDVAE_TOLERANCES): StructureMatch {
  return search(a, b, tol, false);
}

export function matchStructures(a: Crystal, b: Crystal, tol: MatcherTolerances = CDVAE_TOLERANCES): StructureMatch {
  return compareReduced(reduceCrystal(a), reduceCrystal(b), tol);
}

// ---------------------------------------------------------------------------------------------------------------

const MAX_LATTICE_POINTS = 1_000_000;
const NO_MATCH: StructureMatch = { match: false, rms: null, maxDist: null };
const DEG = 180 / Math.PI;

interface LatticeParameters {
  readonly lengths: [number, number, number];
  /** alpha (b, c), beta (a, c), gamma (a, b), degrees. */
  readonly angles: [number, number, number];
}

function vectorAngle(u: ArrayLike<number>, i: number, v: ArrayLike<number>, j: number, lu: number, lv: number): number {
  const c = (u[i]! * v[j]! + u[i + 1]! * v[j + 1]! + u[i + 2]! * v[j + 2]!) / lu / lv;
  return Math.acos(Math.max(-1, Math.min(1, c))) * DEG;
}

function parameters(m: Matrix3): LatticeParameters {
  const l = [0, 1, 2].map((i) => Math.hypot(m[3 * i]!, m[3 * i + 1]!, m[3 * i + 2]!)) as [number, number, number];
  return { lengths: l, angles: [vectorAngle(m, 3, m, 6, l[1], l[2]), vectorAngle(m, 0, m, 6, l[0], l[2]), vectorAngle(m, 0, m, 3, l[0], l[1])] };
}

/** A matrix with the given parameters (the orientation is irrelevant: only the metric is used); null if none. */
function latticeOf(p: LatticeParameters): Matrix3 | null {
  const [a, b, c] = p.lengths;
  const [ca, cb, cg] = p.angles.map((x) => Math.cos(x / DEG)) as [number, number, number];
  const sg = Math.sin(p.angles[2] / DEG);
  const cy = (ca - cb * cg) / sg;
  const cz2 = 1 - cb * cb - cy * cy;
  if (!(cz2 > 0)) return null;
  return Float64Array.of(a, 0, 0, b * cg, b * sg, 0, c * cb, c * cy, c * Math.sqrt(cz2));
}

/** Lengths of the reciprocal vectors (without 2π): the rows' plane spacings are their inverses. */
function reciprocalLengths(m: Matrix3): [number, number, number] {
  const inv = inverse3(m);
  return [0, 1, 2].map((k) => Math.hypot(inv[k]!, inv[3 + k]!, inv[6 + k]!)) as [number, number, number];
}

function scaled(m: Matrix3, f: number): Matrix3 {
  return m.map((x) => x * f);
}

/**
 * Integer matrices S (rows: coefficients on a's basis) such that S · a has lengths and angles within tolerance of
 * `target`, with |det S| = 1: pymatgen's `Lattice.find_all_mappings` filtered as `_get_lattices` filters it.
 */
function latticeMappings(lattice: Matrix3, target: LatticeParameters, tol: MatcherTolerances): Float64Array[] {
  const radius = Math.max(...target.lengths) * (1 + tol.ltol);
  const recip = reciprocalLengths(lattice);
  const bound = recip.map((r) => Math.ceil(radius * r));
  // A cell so flat that millions of lattice points lie within the radius is a degenerate generated cell; pymatgen
  // would enumerate them all. It is compared with nothing instead.
  if (!bound.every(Number.isFinite) || bound.reduce((p, x) => p * (2 * x + 1), 1) > MAX_LATTICE_POINTS) return [];
  const coeffs: number[] = [];
  const carts: number[] = [];
  const lens: number[] = [];
  for (let i = -bound[0]!; i <= bound[0]!; i++) {
    for (let j = -bound[1]!; j <= bound[1]!; j++) {
      for (let k = -bound[2]!; k <= bound[2]!; k++) {
        const x = i * lattice[0]! + j * lattice[3]! + k * lattice[6]!;
        const y = i * lattice[1]! + j * lattice[4]! + k * lattice[7]!;
        const z = i * lattice[2]! + j * lattice[5]! + k * lattice[8]!;
        const d = Math.hypot(x, y, z);
        if (d > radius || d === 0) continue;
        coeffs.push(i, j, k);
        carts.push(x, y, z);
        lens.push(d);
      }
    }
  }
  const candidates = target.lengths.map((l) =>
    lens.flatMap((d, p) => (d / l < 1 + tol.ltol && d / l > 1 / (1 + tol.ltol) ? [p] : [])),
  );
  const [A, B, C] = candidates as [number[], number[], number[]];
  const [alpha, beta, gamma] = target.angles;
  const within = (p: number, q: number, angle: number) =>
    Math.abs(vectorAngle(carts, 3 * p, carts, 3 * q, lens[p]!, lens[q]!) - angle) < tol.angleTol;
  const alphaOk = B.map((j) => C.map((k) => within(j, k, alpha)));
  const betaOk = A.map((i) => C.map((k) => within(i, k, beta)));
  const out: Float64Array[] = [];
  A.forEach((i, ia) => {
    B.forEach((j, jb) => {
      if (!within(i, j, gamma)) return;
      C.forEach((k, kc) => {
        if (!alphaOk[jb]![kc] || !betaOk[ia]![kc]) return;
        const s = Float64Array.of(
          coeffs[3 * i]!, coeffs[3 * i + 1]!, coeffs[3 * i + 2]!,
          coeffs[3 * j]!, coeffs[3 * j + 1]!, coeffs[3 * j + 2]!,
          coeffs[3 * k]!, coeffs[3 * k + 1]!, coeffs[3 * k + 2]!,
        );
        if (Math.abs(Math.abs(determinant(s)) - 1) < 0.5) out.push(s);
      });
    });
  });
  return out;
}

const pbcDelta = (d: number) => Math.abs(d - Math.round(d));

/** 27 neighbouring cells in pymatgen's order (a outermost, offsets -1, 0, 1). */
const IMAGES: Float64Array = (() => {
  const out: number[] = [];
  for (const i of [-1, 0, 1]) for (const j of [-1, 0, 1]) for (const k of [-1, 0, 1]) out.push(i, j, k);
  return Float64Array.from(out);
})();

/** out = frac · m for 3-vectors laid out one after another (no allocation: this runs per candidate). */
function transformInto(out: Float64Array, frac: Float64Array, m: ArrayLike<number>, wrap: boolean): void {
  for (let i = 0; i < frac.length; i += 3) {
    const x = frac[i]!;
    const y = frac[i + 1]!;
    const z = frac[i + 2]!;
    for (let k = 0; k < 3; k++) {
      const v = x * m[k]! + y * m[3 + k]! + z * m[6 + k]!;
      out[i + k] = wrap ? v - Math.floor(v) : v;
    }
  }
}

/** The LLL basis of a candidate's mean lattice, in which pymatgen measures minimum-image displacements. */
interface LllFrame {
  readonly matrix: Matrix3;
  /** Takes fractional coordinates of the mean lattice to fractional coordinates of the LLL basis. */
  readonly inverseMapping: Matrix3;
  readonly fracTol: [number, number, number];
  /** The 27 neighbouring cell offsets in Cartesian Å. */
  readonly images: Float64Array;
}

function lllFrame(mean: Matrix3, stol: number, normalization: number): LllFrame {
  const reduction = lllReduce(mean);
  const images = new Float64Array(81);
  transformInto(images, IMAGES, reduction.matrix, false);
  return {
    matrix: reduction.matrix,
    inverseMapping: inverse3(reduction.mapping),
    fracTol: siteTolerances(reduction.matrix, stol, normalization),
    images,
  };
}

function siteTolerances(m: Matrix3, stol: number, normalization: number): [number, number, number] {
  // pymatgen: reciprocal lengths (with 2π) · stol / (π · normalization)
  return reciprocalLengths(m).map((r) => (2 * r * stol) / normalization) as [number, number, number];
}

/** Buffers for one pair of crystals with n sites each, reused by every candidate. */
class Workspace {
  readonly aFrac: Float64Array;
  readonly bShifted: Float64Array;
  readonly fa: Float64Array;
  readonly fb: Float64Array;
  readonly ca: Float64Array;
  readonly cb: Float64Array;
  readonly d2: Float64Array;
  readonly vectors: Float64Array;
  readonly dist: Float64Array;
  constructor(readonly n: number) {
    this.aFrac = new Float64Array(3 * n);
    this.bShifted = new Float64Array(3 * n);
    this.fa = new Float64Array(3 * n);
    this.fb = new Float64Array(3 * n);
    this.ca = new Float64Array(3 * n);
    this.cb = new Float64Array(3 * n);
    this.d2 = new Float64Array(n * n);
    this.vectors = new Float64Array(3 * n * n);
    this.dist = new Float64Array(n);
  }
}

/**
 * Normalised displacements (into w.dist) of the best assignment of b's sites (rows) onto a's (columns), after
 * removing their mean (pymatgen's `_cart_dists` with `pbc_shortest_vectors` on the LLL basis); false when no
 * assignment avoids a forbidden pair.
 */
function displacements(w: Workspace, mask: Uint8Array, lll: LllFrame, normalization: number): boolean {
  const { n, fa, fb, ca, cb, d2, vectors } = w;
  transformInto(fa, w.aFrac, lll.inverseMapping, false);
  transformInto(fb, w.bShifted, lll.inverseMapping, false);
  // Cartesian positions of the wrapped LLL coordinates (pymatgen's dot_2d_mod).
  for (let i = 0; i < 3 * n; i += 3) {
    for (let k = 0; k < 3; k++) {
      let sa = 0;
      let sb = 0;
      for (let x = 0; x < 3; x++) {
        sa += (fa[i + x]! - Math.floor(fa[i + x]!)) * lll.matrix[3 * x + k]!;
        sb += (fb[i + x]! - Math.floor(fb[i + x]!)) * lll.matrix[3 * x + k]!;
      }
      ca[i + k] = sa;
      cb[i + k] = sb;
    }
  }
  const images = lll.images;
  const [t0, t1, t2] = lll.fracTol;
  for (let i = 0; i < n; i++) {
    let rowOpen = false;
    for (let j = 0; j < n; j++) {
      const ij = i * n + j;
      d2[ij] = Infinity;
      if (mask[ij]) continue;
      if (
        pbcDelta(fa[3 * j]! - fb[3 * i]!) > t0 ||
        pbcDelta(fa[3 * j + 1]! - fb[3 * i + 1]!) > t1 ||
        pbcDelta(fa[3 * j + 2]! - fb[3 * i + 2]!) > t2
      ) {
        continue;
      }
      const px = ca[3 * j]! - cb[3 * i]!;
      const py = ca[3 * j + 1]! - cb[3 * i + 1]!;
      const pz = ca[3 * j + 2]! - cb[3 * i + 2]!;
      let best = Infinity;
      let bestImage = 0;
      for (let m = 0; m < 81; m += 3) {
        const x = px + images[m]!;
        const y = py + images[m + 1]!;
        const z = pz + images[m + 2]!;
        const d = x * x + y * y + z * z;
        if (d < best) {
          best = d;
          bestImage = m;
        }
      }
      d2[ij] = best;
      rowOpen = true;
      vectors[3 * ij] = px + images[bestImage]!;
      vectors[3 * ij + 1] = py + images[bestImage + 1]!;
      vectors[3 * ij + 2] = pz + images[bestImage + 2]!;
    }
    // A site of b with no admissible partner: no assignment can avoid a forbidden pair (the usual case for
    // candidates of crystals that do not match, so it is worth stopping before the remaining rows).
    if (!rowOpen) return false;
  }
  const assignment = minimumCostAssignment(d2, n);
  if (!assignment) return false;
  let mx = 0;
  let my = 0;
  let mz = 0;
  for (let i = 0; i < n; i++) {
    const v = 3 * (i * n + assignment[i]!);
    mx += vectors[v]!;
    my += vectors[v + 1]!;
    mz += vectors[v + 2]!;
  }
  mx /= n;
  my /= n;
  mz /= n;
  for (let i = 0; i < n; i++) {
    const v = 3 * (i * n + assignment[i]!);
    w.dist[i] = Math.hypot(vectors[v]! - mx, vectors[v + 1]! - my, vectors[v + 2]! - mz) * normalization;
  }
  return true;
}

function speciesCountsEqual(a: readonly string[], b: readonly string[]): boolean {
  const counts = new Map<string, number>();
  for (const s of a) counts.set(s, (counts.get(s) ?? 0) + 1);
  for (const s of b) counts.set(s, (counts.get(s) ?? 0) - 1);
  return [...counts.values()].every((c) => c === 0);
}

/** The inverse of an integer matrix with determinant ±1, rounded to the exact integers. */
function unimodularInverse(s: Float64Array): Float64Array {
  const inv = inverse3(s);
  for (let k = 0; k < 9; k++) inv[k] = Math.round(inv[k]!);
  return inv;
}

function search(a: ReducedCrystal, b: ReducedCrystal, tol: MatcherTolerances, stopAtFit: boolean): StructureMatch {
  const n = a.siteCount;
  if (n !== b.siteCount || a.compositionKey !== b.compositionKey || !speciesCountsEqual(a.species, b.species)) {
    return NO_MATCH;
  }
  // Same volume: a scaled up and b down by the same factor (pymatgen's _preprocess).
  const ratio = (b.volume / a.volume) ** (1 / 6);
  const latticeA = scaled(a.lattice, ratio);
  const latticeB = scaled(b.lattice, 1 / ratio);
  const targetB = parameters(latticeB);

  // mask[i·n + j]: b's site i may not sit on a's site j. The anchor is b's first site of its rarest species.
  const mask = new Uint8Array(n * n);
  let anchor = 0;
  let anchorForbidden = -1;
  for (let i = 0; i < n; i++) {
    let forbidden = 0;
    for (let j = 0; j < n; j++) {
      const f = b.species[i] !== a.species[j] ? 1 : 0;
      mask[i * n + j] = f;
      forbidden += f;
    }
    if (forbidden > anchorForbidden) {
      anchorForbidden = forbidden;
      anchor = i;
    }
  }
  const anchorTargets: number[] = [];
  for (let j = 0; j < n; j++) if (!mask[anchor * n + j]) anchorTargets.push(j);

  const w = new Workspace(n);
  let match = false;
  let bestRms = Infinity;
  let bestMax = Infinity;
  for (const s of latticeMappings(latticeA, targetB, tol)) {
    // a's sites in the basis S · a (pymatgen: fractional coordinates of its Cartesian sites in the mapped lattice).
    transformInto(w.aFrac, a.frac, unimodularInverse(s), true);
    const p = parameters(multiply3(s, latticeA));
    const mean = latticeOf({
      lengths: p.lengths.map((l, k) => (l + targetB.lengths[k]!) / 2) as [number, number, number],
      angles: p.angles.map((x, k) => (x + targetB.angles[k]!) / 2) as [number, number, number],
    });
    if (!mean) continue;
    const normalization = Math.cbrt(n / Math.abs(determinant(mean)));
    const [t0, t1, t2] = siteTolerances(mean, tol.stol, normalization);
    let lll: LllFrame | null = null;
    for (const j0 of anchorTargets) {
      const bFrac = b.frac;
      const shifted = w.bShifted;
      const dx = w.aFrac[3 * j0]! - bFrac[3 * anchor]!;
      const dy = w.aFrac[3 * j0 + 1]! - bFrac[3 * anchor + 1]!;
      const dz = w.aFrac[3 * j0 + 2]! - bFrac[3 * anchor + 2]!;
      for (let i = 0; i < 3 * n; i += 3) {
        shifted[i] = bFrac[i]! + dx;
        shifted[i + 1] = bFrac[i + 1]! + dy;
        shifted[i + 2] = bFrac[i + 2]! + dz;
      }
      if (!everySiteNear(shifted, w.aFrac, mask, n, t0, t1, t2)) continue;
      lll ??= lllFrame(mean, tol.stol, normalization);
      if (!displacements(w, mask, lll, normalization)) continue;
      let max = 0;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const d = w.dist[i]!;
        if (d > max) max = d;
        sum += d * d;
      }
      const rms = Math.sqrt(sum / n);
      if (max < tol.stol) {
        match = true;
        if (stopAtFit) return { match, rms: null, maxDist: null };
      }
      if (rms < bestRms) {
        bestRms = rms;
        bestMax = max;
        if (rms < 1e-5 && rms < tol.stol) return { match: true, rms, maxDist: max };
      }
    }
  }
  return bestRms < tol.stol ? { match, rms: bestRms, maxDist: bestMax } : { match, rms: null, maxDist: null };
}

/** pymatgen's `is_coord_subset_pbc`: every site of b within the per-axis tolerance of some allowed site of a. */
function everySiteNear(b: Float64Array, a: Float64Array, mask: Uint8Array, n: number, t0: number, t1: number, t2: number): boolean {
  for (let i = 0; i < n; i++) {
    let found = false;
    for (let j = 0; j < n && !found; j++) {
      if (mask[i * n + j]) continue;
      found =
        pbcDelta(b[3 * i]! - a[3 * j]!) <= t0 &&
        pbcDelta(b[3 * i + 1]! - a[3 * j + 1]!) <= t1 &&
        pbcDelta(b[3 * i + 2]! - a[3 * j + 2]!) <= t2;
    }
    if (!found) return false;
  }
  return true;
}
