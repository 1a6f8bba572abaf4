/** Sorting and filtering of the Data panel's crystal table, kept apart from React so that it can be tested. */
import { type Crystal, formula, positionCount } from '../../core/crystal';

export interface CrystalRow {
  /** Index into the data store's crystals (what the other panels focus). */
  readonly index: number;
  readonly source: string;
  readonly crystal: Crystal;
  readonly warnings: readonly string[];
}

export type SortKey = 'source' | 'formula' | 'sites' | 'a' | 'b' | 'c' | 'alpha' | 'beta' | 'gamma' | 'spaceGroup' | 'warnings';

export interface TableOrder {
  readonly key: SortKey;
  readonly descending: boolean;
}

function sortValue(row: CrystalRow, key: SortKey): string | number {
  switch (key) {
    case 'source':
      return row.source;
    case 'formula':
      return formula(row.crystal);
    case 'sites':
      return positionCount(row.crystal);
    case 'spaceGroup':
      return row.crystal.spaceGroup.detected ?? -1;
    case 'warnings':
      return row.warnings.length;
    default:
      return row.crystal.lattice[key];
  }
}

/**
 * Rows whose text holds every word of the query (case-insensitive: source, formula, space-group number and
 * symbol, elements), sorted stably by the key; `null` order keeps the load order.
 */
export function tableView(rows: readonly CrystalRow[], query: string, order: TableOrder | null): CrystalRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = words.length === 0 ? [...rows] : rows.filter((row) => {
    const { detected, detectedSymbol } = row.crystal.spaceGroup;
    const text = `${row.source} ${formula(row.crystal)} ${detected ?? ''} ${detectedSymbol ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  if (!order) return kept;
  const sign = order.descending ? -1 : 1;
  const collator = new Intl.Collator(undefined, { numeric: true });
  const keyed = kept.map((row) => ({ row, value: sortValue(row, order.key) }));
  keyed.sort((p, q) => {
    const c = typeof p.value === 'number' && typeof q.value === 'number' ? p.value - q.value : collator.compare(String(p.value), String(q.value));
    return sign * c || p.row.index - q.row.index;
  });
  return keyed.map((k) => k.row);
}
