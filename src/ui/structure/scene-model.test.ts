import { describe, expect, it } from 'vitest';
import { cifSiteLabels } from '../../core/cif/site-labels';
import type { Crystal, Site, Vec3 } from '../../core/crystal';
import { elementBySymbol } from '../../core/elements';
import { latticeFromParameters, type LatticeParameters } from '../../core/lattice';
import { atomPosition, DEFAULT_SCENE_OPTIONS, DETAILED_SITE_LIMIT, describeSite, MAX_DRAWN_SITES, pickAtom, sceneModel, type SceneModel, type Supercell } from './scene-model';

type SiteSpec = [element: string, x: number, y: number, z: number];

function crystal(cell: LatticeParameters, sites: SiteSpec[]): Crystal {
  const s: Site[] = sites.map(([el, x, y, z], i) => ({ element: el, Z: elementBySymbol(el)!.Z, frac: [x, y, z], occupancy: 1, label: `${el}${i}` }));
  return { source: 'test', lattice: latticeFromParameters(cell), sites: s, spaceGroup: {}, warnings: [] };
}

const cubic = (a: number, b = a, c = a): LatticeParameters => ({ a, b, c, alpha: 90, beta: 90, gamma: 90 });

const rockSalt = crystal(cubic(5.64), [
  ['Na', 0, 0, 0], ['Na', 0.5, 0.5, 0], ['Na', 0.5, 0, 0.5], ['Na', 0, 0.5, 0.5],
  ['Cl', 0.5, 0, 0], ['Cl', 0, 0.5, 0], ['Cl', 0, 0, 0.5], ['Cl', 0.5, 0.5, 0.5],
]);

/** Diamond, a = 3.567 Å: every carbon has four neighbours at a√3/4 = 1.5446 Å. */
const diamond = crystal(cubic(3.567), [
  ['C', 0, 0, 0], ['C', 0.5, 0.5, 0], ['C', 0.5, 0, 0.5], ['C', 0, 0.5, 0.5],
  ['C', 0.25, 0.25, 0.25], ['C', 0.75, 0.75, 0.25], ['C', 0.75, 0.25, 0.75], ['C', 0.25, 0.75, 0.75],
]);

/** The model's atoms as objects, to read them as the assertions below do. */
const atomsOf = (model: SceneModel) =>
  Array.from({ length: model.atoms.count }, (_, a) => ({ species: model.atoms.species[a]!, position: atomPosition(model.atoms, a), image: model.atoms.image[a] === 1 }));
const elementOf = (model: SceneModel, atom: number) => model.species[atomsOf(model)[atom]!.species]!.element;
const fullBonds = (model: SceneModel) => model.bonds.filter((b) => b.to !== null);
const stubs = (model: SceneModel) => model.bonds.filter((b) => b.to === null);
/** Bonds at each atom, whether its partner is drawn (a full bond, counted at both ends) or not (a stub). */
const bondCounts = (model: SceneModel) => {
  const counts = atomsOf(model).map(() => 0);
  for (const b of model.bonds) {
    counts[b.from]!++;
    if (b.to !== null) counts[b.to]!++;
  }
  return counts;
};
/** The model with the half bonds to partners beyond the box listed (off by default). */
const withStubs = (c: Crystal, supercell: Supercell = [1, 1, 1]) => sceneModel(c, supercell, { ...DEFAULT_SCENE_OPTIONS, boundaryBonds: true });
const sorted = (points: readonly Vec3[]) => points.map((p) => p.map((x) => +x.toFixed(6)).join(' ')).sort();

describe('scene model: rock salt (NaCl, a = 5.64 Å)', () => {
  it('draws the 3×3×3 grid of a cell with its faces complete: 14 Na and 13 Cl, 8 of them the cell proper', () => {
    const model = sceneModel(rockSalt);
    expect(atomsOf(model)).toHaveLength(27);
    expect(atomsOf(model).filter((_, i) => elementOf(model, i) === 'Na')).toHaveLength(14);
    expect(atomsOf(model).filter((a) => !a.image)).toHaveLength(8);
    const grid = [0, 2.82, 5.64].flatMap((x) => [0, 2.82, 5.64].flatMap((y) => [0, 2.82, 5.64].map((z): Vec3 => [x, y, z])));
    expect(sorted(atomsOf(model).map((a) => a.position))).toEqual(sorted(grid));
  });

  it('bonds every Na to 6 Cl at 2.82 Å, through the cell faces too when asked', () => {
    const model = withStubs(rockSalt);
    for (const b of model.bonds) {
      expect(b.length).toBeCloseTo(2.82, 9);
      const [p, q] = [atomsOf(model)[b.from]!.position, b.end];
      expect(Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])).toBeCloseTo(2.82, 9);
      if (b.to !== null) expect(new Set([elementOf(model, b.from), elementOf(model, b.to)])).toEqual(new Set(['Na', 'Cl']));
    }
    expect(bondCounts(model).every((n) => n === 6)).toBe(true);
    // 3 axes × 9 grid lines × 2 bonds inside; one stub from each of the 9 atoms on each of the 6 faces.
    expect(fullBonds(model)).toHaveLength(54);
    expect(stubs(model)).toHaveLength(54);
  });

  it('by default draws only the bonds between drawn atoms: no stubs at the faces', () => {
    const model = sceneModel(rockSalt);
    expect(fullBonds(model)).toHaveLength(54);
    expect(stubs(model)).toEqual([]);
  });

  it('2×2×2 and 3×3×3 supercells: (2n+1)³ atoms, 3·(2n+1)²·2n bonds inside, 6·(2n+1)² stubs', () => {
    for (const n of [2, 3]) {
      const model = withStubs(rockSalt, [n, n, n]);
      const side = 2 * n + 1;
      expect(atomsOf(model)).toHaveLength(side ** 3);
      expect(fullBonds(model)).toHaveLength(3 * side ** 2 * 2 * n);
      expect(stubs(model)).toHaveLength(6 * side ** 2);
      expect(bondCounts(model).every((c) => c === 6)).toBe(true);
    }
  });
});

describe('scene model: image atoms', () => {
  const triclinic: LatticeParameters = { a: 4, b: 5, c: 6, alpha: 80, beta: 95, gamma: 105 };
  /** i·a + j·b + k·c from the rows of the lattice matrix. */
  const latticePoint = (c: Crystal, [i, j, k]: Vec3): Vec3 => {
    const m = c.lattice.matrix;
    const d = (x: number) => i * m[x]! + j * m[3 + x]! + k * m[6 + x]!;
    return [d(0), d(1), d(2)];
  };

  it('a P1 atom at (0, 0, 0) appears at the 8 corners of a triclinic cell', () => {
    const single = crystal(triclinic, [['Fe', 0, 0, 0]]);
    const model = sceneModel(single);
    const corners = [0, 1].flatMap((i) => [0, 1].flatMap((j) => [0, 1].map((k): Vec3 => [i, j, k])));
    expect(sorted(atomsOf(model).map((a) => a.position))).toEqual(sorted(corners.map((t) => latticePoint(single, t))));
    expect(atomsOf(model).filter((a) => !a.image)).toEqual([expect.objectContaining({ position: [0, 0, 0] })]);
  });

  it('and at the 27 corners of its 2×2×2 supercell', () => {
    const single = crystal(triclinic, [['Fe', 0, 0, 0]]);
    const model = sceneModel(single, [2, 2, 2]);
    const corners = [0, 1, 2].flatMap((i) => [0, 1, 2].flatMap((j) => [0, 1, 2].map((k): Vec3 => [i, j, k])));
    expect(sorted(atomsOf(model).map((a) => a.position))).toEqual(sorted(corners.map((t) => latticePoint(single, t))));
    expect(atomsOf(model).filter((a) => !a.image)).toHaveLength(8);
  });

  it('an atom a hair below a face also appears a hair beyond the opposite face; an inner atom once', () => {
    const model = sceneModel(crystal(cubic(10), [['O', 0.9995, 0.5, 0.5], ['O', 0.5, 0.4, 0.3]]));
    expect(sorted(atomsOf(model).map((a) => a.position))).toEqual(sorted([[9.995, 5, 5], [-0.005, 5, 5], [5, 4, 3]]));
  });
});

describe('scene model: bonds', () => {
  it('diamond: every carbon bonded to 4 others at 1.5446 Å', () => {
    const model = withStubs(diamond);
    expect(bondCounts(model).every((n) => n === 4)).toBe(true);
    for (const b of model.bonds) expect(b.length).toBeCloseTo((3.567 * Math.sqrt(3)) / 4, 9);
    // The inner carbon at (¼, ¼, ¼) has all four partners drawn: (0,0,0), (½,½,0), (½,0,½), (0,½,½).
    const inner = atomsOf(model).findIndex((a) => a.position.every((x) => Math.abs(x - 3.567 / 4) < 1e-9));
    expect(fullBonds(model).filter((b) => b.from === inner || b.to === inner)).toHaveLength(4);
  });

  it('a chain along a thin cell: an atom bonds to its own periodic images', () => {
    const chain = crystal(cubic(1.5, 10, 10), [['C', 0.5, 0.5, 0.5]]);
    const cell = withStubs(chain);
    expect(atomsOf(cell)).toHaveLength(1);
    expect(sorted(cell.bonds.map((b) => b.end))).toEqual(sorted([[-0.75, 5, 5], [2.25, 5, 5]]));
    expect(cell.bonds.every((b) => b.to === null && Math.abs(b.length - 1.5) < 1e-9)).toBe(true);
    const three = withStubs(chain, [3, 1, 1]);
    expect(fullBonds(three)).toHaveLength(2);
    expect(stubs(three)).toHaveLength(2);
  });

  it('species sharing a disordered position are not bonded to each other', () => {
    const model = sceneModel(crystal(cubic(10), [['Fe', 0.5, 0.5, 0.5], ['Co', 0.5, 0.5, 0.5]]));
    expect(model.bonds).toEqual([]);
  });
});

describe('scene model: species, cell and framing', () => {
  it('one atom of each element: VESTA colours and half the Cordero covalent radii, in order of Z', () => {
    const model = sceneModel(crystal(cubic(12), [['Fe', 0.5, 0.5, 0.5], ['H', 0.2, 0.3, 0.4], ['O', 0.7, 0.2, 0.3]]));
    expect(model.species.map(({ element, color, radius }) => ({ element, color, radius }))).toEqual([
      { element: 'H', color: '#ffcccc', radius: 0.155 },
      { element: 'O', color: '#fe0300', radius: 0.33 },
      { element: 'Fe', color: '#b57100', radius: 0.66 },
    ]);
    expect(atomsOf(model).map((a) => model.species[a.species]!.element)).toEqual(['Fe', 'H', 'O']);
  });

  it('Al and Ca together (garnet): Ca drawn in another hue, VESTA\'s kept beside it; an atom scale sets the radii', () => {
    const model = sceneModel(crystal(cubic(12), [['Ca', 0.5, 0.5, 0.5], ['Al', 0, 0, 0]]), [1, 1, 1], { ...DEFAULT_SCENE_OPTIONS, bondScale: 1.15, atomScale: 1 });
    const [al, ca] = model.species;
    expect(al).toMatchObject({ element: 'Al', color: '#81b2d6', vestaColor: '#81b2d6', radius: 1.21 });
    expect(ca).toMatchObject({ element: 'Ca', vestaColor: '#5a96bd', radius: 1.76 });
    expect(ca!.color).not.toBe('#5a96bd');
  });

  it('cell edges: 4 each of a, b and c; the supercell box only when it is larger than the cell', () => {
    const cell = crystal(cubic(3, 4, 5), [['Cu', 0.5, 0.5, 0.5]]);
    const lengths = (edges: SceneModel['cellEdges']) =>
      edges.map(({ start: p, end: q }) => +Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]).toFixed(9)).sort((x, y) => x - y);
    const one = sceneModel(cell);
    expect(lengths(one.cellEdges)).toEqual([3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5]);
    expect(one.supercellEdges).toEqual([]);
    const big = sceneModel(cell, [2, 1, 3]);
    expect(lengths(big.cellEdges)).toEqual(lengths(one.cellEdges));
    expect(lengths(big.supercellEdges)).toEqual([4, 4, 4, 4, 6, 6, 6, 6, 15, 15, 15, 15]);
    expect(big.center).toEqual([3, 2, 7.5]);
    expect(big.radius).toBeCloseTo(Math.hypot(3, 2, 7.5), 9);
    expect(big.axisLabels.map((l) => l.label)).toEqual(['a', 'b', 'c']);
    expect(big.axisLabels[2]!.position[2]).toBeCloseTo(5.6, 9);
  });

  it('the framing radius holds every drawn sphere', () => {
    const model = sceneModel(rockSalt, [2, 2, 2]);
    const { center, radius } = model;
    for (const a of atomsOf(model)) {
      const r = model.species[a.species]!.radius;
      expect(Math.hypot(a.position[0] - center[0], a.position[1] - center[1], a.position[2] - center[2]) + r).toBeLessThanOrEqual(radius + 1e-9);
    }
  });

  it('refuses a supercell that is not whole cells', () => {
    expect(() => sceneModel(rockSalt, [1, 0, 1])).toThrow(RangeError);
    expect(() => sceneModel(rockSalt, [1.5, 1, 1])).toThrow(RangeError);
  });
});

describe('scene model: coordination polyhedra', () => {
  it('rock salt, polyhedra around Na: an octahedron of 6 Cl at 2.82 Å round each drawn Na, none round Cl', () => {
    const model = sceneModel(rockSalt, [1, 1, 1], { ...DEFAULT_SCENE_OPTIONS, bondScale: 1.15, polyhedra: 'Na' });
    expect(model.polyhedra).toHaveLength(14);
    for (const { centre, hull } of model.polyhedra) {
      expect(elementOf(model, centre)).toBe('Na');
      expect(hull.vertices).toHaveLength(6);
      expect(hull.triangles).toHaveLength(8 * 3);
      const c = atomPosition(model.atoms, centre);
      for (const v of hull.vertices) expect(Math.hypot(v[0] - c[0], v[1] - c[1], v[2] - c[2])).toBeCloseTo(2.82, 9);
    }
    expect(sceneModel(rockSalt).polyhedra).toEqual([]);
  });

  it('diamond, polyhedra around C: a tetrahedron round each atom', () => {
    const model = sceneModel(diamond, [1, 1, 1], { ...DEFAULT_SCENE_OPTIONS, bondScale: 1.15, polyhedra: 'C' });
    expect(model.polyhedra.length).toBe(model.atoms.count);
    for (const { hull } of model.polyhedra) expect(hull.triangles).toHaveLength(4 * 3);
  });
});

describe('scene model: large and disordered crystals', () => {
  /** n × n × n carbons on a 1.5 Å grid: each bonded to 6 in the detailed view. */
  const grid = (n: number) =>
    crystal(cubic(1.5 * n), Array.from({ length: n ** 3 }, (_, i): SiteSpec => ['C', (i % n) / n, (Math.floor(i / n) % n) / n, Math.floor(i / n ** 2) / n]));

  it(`up to ${DETAILED_SITE_LIMIT} sites in the box: image atoms and bonds; beyond: the box's atoms only`, () => {
    const detailed = withStubs(grid(10));
    expect(detailed.simplified).toBe(false);
    expect(detailed.atoms.count).toBe(11 ** 3);
    expect(bondCounts(detailed).every((c) => c === 6)).toBe(true);
    const simple = sceneModel(grid(11));
    expect(simple.simplified).toBe(true);
    expect(simple.atoms.count).toBe(11 ** 3);
    expect(simple.atoms.image.every((x) => x === 0)).toBe(true);
    expect(simple.bonds).toEqual([]);
    expect(sceneModel(grid(10), [2, 1, 1]).simplified).toBe(true);
  });

  it(`refuses a supercell past ${MAX_DRAWN_SITES} sites`, () => {
    const big = grid(26); // 17,576 sites: 2×1×1 is drawn, 3×1×1 is not
    expect(sceneModel(big, [2, 1, 1]).atoms.count).toBe(2 * 26 ** 3);
    expect(() => sceneModel(big, [3, 1, 1])).toThrow(/more than the 50000/);
  });

  it('partly occupied sites carry their occupancy; the hover names the species sharing a position', () => {
    const base = crystal(cubic(10), [['Fe', 0.5, 0.5, 0.5], ['Co', 0.5, 0.5, 0.5], ['O', 0.2, 0.5, 0.5]]);
    const mixed: Crystal = { ...base, sites: base.sites.map((s, i) => (i < 2 ? { ...s, occupancy: i === 0 ? 0.7 : 0.3 } : s)) };
    const model = sceneModel(mixed);
    expect([...model.atoms.occupancy].map((x) => +x.toFixed(3))).toEqual([0.7, 0.3, 1]);
    // Named as the exported CIF names them (cifSiteLabels), not by the labels the crystal was read with.
    const labels = cifSiteLabels(mixed.sites);
    expect(describeSite(mixed, 0, labels)).toBe('Fe1 Fe, occupancy 0.7; shares its position with Co1 Co 0.3');
    expect(describeSite(mixed, 2, labels)).toBe('O1 O');
  });

  it('pickAtom: the first sphere along the ray, none when the ray misses or points away', () => {
    const model = sceneModel(crystal(cubic(10), [['O', 0.2, 0.5, 0.5], ['O', 0.6, 0.5, 0.5]]));
    const at = (x: number) => model.atoms.position.findIndex((_, i) => i % 3 === 0 && Math.abs(model.atoms.position[i]! - x) < 1e-9) / 3;
    expect(pickAtom(model, [-5, 5, 5], [1, 0, 0])).toBe(at(2));
    expect(pickAtom(model, [15, 5, 5], [-1, 0, 0])).toBe(at(6));
    expect(pickAtom(model, [-5, 5, 5.5], [1, 0, 0])).toBe(-1); // 0.5 Å off the axis; spheres are 0.33 Å
    expect(pickAtom(model, [-5, 5, 5], [-1, 0, 0])).toBe(-1);
  });
});
