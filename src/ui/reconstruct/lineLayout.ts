/** Layout of the step-through's number lines: rows for dots that would sit on each other. */

/**
 * A row for each dot, so that dots closer than `gap` (in pixels) along the line sit in different rows: greedily,
 * in order along the line, each dot takes the first row whose last dot is at least `gap` behind it. Past
 * `maxRows` rows a dot overlaps the row whose last dot is farthest behind (the one with fewer dots on a tie).
 */
export function stackRows(positions: readonly number[], gap: number, maxRows: number): number[] {
  const rows = new Array<number>(positions.length).fill(0);
  const ends: number[] = [];
  const counts: number[] = [];
  const order = positions.map((_, i) => i).sort((a, b) => positions[a]! - positions[b]!);
  for (const i of order) {
    const x = positions[i]!;
    let row = ends.findIndex((end) => x - end >= gap);
    if (row < 0 && ends.length < maxRows) row = ends.length;
    if (row < 0) row = ends.reduce((best, end, r) => (end < ends[best]! || (end === ends[best] && counts[r]! < counts[best]!) ? r : best), 0);
    ends[row] = x;
    counts[row] = (counts[row] ?? 0) + 1;
    rows[i] = row;
  }
  return rows;
}
