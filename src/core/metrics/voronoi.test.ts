/**
 * Voronoi cells against geometry known in closed form (the cubic lattices' cells), and two identities every
 * tessellation of a crystal obeys: each cell's faces subtend the whole sphere (4π), and the cells of a cell's sites
 * fill it (their volumes sum to the lattice volume). pymatgen agreement is in crystal-nn.pymatgen.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../crystal';
import { latticeFromParameters, volume } from '../lattice';
import { periodicDistance } from '../pbc';
import { handBuiltCrystal } from '../testing/hand-built';
import { CrystalNNError, crystalNN } from './crystal-nn';
import { periodicSites, voronoiCell, type VoronoiCell } from './voronoi';

const cubic = (a: number) => ({ a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 });

function sorted(values: Float64Array): number[] {
  return [...values].sort((x, y) => x - y);
}

/** The cell's volume: a pyramid of height d/2 on each face. */
function cellVolume(cell: VoronoiCell): number {
  let v = 0;
  for (let f = 0; f < cell.faceCount; f++) v += (cell.area[f]! * cell.distance[f]!) / 6;
  return v;
}

function totalSolidAngle(cell: VoronoiCell): number {
  return cell.solidAngle.reduce((s, x) => s + x, 0);
}

describe('Voronoi cells of the cubic lattices', () => {
  it('simple cubic: a cube of 6 faces a² subtending 4π/6 each; corner and edge neighbours make no face', () => {
    const cell = voronoiCell(periodicSites(handBuiltCrystal(cubic(3), [['Po', [0, 0, 0]]])), 0);
    expect(cell.faceCount).toBe(6);
    for (const area of cell.area) expect(area).toBeCloseTo(9, 12);
    for (const omega of cell.solidAngle) expect(omega).toBeCloseTo((4 * Math.PI) / 6, 12);
  });

  it('bcc: a truncated octahedron, 8 hexagons of 3√3a²/16 and 6 squares of a²/8', () => {
    const a = 3.16;
    const cell = voronoiCell(periodicSites(handBuiltCrystal(cubic(a), [['W', [0, 0, 0]], ['W', [0.5, 0.5, 0.5]]])), 1);
    expect(cell.faceCount).toBe(14);
    const areas = sorted(cell.area);
    for (const x of areas.slice(0, 6)) expect(x).toBeCloseTo((a * a) / 8, 12);
    for (const x of areas.slice(6)) expect(x).toBeCloseTo((3 * Math.sqrt(3) * a * a) / 16, 12);
    expect(cellVolume(cell)).toBeCloseTo(a ** 3 / 2, 10);
  });

  it('fcc: a rhombic dodecahedron, 12 faces subtending π/3 each, volume a³/4', () => {
    const a = 3.61;
    const sites: [string, Vec3][] = [['Cu', [0, 0, 0]], ['Cu', [0.5, 0.5, 0]], ['Cu', [0.5, 0, 0.5]], ['Cu', [0, 0.5, 0.5]]];
    const cell = voronoiCell(periodicSites(handBuiltCrystal(cubic(a), sites)), 2);
    expect(cell.faceCount).toBe(12);
    for (const omega of cell.solidAngle) expect(omega).toBeCloseTo(Math.PI / 3, 12);
    expect(cellVolume(cell)).toBeCloseTo(a ** 3 / 4, 10);
  });

  it('a single layer in a tall cell: the search radius grows until the images above and below close the cell', () => {
    const cell = voronoiCell(periodicSites(handBuiltCrystal({ ...cubic(3), c: 20 }, [['Cu', [0, 0, 0]]])), 0);
    expect(cell.cutoff).toBeGreaterThan(20);
    expect(cell.faceCount).toBe(6);
    expect(cellVolume(cell)).toBeCloseTo(180, 9);
  });
});

describe('Voronoi tessellation identities on random triclinic crystals', () => {
  const crystal = fc
    .record({
      a: fc.double({ min: 2.5, max: 7, noNaN: true }),
      b: fc.double({ min: 2.5, max: 7, noNaN: true }),
      c: fc.double({ min: 2.5, max: 12, noNaN: true }),
      alpha: fc.double({ min: 65, max: 115, noNaN: true }),
      beta: fc.double({ min: 65, max: 115, noNaN: true }),
      gamma: fc.double({ min: 65, max: 115, noNaN: true }),
      sites: fc.array(fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true })), { minLength: 1, maxLength: 6 }),
    })
    .filter(({ sites, ...p }) => {
      // A cell needs each angle below the sum of the other two, and their sum below 360°.
      const { alpha, beta, gamma } = p;
      if (!(alpha < beta + gamma && beta < alpha + gamma && gamma < alpha + beta && alpha + beta + gamma < 355)) return false;
      // Atoms at least 0.5 Å apart, as in a structurally valid crystal (the only ones CDVAE fingerprints).
      const lattice = latticeFromParameters(p);
      return sites.every((f, i) => sites.slice(0, i).every((g) => periodicDistance(lattice, f, g) >= 0.5));
    });

  // A search radius of 20 Å: with pymatgen's 7 Å, a skewed cell may keep a face that an image just beyond 7 Å
  // would cut (pymatgen's semantics, which voronoiCell keeps), and the cells would overlap.
  it('every cell subtends 4π and the cells fill the lattice volume', () => {
    fc.assert(
      fc.property(crystal, ({ sites, ...parameters }) => {
        const x = handBuiltCrystal(parameters, sites.map((f) => ['Si', f as Vec3] as const));
        const ps = periodicSites(x);
        let filled = 0;
        for (let i = 0; i < sites.length; i++) {
          const cell = voronoiCell(ps, i, 20);
          expect(totalSolidAngle(cell)).toBeCloseTo(4 * Math.PI, 8);
          filled += cellVolume(cell);
        }
        expect(filled / volume(x.lattice)).toBeCloseTo(1, 9);
      }),
      { numRuns: 150, seed: 20261202 },
    );
  });
});

describe('CrystalNN outcomes pymatgen reaches by raising', () => {
  it('an element without a covalent or atomic radius in pymatgen (Rf) is an error, as in pymatgen', () => {
    expect(() => crystalNN(handBuiltCrystal(cubic(3.5), [['Rf', [0, 0, 0]]]), 0)).toThrow(CrystalNNError);
  });
});
