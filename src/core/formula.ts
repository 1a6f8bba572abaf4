/**
 * Chemical formulas of a composition, as chemists and pymatgen write them: the cell formula ("Na4 Cl4") and the
 * reduced formula ("NaCl"), in pymatgen's electronegativity order (Composition.formula, .reduced_formula) or in
 * Hill order (C, then H, then the rest alphabetically; CIF's _chemical_formula_sum). Checked against pymatgen
 * and ASE in formula.test.ts (goldens/make_formula_goldens.py).
 */
import { elementBySymbol } from './elements';

/** Element symbol → amount per cell (weighted by occupancy), as `composition(crystal)` gives it. */
export type ElementAmounts = Readonly<Record<string, number>>;

export type FormulaOrder = 'electronegativity' | 'hill';

export interface ChemicalFormula {
  /** Every element with its amount per cell, space-separated: "Na4 Cl4" (pymatgen's Composition.formula). */
  readonly cell: string;
  /** Divided by the formula units: "NaCl", "Ca3(PO4)2" (pymatgen's reduced_formula). */
  readonly reduced: string;
  /** Formula units per cell (1 where an amount is not whole). */
  readonly units: number;
}

/** pymatgen's Composition.amount_tolerance, also the tolerance its formulas read an amount as whole at. */
const TOLERANCE = 1e-8;
/** pymatgen brackets the two most electronegative elements as a polyanion when they differ by less than this. */
const POLYANION_X_GAP = 1.65;
/** Reduced formulas pymatgen writes as their molecule or peroxide (Composition.special_formulas). */
const SPECIAL: Readonly<Record<string, string>> = {
  LiO: 'Li2O2', NaO: 'Na2O2', KO: 'K2O2', HO: 'H2O2', CsO: 'Cs2O2', RbO: 'Rb2O2', O: 'O2', N: 'N2', F: 'F2', Cl: 'Cl2', H: 'H2',
};

/** Pauling electronegativity; NaN where there is none, so that every comparison with it is false, as in pymatgen. */
const electronegativity = (symbol: string) => elementBySymbol(symbol)?.electronegativity ?? Number.NaN;

/**
 * pymatgen's order: by electronegativity, then symbol. Elements without one (noble gases, superheavies) come first:
 * pymatgen's sort leaves them where the composition was built, and chemists write them first (XeF2, ArF2).
 */
function byElectronegativity(a: string, b: string): number {
  const [xa, xb] = [electronegativity(a), electronegativity(b)];
  if (Number.isNaN(xa) !== Number.isNaN(xb)) return Number.isNaN(xa) ? -1 : 1;
  return xa - xb || (a < b ? -1 : a > b ? 1 : 0);
}

/** Hill order: C first, then H, then the rest alphabetically; without carbon, all alphabetically. */
function hillOrder(symbols: readonly string[]): string[] {
  const sorted = [...symbols].sort();
  if (!sorted.includes('C')) return sorted;
  return ['C', ...(sorted.includes('H') ? ['H'] : []), ...sorted.filter((e) => e !== 'C' && e !== 'H')];
}

function ordered(symbols: readonly string[], order: FormulaOrder): string[] {
  return order === 'hill' ? hillOrder(symbols) : [...symbols].sort(byElectronegativity);
}

/** pymatgen's formula_double_format: whole amounts as integers, others to 8 decimals as Python prints them. */
function amountText(amount: number, omitOne: boolean): string {
  if (omitOne && amount === 1) return '';
  if (Math.abs(amount - Math.trunc(amount)) < TOLERANCE) return String(Math.trunc(amount));
  const rounded = Number(amount.toFixed(8));
  return Number.isInteger(rounded) ? `${rounded}.0` : String(rounded);
}

const present = (amounts: ElementAmounts) => Object.keys(amounts).filter((el) => Math.abs(amounts[el]!) >= TOLERANCE);

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));

/** Every element with its amount, space-separated, in the given order: "Na4 Cl4" (electronegativity), "Cl4 Na4" (Hill). */
export function cellFormula(amounts: ElementAmounts, order: FormulaOrder = 'electronegativity'): string {
  return ordered(present(amounts), order)
    .map((el) => `${el}${amountText(amounts[el]!, false)}`)
    .join(' ');
}

/** pymatgen's reduce_formula on whole amounts: divided by their gcd, the polyanion (if any) bracketed last. */
function reduceByElectronegativity(amounts: ElementAmounts): { formula: string; units: number } {
  const symbols = ordered(present(amounts), 'electronegativity');
  const values = Object.values(amounts);
  const units = values.every(Number.isInteger) ? values.reduce(gcd) : 1;
  let polyanion = '';
  const [second, last] = symbols.slice(-2);
  if (symbols.length >= 3 && electronegativity(last!) - electronegativity(second!) < POLYANION_X_GAP) {
    const group = reduceByElectronegativity({ [second!]: amounts[second!]! / units, [last!]: amounts[last!]! / units });
    if (group.units !== 1) polyanion = `(${group.formula})${group.units}`;
  }
  const kept = polyanion ? symbols.slice(0, -2) : symbols;
  return { formula: kept.map((el) => `${el}${amountText(amounts[el]! / units, true)}`).join('') + polyanion, units };
}

/** The cell formula and the reduced formula with the formula units per cell, in the given order. */
export function chemicalFormula(amounts: ElementAmounts, order: FormulaOrder = 'electronegativity'): ChemicalFormula {
  const cell = cellFormula(amounts, order);
  const symbols = present(amounts);
  // As pymatgen: a composition with an amount that is not whole is not reduced.
  if (!symbols.every((el) => Math.abs(amounts[el]! - Math.round(amounts[el]!)) < TOLERANCE)) {
    return { cell, reduced: cell.replaceAll(' ', ''), units: 1 };
  }
  const whole = Object.fromEntries(symbols.map((el) => [el, Math.round(amounts[el]!)]));
  if (order === 'hill') {
    const units = Object.values(whole).reduce(gcd);
    const reduced = hillOrder(symbols).map((el) => `${el}${amountText(whole[el]! / units, true)}`).join('');
    return { cell, reduced, units };
  }
  const { formula, units } = reduceByElectronegativity(whole);
  const special = SPECIAL[formula];
  return special ? { cell, reduced: special, units: units / 2 } : { cell, reduced: formula, units };
}
