/** Space-group detection of a whole crystal, disordered positions included. */
import type { Crystal } from '../crystal';
import type { Lattice } from '../lattice';
import { DEFAULT_SYMPREC, detectSpaceGroup } from './moyo';

/** Space-group detection of a crystal whose disordered positions hold several species: positions are grouped
 *  (sites of one position share their coordinates) and typed by their species with occupancies. */
export function detectCrystalSymmetry(lattice: Lattice, sites: Crystal['sites'], symprec = DEFAULT_SYMPREC) {
  const byPosition = new Map<string, { frac: readonly number[]; sites: number[] }>();
  sites.forEach((s, i) => {
    const key = s.frac.join(',');
    const entry = byPosition.get(key) ?? { frac: s.frac, sites: [] };
    entry.sites.push(i);
    byPosition.set(key, entry);
  });
  const ids = new Map<string, number>();
  const positions: (readonly number[])[] = [];
  const types: number[] = [];
  const sitesAt: number[][] = [];
  for (const entry of byPosition.values()) {
    const signature = entry.sites.map((i) => `${sites[i]!.Z}:${sites[i]!.occupancy.toFixed(3)}`).sort().join('|');
    if (!ids.has(signature)) ids.set(signature, ids.size + 1);
    positions.push(entry.frac);
    types.push(ids.get(signature)!);
    sitesAt.push(entry.sites);
  }
  return { ...detectSpaceGroup(lattice, positions, types, symprec), sitesAt };
}


/** The crystal with its detected space group filled in (a reconstruction carries only the predicted one). */
export function withDetectedSpaceGroup(crystal: Crystal, symprec = DEFAULT_SYMPREC): Crystal {
  const d = detectCrystalSymmetry(crystal.lattice, crystal.sites, symprec);
  return { ...crystal, spaceGroup: { ...crystal.spaceGroup, detected: d.number, detectedSymbol: d.symbol } };
}
