/**
 * Formulas against pymatgen 2022.11.7 (electronegativity order: Composition.formula, reduced_formula and its
 * formula units) and ASE 3.22.1 (Hill order), on the compositions of goldens/formulas-pymatgen.json: every CIF
 * corpus block pymatgen reads, 60 perov_5 crystals and pymatgen's special cases (goldens/make_formula_goldens.py).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composition, formula } from './crystal';
import { cellFormula, chemicalFormula, type ElementAmounts } from './formula';
import { exampleDataset } from './prototypes/dataset';
import { initMoyoNode } from './symmetry/moyo-node';
import { REPO_ROOT } from './testing/corpus';

interface FormulaGolden {
  readonly origin: string;
  readonly composition: ElementAmounts;
  readonly formula: string;
  readonly reduced_formula: string;
  readonly factor: number;
  readonly hill_order: readonly string[];
  readonly hill_reduced: string | null;
}

const goldens = (
  JSON.parse(readFileSync(resolve(REPO_ROOT, 'goldens/formulas-pymatgen.json'), 'utf8')) as { compositions: FormulaGolden[] }
).compositions;

const symbolsOf = (cell: string) => cell.split(' ').map((term) => /^[A-Z][a-z]?/.exec(term)![0]);

describe('chemicalFormula in electronegativity order', () => {
  it('covers the corpus, perov_5 and the special cases', () => {
    expect(goldens.length).toBeGreaterThan(150);
    expect(goldens.filter((g) => g.origin.startsWith('perov_5')).length).toBe(60);
  });

  it("writes pymatgen's cell formula, reduced formula and formula units for every golden composition", () => {
    const differing = goldens.flatMap((g) => {
      const ours = chemicalFormula(g.composition);
      const theirs = { cell: g.formula, reduced: g.reduced_formula, units: g.factor };
      return JSON.stringify(ours) === JSON.stringify(theirs) ? [] : [`${g.origin}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`];
    });
    expect(differing).toEqual([]);
  });

  it('brackets polyanions and writes molecules and peroxides as pymatgen does', () => {
    const reduced = (amounts: ElementAmounts) => chemicalFormula(amounts).reduced;
    expect(reduced({ Ca: 6, P: 4, O: 16 })).toBe('Ca3(PO4)2');
    expect(reduced({ O: 8 })).toBe('O2');
    expect(reduced({ Li: 2, O: 2 })).toBe('Li2O2');
    expect(chemicalFormula({ Cl: 4 })).toEqual({ cell: 'Cl4', reduced: 'Cl2', units: 2 });
    // Not whole: not reduced, every amount written.
    expect(chemicalFormula({ Fe: 0.5, Co: 0.5, O: 1 })).toEqual({ cell: 'Fe0.5 Co0.5 O1', reduced: 'Fe0.5Co0.5O1', units: 1 });
  });
});

describe('chemicalFormula in Hill order', () => {
  it('orders the elements as Hill (ASE with carbon, pymatgen without) and reduces as ASE does', () => {
    const differing = goldens.flatMap((g) => {
      const ours = chemicalFormula(g.composition, 'hill');
      const order = symbolsOf(ours.cell);
      const wrongOrder = order.join(' ') !== g.hill_order.join(' ');
      const wrongReduced = g.hill_reduced !== null && ours.reduced !== g.hill_reduced;
      return wrongOrder || wrongReduced ? [`${g.origin}: ${ours.cell} / ${ours.reduced} vs ${g.hill_order.join(' ')} / ${g.hill_reduced}`] : [];
    });
    expect(differing).toEqual([]);
  });

  it('puts H second after C, where pymatgen 2022.11.7 sorts it among the rest (C Cl H3)', () => {
    expect(cellFormula({ C: 1, H: 3, Cl: 1 }, 'hill')).toBe('C1 H3 Cl1');
    expect(chemicalFormula({ C: 2, H: 6, Cl: 2, O: 4 }, 'hill').reduced).toBe('CH3ClO2');
  });
});

describe('a crystal of the example dataset', () => {
  beforeAll(initMoyoNode);

  it('reads NaCl beside its cell Na4 Cl4, and Cl4 Na4 in Hill order as its CIF writes it', () => {
    const rockSalt = exampleDataset().find((c) => c.source.startsWith('example: rock salt NaCl'))!;
    expect(chemicalFormula(composition(rockSalt))).toEqual({ cell: 'Na4 Cl4', reduced: 'NaCl', units: 4 });
    expect(formula(rockSalt)).toBe('Cl4 Na4');
  });
});
