/**
 * Validity, uniqueness and novelty of generated crystals (spec §5 "beyond the paper", as CDVAE and MatterGen
 * report them).
 */
import { composition, type Crystal } from '../crystal';
import { elementBySymbol } from '../elements';
import { periodicDistance, volume } from '../lattice';

/** CDVAE's thresholds: no two atoms closer than 0.5 Å, and a cell of at least 0.1 Å³. */
export const MIN_DISTANCE = 0.5;
export const MIN_VOLUME = 0.1;

export function isStructurallyValid(crystal: Crystal): boolean {
  if (!(volume(crystal.lattice) >= MIN_VOLUME)) return false;
  const sites = crystal.sites;
  for (let i = 0; i < sites.length; i++) {
    for (let j = i + 1; j < sites.length; j++) {
      if (periodicDistance(crystal.lattice, sites[i]!.frac, sites[j]!.frac) < MIN_DISTANCE) return false;
    }
  }
  return true;
}

/**
 * Whether one common oxidation state per element makes the cell charge-neutral. A pure element is valid (a
 * metal or a covalent solid); an element with no common oxidation state (a noble gas) can only be neutral (0).
 */
export function isCompositionallyValid(crystal: Crystal): boolean {
  const amounts = Object.entries(composition(crystal));
  if (amounts.length === 1) return true;
  const choices = amounts.map(([el]) => {
    const states = elementBySymbol(el)?.oxidationStates ?? [];
    return states.length > 0 ? states : [0];
  });
  const search = (i: number, charge: number): boolean => {
    if (i === amounts.length) return Math.abs(charge) < 1e-6;
    return choices[i]!.some((state) => search(i + 1, charge + state * amounts[i]![1]));
  };
  return search(0, 0);
}

/**
 * A fingerprint for "the same crystal": reduced composition, detected space group, and volume per atom in 5 %
 * bins. A coarser test than pymatgen's StructureMatcher (it cannot tell two polymorphs of one composition and
 * group apart when their densities agree), but symmetric, fast and free of tolerances in the cell's setting.
 */
export function fingerprint(crystal: Crystal): string {
  const amounts = composition(crystal);
  const counts = Object.values(amounts);
  const gcd = counts.reduce((g, c) => {
    let [a, b] = [Math.round(g * 1000), Math.round(c * 1000)];
    while (b) [a, b] = [b, a % b];
    return a / 1000;
  });
  const reduced = Object.keys(amounts).sort().map((el) => `${el}${Math.round((amounts[el]! / gcd) * 1000) / 1000}`).join('');
  const perAtom = volume(crystal.lattice) / crystal.sites.length;
  const bin = Math.round(Math.log(perAtom) / Math.log(1.05));
  return `${reduced}|${crystal.spaceGroup.detected ?? '?'}|${bin}`;
}

export interface SetValidity {
  readonly count: number;
  readonly structural: number;
  readonly compositional: number;
  /** Share of generated crystals whose fingerprint no other generated crystal has before them. */
  readonly uniqueness: number;
  /** Share of (unique) generated crystals not found in the training set. */
  readonly novelty: number;
  /** Share of reconstructions whose detected space group is the one their tensor predicted. */
  readonly spaceGroupAgreement: number;
}

export function setValidity(generated: readonly Crystal[], training: readonly Crystal[]): SetValidity {
  const count = generated.length;
  const share = (k: number) => (count === 0 ? 0 : k / count);
  const known = new Set(training.map(fingerprint));
  const seen = new Set<string>();
  let unique = 0;
  let novel = 0;
  for (const c of generated) {
    const f = fingerprint(c);
    if (seen.has(f)) continue;
    seen.add(f);
    unique++;
    if (!known.has(f)) novel++;
  }
  return {
    count,
    structural: share(generated.filter(isStructurallyValid).length),
    compositional: share(generated.filter(isCompositionallyValid).length),
    uniqueness: share(unique),
    novelty: unique === 0 ? 0 : novel / unique,
    spaceGroupAgreement: share(generated.filter((c) => c.spaceGroup.declared !== undefined && c.spaceGroup.declared === c.spaceGroup.detected).length),
  };
}
