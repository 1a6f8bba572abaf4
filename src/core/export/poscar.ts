/**
 * Crystal → POSCAR (VASP 5: element symbols on line 6), as pymatgen's Poscar writes it: direct (fractional)
 * coordinates, scale 1, sites grouped by element since VASP reads one count per element in that order.
 */
import { type Crystal, formula, wholeAtomsRefusal } from '../crystal';

/** pymatgen's Poscar.get_string default: 16 decimals, so that a position survives the text to the last bit or two. */
const DECIMALS = 16;

const number = (x: number) => x.toFixed(DECIMALS).padStart(DECIMALS + 5);

/** Throws a RangeError for a disordered crystal: a POSCAR has one whole atom per position. */
export function writePoscar(crystal: Crystal): string {
  const refusal = wholeAtomsRefusal(crystal, 'POSCAR');
  if (refusal) throw new RangeError(refusal);
  // Elements in order of first appearance, each element's sites in their own order.
  const elements = [...new Set(crystal.sites.map((s) => s.element))];
  const grouped = elements.map((el) => crystal.sites.filter((s) => s.element === el));
  const m = crystal.lattice.matrix;
  const lines = [
    // Line 1 is a free comment for VASP: the formula and where the crystal came from.
    `${formula(crystal)} | ${crystal.source}`.replace(/[\r\n]+/g, ' '),
    '1.0',
    ...[0, 1, 2].map((row) => [0, 1, 2].map((col) => number(m[3 * row + col]!)).join(' ')),
    elements.join(' '),
    grouped.map((g) => g.length).join(' '),
    'direct',
    ...grouped.flat().map((s) => `${s.frac.map(number).join(' ')} ${s.element}`),
  ];
  return `${lines.join('\n')}\n`;
}
