/**
 * Structural and compositional validity of generated crystals (spec §5 "beyond the paper"), with CDVAE's definitions
 * of validity (txie-93/cdvae scripts/eval_utils.py: structure_validity and smact_validity; see
 * ../shared/docs/evaluation.md).
 */
import { composition, type Crystal } from '../crystal';
import { elementBySymbol } from '../elements';
import { volume } from '../lattice';
import { NeighbourGrid } from '../neighbours';
import smact from './data/smact.json';

/** CDVAE's thresholds: no two atoms closer than 0.5 Å, and a cell of at least 0.1 Å³. */
export const MIN_DISTANCE = 0.5;
export const MIN_VOLUME = 0.1;

/**
 * CDVAE's structure_validity: every pair of distinct sites at least MIN_DISTANCE apart over all periodic images
 * (exact minimum image), and a volume of at least MIN_VOLUME. A site is not compared with its own images, so a
 * one-atom cell passes, as in CDVAE.
 */
export function isStructurallyValid(crystal: Crystal): boolean {
  const finite = crystal.sites.every((s) => s.frac.every(Number.isFinite)); // a NaN position is no position
  return finite && volume(crystal.lattice) >= MIN_VOLUME && !hasCloseContact(crystal, MIN_DISTANCE);
}

/**
 * Whether two distinct sites come closer than `cutoff` (Å) in any periodic image: each site's images within the
 * cutoff on a cell list (exact minimum image, linear in sites), stopping at the first contact.
 */
function hasCloseContact(crystal: Crystal, cutoff: number): boolean {
  const { lattice, sites } = crystal;
  const grid = new NeighbourGrid(lattice.matrix, cutoff, sites.length);
  for (const { frac } of sites) grid.add(frac[0], frac[1], frac[2]);
  for (let i = 0; i < sites.length; i++) {
    const [x, y, z] = sites[i]!.frac;
    const { count, index, distance2 } = grid.near(x, y, z);
    for (let k = 0; k < count; k++) if (index[k] !== i && Math.sqrt(distance2[k]!) < cutoff) return true;
  }
  return false;
}

/** A composition as CDVAE reduces it: elements by atomic number, integer counts divided by their gcd. */
export interface ReducedComposition {
  readonly elements: readonly string[];
  readonly counts: readonly number[];
}

/**
 * Occupancy-weighted amounts reduced to coprime integers. For an ordered cell (every generated one) these are the
 * site counts divided by their gcd, as CDVAE's Crystal.get_composition; partial occupancies are read to 0.001.
 */
export function reducedComposition(crystal: Crystal): ReducedComposition {
  const amounts = composition(crystal);
  const elements = Object.keys(amounts).sort((a, b) => (elementBySymbol(a)?.Z ?? 0) - (elementBySymbol(b)?.Z ?? 0));
  const integral = elements.every((el) => Math.abs(amounts[el]! - Math.round(amounts[el]!)) < 1e-6);
  const scaled = elements.map((el) => Math.round(amounts[el]! * (integral ? 1 : 1000)));
  const divisor = scaled.reduce(gcd, 0);
  return { elements, counts: scaled.map((c) => c / divisor) };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** SMACT 2.2.1's element data, indexed by atomic number − 1 (Z = 1..103, H to Lr). */
const SMACT_OXIDATION_STATES: readonly (readonly number[] | null)[] = smact.oxidationStates;
const SMACT_ELECTRONEGATIVITY: readonly (number | null)[] = smact.paulingElectronegativity;
const SMACT_METALS = new Set(smact.metals);

/**
 * CDVAE's smact_validity with SMACT 2.2.1's data (src/core/metrics/data/smact.json), on the reduced composition:
 * one element is valid; all elements metals (include_alloys) is valid; otherwise valid when some choice of one
 * oxidation state per element is charge-neutral at the reduced counts and passes SMACT's Pauling test. An element
 * SMACT has no data for (Z > 103) is invalid (CDVAE's code raises there).
 */
export function isCompositionallyValid(crystal: Crystal): boolean {
  return isSmactValid(reducedComposition(crystal));
}

export function isSmactValid({ elements, counts }: ReducedComposition): boolean {
  if (elements.length === 0) return false; // no atoms, no compound
  const Z = elements.map((el) => elementBySymbol(el)?.Z ?? 0);
  if (Z.some((z) => z < 1 || z > SMACT_OXIDATION_STATES.length)) return false;
  if (elements.length === 1) return true;
  if (elements.every((el) => SMACT_METALS.has(el))) return true;
  const states = Z.map((z) => SMACT_OXIDATION_STATES[z - 1] ?? []);
  const eneg = Z.map((z) => SMACT_ELECTRONEGATIVITY[z - 1] ?? null);
  // The Pauling test sees only the sign of each element's state, so instead of every combination of states
  // (millions for five transition metals) try every sign pattern: when SMACT's test passes for it, ask whether
  // states of those signs can sum to zero charge.
  const bySign = states.map((list) => [-1, 0, 1].map((sign) => list.filter((s) => Math.sign(s) === sign)));
  const signs = new Int8Array(elements.length);
  const tryFrom = (i: number): boolean => {
    if (i === elements.length) return paulingTest(signs, eneg) && canBeNeutral(signs, bySign, counts);
    for (const sign of [-1, 0, 1]) {
      if (bySign[i]![sign + 1]!.length === 0) continue;
      signs[i] = sign;
      if (tryFrom(i + 1)) return true;
    }
    return false;
  };
  return tryFrom(0);
}

/**
 * SMACT 2.2.1's pauling_test (screening.eneg_states_test) as CDVAE calls it, pair by pair in order (i < j), the
 * first decisive pair deciding: a cation at least as electronegative as an anion fails; a cation–anion pair with a
 * missing electronegativity makes Python raise TypeError, which CDVAE catches as a pass; any other pair with a
 * missing electronegativity fails.
 */
function paulingTest(signs: Int8Array, eneg: readonly (number | null)[]): boolean {
  for (let i = 0; i < signs.length; i++) {
    for (let j = i + 1; j < signs.length; j++) {
      const si = signs[i]!;
      const sj = signs[j]!;
      const ei = eneg[i] ?? null;
      const ej = eneg[j] ?? null;
      const opposite = (si > 0 && sj < 0) || (si < 0 && sj > 0);
      if (opposite) {
        if (ei === null || ej === null) return true;
        if (si > 0 ? ei >= ej : ei <= ej) return false;
      } else if (ei === null || ej === null) {
        return false;
      }
    }
  }
  return true;
}

/** Whether one state of the given sign per element makes Σ count·state = 0 (a subset sum over reachable charges). */
function canBeNeutral(signs: Int8Array, bySign: readonly (readonly number[])[][], counts: readonly number[]): boolean {
  let reachable = new Set<number>([0]);
  for (let i = 0; i < signs.length; i++) {
    const next = new Set<number>();
    for (const charge of reachable) for (const state of bySign[i]![signs[i]! + 1]!) next.add(charge + state * counts[i]!);
    reachable = next;
  }
  return reachable.has(0);
}
