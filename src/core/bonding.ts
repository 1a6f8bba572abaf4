/**
 * Which atoms of a crystal are bonded: two atoms closer than the sum of their covalent radii (Cordero et al. 2008)
 * times a scale, over all periodic images. The 3-D view draws these bonds and lists them in an atom's details; the
 * researcher sets the scale.
 */
import type { Crystal, Vec3 } from './crystal';
import { elementByZ } from './elements';
import { wrapFrac, type Lattice } from './lattice';
import { NeighbourGrid, neighbourList } from './neighbours';

/**
 * The scale most viewers start from: 1.15 leaves room for bonds a little longer than the radii add up to (ionic
 * and metallic contacts) without joining second neighbours in the common structures.
 */
export const DEFAULT_BOND_SCALE = 1.15;

/** The bond scales the view offers, from strict (covalent contacts only) to generous. */
export const BOND_SCALE_RANGE = { min: 0.8, max: 1.6 } as const;

/** Sites closer than this (Å) are species sharing one disordered position, not bonded atoms. */
export const MIN_BOND_LENGTH = 0.1;

/** A periodic neighbour of a site: site `site` translated by the lattice vector `image` (cell units). */
export interface PeriodicNeighbour {
  readonly site: number;
  readonly image: Vec3;
  readonly distance: number;
}

/** The crystal's fractional coordinates wrapped into [0, 1): the positions images are counted from. */
export function wrappedFrac(crystal: Crystal): Vec3[] {
  return crystal.sites.map((s): Vec3 => [wrapFrac(s.frac[0]), wrapFrac(s.frac[1]), wrapFrac(s.frac[2])]);
}

export function covalentRadii(crystal: Crystal): number[] {
  return crystal.sites.map((s) => {
    const element = elementByZ(s.Z);
    if (!element) throw new RangeError(`atomic number ${s.Z} names no element`);
    return element.covalentRadius;
  });
}

const coordinates = (frac: readonly Vec3[]) => {
  const coords = new Float64Array(3 * frac.length);
  frac.forEach((f, i) => coords.set(f, 3 * i));
  return coords;
};

/**
 * For each site, every image of every site it is bonded to (`frac` as wrappedFrac gives it): the neighbour list
 * within the longest possible bond, then each pair against its own limit.
 */
export function bondedNeighbours(lattice: Lattice, frac: readonly Vec3[], radii: readonly number[], bondScale: number): PeriodicNeighbour[][] {
  const list = neighbourList(lattice.matrix, coordinates(frac), 2 * bondScale * Math.max(0, ...radii));
  const neighbours: PeriodicNeighbour[][] = frac.map(() => []);
  for (let k = 0; k < list.count; k++) {
    const i = list.centre[k]!;
    const j = list.neighbour[k]!;
    const d = list.distance[k]!;
    if (d < MIN_BOND_LENGTH || d > bondScale * (radii[i]! + radii[j]!)) continue;
    neighbours[i]!.push({ site: j, image: [list.image[3 * k]!, list.image[3 * k + 1]!, list.image[3 * k + 2]!], distance: d });
  }
  return neighbours;
}

export interface SiteNeighbours {
  /** The atoms bonded to the site at the scale given, nearest first. */
  readonly bonded: PeriodicNeighbour[];
  /** The shortest distance (Å) from the site to any other atom, its own images included. */
  readonly nearest: number;
}

/**
 * One site's bonded neighbours (an atom's details in the 3-D view): a cell list searched around that site alone, so
 * linear in the crystal's sites, with images counted from the wrapped positions as the view counts them.
 */
export function siteNeighbours(crystal: Crystal, site: number, bondScale: number): SiteNeighbours {
  const frac = wrappedFrac(crystal);
  const radii = covalentRadii(crystal);
  const grid = NeighbourGrid.of(crystal.lattice.matrix, coordinates(frac), bondScale * (radii[site]! + Math.max(...radii)));
  const [x, y, z] = frac[site]!;
  const hits = grid.near(x, y, z);
  const bonded: PeriodicNeighbour[] = [];
  for (let k = 0; k < hits.count; k++) {
    const j = hits.index[k]!;
    const d = Math.sqrt(hits.distance2[k]!);
    if (d < MIN_BOND_LENGTH || d > bondScale * (radii[site]! + radii[j]!)) continue;
    bonded.push({ site: j, image: [hits.image[3 * k]!, hits.image[3 * k + 1]!, hits.image[3 * k + 2]!], distance: d });
  }
  bonded.sort((p, q) => p.distance - q.distance || p.site - q.site);
  return { bonded, nearest: nearestDistance(crystal.lattice, frac, site) };
}

/**
 * The distance from a site to the closest other atom, its own images included: searched within 2 Å, then twice
 * that, until something is found, which happens by the longest cell edge (the site's own image along it).
 */
function nearestDistance(lattice: Lattice, frac: readonly Vec3[], site: number): number {
  const [x, y, z] = frac[site]!;
  const longest = Math.max(lattice.a, lattice.b, lattice.c);
  for (let cutoff = 2; ; cutoff *= 2) {
    const reach = Math.min(cutoff, longest);
    const hits = NeighbourGrid.of(lattice.matrix, coordinates(frac), reach).near(x, y, z);
    let nearest = Infinity;
    for (let k = 0; k < hits.count; k++) {
      const d = Math.sqrt(hits.distance2[k]!);
      if (d >= MIN_BOND_LENGTH) nearest = Math.min(nearest, d);
    }
    if (nearest < Infinity || reach === longest) return nearest;
  }
}
