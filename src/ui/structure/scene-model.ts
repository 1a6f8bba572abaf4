/**
 * What the unit-cell viewer draws, in Cartesian Å: the atoms of a supercell with the image atoms that complete its
 * box, the bonds between them (across periodic boundaries), and the cell edges. Pure geometry: three.js only turns
 * this model into meshes, so everything that can be wrong about the picture is tested here in Node.
 */
import type { Crystal, Vec3 } from '../../core/crystal';
import { elementByZ } from '../../core/elements';
import { fracToCart, wrapFrac, type Lattice } from '../../core/lattice';
import { neighbourList } from '../../core/neighbours';

/** Repeats of the cell along a, b and c (the viewer offers 1 to 3 of each). */
export type Supercell = readonly [number, number, number];

/**
 * Drawn sphere radius per Å of covalent radius. Bonded neighbours sit about one sum of covalent radii apart, so at
 * one half the spheres cover half of each bond and leave the other half visible.
 */
export const ATOM_RADIUS_SCALE = 0.5;

/** Two atoms are bonded when closer than the sum of their covalent radii times this. */
export const BOND_TOLERANCE = 1.15;

/** Sites closer than this (Å) are species sharing one disordered position, not bonded atoms. */
export const MIN_BOND_LENGTH = 0.1;

/**
 * A fractional coordinate (in cell-vector units) this close to a face of the drawn box also appears on the opposite
 * face: an atom at x = 0 is drawn at x = 0 and x = 1, one at x = 0.9999 also at x = -0.0001.
 */
export const FACE_TOLERANCE = 1e-3;

/** How far (Å) an axis label sits beyond the tip of its cell vector. */
const LABEL_OFFSET = 0.6;

/** One element of the crystal, as drawn: the legend and one instanced mesh per species. */
export interface SceneSpecies {
  readonly element: string;
  readonly Z: number;
  /** VESTA colour, `#rrggbb`. */
  readonly color: string;
  /** Covalent radius (Å), Cordero et al. 2008. */
  readonly covalentRadius: number;
  /** Drawn sphere radius (Å): the covalent radius times ATOM_RADIUS_SCALE. */
  readonly radius: number;
}

export interface SceneAtom {
  /** Index into `SceneModel.species`. */
  readonly species: number;
  /** Index into `crystal.sites`. */
  readonly site: number;
  /** Lattice translation (in cell units) from the site's position wrapped into the cell at the origin. */
  readonly translation: Vec3;
  readonly position: Vec3;
  /** A copy on a face, edge or corner of the box, drawn so that the box looks complete. */
  readonly image: boolean;
}

/**
 * A bond from a drawn atom. Where the partner is drawn too, the bond is listed once, and each half takes the colour
 * of its atom. Where the partner lies outside the box, only the half at `from` is drawn, up to the midpoint.
 */
export interface SceneBond {
  readonly from: number;
  /** Index into `SceneModel.atoms`, or null for a partner outside the drawn box. */
  readonly to: number | null;
  /** The partner's position (Å), drawn or not. */
  readonly end: Vec3;
  readonly length: number;
}

export interface Segment {
  readonly start: Vec3;
  readonly end: Vec3;
}

export interface AxisLabel {
  readonly label: 'a' | 'b' | 'c';
  readonly position: Vec3;
}

export interface SceneModel {
  /** The crystal's elements in order of atomic number. */
  readonly species: readonly SceneSpecies[];
  readonly atoms: readonly SceneAtom[];
  readonly bonds: readonly SceneBond[];
  /** The 12 edges of the unit cell at the origin. */
  readonly cellEdges: readonly Segment[];
  /** The 12 edges of the supercell's box; empty for a 1×1×1 supercell, whose box is the cell. */
  readonly supercellEdges: readonly Segment[];
  /** a, b and c just beyond the tips of the cell vectors. */
  readonly axisLabels: readonly AxisLabel[];
  /** Centre of the supercell's box. */
  readonly center: Vec3;
  /** Radius around `center` that holds the box and every drawn sphere. */
  readonly radius: number;
}

/** A periodic neighbour of a site: site `site` translated by the lattice vector `shift` (in cell units). */
interface Neighbour {
  readonly site: number;
  readonly shift: Vec3;
  readonly distance: number;
}

export function sceneModel(crystal: Crystal, supercell: Supercell = [1, 1, 1]): SceneModel {
  for (const n of supercell) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`supercell repeat ${n} is not a positive integer`);
  }
  const { lattice, sites } = crystal;
  const { species, speciesOfSite } = speciesOf(crystal);
  const frac = sites.map((s): Vec3 => [wrapFrac(s.frac[0]), wrapFrac(s.frac[1]), wrapFrac(s.frac[2])]);
  const neighbours = bondedNeighbours(lattice, frac, speciesOfSite.map((i) => species[i]!.covalentRadius));

  // Drawn atoms, keyed by site and lattice translation, so that a bond can find its partner among them.
  const atoms: SceneAtom[] = [];
  const index = new Map<string, number>();
  const key = (site: number, t: Vec3) => `${site}:${t[0]},${t[1]},${t[2]}`;
  for (let i = 0; i < supercell[0]; i++) {
    for (let j = 0; j < supercell[1]; j++) {
      for (let k = 0; k < supercell[2]; k++) {
        frac.forEach((f, site) => {
          for (const shift of boxCopies([f[0] + i, f[1] + j, f[2] + k], supercell)) {
            const translation: Vec3 = [shift[0] + i, shift[1] + j, shift[2] + k];
            const image = shift[0] !== 0 || shift[1] !== 0 || shift[2] !== 0;
            index.set(key(site, translation), atoms.length);
            atoms.push({ species: speciesOfSite[site]!, site, translation, position: at(lattice, f, translation), image });
          }
        });
      }
    }
  }

  const bonds: SceneBond[] = [];
  atoms.forEach((atom, from) => {
    const t = atom.translation;
    for (const n of neighbours[atom.site]!) {
      const partner: Vec3 = [t[0] + n.shift[0], t[1] + n.shift[1], t[2] + n.shift[2]];
      const to = index.get(key(n.site, partner));
      if (to === undefined) bonds.push({ from, to: null, end: at(lattice, frac[n.site]!, partner), length: n.distance });
      else if (to > from) bonds.push({ from, to, end: atoms[to]!.position, length: n.distance });
    }
  });

  const box = boxEdges(lattice, supercell);
  const center = fracToCart(lattice, [supercell[0] / 2, supercell[1] / 2, supercell[2] / 2]);
  const radius = Math.max(
    ...box.map((edge) => distance(edge.start, center)),
    ...atoms.map((a) => distance(a.position, center) + species[a.species]!.radius),
  );
  const isCell = supercell.every((n) => n === 1);
  return {
    species,
    atoms,
    bonds,
    cellEdges: isCell ? box : boxEdges(lattice, [1, 1, 1]),
    supercellEdges: isCell ? [] : box,
    axisLabels: axisLabels(lattice),
    center,
    radius,
  };
}

function speciesOf(crystal: Crystal): { species: SceneSpecies[]; speciesOfSite: number[] } {
  const Zs = [...new Set(crystal.sites.map((s) => s.Z))].sort((a, b) => a - b);
  const species = Zs.map((Z): SceneSpecies => {
    const element = elementByZ(Z);
    if (!element) throw new RangeError(`atomic number ${Z} names no element`);
    const { symbol, colorVesta, covalentRadius } = element;
    return { element: symbol, Z, color: colorVesta, covalentRadius, radius: covalentRadius * ATOM_RADIUS_SCALE };
  });
  return { species, speciesOfSite: crystal.sites.map((s) => Zs.indexOf(s.Z)) };
}

/**
 * The translations (in cell units: 0, or ±n along an axis where the supercell has n cells) at which an atom at f
 * (cell units, in [0, n) along each axis) is drawn: itself, plus a copy on the opposite face for each coordinate
 * that lies on a face of the supercell's box.
 */
function boxCopies(f: Vec3, supercell: Supercell): Vec3[] {
  const options = f.map((x, d) => {
    const n = supercell[d]!;
    if (x < FACE_TOLERANCE) return [0, n];
    if (x > n - FACE_TOLERANCE) return [0, -n];
    return [0];
  });
  return options[0]!.flatMap((x) => options[1]!.flatMap((y) => options[2]!.map((z): Vec3 => [x, y, z])));
}

function at(lattice: Lattice, f: Vec3, t: Vec3): Vec3 {
  return fracToCart(lattice, [f[0] + t[0], f[1] + t[1], f[2] + t[2]]);
}

/**
 * For each site, every periodic image of every site within bonding distance (BOND_TOLERANCE times the sum of the
 * two covalent radii): the neighbour list within the longest such distance, then each pair against its own.
 */
function bondedNeighbours(lattice: Lattice, frac: readonly Vec3[], covalentRadii: readonly number[]): Neighbour[][] {
  const bondReach = covalentRadii.map((r) => r * BOND_TOLERANCE);
  const coords = new Float64Array(3 * frac.length);
  frac.forEach((f, i) => coords.set(f, 3 * i));
  const list = neighbourList(lattice.matrix, coords, 2 * Math.max(0, ...bondReach));
  const neighbours: Neighbour[][] = frac.map(() => []);
  for (let k = 0; k < list.count; k++) {
    const i = list.centre[k]!;
    const j = list.neighbour[k]!;
    const d = list.distance[k]!;
    if (d < MIN_BOND_LENGTH || d > bondReach[i]! + bondReach[j]!) continue;
    neighbours[i]!.push({ site: j, shift: [list.image[3 * k]!, list.image[3 * k + 1]!, list.image[3 * k + 2]!], distance: d });
  }
  return neighbours;
}

/** The 12 edges of the box spanned by n[0]·a, n[1]·b, n[2]·c from the origin. */
function boxEdges(lattice: Lattice, n: Supercell): Segment[] {
  const corner = (x: number, y: number, z: number) => fracToCart(lattice, [x * n[0], y * n[1], z * n[2]]);
  const edges: Segment[] = [];
  for (const s of [0, 1]) {
    for (const t of [0, 1]) {
      edges.push({ start: corner(0, s, t), end: corner(1, s, t) });
      edges.push({ start: corner(s, 0, t), end: corner(s, 1, t) });
      edges.push({ start: corner(s, t, 0), end: corner(s, t, 1) });
    }
  }
  return edges;
}

function axisLabels(lattice: Lattice): AxisLabel[] {
  const lengths = [lattice.a, lattice.b, lattice.c];
  return (['a', 'b', 'c'] as const).map((label, axis) => {
    const f: [number, number, number] = [0, 0, 0];
    f[axis] = 1 + LABEL_OFFSET / lengths[axis]!;
    return { label, position: fracToCart(lattice, f) };
  });
}

function distance(p: Vec3, q: Vec3): number {
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}
