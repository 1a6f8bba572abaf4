import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Crystal } from '../crystal';
import { ELEMENTS } from '../elements';
import { initMoyoNode } from '../symmetry/moyo-node';
import { REPO_ROOT } from '../testing/corpus';
import { crystalProperties, propertyDistances } from './property-distances';
import { firstCrystals } from './shared-rows';

type SetName = 'perov_5' | 'carbon_24' | 'mp_40';
type Range = [SetName, number, number];
/** goldens/property-distances.json, made by goldens/make_property_distance_goldens.py (pymatgen, scipy). */
interface Golden {
  rows: Record<SetName, { density: number; elements: number; atoms: number }[]>;
  comparisons: { name: string; real: Range[]; generated: Range[]; density: number; elements: number; atoms: number }[];
  pymatgen_masses: number[];
}
const golden = JSON.parse(readFileSync(resolve(REPO_ROOT, 'goldens/property-distances.json'), 'utf8')) as Golden;
const PATHS: Record<SetName, string> = { perov_5: 'cdvae/perov_5/test.csv', carbon_24: 'cdvae/carbon_24/test.csv', mp_40: 'chemeleon_mp_40/test.csv' };

describe('property distances (CDVAE density and element-count W1, plus sites)', () => {
  const crystals = {} as Record<SetName, Crystal[]>;
  beforeAll(async () => {
    await initMoyoNode();
    for (const set of Object.keys(PATHS) as SetName[]) crystals[set] = firstCrystals(PATHS[set], golden.rows[set].length);
  });

  it('element masses agree with pymatgen’s to the table’s 4 decimals (Og: pymatgen’s typo overridden)', () => {
    ELEMENTS.slice(0, 117).forEach((e, i) => expect(Math.abs(e.mass - golden.pymatgen_masses[i]!), e.symbol).toBeLessThanOrEqual(5e-5 + 1e-12));
  });

  it('density, element and site counts of each crystal equal pymatgen’s', () => {
    for (const set of Object.keys(PATHS) as SetName[]) {
      const p = crystalProperties(crystals[set]);
      expect(p.density.length).toBe(golden.rows[set].length);
      golden.rows[set].forEach((want, i) => {
        expect(Math.abs(p.density[i]! / want.density - 1), `${set} ${i}`).toBeLessThan(5e-5); // masses to 4 decimals
        expect(p.elements[i]).toBe(want.elements);
        expect(p.atoms[i]).toBe(want.atoms);
      });
    }
  });

  it.each(golden.comparisons)('W1 equals scipy’s: $name', (c) => {
    const pick = (ranges: Range[]) => ranges.flatMap(([set, a, b]) => crystals[set].slice(a, b));
    const d = propertyDistances(pick(c.real), pick(c.generated));
    expect(Math.abs(d.density - c.density)).toBeLessThan(5e-5 * Math.max(1, c.density));
    expect(d.elements).toBeCloseTo(c.elements, 12);
    expect(d.atoms).toBeCloseTo(c.atoms, 12);
  });

  it('is NaN, not an exception, when a set is empty', () => {
    expect(propertyDistances([], crystals.perov_5).density).toBeNaN();
  });
});
