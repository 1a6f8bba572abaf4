/** Space-group detection and symmetrisation of a whole crystal, disordered positions included. */
import type { Crystal, Site } from '../crystal';
import { type Lattice, latticeFromMatrix, wrapFrac } from '../lattice';
import { allHallEntries, DEFAULT_SYMPREC, detectSpaceGroup, operationsOfHallNumber, standardCell } from './moyo';
import type { SymOp } from './operation';
import { primitiveReduction } from './primitive-reduction';

/** Positions of the crystal, each typed by the species (with occupancies) it holds: sites of one position share
 *  their coordinates, and positions holding the same mixture share a type. */
function typedPositions(sites: readonly Site[]) {
  const byPosition = new Map<string, number[]>();
  sites.forEach((s, i) => {
    const key = s.frac.join(',');
    byPosition.set(key, [...(byPosition.get(key) ?? []), i]);
  });
  const ids = new Map<string, number>();
  const positions: Site['frac'][] = [];
  const types: number[] = [];
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
  }
  return { positions, types, speciesOfType };
}

/** The space group of a crystal, or why it was not detected (the crystal is kept either way). */
export type CrystalSymmetry =
  | { readonly detected: true; readonly number: number; readonly symbol: string }
  | { readonly detected: false; readonly reason: string };

/** The warning a crystal carries when its space group was not detected. */
export function spaceGroupNotDetected(reason: string): string {
  return `space group not detected: ${reason}`;
}

/**
 * The space group moyo detects at `symprec` (Å), on the crystal's primitive cell: a supercell's translations are
 * found first (primitive-reduction.ts), which keeps moyo's work that of one primitive cell.
 */
export function detectCrystalSymmetry(lattice: Lattice, sites: readonly Site[], symprec = DEFAULT_SYMPREC): CrystalSymmetry {
  const { positions, types } = typedPositions(sites);
  const primitive = primitiveReduction({ lattice, positions, types }, symprec);
  if (!primitive.ok) return { detected: false, reason: primitive.reason };
  const { cell } = primitive;
  const { number, symbol } = detectSpaceGroup(cell.lattice, cell.positions, cell.types, symprec);
  return { detected: true, number, symbol };
}

/** The crystal with its detected space group filled in (a reconstruction carries only the predicted one). */
export function withDetectedSpaceGroup(crystal: Crystal, symprec = DEFAULT_SYMPREC): Crystal {
  const d = detectCrystalSymmetry(crystal.lattice, crystal.sites, symprec);
  if (!d.detected) return { ...crystal, warnings: [...crystal.warnings, spaceGroupNotDetected(d.reason)] };
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
 * that group (moyo's standardised cell), its exact operations and its asymmetric unit. moyo is handed the
 * primitive cell, as in detection: a supercell's standard cell is its primitive cell's. A RangeError says why
 * there is none (translations that form no group, or moyo's refusal).
 */
export function symmetrizedCell(crystal: Crystal, symprec = DEFAULT_SYMPREC): SymmetrizedCell {
  const { positions, types, speciesOfType } = typedPositions(crystal.sites);
  const primitive = primitiveReduction({ lattice: crystal.lattice, positions, types }, symprec);
  if (!primitive.ok) throw new RangeError(spaceGroupNotDetected(primitive.reason));
  const { cell } = primitive;
  let std: ReturnType<typeof standardCell>;
  try {
    std = standardCell(cell.lattice, cell.positions, cell.types, symprec);
  } catch (e) {
    throw new RangeError(spaceGroupNotDetected(e instanceof Error ? e.message : String(e)), { cause: e });
  }
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
