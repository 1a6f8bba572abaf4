import type { ZipLimits } from '../zip/read';

/** One file handed to the importer: a name (a path for folders and zips) and its bytes. */
export interface InputFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export type { IngestEntry } from '../cif/read';

export interface IngestOptions {
  /** Distance tolerance (Å) for space-group detection; pymatgen's get_space_group_info uses 0.01. */
  readonly symprec?: number;
  /** Called after each input file with the number done so far. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Caps on inflating archives (INGEST_ZIP_LIMITS unless given; tests give small ones). */
  readonly zipLimits?: ZipLimits;
}
