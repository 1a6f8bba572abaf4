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

export function runParse(argv: readonly string[], out: (s: string) => void): number {
  const args = parseArgs(argv, [], ['json']);
  if (args.positional.length === 0) throw new UsageError('parse needs at least one PATH');
  const entries = listInputPaths(args.positional).flatMap((path) => ingestFile(readInputFile(path)));
  out(JSON.stringify(entries.map(entryJson), null, 1));
  return 0;
}
