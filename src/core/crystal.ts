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

/** Hill order: C first, then H, then the rest alphabetically; without carbon, all alphabetically. */
function hillOrder(elements: Iterable<string>): string[] {
  const list = [...elements].sort();
  if (!list.includes('C')) return list;
  const rest = list.filter((e) => e !== 'C' && e !== 'H');
  return ['C', ...(list.includes('H') ? ['H'] : []), ...rest];
}

/** Cell formula in Hill order, counts always written: `Fe4 Li4 O16 P4`. */
export function formula(crystal: Crystal): string {
  const amounts = composition(crystal);
  return hillOrder(Object.keys(amounts))
    .map((el) => `${el}${formatAmount(amounts[el]!)}`)
    .join(' ');
}

function formatAmount(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 1000) / 1000);
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
