import { beforeAll, describe, expect, it } from 'vitest';
import { type Lattice, cartToFrac, fracToCart, latticeFromMatrix, latticeFromParameters, volume, wrapFrac } from '../lattice';
import { niggliReduce } from '../metrics/niggli';
import { rockSaltSupercell } from '../testing/hand-built';
import { detectSpaceGroup } from './moyo';
import { initMoyoNode } from './moyo-node';
import { primitiveReduction, type TypedCell } from './primitive-reduction';

beforeAll(initMoyoNode);

const cube = (a: number, b = a, c = a) => latticeFromParameters({ a, b, c, alpha: 90, beta: 90, gamma: 90 });

/** Lengths and angles of the Niggli-reduced lattice, to compare with pymatgen's get_niggli_reduced_lattice. */
function niggliParameters(lattice: Lattice): number[] {
  const reduced = latticeFromMatrix([...niggliReduce(lattice.matrix)]);
  return [reduced.a, reduced.b, reduced.c, reduced.alpha, reduced.beta, reduced.gamma];
}

/** Rock salt's conventional cell repeated n times along each axis, typed by atomic number (Na = 11, Cl = 17). */
function rockSaltCell(n: number): TypedCell {
  const { lattice, sites } = rockSaltSupercell(n);
  return { lattice, positions: sites.map((s) => s.frac), types: sites.map((s) => s.Z) };
}

describe('primitiveReduction: a supercell reduced to its primitive cell at the symmetry tolerance', () => {
  it('reduces the 1,000-site lattice of issue 12 to one site in 125 Å³, the cell spglib finds', () => {
    const step = [0.919, 0.729, 0.709];
    const positions = Array.from({ length: 1000 }, (_, i) => step.map((x) => Number(((i * x) % 1).toFixed(6))) as [number, number, number]);
    const r = primitiveReduction({ lattice: cube(50), positions, types: positions.map(() => 6) }, 0.01);
    if (!r.ok) throw new Error(r.reason);
    expect(r.translations).toBe(1000);
    expect(r.cell.positions).toHaveLength(1);
    // spglib 2.0.2 find_primitive(symprec=0.01), Niggli-reduced by pymatgen 2022.11.7.
    const spglib = [3.5619517121934057, 5.77646085419071, 6.409368143584725, 85.55406210201811, 82.57566708455852, 73.08205860271687];
    niggliParameters(r.cell.lattice).forEach((x, i) => expect(x).toBeCloseTo(spglib[i]!, 3));
    expect(volume(r.cell.lattice)).toBeCloseTo(125, 3);
  });

  it('reduces a 3×3×3 rock-salt supercell (216 sites) to the two-atom rhombohedral cell of the F lattice', () => {
    const r = primitiveReduction(rockSaltCell(3), 0.01);
    if (!r.ok) throw new Error(r.reason);
    expect(r.translations).toBe(108);
    expect([...r.cell.types].sort()).toEqual([11, 17]);
    // spglib 2.0.2 find_primitive, Niggli-reduced by pymatgen: a = 3.98808 Å, all angles 60°, 44.8515 Å³.
    niggliParameters(r.cell.lattice).forEach((x, i) => expect(x).toBeCloseTo([3.9880822458921266, 3.9880822458921266, 3.9880822458921266, 60, 60, 60][i]!, 4));
    expect(volume(r.cell.lattice)).toBeCloseTo(5.64 ** 3 / 4, 6);
  });

  it('reduces a rutile supercell on a skewed lattice (rows 2a+b, b+c, a+3c) to rutile, P4_2/mnm', () => {
    // Rutile TiO2 (a = 4.59, c = 2.96 Å, O at x = 0.305): Ti 0,0,0 and ½,½,½; O ±(x,x,0) and ½±x,½∓x,½.
    const rutile = cube(4.59, 4.59, 2.96);
    const x = 0.305;
    const unit: [[number, number, number], number][] = [
      [[0, 0, 0], 22], [[0.5, 0.5, 0.5], 22], [[x, x, 0], 8], [[1 - x, 1 - x, 0], 8], [[0.5 + x, 0.5 - x, 0.5], 8], [[0.5 - x, 0.5 + x, 0.5], 8],
    ];
    const rows = [[2, 1, 0], [0, 1, 1], [1, 0, 3]]; // determinant 7
    const m = rutile.matrix;
    const lattice = latticeFromMatrix(rows.flatMap((r) => [0, 1, 2].map((j) => r[0]! * m[j]! + r[1]! * m[3 + j]! + r[2]! * m[6 + j]!)));
    // Every rutile site in the supercell: the images within a few cells, wrapped, each once.
    const sites = new Map<string, [[number, number, number], number]>();
    for (let i = -4; i <= 4; i++) {
      for (let j = -4; j <= 4; j++) {
        for (let k = -4; k <= 4; k++) {
          for (const [f, type] of unit) {
            const g = cartToFrac(lattice, fracToCart(rutile, [f[0] + i, f[1] + j, f[2] + k])).map((v) => wrapFrac(Math.round(v * 1e9) / 1e9)) as [number, number, number];
            sites.set(`${g.map((v) => v.toFixed(6)).join(',')}:${type}`, [g, type]);
          }
        }
      }
    }
    const cell: TypedCell = { lattice, positions: [...sites.values()].map((s) => s[0]), types: [...sites.values()].map((s) => s[1]) };
    expect(cell.positions).toHaveLength(42);
    const r = primitiveReduction(cell, 0.01);
    if (!r.ok) throw new Error(r.reason);
    expect(r.translations).toBe(7);
    expect(r.cell.positions).toHaveLength(6);
    expect(volume(r.cell.lattice)).toBeCloseTo(volume(rutile), 9);
    expect(detectSpaceGroup(r.cell.lattice, r.cell.positions, r.cell.types, 0.01).number).toBe(136);
  });

  it('leaves a cell without translations as it is, its positions in another order', () => {
    const cell: TypedCell = { lattice: cube(4.2), positions: [[0, 0, 0], [0.5, 0.5, 0.5], [0.25, 0.5, 0.1]], types: [1, 2, 1] };
    const r = primitiveReduction(cell, 0.01);
    if (!r.ok) throw new Error(r.reason);
    expect(r.translations).toBe(1);
    expect(r.cell.lattice).toBe(cell.lattice);
    const pairs = (c: TypedCell) => c.positions.map((p, i) => `${p.join(',')}:${c.types[i]}`).sort();
    expect(pairs(r.cell)).toEqual(pairs(cell));
  });

  it('gives a reason where the translations found at the tolerance do not form a group', () => {
    // Five atoms along a 10 Å axis, gaps 0.2 ± 0.0009 of it: one step (every image within 0.009 Å) maps the chain
    // onto itself at 0.01 Å, two steps (0.027 Å off at worst) do not, so the steps found generate all five.
    const x = [0, 0.2, 0.4009, 0.6018, 0.8009];
    const cell: TypedCell = { lattice: cube(10, 3, 3), positions: x.map((v) => [v, 0, 0]), types: x.map(() => 6) };
    expect(primitiveReduction(cell, 0.01)).toEqual({
      ok: false,
      reason:
        'the translations that map the structure onto itself at 0.01 Å (1 besides the identity) do not form a group: together they carry a site onto 5 positions rather than 2; its positions are uneven by about the tolerance',
    });
  });
});
