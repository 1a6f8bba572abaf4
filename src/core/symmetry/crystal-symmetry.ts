/** Space-group detection and symmetrisation of a whole crystal, disordered positions included. */
import type { Crystal, Site } from '../crystal';
import { type Lattice, latticeFromMatrix, wrapFrac } from '../lattice';
import { allHallEntries, DEFAULT_SYMPREC, detectSpaceGroup, operationsOfHallNumber, standardCell } from './moyo';
import type { SymOp } from './operation';

/** Positions of the crystal, each typed by the species (with occupancies) it holds: sites of one position share
 *  their coordinates, and positions holding the same mixture share a type. */
function typedPositions(sites: readonly Site[]) {
  const byPosition = new Map<string, number[]>();
  sites.forEach((s, i) => {
    const key = s.frac.join(',');
    byPosition.set(key, [...(byPosition.get(key) ?? []), i]);
  });
  const ids = new Map<string, number>();
  const positions: (readonly number[])[] = [];
  const types: number[] = [];
  const sitesAt: number[][] = [];
  /** The sites of one position of each type: what a type id stands for. */
  const speciesOfType = new Map<number, Site[]>();
  for (const at of byPosition.values()) {
    const signature = at.map((i) => `${sites[i]!.Z}:${sites[i]!.occupancy.toFixed(3)}`).sort().join('|');
    if (!ids.has(signature)) {
      ids.set(signature, ids.size + 1);
      speciesOfType.set(ids.size, at.map((i) => sites[i]!));
    }
    positions.push(sites[at[0]!]!.frac);
    types.push(ids.get(signature)!);
    sitesAt.push(at);
  }
  return { positions, types, sitesAt, speciesOfType };
}

export function detectCrystalSymmetry(lattice: Lattice, sites: readonly Site[], symprec = DEFAULT_SYMPREC) {
  const { positions, types, sitesAt } = typedPositions(sites);
  return { ...detectSpaceGroup(lattice, positions, types, symprec), sitesAt };
}

/** The crystal with its detected space group filled in (a reconstruction carries only the predicted one). */
export function withDetectedSpaceGroup(crystal: Crystal, symprec = DEFAULT_SYMPREC): Crystal {
  const d = detectCrystalSymmetry(crystal.lattice, crystal.sites, symprec);
  return { ...crystal, spaceGroup: { ...crystal.spaceGroup, detected: d.number, detectedSymbol: d.symbol } };
}

export interface SymmetrizedCell {
  readonly number: number;
  /** As CIF readers expect it: no underscores (`P 21/c`), and the origin or axes choice where the group has
   *  two (`F d -3 m:2`, `R -3 m:H`). */
  readonly symbol: string;
  readonly lattice: Lattice;
  readonly operations: SymOp[];
  /** One site per species of each orbit's first position. */
  readonly asymmetricUnit: Site[];
  /** Every site of the standardised cell. */
  readonly sites: Site[];
}

const clean = (x: number) => wrapFrac(Math.round(x * 1e10) / 1e10);

/**
 * The crystal in the ITA standard setting of its detected group, with the lattice and positions idealised to
 * that group (moyo's standardised cell), its exact operations and its asymmetric unit.
 */
export function symmetrizedCell(crystal: Crystal, symprec = DEFAULT_SYMPREC): SymmetrizedCell {
  const { positions, types, speciesOfType } = typedPositions(crystal.sites);
  const std = standardCell(crystal.lattice, positions, types, symprec);
  const lattice = latticeFromMatrix(std.lattice);
  const stdPositions = std.positions.map((p) => p.map(clean));
  const orbits = detectSpaceGroup(lattice, stdPositions, std.types, symprec).orbits;
  const entry = allHallEntries()[std.hallNumber - 1]!;
  const choice = ['1', '2', 'H', 'R'].includes(entry.setting) ? `:${entry.setting}` : '';
  const sites: Site[] = [];
  const asymmetricUnit: Site[] = [];
  stdPositions.forEach((p, i) => {
    for (const s of speciesOfType.get(std.types[i]!)!) {
      const site: Site = { ...s, frac: [p[0]!, p[1]!, p[2]!] };
      sites.push(site);
      if (orbits[i] === i) asymmetricUnit.push(site);
    }
  });
  return {
    number: entry.number,
    symbol: `${entry.hm_short.replace(/_/g, '')}${choice}`,
    lattice,
    operations: operationsOfHallNumber(std.hallNumber),
    asymmetricUnit,
    sites,
  };
}
