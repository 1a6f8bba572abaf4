/**
 * What a crystal read from a file may plausibly be: ranges for cell lengths, atom density and coordinates. A
 * value outside them is a typo, a unit mistake or a hostile file, and letting it through poisons what follows
 * (training took a length bound of 1.1e30 Å from one such cell). Each check names the CIF field it judges.
 */
import { formatCount } from '../input-limits';

/**
 * Cell lengths (Å). The shortest lattice vector of any crystal is a bond length or more (H₂ at 0.74 Å is the
 * shortest bond, and a cell holds at least one atom); small-molecule and inorganic cells stay under ~150 Å (the
 * test corpus tops out at 68 Å). Protein and virus cells can pass 1,000 Å, but those are mmCIF, which this
 * reader does not take.
 */
export const CELL_LENGTH_RANGE = { min: 0.1, max: 1000 } as const;

/**
 * Volume per atom (Å³, counting partly occupied sites by their occupancy). The densest solids known hold about
 * 2 Å³ per atom, and only at hundreds of GPa (diamond: 5.7; the test corpus's densest block: 5.3): below that a
 * cell is warned. Below 0.1 Å³ atoms would sit under 0.5 Å apart on average, closer than any bond (H₂: 0.74 Å):
 * refused. Above 1,000 Å³ (a 10 Å cube for one atom) atoms are probably missing from the list; that is warned
 * only, since pymatgen and gemmi read such cells and a molecule in a box can be meant.
 */
export const VOLUME_PER_ATOM_RANGE = { refuseBelow: 0.1, warnBelow: 2, warnAbove: 1000 } as const;

/**
 * Fractional coordinates, in cells. Files write positions in or near [0, 1); a few cells away is still a
 * position, but beyond a thousand the number has lost the digits that placed the atom inside its cell (a double
 * keeps ~16 significant digits) and is a corrupted value, not a coordinate.
 */
export const MAX_FRACTIONAL_COORDINATE = 1000;

/** Why a cell length written as `text` (read as `value`) is not one, or undefined when it is plausible. */
export function cellLengthProblem(axis: 'a' | 'b' | 'c', value: number, text: string): string | undefined {
  const { min, max } = CELL_LENGTH_RANGE;
  if (Number.isFinite(value) && value >= min && value <= max) return undefined;
  return `_cell_length_${axis} = ${text} Å is outside the ${min}–${formatCount(max)} Å a crystal's cell length can be`;
}

/** Why a cell angle is impossible on its own (each must lie strictly between 0° and 180°), or undefined. */
export function cellAngleProblem(name: 'alpha' | 'beta' | 'gamma', value: number, text: string): string | undefined {
  if (value > 0 && value < 180) return undefined;
  return `_cell_angle_${name} = ${text}° is not between 0° and 180°`;
}

/**
 * Judges the atom density of a cell of `volume` Å³ holding `atoms` (occupancies summed): a refusal when atoms
 * would overlap, a warning when the cell is denser than any solid or atoms are probably missing, or nothing.
 */
export function densityProblem(volume: number, atoms: number): { refuse?: string; warn?: string } {
  const perAtom = volume / atoms;
  const figure = perAtom >= 10 ? formatCount(Math.round(perAtom)) : perAtom.toPrecision(2);
  const cell = `the cell (${volume.toPrecision(4)} Å³) holds ${figure} Å³ per atom`;
  const { refuseBelow, warnBelow, warnAbove } = VOLUME_PER_ATOM_RANGE;
  if (perAtom < refuseBelow) return { refuse: `${cell}, less than the ${refuseBelow} Å³ below which atoms overlap: check _cell_length_a, _b, _c and the atom list` };
  if (perAtom < warnBelow) return { warn: `${cell}, denser than any known solid (about ${warnBelow} Å³ at the highest pressures)` };
  if (perAtom > warnAbove) return { warn: `${cell}, more than ${formatCount(warnAbove)}: atoms may be missing from the list` };
  return {};
}

/** Why a fractional coordinate (already converted from Cartesian, if it was) cannot be a position, or undefined. */
export function coordinateProblem(value: number): string | undefined {
  if (Number.isFinite(value) && Math.abs(value) <= MAX_FRACTIONAL_COORDINATE) return undefined;
  return Number.isFinite(value)
    ? `lies more than ${formatCount(MAX_FRACTIONAL_COORDINATE)} cells from the origin, too far to keep its place in the cell`
    : 'is not a finite number';
}
