/**
 * The example dataset against the geometry of its prototypes (textbook relations between bond length and cell),
 * the symmetry library, the CrysTens encoder, the validity metrics and the CIF writer and reader.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Crystal, formula } from '../crystal';
import { writeCif } from '../cif/write';
import { unencodableReason } from '../crystens/encode';
import { elementBySymbol } from '../elements';
import { ingestFile } from '../ingest/ingest';
import { periodicDistance } from '../pbc';
import { isCompositionallyValid, isStructurallyValid } from '../metrics/validity';
import { initMoyoNode } from '../symmetry/moyo-node';
import type { Example } from './build';
import { PROTOTYPES, spinelU } from './catalogue';
import { EXAMPLE_DATASET_DESCRIPTION, exampleCrystals, exampleDataset } from './dataset';
import { ionicRadius } from './shannon';

let examples: Example[];
let dataset: Crystal[];

beforeAll(async () => {
  await initMoyoNode();
  examples = exampleCrystals();
  dataset = exampleDataset();
});

const named = (source: string) => dataset.find((c) => c.source === source)!;

/** Shortest distance between an atom of one element and another atom of the other. */
function shortest(crystal: Crystal, first: string, second: string): number {
  let d = Infinity;
  for (const s of crystal.sites) {
    for (const t of crystal.sites) {
      if (s !== t && s.element === first && t.element === second) d = Math.min(d, periodicDistance(crystal.lattice, s.frac, t.frac));
    }
  }
  return d;
}

function shortestOfAll(crystal: Crystal): number {
  const { sites, lattice } = crystal;
  let d = Infinity;
  for (let i = 0; i < sites.length; i++) {
    for (let j = i + 1; j < sites.length; j++) d = Math.min(d, periodicDistance(lattice, sites[i]!.frac, sites[j]!.frac));
  }
  return d;
}

describe('the example dataset', () => {
  it('holds every prototype with every compound, named uniquely, the same on every call', () => {
    expect(dataset.length).toBe(PROTOTYPES.reduce((n, p) => n + p.compounds.length, 0));
    expect(dataset.length).toBeGreaterThanOrEqual(60);
    expect(dataset.length).toBeLessThanOrEqual(150);
    expect(new Set(dataset.map((c) => c.source)).size).toBe(dataset.length);
    expect(exampleDataset()).toEqual(dataset);
    expect(EXAMPLE_DATASET_DESCRIPTION.startsWith(`${dataset.length} crystals generated`)).toBe(true);
  });

  it('is shaped like the importer’s crystals: ordered sites, wrapped coordinates, labels, a source', () => {
    for (const c of dataset) {
      expect(c.source).toMatch(/^example: [a-z -]+ [A-Z][A-Za-z0-9]*( \(primitive rhombohedral cell\))?$/);
      expect(c.warnings).toEqual([]);
      for (const s of c.sites) {
        expect(s.occupancy).toBe(1);
        expect(elementBySymbol(s.element)?.Z).toBe(s.Z);
        expect(s.label).toMatch(new RegExp(`^${s.element}\\d+$`));
        for (const x of s.frac) expect(x >= 0 && x < 1).toBe(true);
      }
    }
    expect(named('example: rock salt NaCl').sites.map((s) => s.label).sort()).toEqual(['Cl1', 'Cl1', 'Cl1', 'Cl1', 'Na1', 'Na1', 'Na1', 'Na1']);
  });

  it('has, by moyo at 0.01 Å, the space group of its prototype', () => {
    dataset.forEach((c, i) => {
      const prototype = PROTOTYPES.find((p) => p.name === examples[i]!.prototype)!;
      expect(c.spaceGroup, c.source).toMatchObject({ declared: prototype.number, detected: prototype.number });
    });
  });

  it('has the number of sites of each prototype’s cell', () => {
    const sitesPerCell: Record<string, number> = {
      'rock salt': 8, 'caesium chloride': 2, 'zinc blende': 8, wurtzite: 4, diamond: 8, fluorite: 12,
      'anti-fluorite': 12, 'cubic perovskite': 5, rutile: 6, spinel: 14, 'nickel arsenide': 4, corundum: 30,
    };
    expect(Object.keys(sitesPerCell).sort()).toEqual(PROTOTYPES.map((p) => p.name).sort());
    examples.forEach((e, i) => expect(dataset[i]!.sites.length, e.crystal.source).toBe(sitesPerCell[e.prototype]));
  });

  it('makes its bonds as long as the radius sums, and no two atoms closer', () => {
    examples.forEach((e, i) => {
      const c = dataset[i]!;
      for (const bond of e.bonds) {
        expect(Math.abs(shortest(c, ...bond.elements) - bond.length), `${c.source} ${bond.elements.join('–')}`).toBeLessThan(1e-6);
      }
      const closest = Math.min(...e.bonds.map((b) => b.length));
      expect(shortestOfAll(c), c.source).toBeGreaterThan(closest - 1e-6);
      expect(isStructurallyValid(c), c.source).toBe(true);
    });
  });

  it('takes its radii from the tables: Shannon for salts and oxides, Cordero for covalent solids', () => {
    const bondsOf = (formulaText: string) => examples.find((e) => e.formula === formulaText)!.bonds.map((b) => b.length);
    expect(bondsOf('NaCl')[0]).toBeCloseTo(1.02 + 1.81, 12);
    expect(bondsOf('GaAs')[0]).toBeCloseTo(1.22 + 1.19, 12);
    expect(bondsOf('SrTiO3')[0]).toBeCloseTo(0.605 + 1.4, 12);
    const [tetrahedral, octahedral] = bondsOf('MgAl2O4');
    expect(tetrahedral).toBeCloseTo(0.57 + 1.38, 12);
    expect(octahedral).toBeCloseTo(0.535 + 1.38, 12);
  });

  it('gives the textbook cells for the bond lengths', () => {
    examples.forEach((e, i) => {
      const { lattice } = dataset[i]!;
      const d = e.bonds[0]!.length;
      const cubicA: Record<string, number> = {
        'rock salt': 2 * d,
        'caesium chloride': (2 * d) / Math.sqrt(3),
        'zinc blende': (4 * d) / Math.sqrt(3),
        diamond: (4 * d) / Math.sqrt(3),
        fluorite: (4 * d) / Math.sqrt(3),
        'anti-fluorite': (4 * d) / Math.sqrt(3),
        'cubic perovskite': 2 * d,
      };
      const expected = cubicA[e.prototype];
      if (expected !== undefined) {
        expect(lattice.a, e.crystal.source).toBeCloseTo(expected, 9);
        expect([lattice.b, lattice.c, lattice.alpha, lattice.beta, lattice.gamma]).toEqual([lattice.a, lattice.a, 90, 90, 90]);
      } else if (e.prototype === 'wurtzite') {
        // Ideal wurtzite: d = (3/8) c and c = √(8/3) a.
        expect(lattice.c).toBeCloseTo((8 / 3) * d, 9);
        expect(lattice.a).toBeCloseTo(lattice.c / Math.sqrt(8 / 3), 9);
      } else if (e.prototype === 'nickel arsenide') {
        expect(Math.sqrt(lattice.a ** 2 / 3 + lattice.c ** 2 / 16)).toBeCloseTo(d, 9);
      } else if (e.prototype === 'rutile') {
        // The four equatorial bonds, the shorter pair at u = 0.305 and c/a = 0.64.
        expect(Math.sqrt(2 * ((0.5 - 0.305) * lattice.a) ** 2 + (lattice.c / 2) ** 2)).toBeCloseTo(d, 9);
      } else if (e.prototype === 'spinel') {
        // Primitive rhombohedral cell of the F-centred cube (a/√2, 60°); the tetrahedral bond is √3 (u − 1/8) a.
        for (const angle of [lattice.alpha, lattice.beta, lattice.gamma]) expect(angle).toBeCloseTo(60, 9);
        const u = spinelU(d, e.bonds[1]!.length);
        expect(lattice.a * Math.SQRT2 * Math.sqrt(3) * (u - 1 / 8)).toBeCloseTo(d, 9);
      }
    });
  });

  it('fits the spinel parameter u to both bonds, near the measured values', () => {
    expect(spinelU(1, 1)).toBeCloseTo(21 / 80, 14);
    // MgAl2O4 measured: u = 0.262 (origin choice 2), a = 8.08 Å.
    expect(Math.abs(spinelU(0.57 + 1.38, 0.535 + 1.38) - 0.262)).toBeLessThan(0.003);
    expect(named('example: spinel MgAl2O4 (primitive rhombohedral cell)').lattice.a * Math.SQRT2).toBeCloseTo(8.09, 2);
    for (const e of examples.filter((x) => x.prototype === 'spinel')) {
      const [t, o] = e.bonds.map((b) => b.length) as [number, number];
      expect(spinelU(t, o)).toBeGreaterThan(0.255);
      expect(spinelU(t, o)).toBeLessThan(0.275);
    }
  });

  it('encodes every crystal into a CrysTens', () => {
    for (const c of dataset) expect(unencodableReason(c), c.source).toBeUndefined();
  });

  it('is charge-neutral in common oxidation states', () => {
    for (const c of dataset) expect(isCompositionallyValid(c), `${c.source}: ${formula(c)}`).toBe(true);
  });

  it('reads back from the CIF writer as the same crystal', () => {
    const encoder = new TextEncoder();
    for (const c of dataset) {
      const entries = ingestFile({ name: 'example.cif', bytes: encoder.encode(writeCif(c)) });
      expect(entries).toHaveLength(1);
      const entry = entries[0]!;
      if (!entry.ok) throw new Error(entry.error);
      const back = entry.crystal;
      expect(back.warnings, c.source).toEqual([]);
      expect(back.spaceGroup.detected).toBe(c.spaceGroup.detected);
      for (const key of ['a', 'b', 'c', 'alpha', 'beta', 'gamma'] as const) expect(Math.abs(back.lattice[key] - c.lattice[key])).toBeLessThan(1e-6);
      expect(back.sites.map((s) => s.element)).toEqual(c.sites.map((s) => s.element));
      back.sites.forEach((s, i) => {
        expect(s.occupancy).toBe(1);
        s.frac.forEach((x, k) => expect(Math.abs(x - c.sites[i]!.frac[k]!), c.source).toBeLessThan(1e-8));
      });
    }
  });

  it('reads back from a symmetrised CIF with its space group and formula', () => {
    const encoder = new TextEncoder();
    const counts = (x: Crystal) => formula(x).split(' ').map((term) => Number(/\d+$/.exec(term)![0]));
    for (const c of dataset) {
      const [entry] = ingestFile({ name: 'example.cif', bytes: encoder.encode(writeCif(c, { symmetrized: true })) });
      if (!entry?.ok) throw new Error(entry?.error);
      expect(entry.crystal.spaceGroup, c.source).toMatchObject({ declared: c.spaceGroup.detected, detected: c.spaceGroup.detected });
      // The same proportions (a spinel comes back in its 56-atom conventional cell).
      const [back, own] = [counts(entry.crystal), counts(c)];
      expect(back.map((n) => n / back[0]!), c.source).toEqual(own.map((n) => n / own[0]!));
    }
  });
});

describe('Shannon radii', () => {
  it('are looked up by coordination; the anions listed at one coordination stand for all', () => {
    expect(ionicRadius('Mg2+', 4)).toBe(0.57);
    expect(ionicRadius('Mg2+', 6)).toBe(0.72);
    expect(ionicRadius('Cl-', 8)).toBe(1.81);
    expect(() => ionicRadius('Mg2+', 8)).toThrow(/coordination 8/);
    expect(() => ionicRadius('Xe8+', 6)).toThrow(/Xe8\+/);
  });
});
