import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import golden from '../../goldens/neighbours-pymatgen.json';
import { bondedNeighbours, covalentRadii, siteNeighbours, wrappedFrac } from './bonding';
import type { Crystal, Site, Vec3 } from './crystal';
import { ingestFile } from './ingest/ingest';
import { latticeFromMatrix } from './lattice';
import { periodicDistance } from './pbc';
import { initMoyoNode } from './symmetry/moyo-node';
import { CIF_CORPUS } from './testing/corpus';

/**
 * LiFePO4 as pymatgen holds it (goldens/neighbours-pymatgen.json: its lattice, coordinates and every pair within
 * 3 Å from get_neighbor_list), with each site's element from our reading of the same CIF. Every bond at the scales
 * tested is shorter than 3 Å, so pymatgen's pairs filtered by the criterion are the bonds expected.
 */
const lifepo4 = golden.cases[0]!;
let crystal: Crystal;

beforeAll(async () => {
  await initMoyoNode();
  const [entry] = ingestFile({ name: lifepo4.file, bytes: readFileSync(join(CIF_CORPUS, lifepo4.file)) });
  if (!entry?.ok) throw new Error('LiFePO4 did not read');
  const lattice = latticeFromMatrix(lifepo4.matrix);
  const ours = entry.crystal.sites;
  const sites = Array.from({ length: lifepo4.frac.length / 3 }, (_, i): Site => {
    const frac = lifepo4.frac.slice(3 * i, 3 * i + 3) as unknown as Vec3;
    const same = ours.find((s) => periodicDistance(lattice, s.frac, frac) < 1e-3)!;
    return { ...same, frac };
  });
  crystal = { ...entry.crystal, lattice, sites };
});

/** pymatgen's pairs from `centre` within the bond criterion, as `neighbour t0 t1 t2 distance` sorted by distance. */
function expectedBonds(centre: number, scale: number): string[] {
  const radii = covalentRadii(crystal);
  const { pairs } = lifepo4;
  return pairs.centre
    .flatMap((c, k) => (c === centre && pairs.distance[k]! <= scale * (radii[c]! + radii[pairs.neighbour[k]!]!) ? [k] : []))
    .sort((p, q) => pairs.distance[p]! - pairs.distance[q]!)
    .map((k) => `${pairs.neighbour[k]} ${pairs.image.slice(3 * k, 3 * k + 3).join(' ')} ${pairs.distance[k]!.toFixed(8)}`);
}

const keyed = (n: { site: number; image: Vec3; distance: number }) => `${n.site} ${n.image.join(' ')} ${n.distance.toFixed(8)}`;

describe('bonds against pymatgen get_neighbor_list (LiFePO4)', () => {
  it('at the default scale, each site\'s bonds are pymatgen\'s pairs within the criterion: P in its O4 tetrahedron', () => {
    const counts: Record<string, Set<number>> = {};
    crystal.sites.forEach((s, i) => {
      const { bonded } = siteNeighbours(crystal, i, 1.15);
      expect(bonded.map(keyed)).toEqual(expectedBonds(i, 1.15));
      (counts[s.element] ??= new Set()).add(bonded.length);
    });
    // The phosphate tetrahedra; at 1.15 the covalent criterion also joins Li to P (2.68 Å < 1.15 × 2.35 Å).
    crystal.sites.forEach((s, i) => {
      if (s.element === 'P') expect(siteNeighbours(crystal, i, 1.15).bonded.filter((n) => crystal.sites[n.site]!.element === 'O')).toHaveLength(4);
    });
    expect(counts.P).toEqual(new Set([6]));
  });

  it('the nearest atom is pymatgen\'s shortest pair from the site', () => {
    crystal.sites.forEach((_, i) => {
      const shortest = Math.min(...lifepo4.pairs.distance.filter((_, k) => lifepo4.pairs.centre[k] === i));
      expect(siteNeighbours(crystal, i, 1.15).nearest).toBeCloseTo(shortest, 9);
    });
  });

  it('a smaller scale keeps the shorter bonds only; the scene\'s bonds are the same lists', () => {
    const frac = wrappedFrac(crystal);
    // pymatgen's coordinates are in [0, 1) already, so wrapping moves none and the images agree.
    frac.forEach((f, i) => expect(f).toEqual(crystal.sites[i]!.frac));
    for (const scale of [0.9, 1.0, 1.15]) {
      const all = bondedNeighbours(crystal.lattice, frac, covalentRadii(crystal), scale);
      crystal.sites.forEach((_, i) => {
        expect(all[i]!.map(keyed).sort()).toEqual(expectedBonds(i, scale).sort());
        expect(siteNeighbours(crystal, i, scale).bonded.map(keyed)).toEqual(expectedBonds(i, scale));
      });
    }
    expect(siteNeighbours(crystal, 0, 0.9).bonded.length).toBeLessThan(siteNeighbours(crystal, 0, 1.15).bonded.length);
  });
});
