/**
 * The smallest cell that repeats a structure, found as pymatgen's `Structure.get_primitive_structure` finds it
 * (pymatgen/core/structure.py, 2022.11.7, tolerance 0.25 Å per coordinate), followed by Niggli reduction as in
 * `get_reduced_structure`. StructureMatcher reduces both structures this way before comparing them.
 *
 * The steps follow pymatgen's so that the same cell is accepted at the same tolerance: candidate translations are
 * taken from the species with the fewest sites, every supercell matrix in Hermite normal form of each admissible
 * size is tried in pymatgen's order, a candidate is accepted when the sites of every species fall into groups of
 * equal size that are mutual neighbours within the tolerance, and each group becomes one site at the mean
 * position. The search then recurses on the smaller cell.
 *
 * Why not moyo's primitive cell: moyo works at symmetry tolerances (0.01 Å by default) and symmetrises; pymatgen
 * merges images up to 0.25 Å apart and averages them, which is what decides whether a noisy 2×1×1 supercell of a
 * generated crystal still matches its primitive cell.
 */
import { determinant, inverse3, multiply3, niggliReduce, type Matrix3 } from './niggli';

/** A periodic structure reduced to what the matcher needs. Species are strings compared for equality. */
export interface SpeciesCell {
  /** Rows a, b, c in Cartesian Å. */
  readonly lattice: Matrix3;
  /** Fractional coordinates, 3 per site. */
  readonly frac: Float64Array;
  readonly species: readonly string[];
}

export const PRIMITIVE_TOLERANCE = 0.25;

const frac1 = (x: number) => x - Math.floor(x); // numpy's `% 1`
const pbcDelta = (d: number) => Math.abs(d - Math.round(d));

function rowLengths(m: Matrix3): [number, number, number] {
  return [0, 1, 2].map((i) => Math.hypot(m[3 * i]!, m[3 * i + 1]!, m[3 * i + 2]!)) as [number, number, number];
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= n; i++) if (n % i === 0) out.push(i);
  return out;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Supercell matrices in Hermite normal form, in the order pymatgen's `get_hnf` yields them. */
function* hermiteNormalForms(formulaUnits: number): Generator<[number, Float64Array]> {
  for (const det of divisors(formulaUnits)) {
    if (det === 1) continue;
    for (const a of divisors(det)) {
      for (const e of divisors(det / a)) {
        const g = det / a / e;
        for (let b = 0; b < a; b++) {
          for (let c = 0; c < a; c++) {
            for (let f = 0; f < e; f++) yield [det, Float64Array.of(a, b, c, 0, e, f, 0, 0, g)];
          }
        }
      }
    }
  }
}

/** Re-expresses the sites in a Niggli-reduced basis of the same lattice, wrapped into [0, 1). */
export function niggliReduced(s: SpeciesCell): SpeciesCell {
  const reduced = niggliReduce(s.lattice);
  if (reduced.every((x, i) => Math.abs(x - s.lattice[i]!) <= 1e-8 + 1e-5 * Math.abs(s.lattice[i]!))) return s;
  // frac' = frac · L · L'^-1
  const change = multiply3(s.lattice, inverse3(reduced));
  return { lattice: reduced, frac: transformFrac(s.frac, change, true), species: s.species };
}

function transformFrac(frac: Float64Array, m: ArrayLike<number>, wrap: boolean): Float64Array {
  const out = new Float64Array(frac.length);
  for (let i = 0; i < frac.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const x = frac[i]! * m[k]! + frac[i + 1]! * m[3 + k]! + frac[i + 2]! * m[6 + k]!;
      out[i + k] = wrap ? frac1(x) : x;
    }
  }
  return out;
}

interface SpeciesGroup {
  readonly species: string;
  /** Fractional coordinates of this species' sites, 3 per site. */
  readonly frac: Float64Array;
  readonly count: number;
}

function groupBySpecies(s: SpeciesCell): SpeciesGroup[] {
  // pymatgen sorts the sites by species string (a stable sort) and groups consecutive runs.
  const order = s.species.map((_, i) => i).sort((i, j) => (s.species[i]! < s.species[j]! ? -1 : s.species[i]! > s.species[j]! ? 1 : i - j));
  const groups: SpeciesGroup[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end < order.length && s.species[order[end]!] === s.species[order[start]!]) end++;
    const frac = new Float64Array(3 * (end - start));
    for (let k = start; k < end; k++) frac.set(s.frac.subarray(3 * order[k]!, 3 * order[k]! + 3), 3 * (k - start));
    groups.push({ species: s.species[order[start]!]!, frac, count: end - start });
    start = end;
  }
  return groups;
}

/**
 * pymatgen's `get_primitive_structure(tolerance)`: the primitive cell, Niggli-reduced, sites ordered by species;
 * the structure itself (same object) when no smaller cell exists.
 */
export function primitiveCell(s: SpeciesCell, tolerance = PRIMITIVE_TOLERANCE): SpeciesCell {
  const groups = groupBySpecies(s);
  if (groups.length === 0) return s;
  const abc = rowLengths(s.lattice);
  const superTol = abc.map((l) => tolerance / l);

  // Candidate translations: differences within the smallest species group, kept only where they map every site
  // of every species onto a site of the same species (at twice the tolerance: both ends are approximate).
  const smallest = groups.reduce((best, g) => (g.count < best.count ? g : best), groups[0]!);
  let candidates: number[][] = [];
  for (let i = 0; i < smallest.count; i++) {
    candidates.push([0, 1, 2].map((k) => smallest.frac[3 * i + k]! - smallest.frac[k]!));
  }
  const bySize = [...groups].sort((x, y) => x.count - y.count);
  for (const g of bySize) {
    for (let f = 0; f < g.count; f++) {
      candidates = candidates.filter((v) => {
        for (let j = 0; j < g.count; j++) {
          let close = true;
          for (let k = 0; k < 3 && close; k++) {
            close = pbcDelta(v[k]! - (g.frac[3 * j + k]! - g.frac[3 * f + k]!)) < 2 * superTol[k]!;
          }
          if (close) return true;
        }
        return false;
      });
    }
  }

  // Sites of one species that are neighbours in the original cell may not be merged with each other.
  const notNeighbours = groups.map((g) => {
    const out = new Uint8Array(g.count * g.count);
    for (let i = 0; i < g.count; i++) {
      for (let j = 0; j < g.count; j++) {
        let far = i === j;
        for (let k = 0; k < 3 && !far; k++) far = pbcDelta(g.frac[3 * j + k]! - g.frac[3 * i + k]!) > 2 * superTol[k]!;
        out[i * g.count + j] = far ? 1 : 0;
      }
    }
    return out;
  });

  const formulaUnits = groups.map((g) => g.count).reduce(gcd);
  for (const [size, m] of hermiteNormalForms(formulaUnits)) {
    const invM = inverse3(m);
    // Each row of m⁻¹ is a lattice translation of the smaller cell; it must be one of the candidates.
    let present = true;
    for (let r = 0; r < 3 && present; r++) {
      present = candidates.some((v) => [0, 1, 2].every((k) => pbcDelta(invM[3 * r + k]! - v[k]!) < superTol[k]!));
    }
    if (!present) continue;
    const lattice = multiply3(invM, s.lattice);
    const reduced = mergedSites(groups, notNeighbours, m, lattice, size, tolerance);
    if (!reduced) continue;
    const smaller: SpeciesCell = { lattice, ...reduced };
    return niggliReduced(primitiveCell(smaller, tolerance));
  }
  return s;
}

/** The sites of the smaller cell, or null when some species does not split into mergeable groups of `size`. */
function mergedSites(
  groups: readonly SpeciesGroup[],
  notNeighbours: readonly Uint8Array[],
  m: Float64Array,
  newLattice: Matrix3,
  size: number,
  tolerance: number,
): { frac: Float64Array; species: string[] } | null {
  const ftol = rowLengths(newLattice).map((l) => tolerance / l);
  const coords: number[] = [];
  const species: string[] = [];
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]!;
    const n = g.count;
    const all = transformFrac(g.frac, m, false);
    const together = new Uint8Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let close = notNeighbours[gi]![i * n + j] === 1;
        for (let k = 0; k < 3 && close; k++) close = pbcDelta(all[3 * i + k]! - all[3 * j + k]!) < ftol[k]!;
        together[i * n + j] = close ? 1 : 0;
      }
    }
    for (let j = 0; j < n; j++) {
      let column = 0;
      for (let i = 0; i < n; i++) column += together[i * n + j]!;
      if (column !== size) return null;
    }
    for (let i = 0; i < n; i++) {
      const members: number[] = [];
      for (let j = 0; j < n; j++) if (together[i * n + j]) members.push(j);
      for (const x of members) for (const y of members) if (!together[x * n + y]) return null;
    }
    // One site per group at the running mean of its members' positions (pymatgen's order of averaging).
    const added = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (added[i]) continue;
      const members: number[] = [];
      for (let j = 0; j < n; j++) {
        if (together[i * n + j]) {
          added[j] = 1;
          members.push(j);
        }
      }
      const c = [0, 1, 2].map((k) => frac1(all[3 * members[0]! + k]!));
      members.slice(1).forEach((j, count) => {
        for (let k = 0; k < 3; k++) {
          const offset = frac1(all[3 * j + k]!) - c[k]!;
          c[k]! += (offset - Math.round(offset)) / (count + 2);
        }
      });
      coords.push(...c);
      species.push(g.species);
    }
  }
  return { frac: Float64Array.from(coords), species };
}

export function cellVolume(s: SpeciesCell): number {
  return Math.abs(determinant(s.lattice));
}
