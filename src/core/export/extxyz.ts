/**
 * Crystal → extended XYZ (the format ASE and quippy read): the atom count, a comment line of key=value pairs with
 * the lattice (`Lattice="ax ay az bx by bz cx cy cz"`, row vectors in Å), the per-atom columns and pbc, then one
 * line per atom with its symbol and Cartesian position (Å). Sites in the crystal's own order.
 */
import { type Crystal, wholeAtomsRefusal } from '../crystal';
import { fracToCart } from '../lattice';

/** Cartesian positions to 1e-10 Å, well below any physical meaning; ASE writes 8 decimals. */
const DECIMALS = 10;

/** Throws a RangeError for a disordered crystal: an XYZ file has one whole atom per position. */
export function writeExtxyz(crystal: Crystal): string {
  const refusal = wholeAtomsRefusal(crystal, 'Extended XYZ');
  if (refusal) throw new RangeError(refusal);
  const { lattice, sites } = crystal;
  // String(x) is the shortest text that reads back as the same double: the lattice exactly.
  const header = `Lattice="${lattice.matrix.map(String).join(' ')}" Properties=species:S:1:pos:R:3 pbc="T T T"`;
  const atoms = sites.map((s) => {
    const r = fracToCart(lattice, s.frac);
    return `${s.element.padEnd(2)} ${r.map((x) => x.toFixed(DECIMALS).padStart(DECIMALS + 6)).join(' ')}`;
  });
  return `${sites.length}\n${header}\n${atoms.join('\n')}\n`;
}
