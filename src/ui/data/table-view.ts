/**
 * Sorting and filtering of the Data panel's crystal table, kept apart from React so that it can be tested. The
 * view is computed in steps (a generator) that a scheduler runs in time slices (time-slices.ts): at 50k rows a
 * sort by formula takes longer than a frame, and the page keeps drawing meanwhile.
 */
import { type Crystal, formula, positionCount } from '../../core/crystal';
import { formulaText } from '../formula-text';
import type { IngestEntry } from '../../core/ingest/types';

export interface CrystalRow {
  /** Index into the data store's crystals (what the other panels focus). */
  readonly index: number;
  /** The id of the load it came from (sources.ts). */
  readonly dataSource: string;
  /** Where in that load's files: the file, and the block or row. */
  readonly source: string;
  readonly crystal: Crystal;
  readonly warnings: readonly string[];
  readonly formula: string;
  /** Species sharing a disordered position count once, as pymatgen counts sites. */
  readonly sites: number;
  /** What the filter searches, lower case: source, formula, space-group number and symbol. */
  readonly text: string;
}

export type CrystalEntry = Extract<IngestEntry, { ok: true }>;

/** A row of the table, its derived columns computed once (when its chunk of entries arrives), not at every sort. */
export function crystalRow(index: number, entry: CrystalEntry, dataSource: string): CrystalRow {
  const { crystal } = entry;
  const shown = formulaText(crystal);
  const { detected, detectedSymbol } = crystal.spaceGroup;
  return {
    index,
    dataSource,
    source: entry.source,
    crystal,
    // A block's warnings may be carried by the entry, the crystal, or both.
    warnings: [...new Set([...entry.warnings, ...crystal.warnings])],
    formula: shown,
    sites: positionCount(crystal),
    // The filter reads the cell formula with its elements apart (Hill order, as CIFs write it): in a formula written
    // together, "ti" would also find PtIn.
    text: `${entry.source} ${formula(crystal)} ${detected ?? ''} ${detectedSymbol ?? ''}`.toLowerCase(),
  };
}

export type SortKey = 'source' | 'formula' | 'sites' | 'a' | 'b' | 'c' | 'alpha' | 'beta' | 'gamma' | 'spaceGroup' | 'warnings';

export interface TableOrder {
  readonly key: SortKey;
  readonly descending: boolean;
}

/** The order a click on a column's header gives: ascending, then descending, then load order again. */
export function nextOrder(order: TableOrder | null, key: SortKey): TableOrder | null {
  if (order?.key !== key) return { key, descending: false };
  return order.descending ? null : { key, descending: true };
}

/** Digit runs are compared by value below 10^DIGITS (file names and amounts are far below). */
const DIGITS = 16;

/**
 * A string whose plain (code unit) order is the natural order of `text`: case folded, and every run of digits
 * padded to the same width so that "file_9" comes before "file_10" (what Intl.Collator's numeric option does,
 * at a fraction of its cost per comparison: a sort compares each row about log2(n) times).
 */
export function naturalKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(DIGITS, '0'));
}

function sortValue(row: CrystalRow, key: SortKey): string | number {
  switch (key) {
    case 'source':
      return naturalKey(row.source);
    case 'formula':
      return naturalKey(row.formula);
    case 'sites':
      return row.sites;
    case 'spaceGroup':
      return row.crystal.spaceGroup.detected ?? -1;
    case 'warnings':
      return row.warnings.length;
    default:
      return row.crystal.lattice[key];
  }
}

/** Rows filtered, and rows given their sort key (a string's costs more), between two steps of a view. */
const FILTER_STEP = 4096;
const KEY_STEP = 1024;
/** Sorted runs the merge sort starts from, each sorted by the engine in one step. */
const RUN = 1024;

/**
 * Rows whose text holds every word of the query (case-insensitive), sorted stably by the order's key (`null`
 * keeps the load order). Yields between steps; returns the rows.
 */
export function* tableViewSteps(rows: readonly CrystalRow[], query: string, order: TableOrder | null): Generator<void, readonly CrystalRow[]> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  let kept: readonly CrystalRow[] = rows;
  if (words.length > 0) {
    const found: CrystalRow[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (words.every((w) => row.text.includes(w))) found.push(row);
      if (i % FILTER_STEP === FILTER_STEP - 1) yield;
    }
    kept = found;
  }
  if (!order) return kept;
  const values: (string | number)[] = new Array<string | number>(kept.length);
  for (let i = 0; i < kept.length; i++) {
    values[i] = sortValue(kept[i]!, order.key);
    if (i % KEY_STEP === KEY_STEP - 1) yield;
  }
  const sign = order.descending ? -1 : 1;
  // Positions in `kept` follow the load order, so ties broken by position keep it (a stable sort both ways).
  const compare = (p: number, q: number) => {
    const x = values[p]!;
    const y = values[q]!;
    return (x < y ? -sign : x > y ? sign : 0) || p - q;
  };
  const sorted = yield* mergeSortSteps(kept.length, compare);
  return Array.from(sorted, (p) => kept[p]!);
}

/** The positions 0 … n − 1 sorted by `compare`: runs sorted one per step, then merged pairwise, a merge per step. */
function* mergeSortSteps(n: number, compare: (p: number, q: number) => number): Generator<void, Uint32Array> {
  let from = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  let to = new Uint32Array(n);
  for (let lo = 0; lo < n; lo += RUN) {
    from.subarray(lo, Math.min(lo + RUN, n)).sort(compare);
    yield;
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      merge(from, to, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n), compare);
      yield;
    }
    [from, to] = [to, from];
  }
  return from;
}

/** Merges the sorted from[lo, mid) and from[mid, hi) into to[lo, hi), the left one first among equals. */
function merge(from: Uint32Array, to: Uint32Array, lo: number, mid: number, hi: number, compare: (p: number, q: number) => number): void {
  let i = lo;
  let j = mid;
  for (let k = lo; k < hi; k++) to[k] = j >= hi || (i < mid && compare(from[i]!, from[j]!) <= 0) ? from[i++]! : from[j++]!;
}
