import { describe, expect, it } from 'vitest';
import { type Lattice, latticeFromMatrix, latticeFromParameters, volume } from '../lattice';
import { niggliReduce } from '../metrics/niggli';
import { primitiveReduction, type TypedCell } from './primitive-reduction';

const cube = (a: number, b = a, c = a) => latticeFromParameters({ a, b, c, alpha: 90, beta: 90, gamma: 90 });

/** Lengths and angles of the Niggli-reduced lattice, to compare with pymatgen's get_niggli_reduced_lattice. */
function niggliParameters(lattice: Lattice): number[] {
  const reduced = latticeFromMatrix([...niggliReduce(lattice.matrix)]);
  return [reduced.a, reduced.b, reduced.c, reduced.alpha, reduced.beta, reduced.gamma];
}

/** Rock salt's conventional cell repeated n times along each axis: Na = 11, Cl = 17. */
function rockSaltSupercell(n: number): TypedCell {
  const sodium = [[0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]];
  const positions: [number, number, number][] = [];
  const types: number[] = [];
  for (let i = 0; i < n ** 3; i++) {
    const cell = [i % n, Math.floor(i / n) % n, Math.floor(i / n / n)];
    for (const p of sodium) {
      positions.push([0, 1, 2].map((k) => (p[k]! + cell[k]!) / n) as [number, number, number]);
      types.push(11);
      positions.push([0, 1, 2].map((k) => (((p[k]! + 0.5) % 1) + cell[k]!) / n) as [number, number, number]);
      types.push(17);
    }
  }
  return { lattice: cube(5.64 * n), positions, types };
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
    const r = primitiveReduction(rockSaltSupercell(3), 0.01);
    if (!r.ok) throw new Error(r.reason);
    expect(r.translations).toBe(108);
    expect([...r.cell.types].sort()).toEqual([11, 17]);
    // spglib 2.0.2 find_primitive, Niggli-reduced by pymatgen: a = 3.98808 Å, all angles 60°, 44.8515 Å³.
    niggliParameters(r.cell.lattice).forEach((x, i) => expect(x).toBeCloseTo([3.9880822458921266, 3.9880822458921266, 3.9880822458921266, 60, 60, 60][i]!, 4));
    expect(volume(r.cell.lattice)).toBeCloseTo(5.64 ** 3 / 4, 6);
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
