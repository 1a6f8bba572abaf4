import { writeFileSync } from 'node:fs';
import { buildDataset, encodeBatch } from '../../core/crystens/dataset';
import { ENTRIES, LAYERS, SIZE } from '../../core/crystens/layout';
import { writeNpy } from '../../core/crystens/npy';
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
  const { dataset, skipped } = buildDataset(crystals);
  const count = dataset.entries.length;
  const data = encodeBatch(dataset, dataset.entries.map((_, i) => i));
  writeFileSync(target, writeNpy([count, SIZE, SIZE, LAYERS], data));
  const meta = { shape: [count, SIZE, SIZE, LAYERS], normalization: dataset.normalization, entries: dataset.entries, skipped: [...skipped, ...unreadable] };
  writeFileSync(metaPathFor(target), JSON.stringify(meta, null, 1));
  out(JSON.stringify({ encoded: count, skipped: meta.skipped.length, npy: target, meta: metaPathFor(target), bytes: count * ENTRIES * 4 }));
  return 0;
}
