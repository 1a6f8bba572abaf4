/**
 * What the unit-cell viewer draws, in Cartesian Å: the atoms of a supercell with the image atoms that complete its
 * box, the bonds between them (across periodic boundaries), and the cell edges. Pure geometry: three.js only turns
 * this model into meshes, so everything that can be wrong about the picture is tested here in Node. The crystal
 * worker builds it (workers/crystal.worker.ts) and hands it to the page by transfer: atoms are typed arrays.
 */
import { bondedNeighbours, DEFAULT_BOND_SCALE, wrappedFrac } from '../../core/bonding';
import type { Crystal, Vec3 } from '../../core/crystal';
import { elementByZ } from '../../core/elements';
import { fracToCart, type Lattice } from '../../core/lattice';
import { separatedColours } from './element-colours';
import { convexHull, type Hull } from './polyhedra';

/** Repeats of the cell along a, b and c (the viewer offers 1 to 3 of each). */
export type Supercell = readonly [number, number, number];

/**
 * Drawn sphere radius per Å of covalent radius, by default. Bonded neighbours sit about one sum of covalent radii
 * apart, so at one half the spheres cover half of each bond and leave the other half visible.
 */
export const DEFAULT_ATOM_SCALE = 0.5;

/** The atom scales the view offers: from points on a bond network to spheres that touch (space filling). */
export const ATOM_SCALE_RANGE = { min: 0.2, max: 1 } as const;

/** What the researcher sets about the picture: the bond criterion (core/bonding.ts) and the size of the spheres. */
export interface SceneOptions {
  /** Two atoms are bonded when closer than the sum of their covalent radii times this. */
  readonly bondScale: number;
  /** Drawn sphere radius per Å of covalent radius. */
  readonly atomScale: number;
  /** The element whose atoms get their coordination polyhedra drawn, or null for none. */
  readonly polyhedra: string | null;
  /**
   * Whether a bond to a partner beyond the drawn box is drawn, as a half bond up to its midpoint. Off, as VESTA
   * draws by default: only bonds between drawn atoms, no stubs at the cell's faces.
   */
  readonly boundaryBonds: boolean;
}

export const DEFAULT_SCENE_OPTIONS: SceneOptions = { bondScale: DEFAULT_BOND_SCALE, atomScale: DEFAULT_ATOM_SCALE, polyhedra: null, boundaryBonds: false };

/** A drawn atom's coordination polyhedron: the hull of its bonded neighbours (polyhedra.ts), in its colour. */
export interface ScenePolyhedron {
  /** Index into `SceneModel.atoms`. */
  readonly centre: number;
  readonly hull: Hull;
}

/**
 * A fractional coordinate (in cell-vector units) this close to a face of the drawn box also appears on the opposite
 * face: an atom at x = 0 is drawn at x = 0 and x = 1, one at x = 0.9999 also at x = -0.0001.
 */
export const FACE_TOLERANCE = 1e-3;

/**
 * Sites in the drawn box (sites × cells) beyond which the view is simplified: the atoms of the box only, without
 * bonds or the image atoms that complete its faces. Past a thousand atoms bonds no longer read as a structure (and
 * in a disordered crystal they join alternative conformations), while each costs a rod of triangles.
 */
export const DETAILED_SITE_LIMIT = 1000;

/** Sites in the drawn box beyond which a supercell is not drawn at all (instanced spheres on a software renderer). */
export const MAX_DRAWN_SITES = 50_000;

/** How far (Å) an axis label sits beyond the tip of its cell vector. */
const LABEL_OFFSET = 0.6;

/** One element of the crystal, as drawn: the legend and one instanced mesh per species. */
export interface SceneSpecies {
  readonly element: string;
  readonly Z: number;
  /** The colour drawn, `#rrggbb`: VESTA's, unless another element present has one too close (element-colours.ts). */
  readonly color: string;
  readonly vestaColor: string;
  /** Covalent radius (Å), Cordero et al. 2008. */
  readonly covalentRadius: number;
  /** Drawn sphere radius (Å): the covalent radius times the atom scale. */
  readonly radius: number;
}

/** The drawn atoms, one entry per atom in struct-of-arrays form (typed arrays, so that they move by transfer). */
export interface SceneAtoms {
  readonly count: number;
  /** Index into `SceneModel.species`. */
  readonly species: Uint16Array;
  /** Index into `crystal.sites`. */
  readonly site: Int32Array;
  /** Lattice translation (in cell units) from the site's position wrapped into the cell at the origin, 3 per atom. */
  readonly translation: Int32Array;
  /** Cartesian position (Å), 3 per atom. */
  readonly position: Float64Array;
  /** 1 for a copy on a face, edge or corner of the box, drawn so that the box looks complete. */
  readonly image: Uint8Array;
  /** The site's occupancy: below 1 (a disordered site), the atom is drawn translucent. */
  readonly occupancy: Float32Array;
}

/**
 * A bond from a drawn atom. Where the partner is drawn too, the bond is listed once, and each half takes the colour
 * of its atom. Where the partner lies outside the box (listed only with SceneOptions.boundaryBonds), only the half
 * at `from` is drawn, up to the midpoint.
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
  readonly atoms: SceneAtoms;
  /** The bonds drawn: between drawn atoms, and with SceneOptions.boundaryBonds to partners beyond the box. */
  readonly bonds: readonly SceneBond[];
  /** Around each drawn atom of the element SceneOptions.polyhedra names, where its neighbours enclose a volume. */
  readonly polyhedra: readonly ScenePolyhedron[];
  /**
   * True when the box holds more than DETAILED_SITE_LIMIT sites: only the box's own atoms are drawn, no image atoms
   * and no bonds.
   */
  readonly simplified: boolean;
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

/** Sites a supercell of `crystal` puts in the drawn box. */
export function sitesInBox(crystal: Crystal, supercell: Supercell): number {
  return crystal.sites.length * supercell[0] * supercell[1] * supercell[2];
}

/** Throws a RangeError for a supercell that is not whole cells, or one past MAX_DRAWN_SITES. */
export function sceneModel(crystal: Crystal, supercell: Supercell = [1, 1, 1], options: SceneOptions = DEFAULT_SCENE_OPTIONS): SceneModel {
  for (const n of supercell) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`supercell repeat ${n} is not a positive integer`);
  }
  const inBox = sitesInBox(crystal, supercell);
  if (inBox > MAX_DRAWN_SITES) {
    throw new RangeError(`a ${supercell.join(' × ')} supercell holds ${inBox} sites, more than the ${MAX_DRAWN_SITES} the view draws`);
  }
  const simplified = inBox > DETAILED_SITE_LIMIT;
  const { lattice, sites } = crystal;
  const { species, speciesOfSite } = speciesOf(crystal, options.atomScale);
  const frac = wrappedFrac(crystal);
  const atoms = new AtomsBuilder(simplified ? inBox : 2 * inBox);
  // Drawn atoms, keyed by site and lattice translation, so that a bond can find its partner among them.
  const index = new Map<string, number>();
  const key = (site: number, t: Vec3) => `${site}:${t[0]},${t[1]},${t[2]}`;
  for (let i = 0; i < supercell[0]; i++) {
    for (let j = 0; j < supercell[1]; j++) {
      for (let k = 0; k < supercell[2]; k++) {
        frac.forEach((f, site) => {
          const shifts = simplified ? [[0, 0, 0] as Vec3] : boxCopies([f[0] + i, f[1] + j, f[2] + k], supercell);
          for (const shift of shifts) {
            const translation: Vec3 = [shift[0] + i, shift[1] + j, shift[2] + k];
            const image = shift[0] !== 0 || shift[1] !== 0 || shift[2] !== 0;
            if (!simplified) index.set(key(site, translation), atoms.count);
            atoms.push(speciesOfSite[site]!, site, translation, at(lattice, f, translation), image, sites[site]!.occupancy);
          }
        });
      }
    }
  }
  const drawn = atoms.build();

  const bonds: SceneBond[] = [];
  if (!simplified) {
    const neighbours = bondedNeighbours(lattice, frac, speciesOfSite.map((i) => species[i]!.covalentRadius), options.bondScale);
    for (let from = 0; from < drawn.count; from++) {
      const t: Vec3 = [drawn.translation[3 * from]!, drawn.translation[3 * from + 1]!, drawn.translation[3 * from + 2]!];
      for (const n of neighbours[drawn.site[from]!]!) {
        const partner: Vec3 = [t[0] + n.image[0], t[1] + n.image[1], t[2] + n.image[2]];
        const to = index.get(key(n.site, partner));
        if (to === undefined) bonds.push({ from, to: null, end: at(lattice, frac[n.site]!, partner), length: n.distance });
        else if (to > from) bonds.push({ from, to, end: atomPosition(drawn, to), length: n.distance });
      }
    }
  }

  const polyhedra: ScenePolyhedron[] = [];
  const centreSpecies = species.findIndex((s) => s.element === options.polyhedra);
  if (centreSpecies >= 0 && !simplified) {
    // Each atom's bonded neighbours, drawn or not: a polyhedron at the box's face reaches beyond it, as VESTA's do.
    const shell = new Map<number, Vec3[]>();
    const add = (centre: number, p: Vec3) => {
      if (drawn.species[centre] !== centreSpecies) return;
      const points = shell.get(centre);
      if (points) points.push(p);
      else shell.set(centre, [p]);
    };
    for (const b of bonds) {
      add(b.from, b.end);
      if (b.to !== null) add(b.to, atomPosition(drawn, b.from));
    }
    for (const [centre, points] of shell) {
      const hull = convexHull(points);
      if (hull) polyhedra.push({ centre, hull });
    }
  }

  const box = boxEdges(lattice, supercell);
  const drawnBonds = options.boundaryBonds ? bonds : bonds.filter((b) => b.to !== null);
  const center = fracToCart(lattice, [supercell[0] / 2, supercell[1] / 2, supercell[2] / 2]);
  let radius = 0;
  for (const edge of box) radius = Math.max(radius, distance(edge.start, center));
  for (let a = 0; a < drawn.count; a++) radius = Math.max(radius, distance(atomPosition(drawn, a), center) + species[drawn.species[a]!]!.radius);
  const isCell = supercell.every((n) => n === 1);
  return {
    species,
    atoms: drawn,
    bonds: drawnBonds,
    polyhedra,
    simplified,
    cellEdges: isCell ? box : boxEdges(lattice, [1, 1, 1]),
    supercellEdges: isCell ? [] : box,
    axisLabels: axisLabels(lattice),
    center,
    radius,
  };
}

/** Atom `a`'s Cartesian position. */
export function atomPosition(atoms: SceneAtoms, a: number): Vec3 {
  return [atoms.position[3 * a]!, atoms.position[3 * a + 1]!, atoms.position[3 * a + 2]!];
}

/** The typed arrays of a model, for Comlink.transfer: the model moves to the page without a copy. */
export function sceneBuffers(model: SceneModel): ArrayBuffer[] {
  const { species, site, translation, position, image, occupancy } = model.atoms;
  return [species, site, translation, position, image, occupancy].map((a) => a.buffer as ArrayBuffer);
}

/**
 * The atom whose drawn sphere the ray origin + s·direction (s > 0) meets first, or -1: what the pointer is over.
 * A plain scan, a few microseconds per thousand atoms, so it runs on every pointer move.
 */
export function pickAtom(model: SceneModel, origin: Vec3, direction: Vec3): number {
  const { count, position, species } = model.atoms;
  const norm = Math.hypot(direction[0], direction[1], direction[2]);
  const [ux, uy, uz] = [direction[0] / norm, direction[1] / norm, direction[2] / norm];
  let best = -1;
  let nearest = Infinity;
  for (let a = 0; a < count; a++) {
    const r = model.species[species[a]!]!.radius;
    const px = position[3 * a]! - origin[0];
    const py = position[3 * a + 1]! - origin[1];
    const pz = position[3 * a + 2]! - origin[2];
    const along = px * ux + py * uy + pz * uz;
    const off2 = px * px + py * py + pz * pz - along * along;
    if (off2 > r * r) continue;
    const entry = along - Math.sqrt(r * r - off2);
    if (entry > 0 && entry < nearest) {
      nearest = entry;
      best = a;
    }
  }
  return best;
}

/**
 * What the hover says about a site: its label (`labels`, the exported CIF's: cifSiteLabels), element and occupancy,
 * and the other species sharing its position (a disordered site), e.g.
 * `Fe1 Fe, occupancy 0.5; shares its position with Co1 Co 0.5`.
 */
export function describeSite(crystal: Crystal, site: number, labels: readonly string[]): string {
  const s = crystal.sites[site]!;
  const occupancy = (x: number) => +x.toFixed(3);
  const shared = crystal.sites.flatMap((t, i) =>
    i !== site && Math.abs(t.frac[0] - s.frac[0]) < 1e-9 && Math.abs(t.frac[1] - s.frac[1]) < 1e-9 && Math.abs(t.frac[2] - s.frac[2]) < 1e-9 ? [i] : [],
  );
  const own = `${labels[site]} ${s.element}${s.occupancy < 1 ? `, occupancy ${occupancy(s.occupancy)}` : ''}`;
  const others = shared.map((i) => `${labels[i]} ${crystal.sites[i]!.element} ${occupancy(crystal.sites[i]!.occupancy)}`);
  return shared.length === 0 ? own : `${own}; shares its position with ${others.join(', ')}`;
}

/** Appends atoms to growing typed arrays. */
class AtomsBuilder {
  count = 0;
  private species: Uint16Array;
  private site: Int32Array;
  private translation: Int32Array;
  private position: Float64Array;
  private image: Uint8Array;
  private occupancy: Float32Array;

  constructor(capacity: number) {
    const n = Math.max(1, capacity);
    this.species = new Uint16Array(n);
    this.site = new Int32Array(n);
    this.translation = new Int32Array(3 * n);
    this.position = new Float64Array(3 * n);
    this.image = new Uint8Array(n);
    this.occupancy = new Float32Array(n);
  }

  push(species: number, site: number, translation: Vec3, position: Vec3, image: boolean, occupancy: number): void {
    if (this.count === this.site.length) this.grow();
    const a = this.count++;
    this.species[a] = species;
    this.site[a] = site;
    this.translation.set(translation, 3 * a);
    this.position.set(position, 3 * a);
    this.image[a] = image ? 1 : 0;
    this.occupancy[a] = occupancy;
  }

  build(): SceneAtoms {
    const n = this.count;
    return {
      count: n,
      species: this.species.slice(0, n),
      site: this.site.slice(0, n),
      translation: this.translation.slice(0, 3 * n),
      position: this.position.slice(0, 3 * n),
      image: this.image.slice(0, n),
      occupancy: this.occupancy.slice(0, n),
    };
  }

  private grow(): void {
    const n = 2 * this.site.length;
    const grown = <T extends Uint16Array | Int32Array | Float64Array | Uint8Array | Float32Array>(a: T, length: number): T => {
      const next = new (a.constructor as new (n: number) => T)(length);
      next.set(a);
      return next;
    };
    this.species = grown(this.species, n);
    this.site = grown(this.site, n);
    this.translation = grown(this.translation, 3 * n);
    this.position = grown(this.position, 3 * n);
    this.image = grown(this.image, n);
    this.occupancy = grown(this.occupancy, n);
  }
}

function speciesOf(crystal: Crystal, atomScale: number): { species: SceneSpecies[]; speciesOfSite: number[] } {
  const Zs = [...new Set(crystal.sites.map((s) => s.Z))].sort((a, b) => a - b);
  const elements = Zs.map((Z) => {
    const element = elementByZ(Z);
    if (!element) throw new RangeError(`atomic number ${Z} names no element`);
    return element;
  });
  const colours = separatedColours(elements.map((e) => e.colorVesta));
  const species = elements.map(({ Z, symbol, colorVesta, covalentRadius }, i): SceneSpecies => ({
    element: symbol, Z, color: colours[i]!, vestaColor: colorVesta, covalentRadius, radius: covalentRadius * atomScale,
  }));
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
