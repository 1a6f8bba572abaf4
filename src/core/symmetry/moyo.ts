/**
 * The symmetry library: @spglib/moyo-wasm. Space-group detection and the operations of every setting
 * (530 Hall symbols) come from it; no space-group table is written by hand here.
 */
import init, {
  analyze_cell,
  hall_symbol_entry,
  initSync,
  operations_from_number,
  space_group_type,
  type MoyoHallSymbolEntry,
  type MoyoOperation,
} from '@spglib/moyo-wasm';
import type { Lattice } from '../lattice';
import type { SymOp } from './operation';

/** Distance tolerance (Å) of space-group detection, as pymatgen's get_space_group_info. */
export const DEFAULT_SYMPREC = 0.01;

let ready = false;

/** Loads the WebAssembly module: bytes (Node, tests) or a URL (the page and workers). Safe to call twice. */
export async function initMoyo(wasm: string | URL | BufferSource): Promise<void> {
  if (ready) return;
  if (typeof wasm === 'string' || wasm instanceof URL) await init({ module_or_path: wasm });
  else initSync({ module: wasm });
  ready = true;
}

function assertReady(): void {
  if (!ready) throw new Error('the symmetry library is not loaded: call initMoyo first');
}

export interface DetectedSpaceGroup {
  readonly number: number;
  readonly symbol: string;
  readonly hallNumber: number;
  /** The operations of the group in the frame of the given cell. */
  readonly operations: readonly SymOp[];
  /** For each input position, the index of the first position of its orbit. */
  readonly orbits: readonly number[];
}

/**
 * Detects the space group of a periodic structure. `types` labels chemically distinct sites (atomic numbers,
 * or ids of distinct species mixtures for disordered sites). `symprec` is in Å.
 */
export function detectSpaceGroup(
  lattice: Lattice,
  positions: readonly (readonly number[])[],
  types: readonly number[],
  symprec: number,
): DetectedSpaceGroup {
  assertReady();
  const cell = JSON.stringify({ lattice: { basis: lattice.matrix }, positions, numbers: types });
  const d = analyze_cell(cell, symprec, 'Spglib');
  return {
    number: d.number,
    symbol: d.hm_symbol,
    hallNumber: d.hall_number,
    operations: d.operations.map(fromMoyo),
    orbits: d.orbits,
  };
}

/** moyo's standardised cell in the ITA standard setting: lattice rows, positions idealised to the group. */
export function standardCell(
  lattice: Lattice,
  positions: readonly (readonly number[])[],
  types: readonly number[],
  symprec: number,
): { lattice: number[]; positions: number[][]; types: number[]; hallNumber: number } {
  assertReady();
  const d = analyze_cell(JSON.stringify({ lattice: { basis: lattice.matrix }, positions, numbers: types }), symprec, 'Standard');
  return { lattice: [...d.std_cell.lattice.basis], positions: d.std_cell.positions, types: d.std_cell.numbers, hallNumber: d.hall_number };
}

export const HALL_NUMBERS = 530;

let hallEntries: MoyoHallSymbolEntry[] | undefined;

/** The 530 settings (Hall symbols) with their H-M symbols. */
export function allHallEntries(): readonly MoyoHallSymbolEntry[] {
  assertReady();
  hallEntries ??= Array.from({ length: HALL_NUMBERS }, (_, i) => hall_symbol_entry(i + 1));
  return hallEntries;
}

/** The Hall number of the ITA standard setting of a space-group number. */
export function standardHallNumber(spaceGroup: number): number {
  assertReady();
  return space_group_type(spaceGroup).hall_number;
}

/** All operations (centring included) of a setting, in its conventional cell. */
export function operationsOfHallNumber(hallNumber: number): SymOp[] {
  assertReady();
  const entry = allHallEntries()[hallNumber - 1];
  if (!entry) throw new RangeError(`no Hall number ${hallNumber}`);
  return operations_from_number(entry.number, { type: 'HallNumber', value: hallNumber }, false).map(fromMoyo);
}

/** moyo serialises its 3×3 rotations column by column (nalgebra's storage order); ours are row-major. */
function fromMoyo(op: MoyoOperation): SymOp {
  const r = op.rotation;
  return { rotation: [r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]], translation: op.translation };
}
