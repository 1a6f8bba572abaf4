import { composition, positionCount } from '../../core/crystal';
import type { IngestEntry } from '../../core/ingest/types';
import { parseArgs } from '../args';
import { listInputPaths, UsageError } from '../files';
import { DEFAULT_THREADS, readInputs } from '../ingest-pool';

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
 * Prints the entries as one JSON array written as they are read (a large CSV's rows on every core, in order): a
 * file that is slow or refused never holds back the entries before it. The array is closed even when a path
 * turns out unreadable midway.
 */
export async function runParse(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['threads'], ['json']);
  if (args.positional.length === 0) throw new UsageError('parse needs at least one PATH');
  const threads = args.options.has('threads') ? Number(args.options.get('threads')) : DEFAULT_THREADS;
  if (!(Number.isInteger(threads) && threads >= 1 && threads <= 64)) throw new UsageError(`--threads is a whole number from 1 to 64, not ${String(args.options.get('threads'))}`);
  const paths = listInputPaths(args.positional);
  out('[');
  let first = true;
  try {
    for await (const entries of readInputs(paths, threads)) {
      for (const entry of entries) {
        // Each entry as JSON.stringify would indent it inside the array; the comma leads the next one, so that an
        // entry is complete when written.
        out(`${first ? '' : ','} ${JSON.stringify(entryJson(entry), null, 1).replace(/\n/g, '\n ')}`);
        first = false;
      }
      // A piped stdout drains only when the event loop turns: let it before the next (maybe long) piece.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    out(']');
  }
  return 0;
}
