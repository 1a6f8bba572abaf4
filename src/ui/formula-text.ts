/** A crystal's formula as the studio shows it (src/core/formula.ts): what a chemist reads first, then the cell's. */
import { composition, type Crystal } from '../core/crystal';
import { chemicalFormula } from '../core/formula';

/**
 * The reduced formula in pymatgen's electronegativity order, with the cell formula beside it when the cell holds
 * more than one formula unit: "NaCl (cell Na4 Cl4)", "SrTiO3".
 */
export function formulaText(crystal: Crystal): string {
  const { reduced, cell, units } = chemicalFormula(composition(crystal));
  return units === 1 ? reduced : `${reduced} (cell ${cell})`;
}
