/**
 * The CrysTens layout (crystens-spec.md §1 and §3): one module owns the indices, the slots and the
 * normalisations, and both the encoder and the reconstruction use it.
 */

/** Rows, columns and layers of a CrysTens: [64, 64, 4], channels last. */
export const SIZE = 64;
export const LAYERS = 4;
export const ENTRIES = SIZE * SIZE * LAYERS;
/** Header slots h = 0..11 come before the atom slots. */
export const HEADER = 12;
export const MAX_ATOMS = SIZE - HEADER;

/** Header slot of each value (spec §1). */
export const Slot = {
  Z: 0,
  X: 1,
  Y: 2,
  Z_COORD: 3,
  A: 4,
  B: 5,
  C: 6,
  ALPHA: 7,
  BETA: 8,
  GAMMA: 9,
  SPACE_GROUP: 10,
  MASK: 11,
} as const;

export const LATTICE_SLOTS = [Slot.A, Slot.B, Slot.C, Slot.ALPHA, Slot.BETA, Slot.GAMMA] as const;

/** Flat index of entry [row, column, layer]. */
export function entryIndex(row: number, column: number, layer: number): number {
  return (row * SIZE + column) * LAYERS + layer;
}

/** Row (and column) of atom slot s. */
export function atomRow(s: number): number {
  return HEADER + s;
}

/**
 * Normalisation bounds: the lattice-length bound is the dataset's (its largest length with a margin); it
 * travels with the dataset and with every model trained on it.
 */
export interface Normalization {
  /** Lattice lengths are divided by this (Å). */
  readonly lengthBound: number;
}

/** Margin over the dataset's largest lattice length, so that a generated cell slightly larger still fits. */
export const LENGTH_MARGIN = 1.1;

export function normalizationFor(maxLength: number): Normalization {
  if (!(maxLength > 0)) throw new RangeError(`a length bound needs a positive largest length, not ${maxLength}`);
  return { lengthBound: Math.ceil(maxLength * LENGTH_MARGIN) };
}

const SQRT3 = Math.sqrt(3);

/** Forward and inverse normalisation of each kind of value (spec §3). */
export const norm = {
  Z: (z: number) => z / 118,
  coordinate: (f: number) => f,
  length: (l: number, n: Normalization) => l / n.lengthBound,
  angle: (deg: number) => deg / 180,
  spaceGroup: (sg: number) => sg / 230,
  distance: (d: number) => d / SQRT3,
  delta: (d: number) => (d + 1) / 2,
} as const;

export const denorm = {
  Z: (v: number) => v * 118,
  coordinate: (v: number) => v,
  length: (v: number, n: Normalization) => v * n.lengthBound,
  angle: (v: number) => v * 180,
  spaceGroup: (v: number) => v * 230,
  distance: (v: number) => v * SQRT3,
  delta: (v: number) => 2 * v - 1,
} as const;

/** The physical value of header slot h from its normalised value. */
export function denormHeader(h: number, v: number, n: Normalization): number {
  if (h === Slot.Z) return denorm.Z(v);
  if (h <= Slot.Z_COORD) return denorm.coordinate(v);
  if (h <= Slot.C) return denorm.length(v, n);
  if (h <= Slot.GAMMA) return denorm.angle(v);
  if (h === Slot.SPACE_GROUP) return denorm.spaceGroup(v);
  return v;
}

/** Flat indices of the 8 copies of header value h for atom slot s: both strips, all four layers. */
export function headerCopies(h: number, s: number): number[] {
  const r = atomRow(s);
  const out: number[] = [];
  for (let k = 0; k < LAYERS; k++) out.push(entryIndex(h, r, k), entryIndex(r, h, k));
  return out;
}
