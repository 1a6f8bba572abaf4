/**
 * Whether a listed set of symmetry operations forms a space group: the product of any two is again in the list,
 * translations taken modulo the lattice. CIF readers apply the listed operations as given, so a list that is no
 * group (a typo, a truncated list, a hostile file) expands into atoms of no particular symmetry; this finds that.
 */
import { formatCount, MAX_CLOSURE_PRODUCTS } from '../input-limits';
import { composeSymOps, formatSymOp, type SymOp } from './operation';

export type ClosureCheck =
  | { readonly kind: 'group' }
  /** `reason` names a product of two listed operations that is not listed, or says why none can be. */
  | { readonly kind: 'not-a-group'; readonly reason: string }
  /** Too many operations to check every product within MAX_CLOSURE_PRODUCTS, and the sample found no fault. */
  | { readonly kind: 'unchecked'; readonly reason: string };

/** The order of the largest crystallographic point group (m-3m): a space group has no more distinct rotations. */
const MAX_POINT_GROUP_ORDER = 48;

/**
 * Translations match within this (in cells): files write 1/3 as 0.3333 or 0.33333, and a product of two such
 * operations is off by a few 1e-4.
 */
const TRANSLATION_TOLERANCE = 2e-3;

/**
 * The grid translations are hashed on: cells of 1/256 exceed twice the tolerance, so a match lies in the same or
 * a next cell; with at most 48 rotations a key fits in 30 bits, a small integer that Maps hash fastest.
 */
const GRID = 256;

const wrap = (x: number) => x - Math.floor(x);

/**
 * Checks closure of `operations`. Every product is checked when there are at most √maxProducts operations;
 * beyond that each operation is multiplied by itself and by its neighbour in the list, which finds most faults
 * at a cost linear in the list.
 */
export function checkClosure(operations: readonly SymOp[], maxProducts = MAX_CLOSURE_PRODUCTS): ClosureCheck {
  const n = operations.length;
  const rotationIds = new Map<string, number>();
  const rotationOf = new Int32Array(n);
  const rotations: (readonly number[])[] = [];
  for (let i = 0; i < n; i++) {
    const key = operations[i]!.rotation.join(',');
    let id = rotationIds.get(key);
    if (id === undefined) {
      id = rotations.length;
      rotationIds.set(key, id);
      rotations.push(operations[i]!.rotation);
    }
    rotationOf[i] = id;
  }
  if (rotations.length > MAX_POINT_GROUP_ORDER) {
    return {
      kind: 'not-a-group',
      reason: `they hold ${formatCount(rotations.length)} distinct rotations, more than the ${MAX_POINT_GROUP_ORDER} of any crystallographic point group`,
    };
  }
  const products = rotationProducts(rotations, rotationIds);

  // Index: rotation id and translation cell → the operations there (wrapped translations on the GRID).
  const index = new Map<number, number[]>();
  const translations = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const t = operations[i]!.translation;
    for (let k = 0; k < 3; k++) translations[3 * i + k] = wrap(t[k]!);
    const key = cellKey(rotationOf[i]!, translations[3 * i]!, translations[3 * i + 1]!, translations[3 * i + 2]!);
    const bucket = index.get(key);
    if (bucket) bucket.push(i);
    else index.set(key, [i]);
  }

  const product = new Float64Array(3);
  /** Whether a ∘ b is listed; a rotation product outside the list fails at once. */
  const listed = (a: number, b: number): boolean => {
    const r = products[rotationOf[a]! * rotations.length + rotationOf[b]!]!;
    if (r < 0) return false;
    const R = rotations[rotationOf[a]!]!;
    for (let k = 0; k < 3; k++) {
      product[k] = wrap(
        R[3 * k]! * translations[3 * b]! + R[3 * k + 1]! * translations[3 * b + 1]! + R[3 * k + 2]! * translations[3 * b + 2]! + translations[3 * a + k]!,
      );
    }
    return findTranslation(index, translations, r, product);
  };
  const fault = (a: number, b: number): ClosureCheck => {
    const composed = formatSymOp(composeSymOps(operations[a]!, operations[b]!));
    return {
      kind: 'not-a-group',
      reason: `operation ${a + 1} (${formatSymOp(operations[a]!)}) times operation ${b + 1} (${formatSymOp(operations[b]!)}) gives ${composed}, which is not listed`,
    };
  };

  if (n * n <= maxProducts) {
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (!listed(a, b)) return fault(a, b);
    return { kind: 'group' };
  }
  for (let a = 0; a < n; a++) {
    if (!listed(a, a)) return fault(a, a);
    const b = (a + 1) % n;
    if (!listed(a, b)) return fault(a, b);
  }
  return {
    kind: 'unchecked',
    reason: `${formatCount(n)} operations have ${formatCount(n * n)} products, more than the ${formatCount(maxProducts)} checked; the ${formatCount(2 * n)} sampled are all listed`,
  };
}

/** The id of each product of two distinct rotations (a × rotations + b), or -1 where it is not among them. */
function rotationProducts(rotations: readonly (readonly number[])[], ids: ReadonlyMap<string, number>): Int32Array {
  const m = rotations.length;
  const out = new Int32Array(m * m);
  const p = new Array<number>(9);
  for (let a = 0; a < m; a++) {
    const A = rotations[a]!;
    for (let b = 0; b < m; b++) {
      const B = rotations[b]!;
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) p[3 * i + j] = A[3 * i]! * B[j]! + A[3 * i + 1]! * B[3 + j]! + A[3 * i + 2]! * B[6 + j]!;
      }
      out[a * m + b] = ids.get(p.join(',')) ?? -1;
    }
  }
  return out;
}

/** The GRID cell of a coordinate, wrapped around the unit cell. */
function gridCell(v: number): number {
  const c = Math.floor(v * GRID) % GRID;
  return c < 0 ? c + GRID : c;
}

/** A number naming the rotation and a GRID cell (each index wrapped around the unit cell). */
function keyOf(rotation: number, cx: number, cy: number, cz: number): number {
  return ((rotation * GRID + ((cx + GRID) % GRID)) * GRID + ((cy + GRID) % GRID)) * GRID + ((cz + GRID) % GRID);
}

function cellKey(rotation: number, x: number, y: number, z: number): number {
  return keyOf(rotation, gridCell(x), gridCell(y), gridCell(z));
}

/** Whether an operation with rotation `r` has a translation within the tolerance of `t` (modulo 1). */
function findTranslation(index: ReadonlyMap<number, number[]>, translations: Float64Array, r: number, t: Float64Array): boolean {
  const cx = gridCell(t[0]!);
  const cy = gridCell(t[1]!);
  const cz = gridCell(t[2]!);
  // The translation's own cell first: a true group's products are found there almost always. Neighbours are
  // found by cell index, not by shifting t (0.49999999999999994 + 1/256 rounds into the cell after next).
  if (inBucket(index.get(keyOf(r, cx, cy, cz)), translations, t)) return true;
  for (let dx = -1; dx <= 1; dx++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dz = -1; dz <= 1; dz++) {
        if ((dx !== 0 || dy !== 0 || dz !== 0) && inBucket(index.get(keyOf(r, cx + dx, cy + dy, cz + dz)), translations, t)) return true;
      }
    }
  }
  return false;
}

function inBucket(bucket: readonly number[] | undefined, translations: Float64Array, t: Float64Array): boolean {
  if (!bucket) return false;
  for (const i of bucket) {
    let close = true;
    for (let k = 0; k < 3 && close; k++) {
      const d = Math.abs(translations[3 * i + k]! - t[k]!);
      close = Math.min(d, 1 - d) <= TRANSLATION_TOLERANCE;
    }
    if (close) return true;
  }
  return false;
}
