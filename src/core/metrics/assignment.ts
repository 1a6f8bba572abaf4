/**
 * Minimum-cost perfect assignment of a square cost matrix (the Hungarian method with row and column potentials
 * and shortest augmenting paths, O(n³)). pymatgen's StructureMatcher solves the same problem with LAPJV
 * (`pymatgen.optimization.linear_assignment`); both return the optimum, so they agree except on exact ties.
 *
 * Forbidden pairs carry the cost Infinity. pymatgen writes 1e20 there instead and lets the matching fail later
 * on the huge distance; an Infinity that cannot be avoided makes this function return null, the same verdict
 * without arithmetic on 1e20.
 */

interface Scratch {
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly rowOfColumn: Int32Array;
  readonly way: Int32Array;
  readonly minv: Float64Array;
  readonly used: Uint8Array;
}

// The matcher solves thousands of small assignments per pair of crystals; their buffers are kept per size.
const scratchBySize = new Map<number, Scratch>();

function scratch(n: number): Scratch {
  let s = scratchBySize.get(n);
  if (!s) {
    s = {
      u: new Float64Array(n + 1),
      v: new Float64Array(n + 1),
      rowOfColumn: new Int32Array(n + 1),
      way: new Int32Array(n + 1),
      minv: new Float64Array(n + 1),
      used: new Uint8Array(n + 1),
    };
    scratchBySize.set(n, s);
  }
  s.u.fill(0);
  s.v.fill(0);
  s.rowOfColumn.fill(0);
  s.way.fill(0);
  return s;
}

/**
 * @param cost row-major n×n costs (rows: sites of one structure, columns: sites of the other)
 * @returns for each row the column assigned to it, or null when every assignment uses a forbidden pair
 */
export function minimumCostAssignment(cost: Float64Array, n: number): Int32Array | null {
  // 1-based arrays as in the textbook formulation; index 0 is the virtual root of each augmenting path.
  const { u, v, rowOfColumn, way, minv, used } = scratch(n);
  for (let row = 1; row <= n; row++) {
    rowOfColumn[0] = row;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOfColumn[j0]!;
      let delta = Infinity;
      let j1 = -1;
      const base = (i0 - 1) * n - 1;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const reduced = cost[base + j]! - u[i0]! - v[j]!;
        if (reduced < minv[j]!) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      if (j1 < 0 || delta === Infinity) return null;
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[rowOfColumn[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (rowOfColumn[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOfColumn[j0] = rowOfColumn[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const columnOfRow = new Int32Array(n);
  for (let j = 1; j <= n; j++) columnOfRow[rowOfColumn[j]! - 1] = j - 1;
  return columnOfRow;
}
