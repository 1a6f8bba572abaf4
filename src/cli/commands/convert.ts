import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCif } from '../../core/cif/write';
import { ingestFile } from '../../core/ingest/ingest';
import { parseArgs } from '../args';
import { listInputPaths, readInputFile, UsageError } from '../files';

/** A file name from a source such as `dir/NaCl.cif#NaCl` or `data.csv:12 (mp-1)`. */
function fileNameFor(source: string, used: Set<string>): string {
  const base = source.replace(/^.*[\\/]/, '').replace(/\.(m?cif|csv|zip)(?=[#:]|$)/i, '').replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '') || 'crystal';
  let name = `${base}.cif`;
  for (let i = 2; used.has(name); i++) name = `${base}_${i}.cif`;
  used.add(name);
  return name;
}

export function runConvert(argv: readonly string[], out: (s: string) => void): number {
  const args = parseArgs(argv, ['out'], ['symmetrized']);
  const dir = args.options.get('out');
  if (typeof dir !== 'string') throw new UsageError('convert needs --out DIR');
  if (args.positional.length === 0) throw new UsageError('convert needs at least one PATH');
  const paths = listInputPaths(args.positional);
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  const written: { source: string; file: string }[] = [];
  const failed: { source: string; error: string }[] = [];
  for (const path of paths) {
    for (const entry of ingestFile(readInputFile(path))) {
      if (!entry.ok) {
        failed.push({ source: entry.source, error: entry.error });
        continue;
      }
      const file = join(dir, fileNameFor(entry.source, used));
      writeFileSync(file, writeCif(entry.crystal, { symmetrized: args.options.has('symmetrized') }));
      written.push({ source: entry.source, file });
    }
  }
  out(JSON.stringify({ written, failed }, null, 1));
  return 0;
}
