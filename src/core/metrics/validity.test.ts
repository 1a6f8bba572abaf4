import { beforeAll, describe, expect, it } from 'vitest';
import type { Crystal, Site } from '../crystal';
import { elementBySymbol } from '../elements';
import { latticeFromParameters } from '../lattice';
import { withDetectedSpaceGroup } from '../symmetry/crystal-symmetry';
import { initMoyoNode } from '../symmetry/moyo-node';
import { fingerprint, isCompositionallyValid, isStructurallyValid, setValidity } from './validity';

function crystal(a: number, sites: [string, number, number, number][], predicted?: number): Crystal {
  const s: Site[] = sites.map(([el, x, y, z], i) => ({ element: el, Z: elementBySymbol(el)!.Z, frac: [x, y, z], occupancy: 1, label: `${el}${i}` }));
  return withDetectedSpaceGroup({ source: 'test', lattice: latticeFromParameters({ a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 }), sites: s, spaceGroup: { declared: predicted }, warnings: [] });
}

describe('validity', () => {
  beforeAll(initMoyoNode);
  const rockSalt = () => crystal(5.64, [['Na', 0, 0, 0], ['Na', 0.5, 0.5, 0], ['Na', 0.5, 0, 0.5], ['Na', 0, 0.5, 0.5], ['Cl', 0.5, 0, 0], ['Cl', 0, 0.5, 0], ['Cl', 0, 0, 0.5], ['Cl', 0.5, 0.5, 0.5]], 225);

  it('structural: atoms at least 0.5 Å apart, across the cell boundary too', () => {
    expect(isStructurallyValid(rockSalt())).toBe(true);
    expect(isStructurallyValid(crystal(5, [['Na', 0.01, 0, 0], ['Cl', 0.95, 0, 0]]))).toBe(false); // 0.3 Å through the boundary
  });

  it('compositional: a charge-neutral choice of common oxidation states', () => {
    expect(isCompositionallyValid(rockSalt())).toBe(true); // Na+ Cl−
    expect(isCompositionallyValid(crystal(4, [['Sr', 0, 0, 0], ['Ti', 0.5, 0.5, 0.5], ['O', 0.5, 0.5, 0], ['O', 0.5, 0, 0.5], ['O', 0, 0.5, 0.5]]))).toBe(true);
    expect(isCompositionallyValid(crystal(4, [['Na', 0, 0, 0], ['K', 0.5, 0.5, 0.5]]))).toBe(false); // two cations
    expect(isCompositionallyValid(crystal(3.57, [['C', 0, 0, 0], ['C', 0.25, 0.25, 0.25]]))).toBe(true); // an element
  });

  it('uniqueness, novelty and space-group agreement of a generated set', () => {
    const salt = rockSalt();
    const stretched = { ...salt, lattice: latticeFromParameters({ a: 6.5, b: 6.5, c: 6.5, alpha: 90, beta: 90, gamma: 90 }) };
    const wrongGroup = { ...salt, spaceGroup: { ...salt.spaceGroup, declared: 221 } };
    expect(fingerprint(stretched)).not.toBe(fingerprint(salt)); // 50 % denser is another crystal
    const v = setValidity([salt, salt, stretched, wrongGroup], [salt]);
    expect(v).toEqual({ count: 4, structural: 1, compositional: 1, uniqueness: 0.5, novelty: 0.5, spaceGroupAgreement: 0.75 });
  });
});
