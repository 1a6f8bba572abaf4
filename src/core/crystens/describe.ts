/**
 * What one entry of a CrysTens encodes, in words (spec §1): for the studio's hover readout and for anyone
 * reading a tensor by hand. Every physical value is un-normalised by the layout module.
 */
import { elementByZ } from '../elements';
import { atomRow, denorm, denormHeader, entryIndex, HEADER, headerCopies, type Normalization, Slot } from './layout';

/** Names of the header slots h = 0..11, as the readout writes them. */
export const SLOT_NAMES: readonly string[] = ['Z', 'x', 'y', 'z', 'a', 'b', 'c', 'α', 'β', 'γ', 'space group', 'mask'];

const UNITS: Readonly<Partial<Record<number, string>>> = {
  [Slot.A]: ' Å',
  [Slot.B]: ' Å',
  [Slot.C]: ' Å',
  [Slot.ALPHA]: '°',
  [Slot.BETA]: '°',
  [Slot.GAMMA]: '°',
};

const DELTA_NAMES = ['Δx', 'Δy', 'Δz'] as const;

/** Fixed decimals, with a typographic minus. */
const fixed = (v: number, digits: number) => v.toFixed(digits).replace('-', '−');
/** Up to four decimals, trailing zeros dropped: 0.3394, 0.375, 1. */
const normalised = (v: number) => `normalised ${Number(v.toFixed(4)).toString().replace('-', '−')}`;

/** The element an atom slot holds: its 8 copies of Z, averaged and rounded; '?' outside 1..118. */
export function slotElement(T: ArrayLike<number>, s: number): string {
  const copies = headerCopies(Slot.Z, s);
  const meanZ = copies.reduce((sum, i) => sum + denorm.Z(T[i]!), 0) / copies.length;
  return elementByZ(Math.round(meanZ))?.symbol ?? '?';
}

/**
 * One line describing entry [row, column, layer] of tensor T, whose atom count is `atomCount` (from
 * `countAtoms`). Rows and columns are the tensor's indices (0..63); atoms are numbered from 1, as everything the
 * studio shows numbers them (the reconstruction's vote table, CIF site labels): spec §1's slot s, at row and
 * column 12 + s, is atom s + 1.
 */
export function describeEntry(
  T: ArrayLike<number>,
  n: Normalization,
  atomCount: number,
  row: number,
  column: number,
  layer: number,
): string {
  const value = T[entryIndex(row, column, layer)]!;
  const axis = (i: number) => {
    if (i < HEADER) return `${i} (${SLOT_NAMES[i]})`;
    const s = i - HEADER;
    return s < atomCount ? `${i} (atom ${s + 1}, ${slotElement(T, s)})` : `${i} (empty slot ${s + 1})`;
  };
  const where = `row ${axis(row)}, column ${axis(column)}, layer ${layer}`;
  const alwaysZero = (what: string) => `${where}: ${what} (always 0${value === 0 ? '' : `; here ${normalised(value)}`})`;

  if (row < HEADER && column < HEADER) return alwaysZero('corner');
  if (row >= atomRow(atomCount) || column >= atomRow(atomCount)) return alwaysZero('empty slot');
  if (row < HEADER || column < HEADER) {
    const h = Math.min(row, column);
    const physical = denormHeader(h, value, n);
    const digits = h === Slot.SPACE_GROUP ? 1 : 3;
    return `${where}: ${SLOT_NAMES[h]} = ${fixed(physical, digits)}${UNITS[h] ?? ''} (${normalised(value)})`;
  }
  const [s, t] = [row - HEADER, column - HEADER];
  const atoms = `atoms ${s + 1} (${slotElement(T, s)}) and ${t + 1} (${slotElement(T, t)}), layer ${layer}`;
  const [name, physical] =
    layer === 0 ? ['distance ‖Δf‖', denorm.distance(value)] : [DELTA_NAMES[layer - 1]!, denorm.delta(value)];
  return `${atoms}: ${name} = ${fixed(physical, 3)} (${normalised(value)})`;
}
