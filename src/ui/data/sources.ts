/**
 * The Data panel's sources: each load (the files of one drop or pick, or the example dataset) is a source the
 * researcher can show on its own, keep out of training, or remove. Every row and refused entry names its source.
 */
import type { Crystal } from '../../core/crystal';
import type { CrystalRow } from './table-view';

export interface DataSource {
  readonly id: string;
  /** The file, the folder, or the files it loaded ("3 files: a.cif, b.cif, c.cif"). */
  readonly name: string;
  /** When it was loaded (ms since the epoch). */
  readonly added: number;
  /** Files it read (the example dataset: none). */
  readonly files: number;
  readonly example: boolean;
  /** Kept out of the training set (still shown, compared and exported). */
  readonly excluded: boolean;
}

/**
 * Saved crystals whose source is not on record (loaded before sources were kept, or by another tab whose list of
 * sources this one's replaced) come back as a source of this name; those saved before sources, under this id.
 */
export const EARLIER_SOURCE: Omit<DataSource, 'added'> = {
  id: 'earlier',
  name: 'loaded earlier (source not recorded)',
  files: 0,
  example: false,
  excluded: false,
};

/** Files named in a source's name before "…". */
const NAMED_FILES = 3;

/** A source's name from the names (relative paths) of the files it loaded. */
export function sourceName(names: readonly string[]): string {
  if (names.length === 1) return names[0]!;
  const folders = new Set(names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/')) : undefined)));
  const [folder] = folders;
  if (folders.size === 1 && folder !== undefined) return `${folder}/ (${names.length} files)`;
  const shown = names.slice(0, NAMED_FILES).join(', ');
  return `${names.length} files: ${shown}${names.length > NAMED_FILES ? ', …' : ''}`;
}

/** The crystals of the rows whose source is not kept out of training, in load order. */
export function trainingCrystals(rows: readonly CrystalRow[], sources: readonly DataSource[]): Crystal[] {
  const excluded = new Set(sources.filter((s) => s.excluded).map((s) => s.id));
  return rows.filter((r) => !excluded.has(r.dataSource)).map((r) => r.crystal);
}
