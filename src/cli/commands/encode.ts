import { writeFileSync } from 'node:fs';
import { ENTRIES } from '../../core/crystens/layout';
import { encodeDatasetFiles } from '../../core/export/archives';
import type { Crystal } from '../../core/crystal';
import { ingestFile } from '../../core/ingest/ingest';
import { parseArgs } from '../args';
import { listInputPaths, readInputFile, UsageError } from '../files';

export function metaPathFor(npyPath: string): string {
  return npyPath.replace(/\.npy$/i, '') + '.json';
}

export function runEncode(argv: readonly string[], out: (s: string) => void): number {
  const args = parseArgs(argv, ['out'], []);
  const target = args.options.get('out');
  if (typeof target !== 'string' || !target.endsWith('.npy')) throw new UsageError('encode needs --out X.npy');
  if (args.positional.length === 0) throw new UsageError('encode needs at least one PATH');
  const crystals: Crystal[] = [];
  const unreadable: { source: string; reason: string }[] = [];
  for (const path of listInputPaths(args.positional)) {
    for (const e of ingestFile(readInputFile(path))) {
      if (e.ok) crystals.push(e.crystal);
      else unreadable.push({ source: e.source, reason: e.error });
    }
  }
  const { npy, meta, count } = encodeDatasetFiles(crystals, unreadable);
  writeFileSync(target, npy);
  writeFileSync(metaPathFor(target), JSON.stringify(meta, null, 1));
  out(JSON.stringify({ encoded: count, skipped: meta.skipped.length, npy: target, meta: metaPathFor(target), bytes: count * ENTRIES * 4 }));
  return 0;
}
