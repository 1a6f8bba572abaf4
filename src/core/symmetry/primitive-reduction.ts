/**
 * A supercell reduced to its primitive cell before space-group detection. moyo finds a supercell's pure
 * translations itself, but its work then grows about as the fourth power of their number (measured on the project
 * machine: a 4×4×4 rock-salt supercell, 512 sites and 256 translations, 15.6 s; 400 sites on one lattice, 58 s),
 * so a 1,000-site supercell would stall a batch for an hour. Here each candidate translation costs at most one
 * neighbour-grid lookup per position, and moyo is handed the primitive cell, whose space group is the same.
 *
 * Not metrics/primitive-cell.ts: that one follows pymatgen's get_primitive_structure at 0.25 Å, what the structure
 * matcher needs, and compares every pair of sites; this one works at the symmetry tolerance moyo is given.
 */
import { type Lattice, cartToFrac, fracToCart, latticeFromMatrix, wrapFrac } from '../lattice';
import { niggliReduce } from '../metrics/niggli';
import { NeighbourGrid } from '../neighbours';
import { seededRandom } from '../random';

/** Positions (fractional) each with a type: what moyo reads. Equal types are interchangeable sites. */
export interface TypedCell {
  readonly lattice: Lattice;
  readonly positions: readonly (readonly [number, number, number])[];
  readonly types: readonly number[];
}

export type PrimitiveReduction =
  | { readonly ok: true; readonly cell: TypedCell; /** How many times the primitive cell fits in the given one. */ readonly translations: number }
  | { readonly ok: false; readonly reason: string };

/**
 * The primitive cell of `cell` at `symprec` (Å), one position per orbit of the translations (the given cell itself
 * when it has none), its positions in a fixed random order: moyo, like the search here, rejects a candidate
 * operation at the first position it carries onto none, and a random order meets one soonest (a 3,100-site P1 mesh
 * with its last rows missing: 49 s in file order, 7.8 s shuffled, on a busy machine). Work: at most (positions of the
 * rarest type) × (positions) grid lookups. Refused with a reason when the translations found do not form a group,
 * which happens only when positions are uneven by about the tolerance.
 */
export function primitiveReduction(cell: TypedCell, symprec: number): PrimitiveReduction {
  const { lattice, positions, types } = cell;
  const n = positions.length;
  const rarest = rarestType(types);
  const anchor = types.indexOf(rarest);
  if (anchor < 0) return { ok: true, cell, translations: 1 };
  const grid = new NeighbourGrid(lattice.matrix, symprec, n);
  for (const p of positions) grid.add(p[0], p[1], p[2]);

  const orbits = new Orbits(n);
  const image = new Int32Array(n);
  const order = shuffledIndices(n);
  /** Each accepted translation, averaged over all the pairs it maps (fractional, unwrapped). */
  const found: [number, number, number][] = [];
  const p0 = positions[anchor]!;
  for (let j = 0; j < n; j++) {
    if (j === anchor || types[j] !== rarest) continue;
    const pj = positions[j]!;
    const t = [pj[0] - p0[0], pj[1] - p0[1], pj[2] - p0[2]] as const;
    const mean = mapsOntoItself(grid, positions, types, order, t, image);
    if (!mean) continue;
    found.push(mean);
    for (let i = 0; i < n; i++) orbits.join(i, image[i]!);
  }
  if (found.length === 0) {
    return { ok: true, cell: { lattice, positions: [...order].map((i) => positions[i]!), types: [...order].map((i) => types[i]!) }, translations: 1 };
  }

  const m = found.length + 1;
  const tolerance = `${symprec} Å`;
  const uneven = orbits.sizeOtherThan(m);
  if (uneven !== undefined) {
    return {
      ok: false,
      reason: `the translations that map the structure onto itself at ${tolerance} (${m - 1} besides the identity) do not form a group: together they carry a site onto ${uneven} positions rather than ${m}; its positions are uneven by about the tolerance`,
    };
  }
  // Every translation t of a group of m satisfies m·t ∈ ℤ³, so the primitive lattice is (1/m)·L for the integer
  // lattice L spanned by m·ℤ³ and the m·t; its cell is 1/m of the given one exactly when det L = m².
  const integer = new IntegerLattice(m);
  for (const t of found) integer.add(t.map((x) => Math.round(m * x)));
  if (integer.determinant() !== m * m) {
    return { ok: false, reason: `the translations that map the structure onto itself at ${tolerance} (${m - 1} besides the identity) do not span a lattice ${m} times finer than the cell's` };
  }
  // In a Niggli-reduced basis: the lattice rows above may be long and skewed, and moyo's standard cell of a
  // monoclinic group keeps the plane's basis it is given (codtools 4024913, Cc: a 32 Å axis where 7.6 Å was).
  const basis = integer.rows.map((row) => fracToCart(lattice, [row[0]! / m, row[1]! / m, row[2]! / m]));
  const primitive = latticeFromMatrix([...niggliReduce(basis.flat())]);
  const reduced: [number, number, number][] = [];
  const reducedTypes: number[] = [];
  for (const i of order) {
    if (!orbits.isRepresentative(i)) continue;
    const f = cartToFrac(primitive, fracToCart(lattice, positions[i]!));
    reduced.push([wrapFrac(f[0]), wrapFrac(f[1]), wrapFrac(f[2])]);
    reducedTypes.push(types[i]!);
  }
  return { ok: true, cell: { lattice: primitive, positions: reduced, types: reducedTypes }, translations: m };
}

/** The type with the fewest positions (the first of equals): its positions are the only candidate translations. */
function rarestType(types: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  let rarest = Number.NaN;
  let fewest = Infinity;
  for (const [type, count] of counts) {
    if (count < fewest) [rarest, fewest] = [type, count];
  }
  return rarest;
}

/**
 * 0 … n−1 in a fixed random order. A translation that fails, fails at the positions it carries onto no position:
 * in a file's order those may all come last (a mesh with its last rows missing), in a random order one of them
 * comes within the first n / (their number) tries.
 */
function shuffledIndices(n: number): Int32Array {
  const random = seededRandom(12);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Whether translating by `t` puts every position within the grid's cutoff of a position of its type; if so, fills
 * `image` (position → its nearest image of its type) and returns the translation averaged over all positions, else
 * undefined at the first position (in `order`) left without one.
 */
function mapsOntoItself(
  grid: NeighbourGrid,
  positions: TypedCell['positions'],
  types: readonly number[],
  order: Int32Array,
  t: readonly [number, number, number],
  image: Int32Array,
): [number, number, number] | undefined {
  const sum = [0, 0, 0];
  for (const i of order) {
    const p = positions[i]!;
    const hits = grid.near(p[0] + t[0], p[1] + t[1], p[2] + t[2]);
    let k = -1;
    for (let h = 0; h < hits.count; h++) {
      if (types[hits.index[h]!] === types[i] && (k < 0 || hits.distance2[h]! < hits.distance2[k]!)) k = h;
    }
    if (k < 0) return undefined;
    const q = positions[hits.index[k]!]!;
    image[i] = hits.index[k]!;
    for (let a = 0; a < 3; a++) sum[a]! += q[a]! + hits.image[3 * k + a]! - p[a]!;
  }
  return [sum[0]! / positions.length, sum[1]! / positions.length, sum[2]! / positions.length];
}

/** The orbits of positions under the translations found (union–find). */
class Orbits {
  private readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }

  join(i: number, j: number): void {
    const a = this.root(i);
    const b = this.root(j);
    if (a !== b) this.parent[Math.max(a, b)] = Math.min(a, b);
  }

  /** The size of the first orbit whose size is not `size`, if any. */
  sizeOtherThan(size: number): number | undefined {
    const sizes = new Map<number, number>();
    for (let i = 0; i < this.parent.length; i++) sizes.set(this.root(i), (sizes.get(this.root(i)) ?? 0) + 1);
    return [...sizes.values()].find((s) => s !== size);
  }

  /** Whether i is the first position of its orbit. */
  isRepresentative(i: number): boolean {
    return this.root(i) === i;
  }

  private root(i: number): number {
    let r = i;
    while (this.parent[r] !== r) {
      this.parent[r] = this.parent[this.parent[r]!]!;
      r = this.parent[r]!;
    }
    return r;
  }
}

/**
 * An integer lattice L with m·ℤ³ ⊆ L ⊆ ℤ³, held as an upper-triangular basis (rows). Vectors are added by the
 * extended Euclidean algorithm column by column; since m·ℤ³ ⊆ L, entries right of the diagonal can be taken modulo m,
 * so every product stays below 2m² and exact in doubles.
 */
class IntegerLattice {
  readonly rows: number[][];

  constructor(private readonly m: number) {
    this.rows = [[m, 0, 0], [0, m, 0], [0, 0, m]];
  }

  add(vector: readonly number[]): void {
    const { m } = this;
    let w = vector.map((x) => modulo(x, m));
    for (let k = 0; k < 3; k++) {
      if (w[k] === 0) continue;
      const h = this.rows[k]!;
      const [g, s, t] = extendedGcd(h[k]!, w[k]!);
      const a = h[k]! / g;
      const b = w[k]! / g;
      // A unimodular step on (h, w): the new row has g on the diagonal, the new w a zero in column k. Columns left
      // of k are zero in both; columns right of k may move by multiples of m (rows below k span m·e_j there).
      this.rows[k] = h.map((x, j) => (j > k ? modulo(s * x + t * w[j]!, m) : s * x + t * w[j]!));
      w = h.map((x, j) => (j > k ? modulo(b * x - a * w[j]!, m) : 0));
    }
  }

  determinant(): number {
    return this.rows[0]![0]! * this.rows[1]![1]! * this.rows[2]![2]!;
  }
}

function modulo(x: number, m: number): number {
  return ((x % m) + m) % m;
}

/** [g, s, t] with s·a + t·b = g = gcd(a, b), for a > 0 and b ≥ 0. */
function extendedGcd(a: number, b: number): [number, number, number] {
  let [r0, r1, s0, s1, t0, t1] = [a, b, 1, 0, 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return [r0, s0, t0];
}
