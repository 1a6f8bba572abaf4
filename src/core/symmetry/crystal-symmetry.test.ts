import { beforeAll, describe, expect, it } from 'vitest';
import { rockSaltSupercell } from '../testing/hand-built';
import { detectCrystalSymmetry, symmetrizedCell } from './crystal-symmetry';
import { initMoyoNode } from './moyo-node';

beforeAll(initMoyoNode);

describe('a 5×5×5 rock-salt supercell (1,000 sites)', () => {
  // Handed to moyo whole, a 4×4×4 one took 15.6 s and this one would take about an hour (primitive-reduction.ts).
  const crystal = rockSaltSupercell(5);

  it('is Fm-3m', () => {
    expect(detectCrystalSymmetry(crystal.lattice, crystal.sites)).toEqual({ detected: true, number: 225, symbol: 'F m -3 m' });
  });

  it("symmetrises to rock salt's 8-site conventional cell, a = 5.64 Å, with Na and Cl as its asymmetric unit", () => {
    const sym = symmetrizedCell(crystal);
    expect(sym).toMatchObject({ number: 225, symbol: 'F m -3 m' });
    for (const length of [sym.lattice.a, sym.lattice.b, sym.lattice.c]) expect(length).toBeCloseTo(5.64, 6);
    expect(sym.sites).toHaveLength(8);
    expect(sym.asymmetricUnit.map((s) => s.element).sort()).toEqual(['Cl', 'Na']);
    expect(sym.operations).toHaveLength(192);
  });
});
