import { cellFormula } from './formula';
import type { Lattice } from './lattice';

export type Vec3 = readonly [number, number, number];

/** One atom of the full cell: a species at fractional coordinates in [0, 1). */
export interface Site {
  readonly element: string;
  /** Atomic number, 1..118. */
  readonly Z: number;
  readonly frac: Vec3;
  /** 1 for an ordered site; below 1 where species share a position or the position is partly empty. */
  readonly occupancy: number;
  readonly label: string;
}

export interface SpaceGroupInfo {
  /** The number the file declares, or the one its symmetry operations or symbols resolve to. */
  readonly declared?: number;
  /** Detected from the expanded structure (moyo, 0.01 Å by default). */
  readonly detected?: number;
  readonly detectedSymbol?: string;
  /** For a generated crystal: the group its tensor predicts (spec §4 step 2), to set beside the detected one. */
  readonly predicted?: number;
}

/** A crystal: the full (conventional) cell after symmetry expansion. */
export interface Crystal {
  /** Where it came from: file, then '#' and the data block name (or ':' and the CSV row). */
  readonly source: string;
  readonly lattice: Lattice;
  readonly sites: readonly Site[];
  readonly spaceGroup: SpaceGroupInfo;
  readonly warnings: readonly string[];
}

/** Amount of each element per cell, weighted by occupancy. */
export function composition(crystal: Crystal): Record<string, number> {
  const amounts: Record<string, number> = {};
  for (const site of crystal.sites) amounts[site.element] = (amounts[site.element] ?? 0) + site.occupancy;
  for (const el of Object.keys(amounts)) amounts[el] = Math.round(amounts[el]! * 1e6) / 1e6;
  return amounts;
}

/** Cell formula in Hill order, counts always written: `Fe4 Li4 O16 P4` (CIF's _chemical_formula_sum). */
export function formula(crystal: Crystal): string {
  return cellFormula(composition(crystal), 'hill');
}

/** Sites sharing one position count once (a disordered position holds several species). */
export function positionCount(crystal: Crystal): number {
  const seen = new Set<string>();
  for (const s of crystal.sites) seen.add(s.frac.join(','));
  return seen.size;
}

export function isOrdered(crystal: Crystal): boolean {
  return crystal.sites.every((s) => s.occupancy === 1) && positionCount(crystal) === crystal.sites.length;
}

/**
 * Why a file format with one whole atom per position (POSCAR, XYZ) cannot hold this crystal, or undefined for an
 * ordered one: `POSCAR holds one whole atom per position: 5 of 12 sites are partly occupied or share one`.
 */
export function wholeAtomsRefusal(crystal: Crystal, format: string): string | undefined {
  if (isOrdered(crystal)) return undefined;
  const key = (s: Site) => s.frac.join(',');
  const at = new Map<string, number>();
  for (const s of crystal.sites) at.set(key(s), (at.get(key(s)) ?? 0) + 1);
  const disordered = crystal.sites.filter((s) => s.occupancy !== 1 || at.get(key(s))! > 1).length;
  return `${format} holds one whole atom per position: ${disordered} of ${crystal.sites.length} sites are partly occupied or share one`;
}
