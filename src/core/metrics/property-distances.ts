/**
 * CDVAE's property distances (txie-93/cdvae scripts/compute_metrics.py get_density_wdist, get_num_elem_wdist),
 * plus the number of sites: 1-Wasserstein distances between the real and the generated distributions.
 */
import { composition, type Crystal, positionCount } from '../crystal';
import { elementBySymbol } from '../elements';
import { volume } from '../lattice';
import { wasserstein1 } from '../stats/wasserstein';

/** Grams per atomic mass unit × 10²⁴ (CODATA 2018, as pymatgen's units): amu/Å³ → g/cm³. */
const AMU_PER_CUBIC_ANGSTROM_IN_G_PER_CM3 = 1.6605390666;

/** Density in g/cm³ as pymatgen's Structure.density: occupancy-weighted atomic masses over the cell volume. */
export function density(crystal: Crystal): number {
  let mass = 0;
  for (const [el, amount] of Object.entries(composition(crystal))) mass += amount * (elementBySymbol(el)?.mass ?? NaN);
  return (mass / volume(crystal.lattice)) * AMU_PER_CUBIC_ANGSTROM_IN_G_PER_CM3;
}

/** Number of distinct elements, as CDVAE's len(set(structure.species)). */
export function elementCount(crystal: Crystal): number {
  return new Set(crystal.sites.map((s) => s.element)).size;
}

/** The three properties of each crystal, one typed array per property. */
export interface CrystalProperties {
  readonly density: Float64Array;
  readonly elements: Float64Array;
  /** Sites per cell (a position shared by several species counts once, as pymatgen's len(structure)). */
  readonly atoms: Float64Array;
}

export function crystalProperties(crystals: readonly Crystal[]): CrystalProperties {
  return {
    density: Float64Array.from(crystals, density),
    elements: Float64Array.from(crystals, elementCount),
    atoms: Float64Array.from(crystals, positionCount),
  };
}

export interface PropertyDistances {
  /** W1 of density (g/cm³); CDVAE's wdist_density. */
  readonly density: number;
  /** W1 of the number of distinct elements; CDVAE's wdist_num_elems. */
  readonly elements: number;
  /** W1 of the number of sites per cell. */
  readonly atoms: number;
  readonly real: number;
  readonly generated: number;
}

/**
 * W1 between real and generated crystals for each property (scipy.stats.wasserstein_distance). CDVAE compares
 * its 1,000 sampled valid generated crystals with every test crystal; the caller picks the sets. NaN when either
 * set is empty.
 */
export function propertyDistances(real: readonly Crystal[], generated: readonly Crystal[]): PropertyDistances {
  const counts = { real: real.length, generated: generated.length };
  if (real.length === 0 || generated.length === 0) return { density: NaN, elements: NaN, atoms: NaN, ...counts };
  const r = crystalProperties(real);
  const g = crystalProperties(generated);
  return {
    density: wasserstein1(r.density, g.density),
    elements: wasserstein1(r.elements, g.elements),
    atoms: wasserstein1(r.atoms, g.atoms),
    ...counts,
  };
}
