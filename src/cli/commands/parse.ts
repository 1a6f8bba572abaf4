import { composition, positionCount } from '../../core/crystal';
import { ingestFile } from '../../core/ingest/ingest';
import type { IngestEntry } from '../../core/ingest/types';
import { parseArgs } from '../args';
import { listInputPaths, readInputFile, UsageError } from '../files';

/** The JSON shape of one entry, as docs/cli.md gives it. */
export function entryJson(entry: IngestEntry) {
  if (!entry.ok) return { source: entry.source, ok: false, error: entry.error, warnings: entry.warnings };
  const c = entry.crystal;
  const { a, b, c: cc, alpha, beta, gamma } = c.lattice;
  return {
    source: entry.source,
    ok: true,
    warnings: entry.warnings,
    composition: composition(c),
    nsites: positionCount(c),
    lattice: { a, b, c: cc, alpha, beta, gamma },
    spacegroup: { declared: c.spaceGroup.declared ?? null, detected: c.spaceGroup.detected ?? null, ...(c.spaceGroup.predicted !== undefined && { predicted: c.spaceGroup.predicted }) },
    sites: c.sites.map((s) => (s.occupancy === 1 ? { element: s.element, frac: s.frac } : { element: s.element, frac: s.frac, occupancy: s.occupancy })),
  };
}

/**
 * Prints the entries as one JSON array written as each file is read: a file that is slow or refused never holds
 * back the entries of the files before it. The array is closed even when a path turns out unreadable midway.
 */
export async function runParse(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, [], ['json']);
  if (args.positional.length === 0) throw new UsageError('parse needs at least one PATH');
  const paths = listInputPaths(args.positional);
  out('[');
  let first = true;
  try {
    for (const path of paths) {
      for (const entry of ingestFile(readInputFile(path))) {
        // Each entry as JSON.stringify would indent it inside the array; the comma leads the next one, so that an
        // entry is complete when written.
        out(`${first ? '' : ','} ${JSON.stringify(entryJson(entry), null, 1).replace(/\n/g, '\n ')}`);
        first = false;
      }
      // A piped stdout drains only when the event loop turns: let it before the next (maybe long) file.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    out(']');
  }
  return 0;
}
